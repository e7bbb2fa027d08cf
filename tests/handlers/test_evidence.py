"""Evidence in Block Kit: a section per cited sentence, its answer part bold, inert text."""

from __future__ import annotations

from dataclasses import replace

from handlers.blocks import MAX_BLOCKS, answer_message
from handlers.evidence import evidence_blocks
from knowledge.answer import answer_question
from knowledge.facts import FactBase, Sentence
from tests.factories import rich_fact_base

RESUME = "Witkoff told <!channel> reporters the talks in Moscow would resume in March."


def with_sentence(text: str) -> FactBase:
    base = rich_fact_base()
    extra = Sentence(
        article_id="envoy",
        article_title="Witkoff meets Putin in Moscow",
        paragraph=4,
        index=2,
        text=text,
        actors=["Steve Witkoff"],
        places=["Moscow"],
        dates=["March"],
    )
    return replace(base, sentences=[*base.sentences, extra])


def texts(blocks: list[dict[str, object]]) -> list[str]:
    found: list[str] = []
    for block in blocks:
        if block["type"] == "section":
            found.append(block["text"]["text"])  # type: ignore[index]
        elif block["type"] == "context":
            found.extend(e["text"] for e in block["elements"])  # type: ignore[attr-defined]
    return found


def test_evidence_is_a_section_and_a_citation_with_the_answer_part_bold() -> None:
    answer = answer_question("when will Witkoff's talks resume", with_sentence(RESUME))

    blocks = answer_message(answer)["blocks"]
    shown = texts(blocks)

    assert answer.evidence
    sentence = next(t for t in shown if "reporters the talks" in t)
    assert "*March*" in sentence
    assert "@channel" in sentence and "<!channel>" not in sentence
    assert "_Witkoff meets Putin in Moscow_ envoy ¶4" in shown
    assert all("<!" not in t for t in shown)


def test_evidence_blocks_keep_to_the_room_left() -> None:
    answer = answer_question("when will Witkoff's talks resume", with_sentence(RESUME))

    assert evidence_blocks(answer, room=1) == []
    assert len(evidence_blocks(answer, room=3)) <= 3
    assert len(answer_message(answer)["blocks"]) <= MAX_BLOCKS


def test_markup_characters_in_a_bold_part_are_not_bold() -> None:
    answer = answer_question(
        "when will Witkoff's talks resume", with_sentence("Witkoff said talks resume in *March*.")
    )

    sentence = next(t for t in texts(evidence_blocks(answer, room=10)) if "talks resume" in t)
    assert "***" not in sentence and "**" not in sentence
