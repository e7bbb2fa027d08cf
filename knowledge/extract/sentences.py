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

from bisect import bisect_right
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
    sents = list(doc.sents)
    entities = _entities_by_sentence(doc, [(sent.start, sent.end) for sent in sents])
    sentences: list[Sentence] = []
    for number, sent in enumerate(sents):
        if not sent.text.strip():
            continue
        found_here = entities[number]
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
                places=_labelled(found_here, PLACE_LABELS),
                dates=_labelled(found_here, DATE_LABELS),
                numbers=_labelled(found_here, NUMBER_LABELS),
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


def _entities_by_sentence(doc: Doc, bounds: list[tuple[int, int]]) -> list[list[tuple[str, str]]]:
    """(label, text as written) of the named entities inside each sentence of `bounds` (token
    start and end), as `Span.ents` gives them. `doc.ents` is read once here: `Span.ents`
    rebuilds it for every sentence, which made this the slowest part of extraction."""
    starts = [start for start, _ in bounds]
    found: list[list[tuple[str, str]]] = [[] for _ in bounds]
    for entity in doc.ents:
        number = bisect_right(starts, entity.start) - 1
        if number >= 0 and entity.end <= bounds[number][1]:
            found[number].append((entity.label_, " ".join(entity.text.split())))
    return found


def _labelled(entities: list[tuple[str, str]], labels: frozenset[str]) -> list[str]:
    """The entities with one of `labels`, as written, each once."""
    return list(dict.fromkeys(text for label, text in entities if label in labels))
