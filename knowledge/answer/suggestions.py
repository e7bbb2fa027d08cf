"""When nothing is found: a plain message saying what was not found, and questions to ask instead.

The suggestions are questions the fact base can answer, about its most reported actors, so a
user who asked about something it does not hold is shown what it does.
"""

from __future__ import annotations

from knowledge.answer.index import FactIndex
from knowledge.answer.question import Question
from knowledge.answer.ranking import term_for_word
from knowledge.answer.text import Token
from knowledge.answer.words import CUE_WORDS
from knowledge.facts import Actor


def suggest_questions(index: FactIndex, limit: int = 3) -> list[str]:
    """Up to `limit` questions the fact base can answer, about its most-mentioned actors."""
    if index.suggestions is None or len(index.suggestions) < limit:
        index.suggestions = _suggestions(index, limit)
    return index.suggestions[:limit]


def nothing_about(index: FactIndex, question: Question, description: str) -> str:
    """Why the answer is empty: unknown words, or no facts of the kind asked for."""
    if not question.actors and not question.places and question.leftover:
        unknown = _unknown_words(question)
        terms = [term_for_word(t, index) for t in unknown]
        if not description or not index.mentions(terms):
            words = " ".join(t.surface for t in unknown)
            return f"I found nothing about '{words}' in the fact base."
    if not description:
        return f"I found nothing about '{question.display}' in the fact base."
    return f"I found no {description} in the fact base."


def _unknown_words(question: Question) -> list[Token]:
    """The leftover words that say what the question is about: all but the cue words ("who",
    "met", "said"), or every leftover word when there is nothing else."""
    return [t for t in question.leftover if t.norm not in CUE_WORDS] or question.leftover


def _suggestions(index: FactIndex, limit: int) -> list[str]:
    people = sorted(
        (a for a in index.facts.actors if a.kind == "person"),
        key=lambda a: (-index.weight(a.name), a.name),
    )
    others = sorted(
        (a for a in index.facts.actors if a.kind != "person"),
        key=lambda a: (-index.weight(a.name), a.name),
    )
    templates = [
        ("meeting", "Who met {name}?"),
        ("quote", "What did {name} say?"),
        ("role", "Who is {name}?"),
    ]
    suggestions: list[str] = []
    used: set[str] = set()
    for kind, template in templates:
        for actor in [*people, *others]:
            if actor.name in used or not _has_facts(actor, kind, index):
                continue
            suggestions.append(template.format(name=actor.name))
            used.add(actor.name)
            break
    if len(suggestions) < limit and index.facts.figures:
        suggestions.append("What figures were reported?")
    if len(suggestions) < limit and index.facts.meetings:
        suggestions.append("Which meetings are planned?")
    return suggestions[:limit]


def _has_facts(actor: Actor, kind: str, index: FactIndex) -> bool:
    if kind == "meeting":
        return bool(index.meetings_of.get(actor.name))
    if kind == "quote":
        return bool(index.quotes_of.get(actor.name))
    return bool(actor.roles) and actor.kind == "person"
