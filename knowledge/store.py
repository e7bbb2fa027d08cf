"""The fact store: articles with their extracted facts, and the consolidated fact base.

One SQLAlchemy schema serves SQLite (a file, the default) and PostgreSQL. Every article keeps its
own `ArticleFacts` as JSON; the consolidated tables (actors, aliases, roles, meetings, figures,
quotes, statements and the sources of each) are recomputed from all stored articles with
`knowledge.consolidate.consolidate` in the same transaction that adds articles, so they never
disagree with the articles stored.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz, process
from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Double,
    Engine,
    ForeignKey,
    String,
    Text,
    create_engine,
    delete,
    event,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
    sessionmaker,
)
from sqlalchemy.sql.elements import ColumnElement

from knowledge.articles import Article
from knowledge.facts import (
    Actor,
    ArticleFacts,
    FactBase,
    Figure,
    Meeting,
    Quote,
    Role,
    Source,
    Statement,
)
from knowledge.locations import DEFAULT_DB_PATH as DEFAULT_DB_PATH  # re-exported
from knowledge.locations import META_TABLE, SCHEMA_VERSION, sqlite_path
from knowledge.locations import PROJECT_ROOT as PROJECT_ROOT  # re-exported
from knowledge.locations import StoreError as StoreError  # re-exported
from knowledge.names import name_key

_SCHEMA_LOCK = 0x756B7262  # "ukrb": the advisory lock key taken while creating tables
# The schedule of a channel whose digest was turned off by hand (see Subscription.is_off).
SCHEDULE_OFF = "off"

FactKind = Literal["actor", "meeting", "figure", "quote", "statement"]
Fact = Actor | Meeting | Figure | Quote | Statement

_FUZZY_CUTOFF = 85.0


# --- schema ----------------------------------------------------------------------------------


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
    posted_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    failure: Mapped[str | None] = mapped_column(Text, nullable=True)


@dataclass(frozen=True)
class Subscription:
    """A channel's digest subscription: its schedule text (see knowledge.schedules), who asked,
    the end of the window its last digest covered, and whether posting to it fails."""

    channel: str
    schedule: str
    subscribed_by: str | None
    created_at: datetime
    posted_until: datetime | None
    failing_since: datetime | None
    failure: str | None
    team_id: str | None = None

    @property
    def is_off(self) -> bool:
        """Turned off by someone in the channel (it overrides a default from the settings)."""
        return self.schedule == SCHEDULE_OFF


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    facts_json: Mapped[dict[str, Any]] = mapped_column(JSON)


_OWNERS = ("actor_id", "role_id", "meeting_id", "figure_id", "quote_id", "statement_id")


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
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    article_title: Mapped[str] = mapped_column(Text)
    paragraph: Mapped[int]
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), index=True
    )
    role_id: Mapped[int | None] = mapped_column(
        ForeignKey("roles.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    figure_id: Mapped[int | None] = mapped_column(
        ForeignKey("figures.id", ondelete="CASCADE"), index=True
    )
    quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), index=True
    )
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )


def _sources_relationship() -> Mapped[list[SourceRow]]:
    return relationship(order_by=SourceRow.position, cascade="all, delete-orphan")


class ActorRow(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str] = mapped_column(String(32))
    affiliation: Mapped[str | None] = mapped_column(Text)
    mentions: Mapped[int]
    aliases: Mapped[list[AliasRow]] = relationship(
        order_by="AliasRow.position", cascade="all, delete-orphan"
    )
    roles: Mapped[list[RoleRow]] = relationship(
        order_by="RoleRow.position", cascade="all, delete-orphan"
    )
    sources: Mapped[list[SourceRow]] = _sources_relationship()


class AliasRow(Base):
    __tablename__ = "aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    alias: Mapped[str] = mapped_column(Text)
    alias_key: Mapped[str] = mapped_column(Text, index=True)


class RoleRow(Base):
    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    of: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[list[SourceRow]] = _sources_relationship()


class MeetingRow(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    place: Mapped[str | None] = mapped_column(Text)
    time: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(Text)
    participants: Mapped[list[ParticipantRow]] = relationship(
        order_by="ParticipantRow.position", cascade="all, delete-orphan"
    )
    sources: Mapped[list[SourceRow]] = _sources_relationship()


class ParticipantRow(Base):
    """A meeting participant as named; `actor_id` links it to an actor when the name is one."""

    __tablename__ = "meeting_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )
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
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )
    subject_actor: Mapped[ActorRow | None] = relationship()
    sources: Mapped[list[SourceRow]] = _sources_relationship()


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    speaker: Mapped[str] = mapped_column(Text)
    speaker_key: Mapped[str] = mapped_column(Text, index=True)
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )
    words: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(Text)
    topics: Mapped[list[str]] = mapped_column(JSON)
    speaker_actor: Mapped[ActorRow | None] = relationship()
    sources: Mapped[list[SourceRow]] = _sources_relationship()


class StatementRow(Base):
    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int]
    speaker: Mapped[str] = mapped_column(Text)
    speaker_key: Mapped[str] = mapped_column(Text, index=True)
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(Text)
    speaker_actor: Mapped[ActorRow | None] = relationship()
    sources: Mapped[list[SourceRow]] = _sources_relationship()


# Children before parents, so bulk deletes never trip a foreign key.
_CONSOLIDATED_TABLES: tuple[type[Base], ...] = (
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
_FACT_ROWS: dict[str, type[ActorRow | MeetingRow | FigureRow | QuoteRow | StatementRow]] = {
    "actor": ActorRow,
    "meeting": MeetingRow,
    "figure": FigureRow,
    "quote": QuoteRow,
    "statement": StatementRow,
}


# --- opening -----------------------------------------------------------------------------------


def database_url(db: str | None) -> URL:
    """The SQLAlchemy URL for `db`: a SQLite file path (the default one when None) or a URL."""
    path = sqlite_path(db)
    if path is not None or db is None:
        return URL.create("sqlite+pysqlite", database=str(path or DEFAULT_DB_PATH))
    try:
        url = make_url(db)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {db!r}") from exc
    if url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in {"sqlite", "postgresql"}:
        raise StoreError(
            f"unsupported database {url.get_backend_name()!r} in {db!r}: "
            "use a SQLite file path or a postgresql+psycopg:// URL"
        )
    return url


def sqlite_file(db: str | None) -> Path | None:
    """The file behind `db` when it is a SQLite file (not in-memory), else None."""
    return _url_file(database_url(db))


def _url_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in {None, "", ":memory:"}:
        return None
    return Path(url.database or "")


def open_store(db: str | None) -> Store:
    """Opens (creating if needed) the store at `db`: a SQLite file path or a SQLAlchemy URL.

    `None` means the default SQLite file, data/facts.sqlite3 under the project root. Parent
    folders of a SQLite file are created. Raises `StoreError` when the database cannot be
    reached or holds a schema of another version.
    """
    url = database_url(db)
    if url.get_backend_name() == "sqlite":
        path = sqlite_file(db)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine)
    try:
        store.create_schema()
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open {store.display_url}: {_first_line(exc.orig)}") from exc
    except StoreError:
        engine.dispose()
        raise
    return store


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _subscription(row: SubscriptionRow) -> Subscription:
    return Subscription(
        channel=row.channel,
        schedule=row.schedule,
        subscribed_by=row.subscribed_by,
        created_at=_aware(row.created_at),
        posted_until=_aware(row.posted_until) if row.posted_until else None,
        failing_since=_aware(row.failing_since) if row.failing_since else None,
        failure=row.failure,
        team_id=row.team_id,
    )


def _add_missing_columns(connection: Connection) -> None:
    """Adds the nullable columns newer code declares to tables an older version created.

    Only additive, nullable columns are handled this way (subscriptions.team_id); anything else
    changes SCHEMA_VERSION and asks for a rebuild.
    """
    existing = inspect(connection)
    for table in Base.metadata.sorted_tables:
        if not existing.has_table(table.name):
            continue
        present = {column["name"] for column in existing.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present and column.nullable:
                kind = column.type.compile(dialect=connection.dialect)
                connection.execute(
                    sql_text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}')
                )


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time the store writes is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _first_line(error: object) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


# --- the store ---------------------------------------------------------------------------------


@dataclass
class FactMatches:
    """What `Store.find_facts` found: the facts, and which names `about` was matched to."""

    kind: str
    about: str | None
    facts: list[Fact]
    total: int
    matched: list[str] = field(default_factory=list)
    fuzzy: bool = False


class Store:
    """Articles and the consolidated fact base in one SQL database (see `open_store`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._subscription_listeners: list[Callable[[], None]] = []

    @property
    def display_url(self) -> str:
        """The SQLite file, or the database URL with any password hidden, for messages."""
        file = self.file
        return str(file) if file else self.engine.url.render_as_string(hide_password=True)

    @property
    def file(self) -> Path | None:
        """The SQLite file of this store; None for PostgreSQL or an in-memory database."""
        return _url_file(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    # schema

    def create_schema(self) -> None:
        """Creates missing tables; refuses a database written with another schema version.

        On PostgreSQL the tables are created under an advisory lock, so replicas starting
        together on an empty database do not race to create the same table.
        """
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK}
                )
            Base.metadata.create_all(connection)
            _add_missing_columns(connection)
        with self._transaction() as session:
            version = session.get(MetaRow, "schema_version")
            if version is None:
                session.add(MetaRow(key="schema_version", value=SCHEMA_VERSION))
            elif version.value != SCHEMA_VERSION:
                raise StoreError(
                    f"{self.display_url} holds schema version {version.value}, this code "
                    f"uses {SCHEMA_VERSION}: rebuild it with `ukraine-bot build`"
                )

    def reset(self) -> None:
        """Drops and recreates every table: an empty store, ready for a full rebuild."""
        Base.metadata.drop_all(self.engine)
        self.create_schema()

    # articles

    def known_hashes(self) -> set[str]:
        """The content hashes (`Article.sha256`) of every stored article."""
        with self._sessions() as session:
            return set(session.scalars(select(ArticleRow.sha256)))

    def known_ids(self) -> set[str]:
        """The ids of every stored article."""
        with self._sessions() as session:
            return set(session.scalars(select(ArticleRow.id)))

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, if any."""
        with self._sessions() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                return None
            return Article(
                id=row.id, title=row.title, text=row.text, sha256=row.sha256, path=row.path
            )

    def article_facts(self) -> list[ArticleFacts]:
        """Every stored article's own facts, in article id order."""
        with self._sessions() as session:
            return [
                ArticleFacts.from_dict(data)
                for data in session.scalars(select(ArticleRow.facts_json).order_by(ArticleRow.id))
            ]

    def add_articles(self, items: Sequence[tuple[Article, ArticleFacts]]) -> list[str]:
        """Stores articles with their facts and recomputes the consolidated fact base.

        All in one transaction: when anything fails (a duplicate id or hash, consolidation,
        the database) nothing is changed and the error is raised. Returns the ids added.
        """
        if not items:
            return []
        now = datetime.now(UTC)
        with self._transaction() as session:
            for article, facts in items:
                if facts.article_id != article.id:
                    raise ValueError(
                        f"facts of article {facts.article_id!r} paired with article {article.id!r}"
                    )
                session.add(
                    ArticleRow(
                        id=article.id,
                        title=article.title,
                        path=article.path,
                        sha256=article.sha256,
                        text=article.text,
                        ingested_at=now,
                        facts_json=facts.to_dict(),
                    )
                )
            try:
                session.flush()
            except IntegrityError as exc:
                raise StoreError(
                    f"an article with the same id or content is already stored: "
                    f"{_first_line(exc.orig)}"
                ) from exc
            self._rebuild_fact_base(session)
        return [article.id for article, _ in items]

    def _rebuild_fact_base(self, session: Session) -> None:
        # Imported here: consolidation is only needed when articles change, never to answer.
        from knowledge import consolidate

        all_facts = [
            ArticleFacts.from_dict(data)
            for data in session.scalars(select(ArticleRow.facts_json).order_by(ArticleRow.id))
        ]
        fact_base = consolidate.consolidate(all_facts)
        for table in _CONSOLIDATED_TABLES:
            session.execute(delete(table))
        _write_fact_base(session, fact_base)
        session.merge(MetaRow(key="revision", value=uuid.uuid4().hex))
        session.flush()

    def articles_between(
        self, since: datetime | None, until: datetime | None = None
    ) -> list[tuple[str, str, datetime]]:
        """(id, title, ingested_at) of the articles ingested in [since, until), oldest first."""
        query = select(ArticleRow.id, ArticleRow.title, ArticleRow.ingested_at)
        if since is not None:
            query = query.where(ArticleRow.ingested_at >= since)
        if until is not None:
            query = query.where(ArticleRow.ingested_at < until)
        with self._sessions() as session:
            rows = session.execute(query.order_by(ArticleRow.ingested_at, ArticleRow.id))
            return [(row.id, row.title, _aware(row.ingested_at)) for row in rows]

    # subscriptions

    def subscribe(
        self,
        channel: str,
        schedule: str,
        subscribed_by: str | None = None,
        team_id: str | None = None,
    ) -> None:
        """Sets `channel`'s digest schedule (replacing any), and clears a failing mark.

        `subscribed_by` None means the settings asked for it (DIGEST_CHANNELS).
        """
        now = datetime.now(UTC)
        with self._transaction() as session:
            row = session.get(SubscriptionRow, channel)
            if row is None:
                session.add(
                    SubscriptionRow(
                        channel=channel,
                        schedule=schedule,
                        subscribed_by=subscribed_by,
                        team_id=team_id,
                        created_at=now,
                    )
                )
            else:
                row.schedule, row.subscribed_by = schedule, subscribed_by
                row.team_id = team_id or row.team_id
                row.failing_since = row.failure = None
        self._subscriptions_changed()

    def unsubscribe(self, channel: str) -> bool:
        """Removes `channel`'s subscription; False when it had none."""
        with self._transaction() as session:
            row = session.get(SubscriptionRow, channel)
            if row is None:
                return False
            session.delete(row)
        self._subscriptions_changed()
        return True

    def subscription(self, channel: str) -> Subscription | None:
        with self._sessions() as session:
            row = session.get(SubscriptionRow, channel)
            return _subscription(row) if row else None

    def subscriptions(self) -> list[Subscription]:
        """Every subscription, by channel."""
        with self._sessions() as session:
            rows = session.scalars(select(SubscriptionRow).order_by(SubscriptionRow.channel))
            return [_subscription(row) for row in rows]

    def on_subscriptions_changed(self, listener: Callable[[], None]) -> None:
        """Calls `listener` after this process subscribes or unsubscribes a channel (the digest
        scheduler resyncs at once; other processes see the change at their next poll)."""
        self._subscription_listeners.append(listener)

    def _subscriptions_changed(self) -> None:
        for listener in list(self._subscription_listeners):
            try:
                listener()
            except Exception:
                logging.getLogger(__name__).exception("a subscription listener failed")

    def mark_posted(self, channel: str, until: datetime) -> None:
        """Records that `channel`'s digest covered everything up to `until`."""
        with self._transaction() as session:
            row = session.get(SubscriptionRow, channel)
            if row is not None:
                row.posted_until, row.failing_since, row.failure = until, None, None

    def mark_failing(self, channel: str, failure: str) -> None:
        """Records that posting to `channel` fails (kept until it is subscribed again)."""
        with self._transaction() as session:
            row = session.get(SubscriptionRow, channel)
            if row is not None:
                row.failing_since = row.failing_since or datetime.now(UTC)
                row.failure = failure

    def revision(self) -> str:
        """A token that changes whenever the fact base does (cheap: one primary-key read)."""
        with self._sessions() as session:
            row = session.get(MetaRow, "revision")
            return row.value if row else ""

    # claims

    def claim(self, scope: str, key: str) -> bool:
        """Claims `key` in `scope` for this caller: True the first time, False ever after.

        Atomic across processes and replicas sharing the database (a primary-key insert), so
        a Slack event retried to another replica, or a digest slot two schedulers reach at
        once, is handled by exactly one of them.
        """
        try:
            with self._transaction() as session:
                session.add(ClaimRow(scope=scope, key=key[:255], claimed_at=datetime.now(UTC)))
        except IntegrityError:
            return False
        return True

    def forget_claims(self, scope: str, before: datetime) -> int:
        """Deletes the claims of `scope` made before `before`; returns how many."""
        with self._transaction() as session:
            result = session.execute(
                delete(ClaimRow).where(ClaimRow.scope == scope, ClaimRow.claimed_at < before)
            )
            return int(getattr(result, "rowcount", 0) or 0)

    # reading

    def load_factbase(self) -> FactBase:
        """The consolidated fact base, every field and every source in stored order."""
        with self._sessions() as session:
            return FactBase(
                actors=[_actor(row) for row in session.scalars(_select_facts("actor"))],
                meetings=[_meeting(row) for row in session.scalars(_select_facts("meeting"))],
                figures=[_figure(row) for row in session.scalars(_select_facts("figure"))],
                quotes=[_quote(row) for row in session.scalars(_select_facts("quote"))],
                statements=[_statement(row) for row in session.scalars(_select_facts("statement"))],
            )

    def stats(self) -> dict[str, int]:
        """How many articles and how many facts of each kind are stored."""
        counted: dict[str, type[Base]] = {
            "articles": ArticleRow,
            "actors": ActorRow,
            "meetings": MeetingRow,
            "figures": FigureRow,
            "quotes": QuoteRow,
            "statements": StatementRow,
            "sources": SourceRow,
        }
        with self._sessions() as session:
            return {
                name: session.scalar(select(func.count()).select_from(table)) or 0
                for name, table in counted.items()
            }

    def find_facts(
        self, kind: str, about: str | None = None, limit: int | None = 20
    ) -> FactMatches:
        """Facts of one kind, for inspection; with `about`, only those involving that name.

        `about` is matched against actor names and aliases (and names of meeting participants,
        speakers and subjects that are no actor) ignoring case and diacritics; a surname
        alone matches, and failing an exact match the closest names by rapidfuzz do.
        """
        if kind not in _FACT_ROWS:
            raise ValueError(f"unknown fact kind {kind!r}; one of {', '.join(_FACT_ROWS)}")
        with self._sessions() as session:
            statement = _select_facts(kind)
            matched: list[str] = []
            fuzzy = False
            if about is not None and about.strip():
                names = _match_names(session, about)
                matched, fuzzy = names.display, names.fuzzy
                if not names.keys and not names.actor_ids:
                    return FactMatches(kind=kind, about=about, facts=[], total=0)
                statement = statement.where(_involving(kind, names.actor_ids, names.keys))
            total = session.scalar(
                select(func.count()).select_from(statement.order_by(None).subquery())
            )
            if limit is not None:
                statement = statement.limit(limit)
            facts = [_to_fact(kind, row) for row in session.scalars(statement)]
        return FactMatches(
            kind=kind, about=about, facts=facts, total=total or 0, matched=matched, fuzzy=fuzzy
        )


