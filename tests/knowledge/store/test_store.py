"""The store: opening it, adding articles (one transaction, consolidated at once), loading."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pytest

from knowledge import consolidate
from knowledge.facts import ArticleFacts, FactBase
from knowledge.store import Store, StoreError, open_store
from tests.factories import article, drones_facts, envoy_facts, rich_fact_base, store_contents

# --- opening ----------------------------------------------------------------------------------


def test_open_store_creates_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "facts.sqlite3"
    with open_store(str(path)) as opened:
        assert opened.stats()["articles"] == 0
    assert path.is_file()


def test_open_store_accepts_a_sqlite_url(tmp_path: Path) -> None:
    path = tmp_path / "facts.sqlite3"
    with open_store(f"sqlite:///{path}") as opened:
        opened.add_articles([])
    assert path.is_file()


def test_open_store_unreachable_postgres_raises_one_line(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as raised:
        open_store(f"postgresql+psycopg://nobody@/db?host={tmp_path}&port=1")
    assert "cannot open" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_open_store_refuses_another_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "facts.sqlite3"
    open_store(str(path)).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE store_meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 0"):
        open_store(str(path))


# --- adding and loading -----------------------------------------------------------------------


def test_store_add_articles_stores_articles_facts_and_hashes(store: Store) -> None:
    envoy = article("envoy")
    added = store.add_articles([(envoy, envoy_facts())])
    assert added == ["envoy"]
    assert store.known_ids() == {"envoy"}
    assert store.known_hashes() == {envoy.sha256}
    assert store.article("envoy") == envoy
    assert store.article_facts() == [envoy_facts()]


def test_store_load_factbase_round_trips_every_field(rich_store: Store) -> None:
    assert rich_store.load_factbase() == rich_fact_base()


def test_store_load_factbase_keeps_sources_in_order(rich_store: Store) -> None:
    quote = rich_store.load_factbase().quotes[0]
    assert [s.article_id for s in quote.sources] == ["envoy", "drones"]
    assert quote.sources[1].start == 12


def test_store_load_factbase_is_consolidation_of_all_articles(store: Store) -> None:
    store.add_articles([(article("envoy"), envoy_facts())])
    store.add_articles([(article("drones"), drones_facts())])
    assert store.load_factbase() == consolidate.consolidate([drones_facts(), envoy_facts()])


def test_store_add_articles_consolidates_every_article_in_id_order(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []

    def recording(items: Iterable[ArticleFacts]) -> FactBase:
        seen.append([facts.article_id for facts in items])
        return FactBase()

    monkeypatch.setattr(consolidate, "consolidate", recording)
    store.add_articles([(article("envoy"), envoy_facts())])
    store.add_articles([(article("drones"), drones_facts())])
    assert seen == [["envoy"], ["drones", "envoy"]]


def test_store_add_articles_rolls_back_when_consolidation_fails(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_articles([(article("envoy"), envoy_facts())])
    before = store_contents(store)

    def failing(items: Iterable[ArticleFacts]) -> FactBase:
        raise RuntimeError("consolidation broke")

    monkeypatch.setattr(consolidate, "consolidate", failing)
    with pytest.raises(RuntimeError, match="consolidation broke"):
        store.add_articles([(article("drones"), drones_facts())])
    assert store_contents(store) == before


def test_store_add_articles_rolls_back_when_writing_facts_fails(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_articles([(article("envoy"), envoy_facts())])
    before = store_contents(store)
    # A source citing an article that is not stored breaks a foreign key half-way through.
    broken = rich_fact_base()
    broken.statements[0].sources[0] = (
        broken.statements[0].sources[0].__class__("nowhere", "Nowhere", 1, "No sentence.")
    )
    monkeypatch.setattr(consolidate, "consolidate", lambda items: broken)
    with pytest.raises(Exception):  # noqa: B017 - the database's own integrity error
        store.add_articles([(article("drones"), drones_facts())])
    assert store_contents(store) == before


def test_store_add_articles_consolidates_with_the_collector_off_and_turns_it_back_on(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = consolidate.consolidate
    during: list[bool] = []

    def recording(items: Iterable[ArticleFacts]) -> FactBase:
        during.append(gc.isenabled())
        return real(items)

    monkeypatch.setattr(consolidate, "consolidate", recording)
    assert gc.isenabled()
    store.add_articles([(article("envoy"), envoy_facts())])
    assert during == [False] and gc.isenabled()
    assert store.load_factbase() == real([envoy_facts()])

    def failing(items: Iterable[ArticleFacts]) -> FactBase:
        raise RuntimeError("consolidation broke")

    monkeypatch.setattr(consolidate, "consolidate", failing)
    with pytest.raises(RuntimeError, match="consolidation broke"):
        store.add_articles([(article("drones"), drones_facts())])
    assert gc.isenabled()
    gc.disable()  # a caller that had it off keeps it off
    try:
        monkeypatch.setattr(consolidate, "consolidate", real)
        store.add_articles([(article("drones"), drones_facts())])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_store_add_articles_refuses_same_content_under_another_id(store: Store) -> None:
    store.add_articles([(article("envoy"), envoy_facts())])
    before = store_contents(store)
    with pytest.raises(StoreError, match="already stored"):
        store.add_articles([(article("copy", article("envoy").text), envoy_facts("copy"))])
    assert store_contents(store) == before


def test_store_add_articles_refuses_facts_of_another_article(store: Store) -> None:
    with pytest.raises(ValueError, match="paired with article"):
        store.add_articles([(article("envoy"), drones_facts())])
    assert store.known_ids() == set()


def test_store_add_articles_with_nothing_changes_nothing(store: Store) -> None:
    assert store.add_articles([]) == []
    assert store.stats()["articles"] == 0


def test_store_stats_counts_articles_and_each_kind(rich_store: Store) -> None:
    assert rich_store.stats() == {
        "articles": 2,
        "actors": 5,
        "meetings": 3,
        "figures": 2,
        "quotes": 1,
        "statements": 1,
        "sources": 14,
    }


def test_store_reset_empties_every_table(rich_store: Store) -> None:
    rich_store.reset()
    assert set(rich_store.stats().values()) == {0}
    assert rich_store.load_factbase() == FactBase()


def test_store_reopened_keeps_its_facts(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(consolidate, "consolidate", lambda items: rich_fact_base())
    with open_store(db_url) as first:
        first.add_articles([(article("envoy"), envoy_facts()), (article("drones"), drones_facts())])
    with open_store(db_url) as second:
        assert second.load_factbase() == rich_fact_base()
