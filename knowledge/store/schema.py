"""The store's tables as SQLAlchemy ORM rows: one schema for SQLite and PostgreSQL.

`articles` keeps every article with its own extracted facts (`facts_json`); the consolidated
tables (actors with their aliases and roles, meetings with their participants, figures, quotes,
statements, and the sources of each) hold the fact base `consolidate()` made of all of them;
`subscriptions`, `feeds`, `claims`, `threads`, `flagged_facts` and `store_meta` serve the
bot. Names in facts keep a folded key
(`knowledge.names.name_key`) and, where the name is an actor's, a link to it, so `find_facts`
matches a name however it was written.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, Double, ForeignKey, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from knowledge.locations import META_TABLE


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    __tablename__ = META_TABLE

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ClaimRow(Base):
    """A key claimed once across every process on the database: a Slack event answered, a
    digest slot posted. The primary key makes the second claim fail."""

    __tablename__ = "claims"

    scope: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class SubscriptionRow(Base):
    """A channel's digest schedule, and how its posting went."""

    __tablename__ = "subscriptions"

    channel: Mapped[str] = mapped_column(String(64), primary_key=True)
    schedule: Mapped[str] = mapped_column(Text)
    subscribed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    team_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Added after team_id (nullable, so _add_missing_columns adds it to older stores): the
    # Enterprise Grid organization, whose org-wide install posts for each of its workspaces.
    enterprise_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    posted_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    failure: Mapped[str | None] = mapped_column(Text, nullable=True)


