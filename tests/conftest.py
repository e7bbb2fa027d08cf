"""Shared fixtures: a throwaway PostgreSQL cluster and one fresh database per test; the real
English pipeline and the seeds' fact base, each built once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy.engine import URL

from knowledge import consolidate, extract
from knowledge.articles import make_article
from knowledge.extract import pipeline
from knowledge.facts import FactBase
from knowledge.store import engine as store_engine
from knowledge.store import open_store
from tests.factories import FakeExtractor, article, drones_facts, envoy_facts, rich_fact_base
from tests.postgres import drop_database, new_database, postgres_bindir, throwaway_cluster

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(autouse=True, scope="session")
def _cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """PostgreSQL stores' snapshots and saved indexes (`Store.cache_file`) go to a temporary
    folder, not the checkout's data/cache: in this process and in the processes tests start
    (session-wide, so module fixtures starting `serve` have it too)."""
    cache = tmp_path_factory.getbasetemp() / "cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_engine, "default_cache_dir", lambda: cache)
        patch.setenv("CACHE_DIR", str(cache))
        yield


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[URL]:
    """A PostgreSQL cluster of its own, on a Unix socket only, stopped and removed at the end.

    Skipped only when the machine has no PostgreSQL binaries, unless REQUIRE_POSTGRES is set
    (CI sets it), which makes their absence a failure.
    """
    bindir = postgres_bindir()
    if bindir is None:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but no PostgreSQL binaries were found")
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) on this machine")
    with throwaway_cluster(bindir) as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: URL) -> Iterator[str]:
    """A new, empty database in the test cluster, dropped after the test."""
    url = new_database(postgres_server)
    yield url
    drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database: a SQLite file in tmp_path, or a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "facts.sqlite3")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def extractor(monkeypatch: pytest.MonkeyPatch) -> FakeExtractor:
    """A fake extractor in place of the spaCy pipeline, for tests about ingest, not extraction."""
    fake = FakeExtractor()
    monkeypatch.setattr(pipeline, "load_pipeline", fake.load_pipeline)
    monkeypatch.setattr(extract, "extract_articles", fake.extract_articles)
    return fake


@pytest.fixture
def hand_built_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite fact base holding `rich_fact_base()` (tests/factories.py), built without spaCy."""
    path = str(tmp_path / "hand.sqlite3")
    with monkeypatch.context() as patch, open_store(path) as store:
        patch.setattr(consolidate, "consolidate", lambda items: rich_fact_base())
        store.add_articles([(article("envoy"), envoy_facts()), (article("drones"), drones_facts())])
    return path


@pytest.fixture(scope="session")
def nlp() -> Language:
    return pipeline.load_pipeline()


@pytest.fixture(scope="session")
def seed_base(nlp: Language) -> FactBase:
    """The fact base of the five seed articles, extracted with the real pipeline."""
    articles = [
        make_article(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    return consolidate.consolidate(extract.extract_articles(articles, nlp))
