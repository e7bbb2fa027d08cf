"""Clause syntax the meeting rules read: who a verb's subjects are, infinitives with subjects
of their own ("X to meet A and Y to meet B"), names that only own a role ("Trump's adviser")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from knowledge.lexicon import ROLE_NOUNS
from knowledge.names import fold


def is_role_possessor(doc: Doc, end: int) -> bool:
    """ "Trump's son-in-law", "Putin's adviser": the name owns a role, it does not act."""
    if end + 1 >= len(doc) or doc[end].tag_ != "POS":
        return False
    return any(
        fold(t.text) in ROLE_NOUNS or t.text.lower().startswith(("son-", "daughter-"))
        for t in doc[end + 1 : min(len(doc), end + 5)]
    )


def is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def infinitive_subject(verb: Token) -> Token | None:
    """The noun right before an infinitive's "to" when it is the subject of that infinitive
    rather than part of the clause before: "sending Witkoff to meet with the Russian president
    and Army Secretary Dan Driscoll to meet with Ukrainian officials" (Driscoll is conjoined
    with "the Russian president" by the parser, but meets the Ukrainians)."""
    if not is_infinitive(verb):
        return None
    to = next(c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to")
    if to.i == 0:
        return None
    before = verb.doc[to.i - 1]
    return before if parallel_subject_of(before) == verb else None


def parallel_subject_of(noun: Token) -> Token | None:
    """The infinitive `noun` is the subject of ("X to meet A and Y to meet B": Y), if any: a
    conjunct right before "to" + verb, not the object of the verb that governs the infinitive
    (in "sending Witkoff and Driscoll to meet Putin" both meet Putin)."""
    doc = noun.doc
    after = noun.right_edge.i + 1
    if noun.dep_ != "conj" or noun.pos_ not in {"NOUN", "PROPN"} or after + 1 >= len(doc):
        return None
    verb = doc[after + 1]
    if doc[after].lower_ != "to" or verb.pos_ != "VERB" or doc[after].head != verb:
        return None
    if verb.dep_ not in {"advcl", "xcomp", "conj", "acl", "relcl"}:
        return None
    governor_objects = {c.i for c in verb.head.children if c.dep_ == "dobj"}
    head = noun
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    return None if head.i in governor_objects else verb


def subject_heads(verb: Token) -> Iterator[Token]:
    """The heads of `verb`'s subjects and of its passive agent ("hosted by X"), in order."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            yield child
        if child.dep_ == "agent":
            yield from child.children
