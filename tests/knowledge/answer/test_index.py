"""Tests for knowledge.answer.index: one index per fact base, rebuilt when facts are added."""

from __future__ import annotations

from knowledge.answer import FactIndex, answer_question, index_for
from knowledge.facts import Actor
from tests.knowledge.answer.asking import matched_names
from tests.knowledge.answer.facts_data import FACTS, make_facts


def test_index_is_built_once_per_fact_base_and_rebuilt_when_facts_are_added() -> None:
    facts = make_facts()
    first = index_for(facts)

    assert index_for(facts) is first
    facts.actors.append(Actor("Boris Johnson", "person", mentions=1))
    assert index_for(facts) is not first
    assert matched_names(answer_question("Boris Johnson", facts)) == ["Boris Johnson"]


def test_index_can_be_passed_in_explicitly() -> None:
    index = FactIndex(FACTS)

    assert matched_names(answer_question("Witkof", FACTS, index=index)) == ["Steve Witkoff"]
