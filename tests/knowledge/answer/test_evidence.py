"""Evidence under every answer: article sentences ranked by the actors asked, their words and
the answer part wanted, cited, with that part in bold; and nothing for what no article has.

Real extraction of an article written for these tests (and of the seeds, `seed_base`), real
bm25s: the question shapes the structured facts do not answer come back from the sentences.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from knowledge.answer import Evidence, answer_question, index_for
from knowledge.answer.evidence import find_evidence
from knowledge.answer.model import EVIDENCE_HEADING
from knowledge.answer.question import analyze_question
from knowledge.articles import make_article
from knowledge.consolidate import consolidate
from knowledge.extract import extract_articles
from knowledge.facts import FactBase

ISTANBUL = """\
Turkey hosts a new round of prisoner talks in Istanbul

Turkish Foreign Minister Hakan Fidan hosted the Russian and Ukrainian negotiators at the \
Dolmabahce Palace in Istanbul on Wednesday.

Defence Minister Rustem Umerov led the Ukrainian delegation, while presidential aide Vladimir \
Medinsky headed the Russian team.

The talks lasted less than two hours. Both sides agreed to exchange 1,200 prisoners of war.

Umerov said the exchange would take place within two weeks. "We are bringing our people home \
before the winter comes," he told reporters after the session.

Medinsky was appointed to lead the Russian delegation in May by a decree of President Vladimir \
Putin.

Kremlin spokesman Dmitry Peskov said Moscow would not agree to a ceasefire because Ukraine could \
use a pause to rearm its army.
"""


@pytest.fixture(scope="module")
def istanbul_base(nlp: Language) -> FactBase:
    return consolidate(extract_articles([make_article("istanbul", ISTANBUL)], nlp))


def evidence_for(question: str, base: FactBase) -> list[Evidence]:
    """The evidence sentences for a question, none left out for the facts an answer shows."""
    index = index_for(base)
    return find_evidence(analyze_question(question, index), index.sentences, index.actors)


def evidence_text(question: str, base: FactBase) -> str:
    """The evidence lines for a question, bold marks and all."""
    return "\n".join(item.marked() for item in evidence_for(question, base))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who hosted the Istanbul talks", "Fidan"),
        ("who led the Ukrainian delegation", "Umerov"),
        ("who headed the Russian team", "Medinsky"),
        ("how many prisoners will be exchanged", "1,200"),
        ("why would Moscow not agree to a ceasefire", "rearm"),
        ("when was Medinsky appointed", "May"),
        ("where did Fidan host the negotiators", "Dolmabahce Palace"),
        ("what did Umerov say about the winter", "before the winter comes"),
        ("what was agreed in Istanbul", "1,200 prisoners"),
        ("how long did the talks last", "less than two hours"),
    ],
)
def test_new_question_shapes_are_answered_from_the_sentences(
    istanbul_base: FactBase, question: str, expected: str
) -> None:
    answer = answer_question(question, istanbul_base)

    assert answer.evidence or answer.facts, answer.to_text()
    assert expected in answer.to_text()
    assert "found no" not in answer.to_text() and "nothing" not in answer.to_text()


@pytest.mark.parametrize(
    ("question", "bold"),
    [
        ("where did Fidan host the negotiators", "Dolmabahce Palace*"),
        ("who led the Ukrainian delegation", "*Rustem Umerov*"),
        ("how many prisoners will be exchanged", "*1,200*"),
        ("what did Umerov say about the winter", '*"We are bringing our people home'),
    ],
)
def test_the_answer_part_is_bold(istanbul_base: FactBase, question: str, bold: str) -> None:
    assert bold in evidence_text(question, istanbul_base)


def test_evidence_mentions_the_actor_asked_even_through_a_pronoun(
    istanbul_base: FactBase,
) -> None:
    found = evidence_for("what did Umerov say about the winter", istanbul_base)

    assert found
    for item in found:
        assert "Rustem Umerov" in item.sentence.actors
    assert any(
        item.sentence.text.endswith("he told reporters after the session.") for item in found
    )


def test_evidence_is_cited_and_in_the_json(istanbul_base: FactBase) -> None:
    answer = answer_question("who led the Ukrainian delegation", istanbul_base)
    data = answer.to_dict()

    assert data["evidence"], answer.to_text()
    assert {item["article_id"] for item in data["evidence"]} == {"istanbul"}
    led = next(item for item in data["evidence"] if "Umerov" in item["sentence"])
    assert led["paragraph"] == 3
    start, end = led["bold"][0]
    assert led["sentence"][start:end] == "Rustem Umerov"
    assert "[istanbul ¶3]" in answer.to_text()


@pytest.mark.parametrize(
    "question",
    [
        "who is Angela Merkel",
        "what did Olaf Scholz say about prisoners",
        "who met Javier Milei in Istanbul",
        "what did Xi Jinping say about the ceasefire",
        "tomatoes and cucumbers",
    ],
)
def test_nothing_is_shown_for_what_no_article_has(istanbul_base: FactBase, question: str) -> None:
    answer = answer_question(question, istanbul_base)

    assert answer.evidence == [] and answer.facts == []
    assert "no" in answer.heading.lower() or "nothing" in answer.heading.lower()
    shown = answer.to_text().split("You could ask:")[0]  # suggestions name other people
    for name in ("Umerov", "Medinsky", "Fidan", "Peskov", "Putin"):
        assert name not in shown


def test_evidence_alone_has_its_own_heading(istanbul_base: FactBase) -> None:
    answer = answer_question("why would Moscow not agree to a ceasefire", istanbul_base)

    if not answer.facts:
        assert answer.heading == EVIDENCE_HEADING
        assert answer.suggestions == []
    assert len(answer.evidence) <= 3


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who co-chaired the coalition of the willing meeting", ["Starmer", "Macron"]),
        ("who hosted the meeting in London", ["Starmer"]),
        ("who led the Ukrainian delegation in Istanbul", ["Umerov"]),
        ("when did Zelenskyy meet European leaders in London", ["Friday"]),
    ],
)
def test_seed_questions_the_facts_alone_missed(
    seed_base: FactBase, question: str, expected: list[str]
) -> None:
    text = answer_question(question, seed_base).to_text()

    for word in expected:
        assert word in text, text


def test_quotes_about_a_topic_none_has_show_the_speakers_other_quotes(
    istanbul_base: FactBase,
) -> None:
    answer = answer_question("what did Umerov say about sanctions", istanbul_base)

    assert answer.heading.startswith("None of Rustem Umerov's quotes is about 'sanctions'.")
    assert answer.facts and all(item.fact.speaker == "Rustem Umerov" for item in answer.facts)
