"""The fact schema shared by extraction, the store, queries and digests (see DESIGN.md).

Extraction produces one `ArticleFacts` per article, naming actors as they were written;
`knowledge.consolidate.consolidate` merges every article's facts into one `FactBase` whose actors
have canonical names and whose repeated facts carry several sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ActorKind = Literal["person", "organization", "country", "group"]
MeetingKind = Literal["in person", "call", "video", "summit", "talks"]
MeetingStatus = Literal["held", "planned", "proposed", "declined", "on hold"]

ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "organization", "country", "group")
MEETING_KINDS: tuple[MeetingKind, ...] = ("in person", "call", "video", "summit", "talks")
MEETING_STATUSES: tuple[MeetingStatus, ...] = ("held", "planned", "proposed", "declined", "on hold")
FACT_KINDS = ("actor", "meeting", "figure", "quote", "statement")


@dataclass(frozen=True, order=True)
class Source:
    """Where a fact was read: article, 1-based paragraph, the sentence and its offsets, and the
    article's publication date (ISO), outlet and URL when they are known."""

    article_id: str
    article_title: str
    paragraph: int
    sentence: str
    start: int = 0
    end: int = 0
    published: str | None = None
    outlet: str | None = None
    url: str | None = None

    @property
    def locator(self) -> str:
        """ "001_c4cbbd1f81462633 ¶3": which article, which paragraph."""
        return f"{self.article_id} ¶{self.paragraph}"


@dataclass
class Role:
    """A title an actor holds ("special envoy"), optionally of someone or something ("Russia")."""

    title: str
    of: str | None = None
    sources: list[Source] = field(default_factory=list)

    def label(self) -> str:
        return f"{self.title} ({self.of})" if self.of else self.title


@dataclass
class Actor:
    """A person, organization, country or group, under one canonical name."""

    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    affiliation: str | None = None
    mentions: int = 0
    sources: list[Source] = field(default_factory=list)


@dataclass
class Meeting:
    """A meeting, call, summit or talks: who, where, when, how and whether it happened.

    `event` is the key the extraction rules give the mentions of one meeting within an
    article ("Trump met Putin …", "The meeting lasted …"), which consolidation merges; a
    consolidated event has none."""

    participants: list[str]
    kind: MeetingKind
    status: MeetingStatus
    place: str | None = None
    time: str | None = None
    date: str | None = None
    sources: list[Source] = field(default_factory=list)
    event: str | None = None


@dataclass
class Figure:
    """A reported number: value, qualifier, unit and what it counts."""

    value: float
    unit: str
    counts: str
    text: str
    qualifier: str | None = None
    subject: str | None = None
    sources: list[Source] = field(default_factory=list)


@dataclass
class Quote:
    """Words an actor was quoted as saying."""

    speaker: str
    words: str
    cue: str
    topics: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


@dataclass
class Statement:
    """A reported claim without quotation marks ("X said that ...")."""

    speaker: str
    text: str
    cue: str
    sources: list[Source] = field(default_factory=list)


@dataclass
class Sentence:
    """One sentence of an article as the pipeline read it: the evidence answers cite.

    `index` counts the article's sentences from 0; `actors` are the actors it mentions (by name,
    by alias, or through a pronoun or a role resolved to them), canonical in a `FactBase`;
    `places`, `dates` and `numbers` are the named entities of those kinds, as written."""

    article_id: str
    article_title: str
    paragraph: int
    index: int
    text: str
    start: int = 0
    end: int = 0
    published: str | None = None
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None

    @property
    def source(self) -> Source:
        """The sentence as a fact's `Source`, so it is cited like one."""
        return Source(
            self.article_id,
            self.article_title,
            self.paragraph,
            self.text,
            self.start,
            self.end,
            self.published,
            self.outlet,
            self.url,
        )


@dataclass
class ActorMention:
    """An actor as one article wrote it, before names are merged across articles."""

    text: str
    kind: ActorKind
    source: Source


@dataclass
class ArticleFacts:
    """Everything extracted from one article; actor names are as written in it."""

    article_id: str
    title: str
    actors: list[Actor] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], cited: Sequence[Source] | None = None) -> ArticleFacts:
        """The facts `to_dict` gave; with `cited`, each fact's sources are given as numbers of
        sources in it (one `Source` shared by the facts citing the same sentence)."""

        def sources(items: list[Any]) -> list[Source]:
            if cited is not None:
                return [cited[n] for n in items]
            return [Source(**s) for s in items]

        return cls(
            article_id=data["article_id"],
            title=data["title"],
            actors=[
                Actor(
                    name=a["name"],
                    kind=a["kind"],
                    aliases=list(a["aliases"]),
                    roles=[Role(r["title"], r["of"], sources(r["sources"])) for r in a["roles"]],
                    affiliation=a["affiliation"],
                    mentions=a["mentions"],
                    sources=sources(a["sources"]),
                )
                for a in data["actors"]
            ],
            meetings=[Meeting(**{**m, "sources": sources(m["sources"])}) for m in data["meetings"]],
            figures=[Figure(**{**f, "sources": sources(f["sources"])}) for f in data["figures"]],
            quotes=[Quote(**{**q, "sources": sources(q["sources"])}) for q in data["quotes"]],
            statements=[
                Statement(**{**s, "sources": sources(s["sources"])}) for s in data["statements"]
            ],
            # Absent from the facts of articles stored before sentences were kept.
            sentences=[Sentence(**s) for s in data.get("sentences", [])],
        )


@dataclass
class FactBase:
    """All facts, actors merged under canonical names, repeated facts merged with their sources."""

    actors: list[Actor] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "actor": len(self.actors),
            "meeting": len(self.meetings),
            "figure": len(self.figures),
            "quote": len(self.quotes),
            "statement": len(self.statements),
        }
