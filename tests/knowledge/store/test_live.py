"""LiveFactBase: the fact base loaded once, reloaded when another process changed the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy.engine import make_url

from knowledge import consolidate, extract
from knowledge.answer import FactIndex, answer_question
from knowledge.answer.sentences import SentenceIndex
from knowledge.articles import make_article
from knowledge.facts import FactBase
from knowledge.locations import PROJECT_ROOT
from knowledge.snapshot import index_path, sentences_path, snapshot_path
from knowledge.store import LiveFactBase, Store, open_store
from tests.factories import article, drones_facts, envoy_facts, rich_fact_base

SEEDS = PROJECT_ROOT / "seeds"


def test_live_fact_base_loads_once_and_keeps_it(rich_store: Store) -> None:
    live = LiveFactBase(rich_store, check_every=60)
    first = live.get()
    assert first == rich_fact_base()
    assert live.get() is first


def test_live_fact_base_reloads_after_another_process_wrote(
    rich_store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = LiveFactBase(rich_store, check_every=0)
    before = live.get()
    monkeypatch.setattr(consolidate, "consolidate", lambda items: FactBase())
    with open_store(db_url) as other:
        other.add_articles([(article("later", "Later news\nMore."), envoy_facts("later"))])
    assert live.get() == FactBase() and before == rich_fact_base()


def test_live_fact_base_unchanged_store_is_not_reloaded(
    rich_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = LiveFactBase(rich_store, check_every=0)
    first = live.get()
    monkeypatch.setattr(rich_store, "load_factbase", lambda: pytest.fail("reloaded"))
    assert live.get() is first


def test_live_fact_base_looks_at_the_revision_at_most_every_check(
    rich_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = LiveFactBase(rich_store, check_every=60)
    live.get()
    monkeypatch.setattr(rich_store, "revision", lambda: pytest.fail("revision read"))
    live.get()


def test_warm_builds_the_indexes_the_first_question_would(
    rich_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = LiveFactBase(rich_store, check_every=60)
    facts = live.warm()
    assert facts is live.get() and facts == rich_fact_base()
    monkeypatch.setattr(FactIndex, "__init__", lambda *a: pytest.fail("fact index rebuilt"))
    monkeypatch.setattr(SentenceIndex, "build", lambda *a: pytest.fail("sentences reindexed"))
    answer = answer_question("who met Witkoff", live.get())
    assert answer.facts and answer.evidence is not None


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # a file
def test_a_second_process_on_a_sqlite_store_reads_the_snapshot_the_first_wrote(
    rich_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = LiveFactBase(rich_store, check_every=60).get()
    assert rich_store.file is not None
    assert snapshot_path(rich_store.file).is_file()
    monkeypatch.setattr(rich_store, "load_factbase", lambda: pytest.fail("loaded through SQL"))
    second = LiveFactBase(rich_store, check_every=60).get()
    assert second == first == rich_fact_base() and second is not first


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # a file
def test_a_snapshot_of_an_older_revision_is_not_read(
    rich_store: Store, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    LiveFactBase(rich_store, check_every=60).get()  # writes the snapshot of this revision
    assert rich_store.file is not None
    later = FactBase(actors=rich_fact_base().actors[:1])
    monkeypatch.setattr(consolidate, "consolidate", lambda items: later)
    with open_store(db_url) as other:
        other.add_articles([(article("later", "Later news\nMore."), envoy_facts("later"))])
    assert LiveFactBase(rich_store, check_every=60).get() == later


@pytest.mark.postgres
def test_a_postgresql_store_keeps_its_snapshot_in_this_machines_cache(
    postgres_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A second process on the same PostgreSQL database reads the first one's snapshot from the
    cache folder, not every fact through SQL; after a write elsewhere it loads the store again;
    a cache folder that cannot be made only means loading the store each time."""
    cache = tmp_path / "cache"
    monkeypatch.setattr(consolidate, "consolidate", lambda items: rich_fact_base())
    with open_store(postgres_url, cache) as store:
        store.add_articles([(article("envoy"), envoy_facts()), (article("drones"), drones_facts())])
        first = LiveFactBase(store, check_every=60).warm()
        assert store.cache_file is not None and store.cache_file.parent.parent == cache
        assert snapshot_path(store.cache_file).is_file()
        assert index_path(store.cache_file).is_dir() and sentences_path(store.cache_file).is_dir()
    with open_store(postgres_url, cache) as second:
        monkeypatch.setattr(second, "load_factbase", lambda: pytest.fail("loaded through SQL"))
        assert LiveFactBase(second, check_every=60).get() == first == rich_fact_base()
    later = FactBase(actors=rich_fact_base().actors[:1])
    monkeypatch.setattr(consolidate, "consolidate", lambda items: later)
    with open_store(postgres_url, cache) as writer:
        writer.add_articles([(article("later", "Later news\nMore."), envoy_facts("later"))])
    with open_store(postgres_url, cache) as third:
        assert LiveFactBase(third, check_every=60).get() == later
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    with open_store(postgres_url, blocked) as fourth:
        assert LiveFactBase(fourth, check_every=60).get() == later
    assert "no cache for" in caplog.text


def test_each_postgresql_database_has_a_cache_of_its_own(tmp_path: Path) -> None:
    from knowledge.store.engine import Database, make_engine

    def cache_file(url: str) -> Path | None:
        return Database(make_engine(make_url(url)), tmp_path).cache_file

    one = cache_file("postgresql+psycopg://bot:secret@db.example/news")
    assert one == cache_file("postgresql+psycopg://bot:other@db.example/news")  # password aside
    assert one is not None and one.parent.parent == tmp_path
    assert one != cache_file("postgresql+psycopg://bot:secret@db.example/archive")
    assert "secret" not in str(one)
    assert cache_file("sqlite://") is None  # in memory: nothing to keep
    assert cache_file(f"sqlite:///{tmp_path / 'facts.sqlite3'}") == tmp_path / "facts.sqlite3"


def test_the_fact_base_a_store_wrote_is_what_it_reads_back_and_is_handed_over_once(
    db_url: str, nlp: Language
) -> None:
    """`ingest` and `serve` take the fact base they just wrote instead of reading it again: on
    the seeds' real facts it equals the one read back, every field and source in order."""
    articles = [
        make_article(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    items = list(zip(articles, extract.extract_articles(articles, nlp), strict=True))
    with open_store(db_url) as store:
        store.add_articles(items[:3])
        store.add_articles(items[3:])
        revision = store.revision()
        written = store.take_written(revision)
        assert written is not None and written.meetings and written.quotes
        assert written == store.load_factbase()
        assert store.take_written(revision) is None  # once
        store.add_articles([(article("later", "Later news\nMore."), envoy_facts("later"))])
        with open_store(db_url) as other:
            other.add_articles([(article("other", "Other news\nMore."), envoy_facts("other"))])
        assert store.take_written(store.revision()) is None  # another process wrote since
        assert LiveFactBase(other, check_every=60).get() == store.load_factbase()
