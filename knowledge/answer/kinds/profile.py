"""A name alone: a profile of the actor, with a few roles, meetings and a quote.

"Zelenskyy", "Peter Weber": for each actor named (at most `MAX_PROFILES`), the actor, its first
two roles, its most reported quote and its two most reported meetings (an answer shows five
facts; the evidence sentences after them say more). Other words in the
question make it a search about the actor instead.
"""

from __future__ import annotations

from functools import partial

from knowledge.answer.index import FactIndex
from knowledge.answer.kinds import search
from knowledge.answer.model import AnswerFact
from knowledge.answer.question import Question
from knowledge.answer.ranking import STATUS_ORDER, Found, Ranked, content_words, sources_count
from knowledge.answer.suggestions import nothing_about
from knowledge.answer.text import join
from knowledge.answer.words import SEARCH_CUES

MAX_PROFILES = 3


def answer(question: Question, index: FactIndex) -> Found:
    """The profiles of the actors named, in the order named."""
    if content_words(question, SEARCH_CUES):
        return search.answer(question, index)
    ranked: list[Ranked] = []
    for order, name in enumerate(question.actors[:MAX_PROFILES]):
        actor = index.actors.get(name)
        if actor is None:
            continue
        ranked.append(Ranked((order, 0, 0), AnswerFact("actor", actor)))
        for position, role in enumerate(actor.roles[:2]):
            ranked.append(Ranked((order, 1, position), AnswerFact("role", role, actor=name)))
        meetings = sorted(
            index.meetings_of.get(name, []),
            key=lambda m: (-sources_count(m), STATUS_ORDER[m.status]),
        )
        for position, meeting in enumerate(meetings[:2]):
            ranked.append(Ranked((order, 3, position), AnswerFact("meeting", meeting)))
        quotes = sorted(index.quotes_of.get(name, []), key=lambda q: -sources_count(q))
        if quotes:
            ranked.append(Ranked((order, 2, 0), AnswerFact("quote", quotes[0])))
    heading = f"About {join(question.actors[:MAX_PROFILES])}:"
    return Found(heading, ranked, partial(nothing_about, index, question, ""))
