"""spaCy `Doc`s built by hand, for fast tests of rules that read no statistical model.

    doc = hand_doc("Witkoff met Putin .", ents="B-PERSON O B-PERSON O")

Words are split on spaces (a space follows every word but the last, an opening quotation mark
or bracket, and any word before closing punctuation), and each annotation is a string of one
item per word: entity IOB tags, fine-grained tags, coarse part-of-speech tags, lemmas,
dependency labels and heads (the index of each word's head). Annotations left out are left
unset, as spacy.blank("en") leaves them; sentences start at the first word and after every "."
unless `sent_starts` ("1 0 0 1 …") says otherwise. The vocabulary is spacy.blank("en")'s, so no
model is loaded.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Importing the actors (and so knowledge.extract.doc) registers the Doc extensions rules read.
from knowledge.extract.actors import find_actors

_CLOSING = frozenset(".,;:!?”’)")  # no space before these
_OPENING = frozenset("“‘(")  # nor after these


@cache
def _vocab() -> Vocab:
    return spacy.blank("en").vocab


def hand_doc(
    words: str,
    *,
    ents: str | None = None,
    tags: str | None = None,
    pos: str | None = None,
    lemmas: str | None = None,
    deps: str | None = None,
    heads: str | None = None,
    sent_starts: str | None = None,
) -> Doc:
    """A Doc of `words` with the annotations given (see the module docstring)."""
    tokens = words.split()
    spaces = [
        index + 1 < len(tokens) and tokens[index + 1] not in _CLOSING and word not in _OPENING
        for index, word in enumerate(tokens)
    ]

    def items(annotation: str | None) -> list[str] | None:
        if annotation is None:
            return None
        values = annotation.split()
        assert len(values) == len(tokens), (annotation, words)
        return values

    if sent_starts is None:
        starts = [index == 0 or tokens[index - 1] == "." for index in range(len(tokens))]
    else:
        starts = [flag == "1" for flag in items(sent_starts) or []]
    return Doc(
        _vocab(),
        words=tokens,
        spaces=spaces,
        ents=items(ents),
        tags=items(tags),
        pos=items(pos),
        lemmas=items(lemmas),
        deps=items(deps),
        heads=[int(head) for head in items(heads) or []] or None,
        sent_starts=starts,
    )


def with_actors(doc: Doc) -> Doc:
    """`doc` with its actor table, as news_actors_v1 leaves it for the later components."""
    doc._.actors = find_actors(doc)
    return doc
