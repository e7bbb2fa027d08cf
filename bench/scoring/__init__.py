"""The parts of bench/quality.py (its module docstring holds the scoring rules).

corpus.py (the quality data and the bot's fact base, through its command line), text.py
(folding and sentence matching), answers.py (must / must_not), peer.py (the BM25 peer),
names.py and fields.py (name and field comparisons), facts.py (fact matching, P/R/F1),
report.py (the tables, failure listings and --json figures).
"""

from typing import Any

Json = dict[str, Any]