# --- writing the fact base ---------------------------------------------------------------------


def _source_rows(sources: Sequence[Source]) -> list[SourceRow]:
    return [
        SourceRow(
            position=position,
            article_id=source.article_id,
            article_title=source.article_title,
            paragraph=source.paragraph,
            sentence=source.sentence,
            start=source.start,
            end=source.end,
        )
        for position, source in enumerate(sources)
    ]


def _write_fact_base(session: Session, fact_base: FactBase) -> None:
    actor_rows: list[ActorRow] = []
    for position, actor in enumerate(fact_base.actors):
        actor_rows.append(
            ActorRow(
                position=position,
                name=actor.name,
                name_key=name_key(actor.name),
                kind=actor.kind,
                affiliation=actor.affiliation,
                mentions=actor.mentions,
                aliases=[
                    AliasRow(position=i, alias=alias, alias_key=name_key(alias))
                    for i, alias in enumerate(actor.aliases)
                ],
                roles=[
                    RoleRow(
                        position=i, title=role.title, of=role.of, sources=_source_rows(role.sources)
                    )
                    for i, role in enumerate(actor.roles)
                ],
                sources=_source_rows(actor.sources),
            )
        )
    session.add_all(actor_rows)
    link = _ActorLinks(actor_rows)

    for position, meeting in enumerate(fact_base.meetings):
        session.add(
            MeetingRow(
                position=position,
                kind=meeting.kind,
                status=meeting.status,
                place=meeting.place,
                time=meeting.time,
                date=meeting.date,
                participants=[
                    ParticipantRow(position=i, name=name, name_key=name_key(name), actor=link(name))
                    for i, name in enumerate(meeting.participants)
                ],
                sources=_source_rows(meeting.sources),
            )
        )
    for position, figure in enumerate(fact_base.figures):
        session.add(
            FigureRow(
                position=position,
                value=figure.value,
                unit=figure.unit,
                counts=figure.counts,
                text=figure.text,
                qualifier=figure.qualifier,
                subject=figure.subject,
                subject_key=None if figure.subject is None else name_key(figure.subject),
                subject_actor=None if figure.subject is None else link(figure.subject),
                sources=_source_rows(figure.sources),
            )
        )
    for position, quote in enumerate(fact_base.quotes):
        session.add(
            QuoteRow(
                position=position,
                speaker=quote.speaker,
                speaker_key=name_key(quote.speaker),
                speaker_actor=link(quote.speaker),
                words=quote.words,
                cue=quote.cue,
                topics=list(quote.topics),
                sources=_source_rows(quote.sources),
            )
        )
    for position, statement in enumerate(fact_base.statements):
        session.add(
            StatementRow(
                position=position,
                speaker=statement.speaker,
                speaker_key=name_key(statement.speaker),
                speaker_actor=link(statement.speaker),
                text=statement.text,
                cue=statement.cue,
                sources=_source_rows(statement.sources),
            )
        )


