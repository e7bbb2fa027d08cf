"""Tests for knowledge.answer.text: Slack markup neutralized, and the text forms compared."""

from __future__ import annotations

import pytest

from knowledge.answer import fold, neutralize_markup, stem
from knowledge.answer.text import tokenize, truncate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!channel> hi", "@channel hi"),
        ("<!here>", "@here"),
        ("<@U123ABC>", "@user"),
        ("<@U123ABC|bob>", "@bob"),
        ("<#C123|general>", "#general"),
        ("<https://x.example|y>", "y"),
        ("<https://x.example>", "https://x.example"),
        ("&lt;!channel&gt;", "@channel"),
        ("a < b > c", "a  b  c"),
    ],
)
def test_neutralize_markup_renders_plain_text(text: str, expected: str) -> None:
    assert neutralize_markup(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Erdoğan", "erdogan"), ("ZELENSKIJ", "zelenskij"), ("Trump’s", "trump's")],
)
def test_fold_is_lower_case_ascii(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("drones", "drone"), ("killed", "kill"), ("casualties", "casualty"), ("talks", "talk")],
)
def test_stem_matches_plurals_and_past_tenses(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_truncate_cuts_at_a_word_with_an_ellipsis() -> None:
    assert truncate("who met Witkoff in Florida", 100) == "who met Witkoff in Florida"
    assert truncate("who met Witkoff in Florida", 20) == "who met Witkoff in…"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("abcdefghij", 1, "…"),
        ("abcdefghij", 5, "abcd…"),  # no space in the second half: the word is split
        ("ab cdefghijkl", 8, "ab cdef…"),  # the only space is in the first half
        ("one two\nthree four", 12, "one two…"),  # a line break is a boundary too
        ("one two   three", 11, "one two…"),  # spaces before the cut are not kept
    ],
)
def test_truncate_edges(text: str, limit: int, expected: str) -> None:
    assert truncate(text, limit) == expected
    assert len(truncate(text, limit)) <= limit


def test_tokenize_splits_whos_and_folds_each_word() -> None:
    tokens = tokenize("Who's Zelenskyy's envoy?")

    assert [t.norm for t in tokens] == ["who", "is", "zelenskyy", "envoy"]
    assert [t.capitalized for t in tokens] == [True, False, True, False]
