"""Text as the scoring compares it: folded, and sentences that may be split differently."""

from __future__ import annotations

import re

from anyascii import anyascii
from rapidfuzz import fuzz


def fold(text: str | None) -> str:
    """Lower case, diacritics and curly quotes made plain, white space collapsed."""
    if not text:
        return ""
    plain = anyascii(text).lower()
    return re.sub(r"\s+", " ", plain).strip()


def same_sentence(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    short, long_ = sorted((fa, fb), key=len)
    if len(short) >= 30 and short in long_:
        return True
    return fuzz.ratio(fa, fb) >= 90
