"""extract_articles: articles in, facts with provenance out (boilerplate blanked first)."""

from __future__ import annotations

import pytest

from knowledge.articles import make_article
from knowledge.extract import blank_boilerplate, facts_from_doc
from knowledge.extract.doc import DocActors
from knowledge.extract.mentions import DraftMeeting
from knowledge.facts import ArticleFacts, Meeting, Source
from tests.hand_docs import hand_doc


@pytest.mark.parametrize(
    ("text", "blanked"),
    [
        ("Talks stall\nUpdated\nPutin met Trump.\n", "Talks stall\n       \nPutin met Trump.\n"),
        ("Talks\r\nSource link\r\nMore.", "Talks\r\n           \r\nMore."),
        ("Putin met Trump.\n", "Putin met Trump.\n"),
    ],
)
def test_blank_boilerplate_turns_boilerplate_lines_to_spaces(text: str, blanked: str) -> None:
    assert blank_boilerplate(text) == blanked
    assert len(blank_boilerplate(text)) == len(text)  # offsets still match the article


def test_facts_from_doc_cites_the_paragraph_and_sentence_of_each_draft() -> None:
    article = make_article("talks", "Talks in Moscow\nWitkoff met Putin.")
    doc = hand_doc("Talks in Moscow Witkoff met Putin .", sent_starts="1 0 0 1 0 0 0")
    doc._.actors = DocActors()
    met = list(doc.sents)[1]
    doc._.meetings = [
        DraftMeeting(
            participants=["Witkoff", "Putin"], kind="in person", status="held", sentence=met
        )
    ]
    doc._.figures, doc._.quotes, doc._.statements = [], [], []

    facts = facts_from_doc(article, doc)

    cited = Source("talks", "Talks in Moscow", 2, "Witkoff met Putin.", 16, 34)
    assert facts.meetings == [Meeting(["Witkoff", "Putin"], "in person", "held", sources=[cited])]
    assert (facts.article_id, facts.title, facts.actors) == ("talks", "Talks in Moscow", [])


def test_extract_ignores_boilerplate(ankara: ArticleFacts) -> None:
    sentences = [
        s.sentence
        for fact in [*ankara.meetings, *ankara.figures, *ankara.quotes, *ankara.statements]
        for s in fact.sources
    ]
    assert sentences and all(s != "Updated" for s in sentences)
