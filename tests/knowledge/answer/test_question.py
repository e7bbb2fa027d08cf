"""Tests for knowledge.answer.question: bad input (empty, Slack markup, ids, huge) read
safely, and content-free questions taken for help."""

from __future__ import annotations

import json
import time

import pytest

from knowledge.answer import MAX_QUESTION_CHARS
from tests.knowledge.answer.asking import ask, matched_names


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "?", "help", "<!channel>", "what"])
def test_input_empty_or_content_free_gets_help(question: str) -> None:
    answer = ask(question)

    assert answer.intent == "help"
    assert answer.facts == []
    assert answer.to_text().startswith("Ask me about")
    assert answer.suggestions


@pytest.mark.parametrize(
    "question",
    [
        "<!channel> who met Witkoff?",
        "<!here> who met <@U123ABC> Witkoff",
        "<@U123ABC|trump> <#C123|general> Witkoff <https://x.example|y>",
        "&lt;!everyone&gt; Witkoff <!subteam^S123|@ops>",
        "Boris Johnson <!channel>",
    ],
)
def test_input_slack_markup_is_never_echoed_live(question: str) -> None:
    answer = ask(question)
    rendered = answer.to_text() + json.dumps(answer.to_dict(), ensure_ascii=False)

    for live in ("<!", "<@", "<#", "<http", "&lt;"):
        assert live not in rendered
    assert "<" not in answer.question and ">" not in answer.question
    assert "Donald Trump" not in matched_names(answer)


def test_input_slack_user_and_channel_ids_never_match_names() -> None:
    answer = ask("<@UTRUMP01> <#CPUTIN01|putin> <@U0WITKOFF|witkoff>")

    assert answer.matched == []
    assert answer.intent == "help"


def test_input_huge_question_is_truncated_quickly_with_a_note() -> None:
    question = "who met Witkoff " + "and also what about the talks " * 2000

    started = time.perf_counter()
    answer = ask(question)
    elapsed = time.perf_counter() - started

    assert elapsed < 1.0
    assert len(answer.question) <= MAX_QUESTION_CHARS
    assert f"first {MAX_QUESTION_CHARS} characters" in answer.to_text()
    assert matched_names(answer) == ["Steve Witkoff"]