class _ActorLinks:
    """Finds the actor a name in a fact refers to: by canonical name first, then by alias."""

    def __init__(self, actors: Sequence[ActorRow]) -> None:
        self._by_name: dict[str, ActorRow] = {}
        by_alias: dict[str, list[ActorRow]] = {}
        for actor in actors:
            self._by_name.setdefault(actor.name_key, actor)
            for alias in actor.aliases:
                by_alias.setdefault(alias.alias_key, []).append(actor)
        # An alias shared by two actors ("Trump" for two Trumps) identifies neither.
        self._by_alias = {key: rows[0] for key, rows in by_alias.items() if len(rows) == 1}

    def __call__(self, name: str) -> ActorRow | None:
        key = name_key(name)
        return self._by_name.get(key) or self._by_alias.get(key)


# --- reading the fact base ---------------------------------------------------------------------


def _select_facts(kind: str) -> Any:
    row = _FACT_ROWS[kind]
    statement = select(row)
    if row is ActorRow:
        return statement.options(
            selectinload(ActorRow.aliases),
            selectinload(ActorRow.roles).selectinload(RoleRow.sources),
            selectinload(ActorRow.sources),
        ).order_by(ActorRow.position)
    if row is MeetingRow:
        return statement.options(
            selectinload(MeetingRow.participants), selectinload(MeetingRow.sources)
        ).order_by(MeetingRow.position)
    return statement.options(selectinload(row.sources)).order_by(row.position)


