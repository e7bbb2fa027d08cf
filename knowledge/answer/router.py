"""`answer_question`: a question in, an `Answer` out, through the kind its intent names.

`ANSWERERS` maps each intent to the kind that answers it; help and a name that fits two actors
("Did you mean Anna Martin or Paul Martin?") are answered here, before any kind runs.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable

from knowledge.answer.evidence import find_evidence
from knowledge.answer.index import FactIndex, index_for
from knowledge.answer.kinds import figures, meetings, profile, quotes, roles, search
from knowledge.answer.kinds.meetings import YES_HELD
from knowledge.answer.matching import NameHit
from knowledge.answer.model import EVIDENCE_HEADING, MAX_FACTS, Answer, Match
from knowledge.answer.question import MAX_QUESTION_CHARS, Question, analyze_question
from knowledge.answer.ranking import Found
from knowledge.answer.suggestions import suggest_questions
from knowledge.answer.text import fold, join
from knowledge.facts import FactBase

Answerer = Callable[[Question, FactIndex], Found]

ANSWERERS: dict[str, Answerer] = {
    "meeting": meetings.answer,
    "role": roles.answer,
    "figure": figures.answer,
    "quote": quotes.answer,
    "profile": profile.answer,
    "search": search.answer,
}

_HELP = (
    "Ask me about the Russia–Ukraine peace talks: who met whom, who is who, "
    "what was said, and the numbers reported."
)


def answer_question(
    question: str, facts: FactBase, *, index: FactIndex | None = None, limit: int = MAX_FACTS
) -> Answer:
    """Answer a plain-English question from the fact base, citing each fact's source.

    Names are matched fuzzily (typos, surnames, aliases, diacritics, word order), the intent
    comes from keywords (meetings, roles, figures, quotes, or a profile of the actors named),
    and the facts are filtered, ranked by relevance and capped at `limit` (Slack's "Show N
    more" asks for more than `MAX_FACTS`). When nothing is found the answer says so and
    suggests questions the fact base can answer. Slack markup in the question is neutralized
    and never echoed back live.
    """
    index = index or index_for(facts)
    asked = analyze_question(question or "", index)
    answer = Answer(question=asked.display, intent=asked.intent)
    answer.matched = [Match(hit.term, hit.name, hit.score) for hit in asked.hits]
    answer.notes = _notes(asked)
    unsure = next((hit for hit in asked.hits if hit.ambiguous_with), None)
    if unsure is not None and asked.intent != "help":
        return _clarify(answer, unsure)
    if asked.intent == "help":
        answer.heading = _HELP
        answer.suggestions = suggest_questions(index)
        return answer
    heading, ranked, empty_message = ANSWERERS[asked.intent](asked, index)
    answer.total = len(ranked)
    # The first `limit` in key order, as sorting all would give them (ties in list order).
    answer.facts = [r.item for r in heapq.nsmallest(limit, ranked, key=lambda r: r.key)]
    shown, cited = _cited(answer)
    confirmed = bool(answer.facts) and heading.startswith(YES_HELD)
    answer.evidence = find_evidence(
        asked, index.sentences, index.actors, cited=cited, shown=shown, confirmed=confirmed
    )
    if answer.facts:
        answer.heading = heading
    elif answer.evidence:
        answer.heading = EVIDENCE_HEADING
    else:
        answer.heading = empty_message() if callable(empty_message) else empty_message
        answer.suggestions = suggest_questions(index)
    return answer


def _cited(answer: Answer) -> tuple[frozenset[str], frozenset[str]]:
    """The sentences the answer's facts cite (folded): those of meetings, figures and quotes,
    whose lines say what the sentence says (`shown`), and the others (`cited`)."""
    said = ("meeting", "figure", "quote")
    first = [(f.kind, fold(f.fact.sources[0].sentence)) for f in answer.facts if f.fact.sources]
    return (
        frozenset(text for kind, text in first if kind in said),
        frozenset(text for kind, text in first if kind not in said),
    )


def _notes(asked: Question) -> list[str]:
    """What the answer says about reading the question: fuzzy matches, markup, truncation."""
    notes: list[str] = []
    for hit in asked.hits:
        if hit.score < 100 or hit.also:
            note = f"({hit.term} → {hit.name}"
            if hit.also:
                note += f"; could also be {join(hit.also)}"
            notes.append(note + ")")
    if asked.had_markup:
        notes.append("(I left out the Slack mentions and links in your question.)")
    if asked.truncated:
        notes.append(
            f"(Your question was long, so I read only its first {MAX_QUESTION_CHARS} characters.)"
        )
    return notes


def _clarify(answer: Answer, unsure: NameHit) -> Answer:
    """A name fits two actors equally: ask which, with the question rephrased for each."""
    names = [unsure.name, *unsure.ambiguous_with]
    answer.intent = "clarify"
    answer.heading = f"Did you mean {join(names, 'or')}?"
    answer.suggestions = [_rephrase(answer.question, unsure.term, name) for name in names]
    return answer


def _rephrase(question: str, term: str, name: str) -> str:
    """The question with `term` (as the user wrote it) replaced by a full name."""
    pattern = r"\s+".join(re.escape(word) for word in term.split())
    rephrased, count = re.subn(pattern, name, question, count=1, flags=re.IGNORECASE)
    return rephrased if count else f"{question} ({name})"
