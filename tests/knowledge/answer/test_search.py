"""Tests for knowledge.answer.kinds.search: free words find the facts that have them all."""

from __future__ import annotations

from knowledge.answer import fold
from knowledge.facts import FactBase
from tests.knowledge.answer.asking import ask


def test_free_words_search_the_fact_sentences(seed_base: FactBase) -> None:
    answer = ask("sanctions", seed_base)

    assert answer.facts
    assert all("sanction" in fold(item.fact.sources[0].sentence) for item in answer.facts)
