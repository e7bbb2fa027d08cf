"""Anything else: the facts whose fields or sentences have every word, best first.

"sanctions", "prisoners", "Zelenskyy security guarantees": every kind of fact having all the
words (at least one in its own fields), restricted to the actors named; the fewer words found
only in the sentence, the better. An answer is never worse than searching the articles.
"""

from __future__ import annotations

from functools import partial

from knowledge.answer.index import FactIndex
from knowledge.answer.model import AnswerFact
from knowledge.answer.question import Question
from knowledge.answer.ranking import (
    Found,
    Hits,
    Ranked,
    content_words,
    relevance,
    sources_count,
    term_for_word,
)
from knowledge.answer.suggestions import nothing_about
from knowledge.answer.text import join
from knowledge.answer.words import SEARCH_CUES
from knowledge.facts import Figure, Meeting, Quote, Role, Statement


def answer(question: Question, index: FactIndex) -> Found:
    """Facts of any kind with every word of the question, about the actors named if any."""
    words = content_words(question, SEARCH_CUES)
    terms = [term_for_word(t, index) for t in words]
    wanted = set(question.actors)
    if not terms:
        return Found("", [], partial(nothing_about, index, question, ""))
    ranked: list[Ranked] = []
    hits = Hits(terms, index)
    # A fact must have a word in its own fields: only those are looked at (at 200× the
    # sentences alone have a common word in thousands).
    own_any: set[int] = set()
    for term in terms:
        own_any |= index.with_term(term, own_only=True)
    having = index.having(terms) & own_any
    for position, (item, involved) in enumerate(_candidates(having, index)):
        if wanted and not wanted & involved:
            continue
        own, context = hits(item.fact)
        if own and own + context == len(terms):
            key = (-relevance(own, context), -sources_count(item.fact), position)
            ranked.append(Ranked(key, item))
    label = " ".join(t.surface for t in words)
    if not wanted:
        return Found(
            f"Facts mentioning '{label}':", ranked, partial(nothing_about, index, question, "")
        )
    about = f"{join(question.actors)} and '{label}'"
    return Found(
        f"About {about}:", ranked, partial(nothing_about, index, question, f"facts about {about}")
    )


def _candidates(having: set[int], index: FactIndex) -> list[tuple[AnswerFact, frozenset[str]]]:
    """The facts among `having`, kind by kind in fact base order, each with the actors in it."""
    candidates: list[tuple[AnswerFact, frozenset[str]]] = []
    for quote in index.in_order(having, Quote):
        candidates.append((AnswerFact("quote", quote), frozenset({index.canonical(quote.speaker)})))
    for st in index.in_order(having, Statement):
        candidates.append((AnswerFact("statement", st), frozenset({index.canonical(st.speaker)})))
    for meeting in index.in_order(having, Meeting):
        candidates.append((AnswerFact("meeting", meeting), index.participants(meeting)))
    for figure in index.in_order(having, Figure):
        subject = frozenset({index.canonical(figure.subject)}) if figure.subject else frozenset()
        candidates.append((AnswerFact("figure", figure), subject))
    for role in index.in_order(having, Role):
        holder = index.role_holder(id(role))
        candidates.append((AnswerFact("role", role, actor=holder), frozenset({holder})))
    return candidates
