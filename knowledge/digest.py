"""Digests: what came into the fact base in a window of time, as a short cited summary.

    digest = compose_digest(store, since, until)
    digest.to_text()   # what a channel reads

A fact is new in the window when an article ingested in it reported it; facts are ranked by how
many articles reported them (all of them, not only the new ones), each section is bounded, and
every item cites a source from the window. Slack-free: handlers render it as Block Kit.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from knowledge.answer import AnswerFact, cite, describe_fact
from knowledge.facts import Actor, FactBase, Figure, Meeting, Quote, Source
from knowledge.store import Store

SECTION_LIMIT = 5
STATE_OF_PLAY_LIMIT = 3
_PLANNED = ("planned", "proposed", "on hold")


@dataclass
class DigestSection:
    """A titled list of facts, best first; `total` counts those left out too."""

    title: str
    items: list[AnswerFact] = field(default_factory=list)
    total: int = 0


@dataclass
class Digest:
    """The digest of [since, until): the new articles and the facts they brought, by section.

    When nothing came in, `sections` is empty and `state_of_play` holds the most reported
    facts overall, so the channel still learns where things stand.
    """

    since: datetime | None
    until: datetime
    articles: list[tuple[str, str]] = field(default_factory=list)
    sections: list[DigestSection] = field(default_factory=list)
    state_of_play: list[AnswerFact] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.sections

    def heading(self) -> str:
        window = f"since {_when(self.since)}" if self.since else "so far"
        if self.is_empty:
            return f"Nothing new in the fact base {window}."
        count = len(self.articles)
        return f"Digest: {count} new article{'s' if count != 1 else ''} {window}"

    def to_text(self) -> str:
        """The digest as plain text, one line per fact with its source."""
        lines = [self.heading()]
        for section in self.sections:
            lines.append("")
            lines.append(f"{section.title}:")
            lines.extend(f"• {_line(item)}" for item in section.items)
            if section.total > len(section.items):
                lines.append(f"…and {section.total - len(section.items)} more.")
        if self.is_empty and self.state_of_play:
            lines.append("")
            lines.append("State of play, the most reported facts:")
            lines.extend(f"• {_line(item)}" for item in self.state_of_play)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat(),
            "text": self.to_text(),
            "articles": [{"id": i, "title": t} for i, t in self.articles],
            "sections": [
                {
                    "title": s.title,
                    "total": s.total,
                    "facts": [item.to_dict() for item in s.items],
                }
                for s in self.sections
            ],
            "state_of_play": [item.to_dict() for item in self.state_of_play],
        }


def compose_digest(
    store: Store,
    since: datetime | None,
    until: datetime,
    *,
    facts: FactBase | None = None,
    limit: int = SECTION_LIMIT,
) -> Digest:
    """The digest of what was ingested in [since, until) (`since` None: everything so far)."""
    articles = store.articles_between(since, until)
    base = facts if facts is not None else store.load_factbase()
    digest = Digest(since=since, until=until, articles=[(i, t) for i, t, _ in articles])
    new = {article_id for article_id, _, _ in articles}
    if new:
        digest.sections = [s for s in _sections(base, new, limit) if s.items]
    if digest.is_empty:
        digest.state_of_play = _state_of_play(base)
    return digest


def _sections(base: FactBase, new: set[str], limit: int) -> list[DigestSection]:
    def fresh(sources: list[Source]) -> bool:
        return any(s.article_id in new for s in sources)

    held = [m for m in base.meetings if m.status == "held" and fresh(m.sources)]
    planned = [m for m in base.meetings if m.status in _PLANNED and fresh(m.sources)]
    figures = [f for f in base.figures if fresh(f.sources)]
    quotes = [q for q in base.quotes if fresh(q.sources)]
    # Newly in the news: people every one of whose mentions is in the window's articles.
    people = [
        a
        for a in base.actors
        if a.kind == "person" and a.sources and all(s.article_id in new for s in a.sources)
    ]
    return [
        _section("Meetings held", held, new, limit),
        _section("Meetings planned or proposed", planned, new, limit),
        _section("Key figures", figures, new, limit),
        _section("Notable quotes", quotes, new, limit),
        _section("New in the news", people, new, limit),
    ]


def _section(
    title: str,
    facts: list[Meeting] | list[Figure] | list[Quote] | list[Actor],
    new: set[str],
    limit: int,
) -> DigestSection:
    ranked = sorted(facts, key=lambda fact: -_reach(fact.sources))
    items = [AnswerFact(_kind(fact), _cited_from(fact, new)) for fact in ranked[:limit]]
    return DigestSection(title, items, len(ranked))


def _state_of_play(base: FactBase) -> list[AnswerFact]:
    facts: list[Meeting | Figure | Quote] = [*base.meetings, *base.figures, *base.quotes]
    ranked = sorted(facts, key=lambda fact: -_reach(fact.sources))
    return [AnswerFact(_kind(fact), fact) for fact in ranked[:STATE_OF_PLAY_LIMIT]]


def _reach(sources: list[Source]) -> int:
    """How widely a fact was reported: the number of articles that reported it."""
    return len({s.article_id for s in sources})


def _kind(fact: object) -> str:
    return type(fact).__name__.lower()


def _cited_from(fact: Any, new: set[str]) -> Any:
    """The fact with the sources from the window first, so its citation is a new article."""
    sources = sorted(fact.sources, key=lambda s: s.article_id not in new)
    return replace(fact, sources=sources)


def _line(item: AnswerFact) -> str:
    fact = item.fact
    if isinstance(fact, Actor) and fact.roles:
        text = f"{fact.name} — {'; '.join(role.label() for role in fact.roles[:3])}"
    else:
        text = describe_fact(item)
    citation = cite(item.fact.sources, sentence_chars=200)
    if citation is not None:
        where = citation.label + (f" [{citation.locator}]" if citation.locator else "")
        text += f" — {where}" + (f" <{citation.url}>" if citation.url else "")
        text += f' "{citation.sentence}"'
        if citation.articles > 1:
            text += f" (reported by {citation.articles} articles)"
    return text


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %Z").strip()