def _sources(rows: Sequence[SourceRow]) -> list[Source]:
    return [
        Source(
            article_id=row.article_id,
            article_title=row.article_title,
            paragraph=row.paragraph,
            sentence=row.sentence,
            start=row.start,
            end=row.end,
        )
        for row in rows
    ]


def _actor(row: ActorRow) -> Actor:
    return Actor(
        name=row.name,
        kind=row.kind,  # type: ignore[arg-type]  # written from an ActorKind
        aliases=[alias.alias for alias in row.aliases],
        roles=[Role(role.title, role.of, _sources(role.sources)) for role in row.roles],
        affiliation=row.affiliation,
        mentions=row.mentions,
        sources=_sources(row.sources),
    )


def _meeting(row: MeetingRow) -> Meeting:
    return Meeting(
        participants=[participant.name for participant in row.participants],
        kind=row.kind,  # type: ignore[arg-type]  # written from a MeetingKind
        status=row.status,  # type: ignore[arg-type]  # written from a MeetingStatus
        place=row.place,
        time=row.time,
        date=row.date,
        sources=_sources(row.sources),
    )


def _figure(row: FigureRow) -> Figure:
    return Figure(
        value=row.value,
        unit=row.unit,
        counts=row.counts,
        text=row.text,
        qualifier=row.qualifier,
        subject=row.subject,
        sources=_sources(row.sources),
    )


