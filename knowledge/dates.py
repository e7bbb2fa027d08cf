"""Dates: an article's publication date, and a fact's time expression as an ISO date.

Explicit dates are read as written ("Dec. 2", "Jan. 23-24", "23 November", "18-19 December",
"August 15, 2025"); relative expressions ("on Tuesday", "yesterday", "last week", "earlier this
month", "the weekend", "in October") are resolved against the article's publication date, in
the direction the fact's tense gives: a meeting held on "Tuesday" is the last Tuesday up to the
publication date, one planned for "Tuesday" the next. Without a publication date only a date
that names its year is resolved; everything else stays the expression as written.

A resolved value is one ISO date ("2025-11-25") or an interval "START/END" (a week, a month,
"on Monday and Tuesday"), as in the gold files. Plain Python: no spaCy, no third-party parser,
since the expressions news prose uses are few and their direction depends on the tense, which
only the rules know.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "future", "any"]

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAYS = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|to|and)\s*(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
_DAY_MONTH = re.compile(r"\b" + _DAYS + r"\s+(?:of\s+)?" + _MONTH + r"\b" + _YEAR)
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+" + _DAYS + r"\b" + _YEAR)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_MONTH_ALONE = re.compile(r"\b" + _MONTH + r"(?:\s+(?P<year>(?:19|20)\d{2}))?\b")
_YEAR_ALONE = re.compile(r"\b(?:in\s+)?(?P<year>(?:19|20)\d{2})\b")
_WEEKDAY = re.compile(
    r"\b(?:(?P<which>last|next|this|past|coming)\s+)?(?P<weekday>"
    + "|".join(WEEKDAYS)
    + r")(?:['’]s)?\b"
)
_DAYS_AGO = re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven)\s+days?\s+ago\b")
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

# A line that is only a date, perhaps with a weekday, a time and a time zone: a dateline of
# publication ("Sun 23 Nov 2025 22.10 GMT", "Published: November 25, 2025 at 9:00 a.m.").
_TIME = r"(?:\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
_ZONE = r"(?:GMT|BST|CET|CEST|EET|EEST|UTC|MSK|EST|EDT|CST|CDT|PST|PDT|ET|PT)"
_DATE_LINE_EXTRAS = re.compile(
    r"\b(?:published|updated|last updated|posted|first published|on|at|"
    + "|".join(WEEKDAYS)
    + r"|"
    + "|".join(name[:3] for name in WEEKDAYS)
    + r")\b\.?|"
    + _TIME
    + r"|\b"
    + _ZONE
    + r"\b|[|,:·•()+\-–—]|\s",
    re.IGNORECASE,
)
# A line that is only a time, maybe with its zone: a live blog's entry stamp ("22.10 GMT").
TIME_LINE = re.compile(
    r"^\s*(?:\d+\s*(?:h|hr|min|m)\s+ago\s*)?" + _TIME + r"(?:\s+" + _ZONE + r")?\s*$"
    r"|^\s*" + _ZONE + r"\s*$",
    re.IGNORECASE,
)


def iso(day: date) -> str:
    return day.isoformat()


def interval(start: date, end: date) -> str:
    """One ISO date, or "START/END" when the interval is longer than a day."""
    return iso(start) if start >= end else f"{iso(start)}/{iso(end)}"


def parse_iso(text: str | None) -> date | None:
    """The date an ISO string ("2025-11-25", or an interval's start) names, if any."""
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """A date written in full, with its year: "2025-11-25", "25 November 2025", "Nov. 25, 2025"."""
    lower = text.lower()
    match = _ISO.search(lower)
    if match is not None:
        return _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        found = pattern.search(lower)
        if found is not None and found["year"]:
            return _safe_date(int(found["year"]), MONTHS[found["month"]], int(found["day"]))
    return None


def date_line(line: str) -> str | None:
    """The ISO date of a line that holds nothing but a date (and a weekday, time, zone)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return None
    found = parse_date(stripped)
    if found is None:
        return None
    # A place after the date and time: "October 16, 2025, 21:00, The Kremlin, Moscow".
    stripped = re.sub(r"(?:,\s*(?:The\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)+$", "", stripped)
    rest = _ISO.sub(" ", stripped.lower())
    rest = _DAY_MONTH.sub(" ", rest, count=1)
    rest = _MONTH_DAY.sub(" ", rest, count=1)
    if _DATE_LINE_EXTRAS.sub("", rest):
        return None
    return iso(found)


def leading_date(lines: list[str], within: int = 4) -> str | None:
    """The publication date of an article whose first lines include a line that is a date."""
    for line in lines[:within]:
        found = date_line(line)
        if found is not None:
            return found
    return None


def resolve(expression: str | None, published: str | None, tense: Tense = "past") -> str | None:
    """The ISO date or "START/END" interval `expression` names, read against `published`.

    `tense` says which way a bare weekday or month points: "past" for what happened, "future"
    for what is planned, "any" for the nearest. Returns None when the expression names no
    date, or needs a publication date and there is none.
    """
    if not expression:
        return None
    text = re.sub(r"[–—]", "-", expression.lower()).replace("’", "'")
    explicit = _explicit(text, parse_iso(published), tense)
    if explicit is not None:
        return explicit
    base = parse_iso(published)
    if base is None:
        return None
    for reader in (_days, _weekdays, _weeks, _months, _years):
        found = reader(text, base, tense)
        if found is not None:
            return found
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _explicit(text: str, base: date | None, tense: Tense) -> str | None:
    """ "Dec. 2", "Jan. 23-24", "18-19 December", "August 15, 2025", "2025-08-15"."""
    match = _ISO.search(text)
    if match is not None:
        day_named = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
        return iso(day_named) if day_named else None
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        found = pattern.search(text)
        if found is None:
            continue
        month, day = MONTHS[found["month"]], int(found["day"])
        day2 = int(found["day2"]) if found["day2"] else day
        if found["year"]:
            year = int(found["year"])
        elif base is not None:
            year = _nearest_year(base, month, day, tense)
        else:
            return None
        start, end = _safe_date(year, month, day), _safe_date(year, month, day2)
        if start is None or end is None:
            return None
        return interval(start, end)
    return None


def _nearest_year(base: date, month: int, day: int, tense: Tense) -> int:
    """The year that puts month/day nearest `base` in the tense's direction (half a year at most
    the other way, so "Dec. 28" read on 2 January is last December)."""
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        found = _safe_date(year, month, min(day, 28) if month == 2 else day)
        if found is not None:
            candidates.append(found)
    slack = timedelta(days=45)
    if tense == "past":
        fitting = [c for c in candidates if c <= base + slack]
    elif tense == "future":
        fitting = [c for c in candidates if c >= base - slack]
    else:
        fitting = candidates
    best = min(fitting or candidates, key=lambda c: abs((c - base).days))
    return best.year


def _days(text: str, base: date, _tense: Tense) -> str | None:
    """ "today", "tonight", "yesterday", "tomorrow", "two days ago"."""
    if re.search(r"\bday before yesterday\b", text):
        return iso(base - timedelta(days=2))
    if re.search(r"\byesterday\b", text):
        return iso(base - timedelta(days=1))
    if re.search(r"\bday after tomorrow\b", text):
        return iso(base + timedelta(days=2))
    if re.search(r"\btomorrow\b", text):
        return iso(base + timedelta(days=1))
    if re.search(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|in the day)\b", text):
        return iso(base)
    ago = _DAYS_AGO.search(text)
    if ago is not None:
        n = ago["n"]
        return iso(base - timedelta(days=int(n) if n.isdigit() else _SMALL_NUMBERS[n]))
    return None


def _weekdays(text: str, base: date, tense: Tense) -> str | None:
    """ "on Tuesday", "last Friday", "next Monday", "Thursday evening", "Monday and Tuesday"."""
    found = list(_WEEKDAY.finditer(text))
    if not found:
        return None
    first = _weekday_date(WEEKDAYS[found[0]["weekday"]], found[0]["which"], base, tense)
    if len(found) == 1:
        return iso(first)
    # "on Monday and Tuesday": the days from the first to the last named, in order.
    last_weekday = WEEKDAYS[found[-1]["weekday"]]
    end = first + timedelta(days=(last_weekday - first.weekday()) % 7)
    return interval(first, end)


def _weekday_date(weekday: int, which: str | None, base: date, tense: Tense) -> date:
    back = (base.weekday() - weekday) % 7
    ahead = (weekday - base.weekday()) % 7
    if which in {"last", "past"}:
        return base - timedelta(days=back or 7)
    if which in {"next", "coming"}:
        return base + timedelta(days=ahead or 7)
    if tense == "past":
        return base - timedelta(days=back)
    if tense == "future":
        return base + timedelta(days=ahead)
    return base - timedelta(days=back) if back <= ahead else base + timedelta(days=ahead)


def _weeks(text: str, base: date, tense: Tense) -> str | None:
    """ "last week", "this week", "earlier this week", "next week", "the weekend"."""
    monday = base - timedelta(days=base.weekday())
    if re.search(r"\bweekend\b", text):
        if re.search(r"\b(?:next|coming)\s+weekend\b", text) or (
            tense == "future" and not re.search(r"\b(?:last|past)\s+weekend\b", text)
        ):
            saturday = base + timedelta(days=(5 - base.weekday()) % 7)
            return interval(saturday, saturday + timedelta(days=1))
        saturday = base - timedelta(days=(base.weekday() - 5) % 7)
        if re.search(r"\b(?:last|past)\s+weekend\b", text) and base - saturday < timedelta(2):
            saturday -= timedelta(days=7)
        return interval(saturday, min(saturday + timedelta(days=1), base))
    if re.search(r"\b(?:last|past|previous)\s+week\b", text):
        return interval(monday - timedelta(days=7), monday - timedelta(days=1))
    if re.search(r"\bnext\s+week\b", text):
        return interval(monday + timedelta(days=7), monday + timedelta(days=13))
    if re.search(r"\bearlier\s+this\s+week\b", text):
        return interval(monday, max(monday, base - timedelta(days=1)))
    if re.search(r"\blater\s+this\s+week\b", text):
        return interval(min(base + timedelta(days=1), monday + timedelta(6)), monday + timedelta(6))
    if re.search(r"\bthis\s+week\b", text):
        return interval(monday, monday + timedelta(days=6))
    return None


def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _months(text: str, base: date, tense: Tense) -> str | None:
    """ "last month", "earlier this month", "next month", "in October", "late October 2025"."""
    first, last = _month_interval(base.year, base.month)
    if re.search(r"\b(?:last|past|previous)\s+month\b", text):
        end = first - timedelta(days=1)
        return interval(*_month_interval(end.year, end.month))
    if re.search(r"\bnext\s+month\b", text):
        start = last + timedelta(days=1)
        return interval(*_month_interval(start.year, start.month))
    if re.search(r"\bearlier\s+(?:this|the)\s+month\b", text):
        return interval(first, max(first, base - timedelta(days=1)))
    if re.search(r"\blater\s+this\s+month\b", text):
        return interval(min(base + timedelta(days=1), last), last)
    if re.search(r"\bthis\s+month\b", text):
        return interval(first, last)
    named = _MONTH_ALONE.search(text)
    if named is None or named["month"] in {"may", "mar"} and not _month_context(text, named):
        return None
    month = MONTHS[named["month"]]
    year = int(named["year"]) if named["year"] else _nearest_month_year(base, month, tense)
    return interval(*_month_interval(year, month))


def _month_context(text: str, named: re.Match[str]) -> bool:
    """ "may" and "mar" are months only where a month is expected: "in May", "May 2025"."""
    before = text[: named.start()].split()
    return bool(named["year"]) or (bool(before) and before[-1] in {"in", "of", "early", "late"})


def _nearest_month_year(base: date, month: int, tense: Tense) -> int:
    if tense == "past":
        return base.year if month <= base.month else base.year - 1
    if tense == "future":
        return base.year if month >= base.month else base.year + 1
    return _nearest_year(base, month, 15, tense)


def _years(text: str, base: date, _tense: Tense) -> str | None:
    """ "this year", "last year", "in 2021"."""
    year: int | None = None
    if re.search(r"\bthis\s+year\b", text):
        year = base.year
    elif re.search(r"\blast\s+year\b", text):
        year = base.year - 1
    elif re.search(r"\bnext\s+year\b", text):
        year = base.year + 1
    else:
        found = _YEAR_ALONE.search(text)
        if found is not None:
            year = int(found["year"])
    if year is None:
        return None
    return interval(date(year, 1, 1), date(year, 12, 31))


def tense_of(status: str) -> Tense:
    """Which way a meeting's time points: back for one held, ahead for one planned."""
    if status == "held":
        return "past"
    if status in {"planned", "proposed"}:
        return "future"
    return "any"
