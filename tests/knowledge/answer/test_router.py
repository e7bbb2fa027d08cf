"""Tests for knowledge.answer.router: help, answers of every kind from our own article, and
an answer path that never loads spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.answer.index import FactIndex
from knowledge.answer.question import Question
from knowledge.answer.ranking import Found
from knowledge.answer.router import ANSWERERS
from knowledge.facts import FactBase
from tests.knowledge.answer.asking import ask

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("question", ["", "help", "  ? "])
def test_help_and_empty_questions_get_usage_and_examples(
    seed_base: FactBase, question: str
) -> None:
    answer = ask(question, seed_base)

    assert answer.intent == "help" and not answer.facts and answer.suggestions
    assert "who met whom" in answer.heading


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who is sibiha", "Andrii Sybiha — foreign minister (Ukraine)"),
        ("what did Sybiha say", '"We are ready for a full exchange of all for all"'),
        ("where will the delegations meet", "talks in Geneva, next week (planned)"),
        ("when did Sybiha meet Weber", "Andrii Sybiha and Peter Weber — meeting"),
        ("how many people were killed", "At least three people — people killed"),
        ("prisoners", "Europe would fund the transport of released prisoners"),
    ],
)
def test_own_article_answers(geneva_base: FactBase, question: str, expected: str) -> None:
    text = ask(question, geneva_base).to_text()

    assert expected in text, text


def test_answer_path_never_imports_spacy() -> None:
    code = (
        "import sys;"
        "from tests.knowledge.answer.facts_data import FACTS;"
        "from knowledge.answer import answer_question;"
        "answer_question('who met Witkof', FACTS).to_text();"
        "assert 'spacy' not in sys.modules, 'spacy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_router_answers_each_intent_through_its_row_in_answerers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def figures(question: Question, index: FactIndex) -> Found:
        asked.append(question.display)
        return Found("Counted:", [], "Nothing counted.")

    monkeypatch.setitem(ANSWERERS, "figure", figures)

    answer = ask("how many drones")

    assert asked == ["how many drones"]
    assert answer.intent == "figure" and answer.heading == "Nothing counted."
    assert set(ANSWERERS) == {"meeting", "role", "figure", "quote", "profile", "search"}