def _quote(row: QuoteRow) -> Quote:
    return Quote(
        speaker=row.speaker,
        words=row.words,
        cue=row.cue,
        topics=list(row.topics),
        sources=_sources(row.sources),
    )


def _statement(row: StatementRow) -> Statement:
    return Statement(speaker=row.speaker, text=row.text, cue=row.cue, sources=_sources(row.sources))


def _to_fact(kind: str, row: Any) -> Fact:
    readers: dict[str, Callable[[Any], Fact]] = {
        "actor": _actor,
        "meeting": _meeting,
        "figure": _figure,
        "quote": _quote,
        "statement": _statement,
    }
    return readers[kind](row)


# --- matching names ----------------------------------------------------------------------------


@dataclass
class _MatchedNames:
    actor_ids: set[int] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    display: list[str] = field(default_factory=list)
    fuzzy: bool = False


def _match_names(session: Session, about: str) -> _MatchedNames:
    """The actors (and other named participants) that `about` names."""
    key = name_key(about)
    result = _MatchedNames()
    if not key:
        return result

    exact_ids = set(session.scalars(select(ActorRow.id).where(ActorRow.name_key == key))) | set(
        session.scalars(select(AliasRow.actor_id).where(AliasRow.alias_key == key))
    )
    other_keys = _other_name_keys(session)
    if exact_ids or key in other_keys:
        return _collect(session, result, exact_ids, {key} & set(other_keys), about, fuzzy=False)

    # A surname or other trailing part of a name: "Witkoff" for "Steve Witkoff".
    names = _all_actor_names(session)
    partial_ids = {
        actor_id
        for actor_id, name in names
        if len(key) >= 3 and (name.endswith(" " + key) or name.startswith(key + " "))
    }
    if partial_ids:
        return _collect(session, result, partial_ids, set(), about, fuzzy=False)

    choices: dict[str, tuple[set[int], set[str]]] = {}
    for actor_id, name in names:
        choices.setdefault(name, (set(), set()))[0].add(actor_id)
    for other_key in other_keys:
        choices.setdefault(other_key, (set(), set()))[1].add(other_key)
    found = process.extract(
        key, list(choices), scorer=fuzz.WRatio, score_cutoff=_FUZZY_CUTOFF, limit=None
    )
    if not found:
        return result
    best = max(score for _, score, _ in found)
    fuzzy_ids: set[int] = set()
    fuzzy_keys: set[str] = set()
    for choice, score, _ in found:
        if score >= best:
            fuzzy_ids |= choices[choice][0]
            fuzzy_keys |= choices[choice][1]
    return _collect(session, result, fuzzy_ids, fuzzy_keys, about, fuzzy=True)


