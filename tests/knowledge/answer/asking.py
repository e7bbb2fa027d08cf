"""What the answer tests share: ask a fact base a question, and read the answer's parts."""

from __future__ import annotations

from knowledge.answer import Answer, answer_question
from knowledge.facts import FactBase, Figure, Meeting, Quote, Statement
from tests.knowledge.answer.facts_data import FACTS


def ask(question: str, facts: FactBase = FACTS) -> Answer:
    """The answer to `question` from `facts` (by default the hand-built fact base)."""
    return answer_question(question, facts)


def matched_names(answer: Answer) -> list[str]:
    return [m.name for m in answer.matched]


def meeting_participants(answer: Answer) -> list[set[str]]:
    return [set(item.fact.participants) for item in answer.facts if isinstance(item.fact, Meeting)]


def fact_kinds(answer: Answer) -> list[str]:
    return [item.kind for item in answer.facts]


def meetings(answer: Answer) -> list[Meeting]:
    """The answer's meetings; every fact in it must be one."""
    found = [item.fact for item in answer.facts if isinstance(item.fact, Meeting)]
    assert len(found) == len(answer.facts), answer.to_text()
    return found


def figures(answer: Answer) -> list[Figure]:
    """The answer's figures; every fact in it must be one."""
    found = [item.fact for item in answer.facts if isinstance(item.fact, Figure)]
    assert len(found) == len(answer.facts), answer.to_text()
    return found


def speakers(answer: Answer) -> set[str]:
    return {item.fact.speaker for item in answer.facts if isinstance(item.fact, (Quote, Statement))}


def is_nothing_found(answer: Answer) -> bool:
    return not answer.facts and answer.heading.startswith("I found no") and bool(answer.suggestions)
