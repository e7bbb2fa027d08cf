"""Name matching: folded equality, the gold files' aliases, or a surname with compatible given
names (see "Names" in bench/quality.py)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from bench.scoring import Json
from bench.scoring.text import fold


class Names:
    """Name matching with the gold files' actors and aliases as one table of variants."""

    def __init__(self, golds: Iterable[Json] = ()) -> None:
        self.groups: dict[str, set[str]] = defaultdict(set)
        for gold in golds:
            for actor in gold.get("actors", []):
                variants = {fold(actor["name"]), *(fold(a) for a in actor.get("aliases", []))}
                variants.discard("")
                for variant in variants:
                    self.groups[variant] |= variants

    def match(self, predicted: str | None, gold: str | None) -> bool:
        a, b = fold(predicted), fold(gold)
        if not a or not b:
            return False
        if a == b or a in self.groups.get(b, ()) or b in self.groups.get(a, ()):
            return True
        return surname_match(a, b)


def surname_match(a: str, b: str) -> bool:
    wa: list[str] = re.findall(r"[a-z0-9']+", a)
    wb: list[str] = re.findall(r"[a-z0-9']+", b)
    if not wa or not wb or fuzz.ratio(wa[-1], wb[-1]) < 85 or min(len(wa[-1]), len(wb[-1])) < 3:
        return False
    given_a, given_b = wa[:-1], wb[:-1]
    if not given_a or not given_b:
        return True
    if set(given_a) & set(given_b):
        return True
    return given_a[0][0] == given_b[0][0]
