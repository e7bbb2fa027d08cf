"""Benchmarks (printed figures, not tests): `bench/run.py` runs them all and prints one table.

answers.py (answer latency, cold ask), synthetic.py (a fact base N times the seeds), extract.py
(build throughput against bare nlp.pipe), http_mode.py (HTTP mode against a bare Bolt app, peak
RSS of `ukraine-bot serve`).
"""
