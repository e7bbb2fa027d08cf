"""A question as the answer path reads it: cleaned, tokenized, its names matched, its intent.

`analyze_question` turns the raw text into a `Question`: the text to show and the text to
match (Slack markup neutralized, control characters dropped, cut to `MAX_QUESTION_CHARS`),
its words, the actors and places named, the words left over, the numbers written, and the
intent (meeting, role, figure, quote, profile, search, or help) from keywords.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from knowledge.answer.index import FactIndex
from knowledge.answer.matching import NameHit, match_names
from knowledge.answer.text import MARKUP_RE, Token, neutralize_markup, tokenize, truncate
from knowledge.answer.words import (
    FIGURE_CUES,
    FIGURE_TOPICS,
    HELP_WORDS,
    HOW_WORDS,
    MEASURE_NOUNS,
    MEETING_CUES,
    MULTIPLIERS,
    QUOTE_CUES,
    ROLE_CUES,
    STOPWORDS,
    STRONG_MEETING_CUES,
)

MAX_QUESTION_CHARS = 500

_NUMBER_RE = re.compile(
    r"(?<![\w.])([$€£])?\s?(\d+(?:[,.]\d+)*)\s?"
    r"(k|thousand|mn|m|million|bn|b|billion|tn|trillion|%|percent)?(?![a-z])",
    re.IGNORECASE,
)


class Number(NamedTuple):
    """A number in the question: as written, its value, and its value times a multiplier."""

    text: str
    written: float
    scaled: float


@dataclass
class Question:
    """A question analyzed: what to show, its words, names, leftover words, numbers, intent."""

    display: str
    tokens: list[Token]
    hits: list[NameHit]
    actors: list[str]
    places: list[str]
    place_set: frozenset[str]
    leftover: list[Token]
    numbers: list[Number]
    intent: str
    truncated: bool = False
    had_markup: bool = False
    # The words of a clause that dates what is asked ("before meeting Zelenskyy at
    # Mar-a-Lago"): evidence ranks by them; no fact must have them.
    context: list[Token] = field(default_factory=list)


class _Cleaned(NamedTuple):
    display: str
    matching: str
    truncated: bool
    had_markup: bool


def analyze_question(raw: str, index: FactIndex) -> Question:
    """The question cleaned, tokenized, its names matched against the index, and its intent."""
    display, matching, truncated, had_markup = _clean_question(raw)
    tokens = tokenize(matching)
    hits = match_names(tokens, index)
    context = _context_start(tokens, hits)
    # "did Trump call Putin before meeting Zelenskyy at Mar-a-Lago": what comes after "before"
    # says when; its names are words to rank by, not actors or places the facts must have.
    named = [hit for hit in hits if hit.start < context]
    used = {i for hit in named for i in range(hit.start, hit.end)}
    actors: list[str] = []
    places: list[str] = []
    for hit in named:
        target = places if hit.is_place else actors
        if hit.name not in target:
            target.append(hit.name)
    words = [t for t in tokens if t.norm not in STOPWORDS and len(t.norm) > 1]
    leftover = [t for t in words if t.index not in used and t.index < context]
    numbers = _numbers(matching)
    return Question(
        display=display,
        tokens=tokens,
        hits=named,
        actors=actors,
        places=places,
        place_set=frozenset(p for hit in hits if hit.is_place for p in hit.places),
        leftover=leftover,
        numbers=numbers,
        intent=intent(tokens, actors, places, numbers),
        truncated=truncated,
        had_markup=had_markup,
        context=[t for t in words if t.index >= context],
    )


def _context_start(tokens: list[Token], hits: list[NameHit]) -> int:
    """Where a clause that only dates what is asked begins: "before" / "after" / "ahead of" /
    "since" / "following" followed by a meeting ("before meeting Zelenskyy", "after the
    Riyadh talks", "after his call with Trump"), once the question has named an actor before
    it; len(tokens) when there is none."""
    first = min((hit.start for hit in hits if not hit.is_place), default=len(tokens))
    for token in tokens:
        if token.index <= first or token.norm not in _CONTEXT_WORDS:
            continue
        if token.norm == "ahead" and not _next_is(tokens, token.index, "of"):
            continue
        following = {t.norm for t in tokens[token.index + 1 : token.index + 6]}
        if following & _CONTEXT_EVENTS:
            return token.index
    return len(tokens)


def _next_is(tokens: list[Token], position: int, norm: str) -> bool:
    return position + 1 < len(tokens) and tokens[position + 1].norm == norm


_CONTEXT_WORDS = frozenset({"before", "after", "ahead", "since", "following"})
# What such a clause dates by: a meeting, a call, a visit, a round of talks.
_CONTEXT_EVENTS = frozenset(
    {
        *("meeting", "meetings", "meet", "met", "talks", "talk", "call", "calls", "calling"),
        *("summit", "visit", "visiting", "visited", "seeing", "round", "rounds", "session"),
        "hosting",
    }
)


def _clean_question(raw: str) -> _Cleaned:
    """The question to show and the one to match, and whether it was truncated or had markup."""
    raw = raw[: MAX_QUESTION_CHARS * 8]
    raw = re.sub(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]", " ", raw)
    # Lone surrogates (a JSON "\ud800" decodes to one) are not text: U+FFFD, so that
    # every answer encodes as UTF-8.
    raw = raw.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    display = " ".join(neutralize_markup(raw).split())
    matching = " ".join(neutralize_markup(raw, for_matching=True).split())
    had_markup = bool(MARKUP_RE.search(raw) or re.search(r"&lt;[!@#]", raw))
    truncated = False
    if len(display) > MAX_QUESTION_CHARS:
        display = truncate(display, MAX_QUESTION_CHARS)
        truncated = True
    if len(matching) > MAX_QUESTION_CHARS:
        matching = truncate(matching, MAX_QUESTION_CHARS).rstrip("…")
        truncated = True
    return _Cleaned(display, matching, truncated, had_markup)


def _numbers(text: str) -> list[Number]:
    """Numbers in the question: as written, their value, and their value times a multiplier."""
    found: list[Number] = []
    for match in _NUMBER_RE.finditer(text):
        if _is_a_date(text, match):
            continue  # "the Paris summit on 6 January", "May 15": a day, not a figure
        digits = match.group(2)
        digits = digits.replace(",", "") if re.search(r",\d{3}\b", digits) else digits
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            continue
        if not math.isfinite(value):
            continue
        suffix = (match.group(3) or "").lower()
        multiplier = MULTIPLIERS.get(suffix, 1.0)
        found.append(Number(match.group(0).strip(), value, value * multiplier))
    return found


_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTH_AFTER_RE = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH_NAMES})\b\.?", re.I)
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTH_NAMES})\.?\s*$", re.I)


def _is_a_date(text: str, match: re.Match[str]) -> bool:
    """A day of the month written with its month ("6 January", "January 6", "Oct. 17"),
    neither a currency amount nor one with a multiplier."""
    if match.group(1) or match.group(3) or not match.group(2).isdigit():
        return False
    if int(match.group(2)) > 31:
        return False
    after, before = text[match.end() :], text[: match.start()]
    return bool(_MONTH_AFTER_RE.match(after) or _MONTH_BEFORE_RE.search(before))


def intent(
    tokens: list[Token],
    actors: list[str],
    places: list[str],
    numbers: list[Number],
) -> str:
    """What kind of question it is, from its keywords and what it names.

    help (nothing to look for), figure ("how many", a measure, a number), quote, role ("who
    is", "role"), meeting (a meeting word or a place), else a profile of the actors named or
    a free search. The router answers each with the kind of the same name.
    """
    norms = [t.norm for t in tokens]
    words = set(norms)
    if not tokens or (words <= HELP_WORDS | STOPWORDS and not actors and not places):
        return "help"
    how_many = any(a == "how" and b in HOW_WORDS for a, b in zip(norms, norms[1:], strict=False))
    if how_many or (words & MEASURE_NOUNS and not words & STRONG_MEETING_CUES):
        return "figure"
    if words & QUOTE_CUES:
        return "quote"
    figure_words = words & (FIGURE_CUES - {"how", "many", "much"} | FIGURE_TOPICS)
    if (numbers or figure_words) and not words & STRONG_MEETING_CUES:
        return "figure"
    who_is = any(
        a == "who" and b in ("is", "are", "was") for a, b in zip(norms, norms[1:], strict=False)
    )
    # "who was at the Paris summit", "who was in the room": who attended, not who someone is
    present = any(
        a == "who" and b in ("was", "were") and c == "at"
        for a, b, c in zip(norms, norms[1:], norms[2:], strict=False)
    )
    if present or "room" in words:
        who_is = False
    if words & ROLE_CUES:
        return "role"
    if who_is and not words & STRONG_MEETING_CUES and (actors or not places):
        return "role"
    if words & MEETING_CUES or places:
        return "meeting"
    return "profile" if actors else "search"
