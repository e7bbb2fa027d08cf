"""What an answer is: the facts found (`AnswerFact`), what the question's names matched (`Match`),
and the `Answer` that holds them with its plain-text and JSON forms."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from knowledge.answer.render import render_evidence, render_fact
from knowledge.answer.sentences import Evidence
from knowledge.answer.text import neutralize_markup
from knowledge.facts import Actor, Figure, Meeting, Quote, Role, Statement

MAX_FACTS = 5  # and at most MAX_EVIDENCE sentences after them: an answer stays short
EVIDENCE_HEADING = "From the articles:"

Fact = Actor | Role | Meeting | Figure | Quote | Statement


class Match(NamedTuple):
    """A name in the question and what it was matched to (100 = exact)."""

    term: str
    name: str
    score: int


@dataclass(frozen=True)
class AnswerFact:
    """One fact in an answer; `actor` names whose role it is when `kind` is "role"."""

    kind: str
    fact: Fact
    actor: str | None = None
    focus: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """`{"kind": ..., "fact": {every field, sources included}}`, plus `actor` for roles.

        A meeting asked about from one side ("who met Witkoff") has `focus`: the participants
        asked about, as written in the meeting; the others are its `counterparts`.
        """
        data: dict[str, Any] = {"kind": self.kind, "fact": asdict(self.fact)}
        if self.actor is not None:
            data["actor"] = self.actor
        if self.focus:
            data["focus"] = list(self.focus)
            data["counterparts"] = self.counterparts()
        return data

    def counterparts(self) -> list[str]:
        """A meeting's participants other than the ones asked about."""
        if not isinstance(self.fact, Meeting):
            return []
        return [p for p in self.fact.participants if p not in self.focus]


@dataclass
class Answer:
    """A question's answer: the facts found, what the question's names matched, and notes.

    `facts` holds at most `MAX_FACTS` facts, best first; `total` is how many were found.
    `suggestions` are questions worth asking instead, given when nothing was found.
    `evidence` are the article sentences that answer it (after the facts, or alone).
    """

    question: str
    intent: str
    matched: list[Match] = field(default_factory=list)
    facts: list[AnswerFact] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    heading: str = ""
    notes: list[str] = field(default_factory=list)
    total: int = 0
    evidence: list[Evidence] = field(default_factory=list)

    def to_text(self) -> str:
        """The answer as plain text for Slack: one line per fact, each with its source."""
        lines: list[str] = []
        if self.heading:
            lines.append(self.heading)
        lines.extend(self.notes)
        lines.extend(f"• {render_fact(item)}" for item in self.facts)
        if self.total > len(self.facts):
            lines.append(f"…and {self.total - len(self.facts)} more.")
        if self.evidence:
            if self.facts:
                lines.append(EVIDENCE_HEADING)
            lines.extend(f"• {render_evidence(item)}" for item in self.evidence)
        if self.suggestions:
            lines.append("You could ask:")
            lines.extend(f"• {suggestion}" for suggestion in self.suggestions)
        return neutralize_markup("\n".join(lines))

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON-serializable data: question, text, intent, matches and facts."""
        return {
            "question": self.question,
            "text": self.to_text(),
            "intent": self.intent,
            "matched": [m._asdict() for m in self.matched],
            "facts": [item.to_dict() for item in self.facts],
            "total": self.total,
            "suggestions": list(self.suggestions),
            "notes": list(self.notes),
            "evidence": [item.to_dict() for item in self.evidence],
        }
