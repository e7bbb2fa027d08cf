"""Every sentence of a processed article as a `Sentence`: the evidence every answer stands on.

The answer path (no spaCy) ranks article sentences by the actors they mention, their words and
the kind of answer they hold (a place, a date, a number), so all of that is read here, once, at
build and ingest time: the actors of `doc._.actors` whose mentions fall in the sentence, those a
pronoun or a role description ("he", "the Ukrainian president") stands for (the document's
`Coreference`, the same the meeting and quote rules use), and the model's named entities of
places, dates and numbers. Names are as the article wrote them; consolidation makes them
canonical.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from knowledge.extract.coref import coreference_of
from knowledge.facts import Sentence, Source
from knowledge.lexicon import PERSON_PRONOUNS, ROLE_NOUNS
from knowledge.names import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DATE_LABELS = frozenset({"DATE", "TIME"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
# A pronoun stands for someone only as the subject or object of its clause ("he said", "met
# him"), not as a possessive that may belong to anyone ("his team").
_PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def sentences_of(doc: Doc, source: Callable[[Span], Source]) -> list[Sentence]:
    """The document's sentences with text, each with what the pipeline knows about it.

    `source` gives a sentence's provenance (article, paragraph, offsets); boilerplate was
    blanked before the pipeline ran, so sentences of only white space are left out.
    """
    found = doc._.actors
    coref = coreference_of(doc) if found is not None and found.actors else None
    sentences: list[Sentence] = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        cited = source(sent)
        actors: dict[str, None] = {}
        if found is not None:
            for token in sent:
                name = found.token_actor.get(token.i)
                if name is not None:
                    actors[name] = None
                elif coref is not None and _may_refer(token):
                    actor = coref.resolve(token)
                    if actor is not None:
                        actors[actor.name] = None
        sentences.append(
            Sentence(
                article_id=cited.article_id,
                article_title=cited.article_title,
                paragraph=cited.paragraph,
                index=len(sentences),
                text=cited.sentence,
                start=cited.start,
                end=cited.end,
                published=cited.published,
                actors=list(actors),
                places=_entities(sent, PLACE_LABELS),
                dates=_entities(sent, DATE_LABELS),
                numbers=_entities(sent, NUMBER_LABELS),
                outlet=cited.outlet,
                url=cited.url,
            )
        )
    return sentences


def _may_refer(token: object) -> bool:
    """A pronoun in a subject or object slot, or a role noun ("the president")."""
    lower: str = getattr(token, "lower_", "")
    if lower in PERSON_PRONOUNS:
        return getattr(token, "dep_", "") in _PRONOUN_DEPS
    return getattr(token, "pos_", "") == "NOUN" and fold(lower) in ROLE_NOUNS


def _entities(sent: Span, labels: frozenset[str]) -> list[str]:
    """The sentence's named entities with one of `labels`, as written, each once."""
    return list(dict.fromkeys(" ".join(e.text.split()) for e in sent.ents if e.label_ in labels))
