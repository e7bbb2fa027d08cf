"""Benchmarks of the answer path (printed figures, not tests); see bench/answers.py."""
