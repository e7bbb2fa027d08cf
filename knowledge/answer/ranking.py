"""What the question kinds share to find and rank facts: terms, hit counts, sort keys.

Each kind returns a `Found`: its heading, the facts it found as `Ranked` (a sort key and the
fact; the router sorts by key, lowest first, and keeps the first `MAX_FACTS`), and what to say
when nothing was found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from knowledge.answer.index import FactIndex, Term
from knowledge.answer.model import AnswerFact, Fact
from knowledge.answer.question import Question
from knowledge.answer.text import Token, name_words, stem
from knowledge.answer.words import DEMONYMS, SYNONYMS

# Meetings in the order a list of them shows their statuses (held ones first).
STATUS_ORDER: dict[str, int] = {"held": 0, "planned": 1, "proposed": 2, "on hold": 3}
STATUS_ORDER["declined"] = 4


@dataclass
class Ranked:
    """A fact found and its sort key (lowest first)."""

    key: tuple[float, ...]
    item: AnswerFact


class Found(NamedTuple):
    """What a question kind found: the heading, the facts ranked, and the message for none
    (or how to make it: worked out only when nothing is found, as it looks through the base)."""

    heading: str
    ranked: list[Ranked]
    empty: str | Callable[[], str]


def term_for_word(token: Token, index: FactIndex) -> Term:
    """A word of the question to look for: with its synonyms ("killed" → dead, deaths …), and
    a demonym as its country too ("Russian" → Russia)."""
    if token.norm in DEMONYMS:
        country = [stem(w) for w in DEMONYMS[token.norm].split()]
        return index.term(token.surface, [[token.stem], country])
    synonyms = SYNONYMS.get(token.stem, frozenset({token.stem}))
    return index.term(token.surface, [[s] for s in sorted(synonyms)])


def term_for_actor(name: str, index: FactIndex) -> Term:
    """An actor to look for in facts' words: any of its names, or a surname that is its own."""
    actor = index.actors.get(name)
    names = [name, *(actor.aliases if actor else [])]
    options = {tuple(sorted({stem(t) for t in name_words(n)})) for n in names}
    for token in {t for n in names for t in name_words(n)}:
        keys = index.token_keys.get(token, {})
        if keys.get(name, 0) >= 2 and index.best_actor(keys) == name:
            options.add((stem(token),))
    return index.term(name, sorted(options))


class Hits:
    """Counts, for a fact, the terms found in its own fields and those only in its sentences.

    The facts having each term are looked up once in the index's inverted lists, so counting
    is a few set lookups per fact, however many facts are ranked.
    """

    def __init__(
        self, terms: Sequence[Term], index: FactIndex, kind: type[Any] | None = None
    ) -> None:
        self._sets = [
            (index.with_term(t, own_only=True, kind=kind), index.with_term(t, kind=kind))
            for t in terms
        ]

    def __call__(self, fact: object) -> tuple[int, int]:
        key = id(fact)
        own = context = 0
        for own_ids, all_ids in self._sets:
            if key in own_ids:
                own += 1
            elif key in all_ids:
                context += 1
        return own, context


def relevance(own: int, context: int) -> int:
    """How well a fact fits the words asked: a word in its own fields counts twice one found
    only in the sentence it was read in."""
    return own * 2 + context


def content_words(question: Question, ignore: frozenset[str]) -> list[Token]:
    """The question's leftover words (no names, no stopwords) except `ignore` and numbers."""
    return [t for t in question.leftover if t.norm not in ignore and not t.norm[0].isdigit()]


def sources_count(fact: Fact) -> int:
    """How many sources report a fact: more sources rank first among equals."""
    return len(fact.sources)


def kind_of(name: str, index: FactIndex) -> str:
    """An actor's kind (person, country …); a name the index does not know counts as a person."""
    actor = index.actors.get(name)
    return actor.kind if actor else "person"
