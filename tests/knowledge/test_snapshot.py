"""The JSON snapshot beside a SQLite fact base: read only while it is exact."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from knowledge import consolidate, snapshot
from knowledge.snapshot import read_snapshot, snapshot_path, store_revision, write_snapshot
from knowledge.store import open_store
from tests.factories import article, envoy_facts, rich_fact_base


def written(db: str) -> Path:
    """`db`'s snapshot, written from the store as `ukraine-bot ask` writes it."""
    path = Path(db)
    with open_store(db) as store:
        assert write_snapshot(path, store.revision(), store.load_factbase())
    return path


def test_snapshot_round_trip_gives_the_stored_fact_base(hand_built_db: str) -> None:
    path = written(hand_built_db)

    with open_store(hand_built_db) as store:
        assert read_snapshot(path) == store.load_factbase() == rich_fact_base()
    assert snapshot_path(path).name == "hand.sqlite3-snapshot.json"


def test_snapshot_of_another_revision_is_not_read(
    hand_built_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = written(hand_built_db)
    with monkeypatch.context() as patch, open_store(hand_built_db) as store:
        patch.setattr(consolidate, "consolidate", lambda items: rich_fact_base())
        store.add_articles(
            [(article("later", "Envoy news\nA later envoy story."), envoy_facts("later"))]
        )

    assert read_snapshot(path) is None
    # known stale from the revision the file opens with, without parsing the rest of it
    monkeypatch.setattr(snapshot.json, "loads", lambda text: pytest.fail("parsed whole"))
    assert read_snapshot(path) is None


def test_snapshot_written_by_other_schema_code_is_not_read(
    hand_built_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = written(hand_built_db)
    monkeypatch.setattr(snapshot, "schema_digest", lambda: "0123456789abcdef")

    assert read_snapshot(path) is None


def test_snapshot_of_another_format_is_not_read(hand_built_db: str) -> None:
    path = written(hand_built_db)
    data = json.loads(snapshot_path(path).read_text(encoding="utf-8"))
    assert data["format"] == snapshot.FORMAT
    data["format"] = 1
    snapshot_path(path).write_text(json.dumps(data), encoding="utf-8")

    assert read_snapshot(path) is None


def test_snapshot_writes_each_source_once(hand_built_db: str) -> None:
    path = written(hand_built_db)
    facts = json.loads(snapshot_path(path).read_text(encoding="utf-8"))["facts"]
    cited = [
        *(n for actor in facts["actors"] for n in actor["sources"]),
        *(n for actor in facts["actors"] for role in actor["roles"] for n in role["sources"]),
        *(n for kind in ("meetings", "figures", "quotes", "statements")
          for fact in facts[kind] for n in fact["sources"]),
    ]  # fmt: skip
    rows = [tuple(row) for row in facts["sources"]]

    assert len(set(rows)) == len(rows)
    assert sorted(set(cited)) == list(range(len(rows)))
    assert len(cited) > len(rows)  # sources cited by several facts are written once
    assert read_snapshot(path) == rich_fact_base()


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[]", b'{"revision": 1}', b"\xff\xfe not utf-8", b'{"facts": null}'],
    ids=["empty", "cut", "list", "partial", "binary", "null facts"],
)
def test_a_damaged_snapshot_is_not_read(hand_built_db: str, content: bytes) -> None:
    path = written(hand_built_db)
    data = json.loads(snapshot_path(path).read_text())
    snapshot_path(path).write_bytes(content)
    if content == b'{"facts": null}':  # right revision and schema, wrong facts
        damaged = {**data, "facts": None}
        snapshot_path(path).write_text(json.dumps(damaged))

    assert read_snapshot(path) is None


def test_no_snapshot_for_a_missing_file_a_non_store_or_another_schema_version(
    hand_built_db: str, tmp_path: Path
) -> None:
    assert store_revision(tmp_path / "missing.sqlite3") is None
    (tmp_path / "text.sqlite3").write_text("not a database")
    assert store_revision(tmp_path / "text.sqlite3") is None
    path = written(hand_built_db)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE store_meta SET value = '0' WHERE key = 'schema_version'")

    assert store_revision(path) is None and read_snapshot(path) is None


def test_snapshot_that_cannot_be_written_is_skipped(
    hand_built_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = Path(hand_built_db)

    def read_only(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(snapshot.tempfile, "mkstemp", read_only)
    with open_store(hand_built_db) as store:
        assert not write_snapshot(path, store.revision(), store.load_factbase())
    assert not snapshot_path(path).exists()


def test_snapshot_failing_mid_write_leaves_no_file(
    hand_built_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = written(hand_built_db)
    before = snapshot_path(path).read_bytes()

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(snapshot.json, "dump", full_disk)
    with open_store(hand_built_db) as store:
        assert not write_snapshot(path, "another-revision", store.load_factbase())

    assert snapshot_path(path).read_bytes() == before  # the old one, whole
    assert not list(path.parent.glob("*.tmp"))


def test_snapshot_is_readable_as_the_store_is(hand_built_db: str) -> None:
    path = Path(hand_built_db)
    path.chmod(0o640)

    written(hand_built_db)

    assert snapshot_path(path).stat().st_mode & 0o777 == 0o640
    assert not list(path.parent.glob("*.tmp"))
