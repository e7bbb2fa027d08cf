"""Tests for knowledge.answer.render: each fact shown with its citation."""

from __future__ import annotations

from knowledge.answer.model import AnswerFact
from knowledge.answer.render import describe_fact
from knowledge.facts import Meeting
from tests.factories import src
from tests.knowledge.answer.asking import ask
from tests.knowledge.answer.facts_data import T_FLORIDA


def test_text_cites_each_fact_with_article_paragraph_and_sentence() -> None:
    answer = ask("who met Witkoff")
    lines = [line for line in answer.to_text().splitlines() if line.startswith("• ")]

    assert len(lines) == len(answer.facts) == 2
    assert lines[0].startswith("• Jared Kushner and Rustem Umerov — meeting in Florida, Thursday")
    assert f'{T_FLORIDA} [001_c4cbbd1f81462633 ¶1] "One of the officials said' in lines[0]
    assert "(+1 more source)" in lines[0]


def test_a_meeting_reported_by_several_articles_says_how_many() -> None:
    meeting = Meeting(
        ["Donald Trump", "Vladimir Putin"],
        "summit",
        "held",
        "Alaska",
        "on Friday",
        "2025-08-15",
        [src("a", 1, "Trump met Putin in Alaska."), src("b", 2, "The Alaska summit ended.")],
    )
    assert describe_fact(AnswerFact("meeting", meeting)) == (
        "Donald Trump and Vladimir Putin — summit in Alaska, on Friday, 2025-08-15 (held), "
        "reported by 2 articles"
    )
