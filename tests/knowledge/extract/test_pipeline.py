"""The pipeline: our components registered under their versioned names, in their places."""

from __future__ import annotations

import spacy
from spacy.language import Language

from knowledge.extract.pipeline import READERS, _ruler_patterns
from knowledge.lexicon import PLACES


def test_line_breaks_start_a_sentence_after_every_new_line() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("line_breaks_v1")
    doc = nlp("Talks stall\nPutin said no. Trump agreed\n\nLater news")
    starts = [token.text for token in doc if token.is_sent_start]
    assert starts == ["Talks", "Putin", "Later"]


def test_line_breaks_leave_a_line_without_breaks_to_the_parser() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("line_breaks_v1")
    doc = nlp("Putin said no. Trump agreed.")
    assert [token.is_sent_start for token in doc][1:] == [None] * (len(doc) - 1)


def test_readers_are_registered_under_versioned_names() -> None:
    names = [name for name, _find, _extensions in READERS]
    assert names == ["news_actors_v1", "news_meetings_v1", "news_figures_v1", "news_quotes_v1"]
    assert all(Language.has_factory(name) for name in [*names, "line_breaks_v1"])


def test_reader_component_sets_each_extension_it_names() -> None:
    nlp = spacy.blank("en")
    for name in ("sentencizer", "news_actors_v1", "news_quotes_v1"):
        nlp.add_pipe(name)
    doc = nlp("Nothing happened here.")
    assert doc._.actors.actors == {} and (doc._.quotes, doc._.statements) == ([], [])


def test_ruler_patterns_name_every_place_a_place() -> None:
    places = {p["pattern"] for p in _ruler_patterns() if p["label"] == "GPE"}
    assert places == set(PLACES)


def test_load_pipeline_puts_our_components_around_the_model(nlp: Language) -> None:
    assert nlp.pipe_names == [
        "tok2vec",
        "tagger",
        "line_breaks_v1",
        "parser",
        "attribute_ruler",
        "lemmatizer",
        "entity_ruler",
        "ner",
        "news_actors_v1",
        "news_meetings_v1",
        "news_figures_v1",
        "news_quotes_v1",
    ]
