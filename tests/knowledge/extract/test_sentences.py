"""Evidence sentences: each sentence of a processed article with the places, dates and numbers
the model's entities hold, read through the real pipeline."""

from __future__ import annotations

from spacy.language import Language

from knowledge.articles import make_article
from knowledge.extract import extract_article
from knowledge.extract.sentences import DATE_LABELS, NUMBER_LABELS, PLACE_LABELS
from tests.knowledge.extract.news import ANKARA

TWO_SENTENCES = (
    "Ukrainian and U.S. officials met in Geneva on Sunday to discuss the plan.\n\n"
    "Russia launched 116 drones overnight, and 85 of them were shot down over Kharkiv."
)


def test_sentences_hold_the_entities_of_their_own_sentence_only(nlp: Language) -> None:
    facts = extract_article(make_article("geneva", TWO_SENTENCES), nlp)
    geneva, drones = facts.sentences
    assert "Geneva" in geneva.places and "Sunday" in geneva.dates
    assert "116" in drones.numbers and "Kharkiv" in drones.places
    assert "Geneva" not in drones.places and "116" not in geneva.numbers


def test_sentences_hold_what_span_ents_gives_each_sentence(nlp: Language) -> None:
    """Entities are filed under sentences in one pass over `doc.ents`; what each sentence holds
    is what spaCy's own `Span.ents` gives it, on a whole news article."""
    article = make_article("ankara", ANKARA)
    facts = extract_article(article, nlp)
    from knowledge.extract import blank_boilerplate

    doc = nlp(blank_boilerplate(article.text))
    expected = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        ents = [(e.label_, " ".join(e.text.split())) for e in sent.ents]

        def of(labels: frozenset[str], ents: list[tuple[str, str]] = ents) -> list[str]:
            return list(dict.fromkeys(text for label, text in ents if label in labels))

        expected.append((of(PLACE_LABELS), of(DATE_LABELS), of(NUMBER_LABELS)))
    found = [(s.places, s.dates, s.numbers) for s in facts.sentences]
    assert found == expected
    assert any(places for places, _, _ in found) and any(dates for _, dates, _ in found)
