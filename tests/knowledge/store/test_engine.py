"""Reaching the database: URLs from a `db` argument, SQLite's pragmas, the store's clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from knowledge.store import DEFAULT_DB_PATH, StoreError, database_url, sqlite_file
from knowledge.store.engine import aware, first_line, make_engine, url_file


def test_database_url_none_is_the_default_sqlite_file() -> None:
    assert sqlite_file(None) == DEFAULT_DB_PATH
    assert DEFAULT_DB_PATH.parts[-2:] == ("data", "facts.sqlite3")


def test_database_url_plain_path_becomes_absolute_sqlite_url(tmp_path: Path) -> None:
    url = database_url(str(tmp_path / "x.sqlite3"))
    assert url.get_backend_name() == "sqlite"
    assert url.database == str(tmp_path / "x.sqlite3")


def test_database_url_bare_postgresql_uses_psycopg() -> None:
    assert database_url("postgresql://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize("db", ["mysql://u@h/db", "oracle+oracledb://h/x"])
def test_database_url_rejects_other_databases(db: str) -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        database_url(db)


def test_sqlite_file_of_a_url_or_in_memory() -> None:
    assert sqlite_file("sqlite:////tmp/x.sqlite3") == Path("/tmp/x.sqlite3")
    assert sqlite_file("sqlite://") is None
    assert url_file(database_url("postgresql://u@h/db")) is None


def test_make_engine_turns_sqlite_foreign_keys_on(tmp_path: Path) -> None:
    engine = make_engine(database_url(str(tmp_path / "deep" / "facts.sqlite3")))
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
    assert (tmp_path / "deep").is_dir()


def test_aware_reads_naive_times_as_utc() -> None:
    naive = datetime(2026, 11, 22, 9, 0)
    assert aware(naive) == datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    assert aware(aware(naive)) == aware(naive)


@pytest.mark.parametrize(
    ("error", "line"),
    [("no such table: x\n[SQL: SELECT 1]", "no such table: x"), ("", "str")],
)
def test_first_line_of_a_database_error(error: str, line: str) -> None:
    assert first_line(error) == line


def test_open_store_adds_the_columns_newer_code_declares_to_an_old_store(tmp_path: Path) -> None:
    from knowledge.store import open_store

    db = tmp_path / "old.sqlite3"
    with open_store(str(db)) as store, store.engine.begin() as connection:
        for table, column in (("articles", "published"), ("sources", "published")):
            connection.execute(text(f'ALTER TABLE {table} DROP COLUMN "{column}"'))
    with open_store(str(db)) as store, store.engine.connect() as connection:
        columns = [row[1] for row in connection.execute(text("PRAGMA table_info(articles)"))]
        assert "published" in columns
        assert store.stats()["articles"] == 0
