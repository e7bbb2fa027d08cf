"""Who-is questions: an actor's roles, or the holders of a title.

"who is Umerov", "what is Witkoff's role" give the roles of the actors named (people first);
"who is the lead negotiator", "who is the president of Ukraine" give the roles whose title has
every word, those "of" an actor named first. An actor with no roles gets a profile instead.
"""

from __future__ import annotations

from functools import partial

from knowledge.answer.index import FactIndex
from knowledge.answer.kinds import profile
from knowledge.answer.model import AnswerFact
from knowledge.answer.question import Question
from knowledge.answer.ranking import (
    Found,
    Hits,
    Ranked,
    content_words,
    kind_of,
    relevance,
    sources_count,
    term_for_actor,
    term_for_word,
)
from knowledge.answer.suggestions import nothing_about
from knowledge.answer.text import Token, join
from knowledge.answer.words import HONORIFICS_AND_WHO, ROLE_CUES
from knowledge.facts import Role


def answer(question: Question, index: FactIndex) -> Found:
    """Roles by title when the question names one, else the roles of the actors named."""
    words = content_words(question, ROLE_CUES | HONORIFICS_AND_WHO)
    if words:
        found = _roles_by_title(words, question.actors, index)
        if found or not question.actors:
            label = " ".join(t.surface for t in words)
            if question.actors:
                label = f"{label} ({join(question.actors)})"
            empty = partial(nothing_about, index, question, f"role matching '{label}'")
            return Found(f"Roles matching '{label}':", found, empty)
    people = [n for n in question.actors if kind_of(n, index) == "person"]
    ranked: list[Ranked] = []
    for order, name in enumerate(people or question.actors):
        actor = index.actors.get(name)
        for position, role in enumerate(actor.roles if actor else []):
            key = (order, -sources_count(role), position)
            ranked.append(Ranked(key, AnswerFact("role", role, actor=name)))
    if not ranked:
        return profile.answer(question, index)
    return Found(f"Who is {join(people or question.actors)}:", ranked, "")


def _roles_by_title(words: list[Token], actors: list[str], index: FactIndex) -> list[Ranked]:
    """Roles whose title (or whom they are "of") has every word; named actors rank them up."""
    terms = [term_for_word(t, index) for t in words]
    actor_terms = [term_for_actor(n, index) for n in actors]
    found: list[Ranked] = []
    hits, qualifying = Hits(terms, index, Role), Hits(actor_terms, index, Role)
    for role in index.in_order(index.having(terms, own_only=True, kind=Role), Role):
        holder = index.role_holder(id(role))
        own, context = hits(role)
        if own < len(terms):
            continue
        qualified, _ = qualifying(role)
        if actors and not qualified and holder not in actors:
            continue
        key = (-qualified, -relevance(own, context), -sources_count(role), index.position(role))
        found.append(Ranked(key, AnswerFact("role", role, actor=holder)))
    return found
