"""Tests for knowledge.answer.model: an answer as JSON."""

from __future__ import annotations

import json

import pytest

from tests.knowledge.answer.asking import ask


@pytest.mark.parametrize(
    "question",
    ["who met Witkof", "who is Umerov", "how many drones", "what did Trump say", "Boris Johnson"],
)
def test_to_dict_is_json_serializable_with_question_text_and_facts(question: str) -> None:
    answer = ask(question)
    data = json.loads(json.dumps(answer.to_dict()))

    assert data["question"] == question
    assert data["text"] == answer.to_text()
    assert data["intent"] == answer.intent
    assert len(data["facts"]) == len(answer.facts)
    for fact in data["facts"]:
        assert fact["kind"] in {"actor", "role", "meeting", "figure", "quote", "statement"}
        assert "sources" in fact["fact"]


def test_to_dict_matched_names_the_term_and_score() -> None:
    data = ask("who met Witkof").to_dict()

    assert data["matched"] == [{"term": "Witkof", "name": "Steve Witkoff", "score": 86}]
    assert data["facts"][0]["kind"] == "meeting"
    assert data["facts"][0]["fact"]["kind"] == "in person"
    assert data["facts"][0]["fact"]["sources"][0]["article_id"] == "001_c4cbbd1f81462633"