class ThreadRow(Base):
    """A conversation thread the bot answered in, and the question it last answered there
    (knowledge/store/threads.py), for reading replies without a new mention in its context."""

    __tablename__ = "threads"

    channel: Mapped[str] = mapped_column(String(64), primary_key=True)
    thread_ts: Mapped[str] = mapped_column(String(32), primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    team_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class FlagRow(Base):
    """A fact someone reported as wrong ("Report a wrong fact"): which fact (knowledge.fact_ids),
    who reported it and when; never the question they had asked."""

    __tablename__ = "flagged_facts"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    fact_id: Mapped[str] = mapped_column(String(32), index=True)
    reporter: Mapped[str] = mapped_column(String(64))
    team_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FeedRow(Base):
    """A polled feed (FEEDS): what to send for a conditional request next time, and how its
    polls went; `key` is the sha1 of its URL (URLs are too long for a portable key)."""

    __tablename__ = "feeds"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    ok_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    entries: Mapped[int] = mapped_column(default=0)  # entries ingested from it, in all
    failures: Mapped[int] = mapped_column(default=0)  # polls failed in a row
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    failure: Mapped[str | None] = mapped_column(Text, nullable=True)


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    facts_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Added after the first release: nullable, so _add_missing_columns adds them to old stores.
    published: Mapped[str | None] = mapped_column(String(10), nullable=True)
    outlet: Mapped[str | None] = mapped_column(Text, nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    author: Mapped[str | None] = mapped_column(Text, nullable=True)
    # A near duplicate (the same wire story from another outlet): the id of the article it
    # copies. Its text is not kept twice and it has no facts of its own; the facts of the
    # article it copies cite it too (Store._rebuild_fact_base).
    copy_of: Mapped[str | None] = mapped_column(Text, nullable=True)


_OWNERS = ("actor_id", "role_id", "meeting_id", "figure_id", "quote_id", "statement_id")


def _belongs_to(table: str) -> Mapped[Any]:
    """A column pointing at the row of `table` this one belongs to, and is deleted with (NOT
    NULL unless the column is annotated optional, as a source's owners are)."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True)


class SourceRow(Base):
    """Where a fact was read; exactly one of the owner columns is set, `position` keeps order."""

    __tablename__ = "sources"
    __table_args__ = (
        CheckConstraint(
            " + ".join(f"(CASE WHEN {owner} IS NULL THEN 0 ELSE 1 END)" for owner in _OWNERS)
            + " = 1",
            name="sources_one_owner",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    article_id: Mapped[str] = _belongs_to("articles")
    article_title: Mapped[str] = mapped_column(Text)
    paragraph: Mapped[int]
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    published: Mapped[str | None] = mapped_column(String(10), nullable=True)
    outlet: Mapped[str | None] = mapped_column(Text, nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    actor_id: Mapped[int | None] = _belongs_to("actors")
    role_id: Mapped[int | None] = _belongs_to("roles")
    meeting_id: Mapped[int | None] = _belongs_to("meetings")
    figure_id: Mapped[int | None] = _belongs_to("figures")
    quote_id: Mapped[int | None] = _belongs_to("quotes")
    statement_id: Mapped[int | None] = _belongs_to("statements")


def _owned(row: str) -> Mapped[list[Any]]:
    """The rows of `row` that belong to this one, in their order, deleted with it."""
    return relationship(order_by=f"{row}.position", cascade="all, delete-orphan")


def _actor_link() -> Mapped[int | None]:
    """A column linking a name in a fact to the actor it names, if it names one."""
    return mapped_column(ForeignKey("actors.id", ondelete="SET NULL"), index=True)


class ActorRow(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    affiliation: Mapped[str | None] = mapped_column(Text)
    mentions: Mapped[int]
    aliases: Mapped[list[AliasRow]] = _owned("AliasRow")
    roles: Mapped[list[RoleRow]] = _owned("RoleRow")
    sources: Mapped[list[SourceRow]] = _owned("SourceRow")


class AliasRow(Base):
    __tablename__ = "aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = _belongs_to("actors")
    position: Mapped[int]
    alias: Mapped[str] = mapped_column(Text)
    alias_key: Mapped[str] = mapped_column(Text, index=True)


class RoleRow(Base):
    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = _belongs_to("actors")
    position: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    of: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[list[SourceRow]] = _owned("SourceRow")


class MeetingRow(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    place: Mapped[str | None] = mapped_column(Text)
    time: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(Text)
    event: Mapped[str | None] = mapped_column(Text, nullable=True)
    participants: Mapped[list[ParticipantRow]] = _owned("ParticipantRow")
    sources: Mapped[list[SourceRow]] = _owned("SourceRow")


class ParticipantRow(Base):
    """A meeting participant as named; `actor_id` links it to an actor when the name is one."""

    __tablename__ = "meeting_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = _belongs_to("meetings")
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True)
    actor_id: Mapped[int | None] = _actor_link()
    actor: Mapped[ActorRow | None] = relationship()


class FigureRow(Base):
    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    value: Mapped[float] = mapped_column(Double)
    unit: Mapped[str] = mapped_column(Text)
    counts: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    qualifier: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    subject_key: Mapped[str | None] = mapped_column(Text, index=True)
    subject_id: Mapped[int | None] = _actor_link()
    subject_actor: Mapped[ActorRow | None] = relationship()
    sources: Mapped[list[SourceRow]] = _owned("SourceRow")


class _SaidRow:
    """What a quote and a statement share: the speaker as named, its key, its actor, sources.

    Its columns come first in each table (sort_order), where the tables had them before.
    """

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    position: Mapped[int] = mapped_column(sort_order=-1)
    speaker: Mapped[str] = mapped_column(Text, sort_order=-1)
    speaker_key: Mapped[str] = mapped_column(Text, index=True, sort_order=-1)
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True, sort_order=-1
    )

    @declared_attr
    def speaker_actor(cls) -> Mapped[ActorRow | None]:
        return relationship()

    @declared_attr
    def sources(cls) -> Mapped[list[SourceRow]]:
        return _owned("SourceRow")


class QuoteRow(_SaidRow, Base):
    __tablename__ = "quotes"

    words: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(Text)
    topics: Mapped[list[str]] = mapped_column(JSON)


class StatementRow(_SaidRow, Base):
    __tablename__ = "statements"

    text: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(Text)


class SentenceRow(Base):
    """An article sentence with the actors (canonical), places, dates and numbers it mentions:
    the evidence answers cite (`knowledge.facts.Sentence`). Rebuilt with the fact base, since
    consolidation decides the canonical names."""

    __tablename__ = "sentences"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    article_id: Mapped[str] = _belongs_to("articles")
    article_title: Mapped[str] = mapped_column(Text)
    paragraph: Mapped[int]
    index: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    published: Mapped[str | None] = mapped_column(String(10), nullable=True)
    actors: Mapped[list[str]] = mapped_column(JSON)
    places: Mapped[list[str]] = mapped_column(JSON)
    dates: Mapped[list[str]] = mapped_column(JSON)
    numbers: Mapped[list[str]] = mapped_column(JSON)
    outlet: Mapped[str | None] = mapped_column(Text, nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)


# Children before parents, so bulk deletes never trip a foreign key.
CONSOLIDATED_TABLES: tuple[type[Base], ...] = (
    SentenceRow,
    SourceRow,
    ParticipantRow,
    AliasRow,
    RoleRow,
    QuoteRow,
    StatementRow,
    FigureRow,
    MeetingRow,
    ActorRow,
)
FactRow = ActorRow | MeetingRow | FigureRow | QuoteRow | StatementRow
FACT_ROWS: dict[str, type[FactRow]] = {
    "actor": ActorRow,
    "meeting": MeetingRow,
    "figure": FigureRow,
    "quote": QuoteRow,
    "statement": StatementRow,
}
