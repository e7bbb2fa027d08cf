from __future__ import annotations

import pytest

from knowledge.dates import date_line, leading_date, parse_date, resolve, tense_of

# 25 November 2025 was a Tuesday.
TUESDAY = "2025-11-25"


@pytest.mark.parametrize(
    ("expression", "tense", "resolved"),
    [
        ("on Tuesday", "past", "2025-11-25"),
        ("Friday", "past", "2025-11-21"),
        ("on Friday", "future", "2025-11-28"),
        ("Thursday evening", "past", "2025-11-20"),
        ("last Tuesday", "past", "2025-11-18"),
        ("next Monday", "future", "2025-12-01"),
        ("on Monday and Tuesday", "past", "2025-11-24/2025-11-25"),
        ("yesterday", "past", "2025-11-24"),
        ("Yesterday and today", "past", "2025-11-24"),
        ("today", "future", "2025-11-25"),
        ("later in the day", "future", "2025-11-25"),
        ("tomorrow", "future", "2025-11-26"),
        ("last week", "past", "2025-11-17/2025-11-23"),
        ("this week", "any", "2025-11-24/2025-11-30"),
        ("next week", "future", "2025-12-01/2025-12-07"),
        ("over the weekend", "past", "2025-11-22/2025-11-23"),
        ("this weekend", "future", "2025-11-29/2025-11-30"),
        ("earlier this month", "past", "2025-11-01/2025-11-24"),
        ("last month", "past", "2025-10-01/2025-10-31"),
        ("in October", "past", "2025-10-01/2025-10-31"),
        ("in late October", "past", "2025-10-01/2025-10-31"),
        ("in May", "future", "2026-05-01/2026-05-31"),
        ("this year", "past", "2025-01-01/2025-12-31"),
    ],
)
def test_resolve_reads_relative_expressions_against_the_publication_date(
    expression: str, tense: str, resolved: str
) -> None:
    assert resolve(expression, TUESDAY, tense) == resolved  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("expression", "resolved"),
    [
        ("Dec. 2", "2025-12-02"),
        ("on Jan. 23-24", "2026-01-23/2026-01-24"),
        ("23 November", "2025-11-23"),
        ("on 18-19 December", "2025-12-18/2025-12-19"),
        ("Dec. 18-19", "2025-12-18/2025-12-19"),
        ("Aug. 6", "2025-08-06"),
        ("August 15, 2025", "2025-08-15"),
        ("2021", "2021-01-01/2021-12-31"),
    ],
)
def test_resolve_parses_explicit_dates_in_the_nearest_year(expression: str, resolved: str) -> None:
    assert resolve(expression, TUESDAY, "any") == resolved


def test_resolve_without_a_publication_date_keeps_only_dates_that_name_their_year() -> None:
    assert resolve("on Tuesday", None) is None
    assert resolve("Dec. 2", None) is None
    assert resolve("2 December 2025", None) == "2025-12-02"


@pytest.mark.parametrize("expression", ["once negotiations progress", "at any time", "", None])
def test_resolve_is_none_for_what_names_no_date(expression: str | None) -> None:
    assert resolve(expression, TUESDAY, "future") is None


def test_resolve_may_is_a_month_only_where_a_month_is_expected() -> None:
    assert resolve("may", TUESDAY, "future") is None
    assert resolve("in May 2025", TUESDAY, "past") == "2025-05-01/2025-05-31"


def test_tense_of_a_meeting_status() -> None:
    assert tense_of("held") == "past"
    assert tense_of("planned") == "future" == tense_of("proposed")
    assert tense_of("on hold") == "any" == tense_of("declined")


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Sun 23 Nov 2025 22.10 GMT", "2025-11-23"),
        ("Friday 5 December 2025", "2025-12-05"),
        ("Published: November 25, 2025 at 9:00 a.m. ET", "2025-11-25"),
        ("October 16, 2025, 21:00, The Kremlin, Moscow", "2025-10-16"),
        ("2025-08-16", "2025-08-16"),
    ],
)
def test_date_line_reads_a_line_that_is_only_a_date(line: str, iso: str) -> None:
    assert date_line(line) == iso


@pytest.mark.parametrize(
    "line", ["Trump met Putin on 25 November 2025.", "22.10 GMT", "Putin in Delhi"]
)
def test_date_line_is_none_for_prose_and_times(line: str) -> None:
    assert date_line(line) is None


def test_leading_date_looks_only_at_the_first_lines() -> None:
    lines = ["Headline", "Tom Ellery", "Sun 23 Nov 2025 22.10 GMT", "News."]
    assert leading_date(lines) == "2025-11-23"
    assert leading_date(["Headline", "a", "b", "c", "Friday 5 December 2025"]) is None


def test_parse_date_needs_a_year() -> None:
    assert parse_date("Nov. 25, 2025") is not None
    assert parse_date("Nov. 25") is None
