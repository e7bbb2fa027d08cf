"""Reaching the database: URLs from a `db` argument, the engine with SQLite's pragmas, sessions,
and creating the schema under PostgreSQL's advisory lock.

`Database` is what every part of the store builds on (the `Store` in store.py, with the digest
subscriptions of subscriptions.py): one engine, its sessions, and the one clock the store writes
its times with (UTC).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy import text as sql_text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from knowledge.locations import (
    DEFAULT_DB_PATH,
    SCHEMA_VERSION,
    StoreError,
    default_cache_dir,
    sqlite_path,
)
from knowledge.store.schema import Base, MetaRow

_SCHEMA_LOCK = 0x756B7262  # "ukrb": the advisory lock key taken while creating tables


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
    return url_file(database_url(db))


def url_file(url: URL) -> Path | None:
    """The SQLite file of `url`; None for PostgreSQL or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in {None, "", ":memory:"}:
        return None
    return Path(url.database or "")


def make_engine(url: URL) -> Engine:
    """The engine for `url`; for a SQLite file, its folder is created and foreign keys are on."""
    if url.get_backend_name() == "sqlite":
        path = url_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def utc_now() -> datetime:
    """Now, in UTC: the one clock for every time the store writes."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time the store writes is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def first_line(error: object) -> str:
    """The first line of a database error, for a one-line message."""
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


class Database:
    """One SQL database: its engine, sessions and schema."""

    def __init__(self, engine: Engine, cache_dir: Path | None = None) -> None:
        self.engine = engine
        self.cache_dir = cache_dir
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def display_url(self) -> str:
        """The SQLite file, or the database URL with any password hidden, for messages."""
        file = self.file
        return str(file) if file else self.engine.url.render_as_string(hide_password=True)

    @property
    def file(self) -> Path | None:
        """The SQLite file of this store; None for PostgreSQL or an in-memory database."""
        return url_file(self.engine.url)

    @property
    def cache_file(self) -> Path | None:
        """What the snapshot and saved indexes of this store are named after (knowledge/snapshot.py
        puts them beside it): the SQLite file itself; for PostgreSQL a name in `cache_dir` (the
        configured `CACHE_DIR`, else `default_cache_dir()`), one per database, its URL without
        the password hashed; None for an in-memory database."""
        file = self.file
        if file is not None or self.engine.url.get_backend_name() == "sqlite":
            return file
        url = self.engine.url.render_as_string(hide_password=True)
        digest = hashlib.sha256(url.encode()).hexdigest()[:16]
        folder = self.cache_dir if self.cache_dir is not None else default_cache_dir()
        return folder / f"{self.engine.url.get_backend_name()}-{digest}" / "facts"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

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


def _add_missing_columns(connection: Connection) -> None:
    """Adds the nullable columns newer code declares to tables an older version created.

    Only additive, nullable columns are handled this way (subscriptions.team_id and
    enterprise_id); anything else changes SCHEMA_VERSION and asks for a rebuild.
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