def _all_actor_names(session: Session) -> list[tuple[int, str]]:
    """(actor id, folded name) for every canonical name and alias."""
    names = [
        (actor_id, key) for actor_id, key in session.execute(select(ActorRow.id, ActorRow.name_key))
    ]
    names += [
        (actor_id, key)
        for actor_id, key in session.execute(select(AliasRow.actor_id, AliasRow.alias_key))
    ]
    return names


def _other_name_keys(session: Session) -> dict[str, str]:
    """Folded → written names of participants, speakers and subjects that are no actor."""
    found: dict[str, str] = {}
    for table_key, table_name, table_actor in (
        (ParticipantRow.name_key, ParticipantRow.name, ParticipantRow.actor_id),
        (QuoteRow.speaker_key, QuoteRow.speaker, QuoteRow.speaker_id),
        (StatementRow.speaker_key, StatementRow.speaker, StatementRow.speaker_id),
        (FigureRow.subject_key, FigureRow.subject, FigureRow.subject_id),
    ):
        query = select(table_key, table_name).where(table_actor.is_(None)).distinct()
        for key, name in session.execute(query):
            if key and name:
                found.setdefault(key, name)
    return found


def _collect(
    session: Session,
    result: _MatchedNames,
    actor_ids: set[int],
    other_keys: set[str],
    about: str,
    fuzzy: bool,
) -> _MatchedNames:
    """Adds the names and aliases of the matched actors, so facts naming them any way match."""
    result.actor_ids = set(actor_ids)
    result.fuzzy = fuzzy
    if actor_ids:
        actors = session.scalars(
            select(ActorRow)
            .where(ActorRow.id.in_(actor_ids))
            .options(selectinload(ActorRow.aliases))
            .order_by(ActorRow.mentions.desc(), ActorRow.position)
        )
        for actor in actors:
            result.display.append(actor.name)
            result.keys.add(actor.name_key)
            result.keys.update(alias.alias_key for alias in actor.aliases)
    others = _other_name_keys(session) if other_keys else {}
    for key in sorted(other_keys):
        result.keys.add(key)
        result.display.append(others.get(key, about))
    return result


