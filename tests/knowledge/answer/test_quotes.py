"""Tests for knowledge.answer.kinds.quotes: quotes and statements by speaker and topic."""

from __future__ import annotations

from knowledge.answer import fold
from knowledge.facts import FactBase, Quote, Statement
from tests.knowledge.answer.asking import ask, fact_kinds, matched_names, speakers

# --- On the hand-built fact base ---------------------------------------------------------------


def test_quotes_by_speaker_are_only_that_speakers() -> None:
    answer = ask("what did Zelenskyy say")

    assert answer.intent == "quote"
    assert len(answer.facts) == 2
    assert {item.fact.speaker for item in answer.facts} == {"Volodymyr Zelenskyy"}


def test_quotes_about_a_topic_all_mention_it() -> None:
    answer = ask("quotes about Tomahawks")

    assert {item.fact.speaker for item in answer.facts} == {"Donald Trump", "Volodymyr Zelenskyy"}
    assert all("Tomahawks" in item.fact.words for item in answer.facts)


def test_quotes_by_speaker_about_a_topic_filter_on_both() -> None:
    answer = ask("what did Trump say about NATO?")

    assert matched_names(answer) == ["Donald Trump", "NATO"]
    assert len(answer.facts) == 1
    assert "NATO" in answer.facts[0].fact.words
    assert answer.facts[0].fact.speaker == "Donald Trump"


def test_quotes_include_reported_statements() -> None:
    answer = ask("what did Melania say?")

    assert fact_kinds(answer) == ["statement"]
    assert "children deserve" in answer.to_text()


def test_quotes_need_every_topic_word() -> None:
    answer = ask("quotes about Tomahawks as a weapon")

    assert len(answer.facts) == 1
    assert answer.facts[0].fact.speaker == "Donald Trump"


# --- On the seeds ------------------------------------------------------------------------------


def test_what_did_x_say_gives_only_their_quotes(seed_base: FactBase) -> None:
    answer = ask("what did Zelenskyy say", seed_base)

    assert answer.facts and speakers(answer) == {"Volodymyr Zelenskyy"}
    assert any(isinstance(item.fact, Quote) for item in answer.facts)


def test_what_did_x_say_about_y_mentions_y(seed_base: FactBase) -> None:
    answer = ask("what did Trump say about Putin", seed_base)

    assert answer.facts and speakers(answer) == {"Donald Trump"}
    for item in answer.facts:
        words = item.fact.words if isinstance(item.fact, Quote) else ""
        text = " ".join([words, *(s.sentence for s in item.fact.sources)])
        assert "Putin" in text or "Russian leader" in text or "Russian president" in text


def test_what_did_x_say_about_a_topic_ranks_the_topic(seed_base: FactBase) -> None:
    answer = ask("what did Zelenskyy say about security guarantees", seed_base)

    assert answer.facts and speakers(answer) == {"Volodymyr Zelenskyy"}
    first = answer.facts[0].fact
    assert isinstance(first, (Quote, Statement))
    assert "guarantee" in fold(first.sources[0].sentence)
