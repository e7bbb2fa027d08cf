"""Tests for knowledge.answer.render: each fact shown with its citation."""

from __future__ import annotations

from knowledge.answer import cite
from knowledge.answer.model import AnswerFact
from knowledge.answer.render import describe_fact
from knowledge.facts import Meeting, Source
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


def test_cite_reads_the_first_source_on_one_cut_line_and_counts_the_rest() -> None:
    sources = [
        Source("a1", "A title\nover two lines", 3, "Witkoff  met Putin\nin Moscow."),
        Source("a1", "A title", 5, "Again."),
        Source("b2", "B title", 1, "Once more."),
    ]

    citation = cite(sources, title_chars=10, sentence_chars=100)

    assert citation is not None
    assert citation.source.locator == "a1 ¶3"
    assert citation.title == "A title…"
    assert citation.sentence == "Witkoff met Putin in Moscow."
    assert (citation.more, citation.articles, citation.more_sources) == (2, 2, "+2 more sources")
    assert cite([]) is None


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
