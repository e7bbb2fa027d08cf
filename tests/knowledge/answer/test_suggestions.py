"""Tests for knowledge.answer.suggestions: nothing found is said plainly, with questions the
fact base can answer, and unrelated facts are never shown."""

from __future__ import annotations

import pytest

from knowledge.facts import FactBase
from tests.knowledge.answer.asking import ask, is_nothing_found

# --- On the hand-built fact base ---------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["Boris Johnson", "who met Boris Johnson?", "who is Boris Johnson", "boris johnson"],
)
def test_nothing_found_says_so_and_suggests_questions(question: str) -> None:
    answer = ask(question)
    text = answer.to_text()

    assert answer.facts == []
    assert answer.total == 0
    assert "I found nothing about 'Boris Johnson'" in text.replace("boris johnson", "Boris Johnson")
    assert 2 <= len(answer.suggestions) <= 3
    assert "•" in text and "[" not in text


@pytest.mark.parametrize(
    "question",
    ["did Trump meet Tusk", "Melania Trump meetings", "did Trump meet Boris Johnson"],
)
def test_nothing_found_when_filters_exclude_everything(question: str) -> None:
    answer = ask(question)

    assert answer.facts == []
    assert answer.to_text().startswith("I found no")
    assert answer.suggestions


def test_nothing_found_suggestions_are_answerable() -> None:
    suggestions = ask("Boris Johnson").suggestions

    assert any("Donald Trump" in s or "Vladimir Putin" in s for s in suggestions)
    for suggestion in suggestions:
        assert ask(suggestion).facts, suggestion


def test_nothing_found_names_the_kind_when_the_words_exist_elsewhere() -> None:
    answer = ask("summits mentioning Tomahawks")

    assert answer.facts == []
    assert answer.to_text().startswith("I found no summits mentioning 'Tomahawks'")


# --- On the seeds and our own article ----------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["who is Angela Merkel", "what is the weather in Paris", "who met Boris Johnson"],
)
def test_nothing_found_says_so_and_suggests_instead_of_padding(
    seed_base: FactBase, question: str
) -> None:
    answer = ask(question, seed_base)

    assert is_nothing_found(answer), answer.to_text()
    assert all(s.endswith("?") for s in answer.suggestions)


@pytest.mark.parametrize("question", ["who is Putin", "who met Witkoff", "how many tanks"])
def test_own_article_nothing_found_for_what_it_does_not_hold(
    geneva_base: FactBase, question: str
) -> None:
    assert is_nothing_found(ask(question, geneva_base))
