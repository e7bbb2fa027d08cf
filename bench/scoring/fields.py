"""Field comparisons of a matched pair of facts: participants, place, time/date, units, counts,
qualifiers, speakers, titles and quote words (the rules are in bench/quality.py's docstring)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from bench.scoring import Json
from bench.scoring.names import Names
from bench.scoring.text import fold


def participants_right(pred: Sequence[str], gold: Sequence[str], names: Names) -> bool:
    return all(any(names.match(p, g) for p in pred) for g in gold) and all(
        any(names.match(p, g) for g in gold) for p in pred
    )


def shared_participants(pred: Sequence[str], gold: Sequence[str], names: Names) -> int:
    return sum(1 for g in gold if any(names.match(p, g) for p in pred))


def place_right(pred: str | None, gold: str | None) -> bool:
    a, b = fold(pred), fold(gold)
    if not a or not b:
        return not a and not b
    return a in b or b in a


TIME_STOP = {"on", "the", "at", "in", "of"}


def time_words(text: str | None) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return " ".join(w for w in words if w not in TIME_STOP)


def time_right(pred: Json, gold: Json) -> bool:
    gold_date, pred_date = gold.get("date"), pred.get("date")
    if gold_date and pred_date and str(pred_date)[:10] in dates_of(gold_date):
        return True
    a, b = time_words(pred.get("time")), time_words(gold.get("time"))
    if not a or not b:
        return not a and not b and not (pred_date and gold_date)
    return a in b or b in a


def dates_of(value: str) -> set[str]:
    """An ISO date, or both ends and the days between of an interval "START/END"."""
    if "/" not in value:
        return {value}
    start, end = value.split("/", 1)
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    days = (last - first).days
    return {(first + dt.timedelta(days=n)).isoformat() for n in range(max(days, 0) + 1)}


def singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


UNIT_SYNONYMS = {"percent": "%", "per cent": "%", "pct": "%"}


def unit_key(unit: str | None) -> str:
    text = fold(unit)
    text = UNIT_SYNONYMS.get(text, text)
    return " ".join(singular(w) for w in text.split())


def unit_right(pred: str | None, gold: str | None) -> bool:
    a, b = unit_key(pred), unit_key(gold)
    if not a or not b:
        return not a and not b
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


STOP_WORDS = {
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "to",
    "for",
    "by",
    "and",
    "from",
    "at",
    "with",
    "s",
    "its",
    "their",
}


def content_words(text: str | None) -> set[str]:
    return {singular(w) for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in STOP_WORDS}


def counts_right(pred: str | None, gold: str | None) -> bool:
    return bool(content_words(pred) & content_words(gold))


QUALIFIER_SYNONYMS = {
    "more than": "over",
    "above": "over",
    "nearly": "about",
    "almost": "about",
    "roughly": "about",
    "approximately": "about",
    "around": "about",
    "some": "about",
    "less than": "under",
    "fewer than": "under",
}


def qualifier_key(value: str | None) -> str:
    text = fold(value)
    return QUALIFIER_SYNONYMS.get(text, text)


def speaker_right(pred: str | None, gold: str | None, names: Names) -> bool:
    gold_text = fold(gold)
    if re.match(r"(a|an|one|the|some) ", gold_text):
        last = gold_text.split()[-1]
        return bool(pred) and singular(last) in {singular(w) for w in fold(pred).split()}
    return names.match(pred, gold)


TITLE_SYNONYMS = {
    "advisor": "adviser",
    "defence": "defense",
    "secretary-general": "secretary general",
}


def title_key(title: str | None) -> str:
    text = fold(title).replace("-", " ")
    words = [TITLE_SYNONYMS.get(w, w) for w in re.findall(r"[a-z0-9'.]+", text)]
    while words and words[0] in {"the", "u.s.", "us"}:
        words = words[1:]
    return " ".join(words)


def title_right(pred: str | None, gold: str | None) -> bool:
    a, b = title_key(pred), title_key(gold)
    if not a or not b:
        return False
    return a == b or a in b or b in a or fuzz.token_set_ratio(a, b) >= 90


def quote_score(pred: str | None, gold: str | None) -> float:
    a, b = fold(pred).strip(" ,.\"'"), fold(gold).strip(" ,.\"'")
    if not a or not b:
        return 0.0
    if min(len(a), len(b)) < 0.3 * max(len(a), len(b)):
        return 0.0
    score = fuzz.partial_ratio(a, b)
    return score if score >= 90 else 0.0
