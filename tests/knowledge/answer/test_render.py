"""Tests for knowledge.answer.render: each fact shown with its citation."""

from __future__ import annotations

from tests.knowledge.answer.asking import ask
from tests.knowledge.answer.facts_data import T_FLORIDA


def test_text_cites_each_fact_with_article_paragraph_and_sentence() -> None:
    answer = ask("who met Witkoff")
    lines = [line for line in answer.to_text().splitlines() if line.startswith("• ")]

    assert len(lines) == len(answer.facts) == 2
    assert lines[0].startswith("• Jared Kushner and Rustem Umerov — meeting in Florida, Thursday")
    assert f'{T_FLORIDA} [001_c4cbbd1f81462633 ¶1] "One of the officials said' in lines[0]
    assert "(+1 more source)" in lines[0]