def _involving(kind: str, actor_ids: set[int], keys: set[str]) -> ColumnElement[bool]:
    ids = sorted(actor_ids)
    names = sorted(keys)
    if kind == "actor":
        return ActorRow.id.in_(ids)
    if kind == "meeting":
        participant = select(ParticipantRow.meeting_id).where(
            or_(ParticipantRow.actor_id.in_(ids), ParticipantRow.name_key.in_(names))
        )
        return MeetingRow.id.in_(participant)
    if kind == "figure":
        return or_(FigureRow.subject_id.in_(ids), FigureRow.subject_key.in_(names))
    if kind == "quote":
        return or_(QuoteRow.speaker_id.in_(ids), QuoteRow.speaker_key.in_(names))
    return or_(StatementRow.speaker_id.in_(ids), StatementRow.speaker_key.in_(names))


class LiveFactBase:
    """The store's fact base, loaded once and reloaded when another process changed it.

    `get()` looks at the store's revision at most every `check_every` seconds, so a replica
    answering questions picks up articles ingested elsewhere without reloading per request.
    """

    def __init__(self, store: Store, check_every: float = 5.0) -> None:
        self.store = store
        self.check_every = check_every
        self._lock = threading.Lock()
        self._facts: FactBase | None = None
        self._revision: str | None = None
        self._checked = 0.0

    def get(self) -> FactBase:
        now = time.monotonic()
        with self._lock:
            if self._facts is not None and now - self._checked < self.check_every:
                return self._facts
            revision = self.store.revision()
            if self._facts is None or revision != self._revision:
                self._facts = self.store.load_factbase()
                self._revision = revision
            self._checked = now
            return self._facts
