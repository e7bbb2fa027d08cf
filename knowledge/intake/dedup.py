"""Near duplicates: the same wire story republished by another outlet, with its own headline,
a line added or cut, different punctuation or quotation marks.

The rule, our own and measured (tests/knowledge/intake/test_dedup.py): each article's text,
folded (case, diacritics, punctuation gone) and cut into overlapping runs of `SHINGLE_WORDS`
words, is a set of shingles; two articles are the same story when the shorter one's shingles
are at least `THRESHOLD` contained in the longer's. On the fixtures, a wire story and its
republished copy (new headline, an agency line, a paragraph cut, a sentence added, quotation
marks restyled: tests/data/web/wire-*.html) score 0.87, a copy cut to its first half 1.0,
while the most alike pair of different articles about the same talks (the 5 seeds and 12 dev
articles, and a third fixture page) scores 0.04: the threshold 0.5 sits far from both.
Containment rather than Jaccard, so an outlet that runs only the top of a wire story is still
its copy. No MinHash: exact sets of 64-bit hashes are small (an article of 1,000 words is
1,000 integers) and exact, and the store holds hundreds of articles, not millions.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from anyascii import anyascii

SHINGLE_WORDS = 5
THRESHOLD = 0.5
# Texts with fewer shingles than this are too short to call copies of anything.
MIN_SHINGLES = 20

_WORD = re.compile(r"[a-z0-9]+")


def shingles(text: str) -> frozenset[int]:
    """The set of hashed `SHINGLE_WORDS`-word runs of a text, folded."""
    words = _WORD.findall(anyascii(text).lower())
    runs = (" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1))
    return frozenset(
        int.from_bytes(hashlib.blake2b(run.encode(), digest_size=8).digest(), "big") for run in runs
    )


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """How much of the smaller set the larger contains (0 to 1; 0 when either is too small)."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


@dataclass(frozen=True)
class NearDuplicate:
    """The stored article a new one copies, and how alike they are."""

    article_id: str
    score: float


class DuplicateFinder:
    """Finds, among known articles, the one a new article copies (if any)."""

    def __init__(self, articles: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._known = [(article_id, shingles(text)) for article_id, text in articles]

    def find(self, text: str) -> NearDuplicate | None:
        """The known article `text` is a copy of (the most alike over the threshold)."""
        mine = shingles(text)
        best: NearDuplicate | None = None
        for article_id, theirs in self._known:
            score = similarity(mine, theirs)
            if score >= self.threshold and (best is None or score > best.score):
                best = NearDuplicate(article_id, score)
        return best

    def add(self, article_id: str, text: str) -> None:
        """Knows `text` from now on (an article of the same batch)."""
        self._known.append((article_id, shingles(text)))
