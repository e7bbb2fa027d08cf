"""Shared fixtures: a throwaway PostgreSQL cluster and one fresh database per test; the real
English pipeline and the seeds' fact base, each built once per session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from spacy.language import Language
from sqlalchemy.engine import URL

from knowledge import consolidate, extract
from knowledge.articles import make_article
from knowledge.extract import pipeline
from knowledge.facts import FactBase
from knowledge.store import open_store
from tests.factories import FakeExtractor, article, drones_facts, envoy_facts, rich_fact_base

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _postgres_bindir() -> Path | None:
    """The folder of the machine's PostgreSQL server binaries (initdb, pg_ctl), if any."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()))
    candidates.append(Path("/usr/lib/postgresql/15/bin"))
    candidates.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        candidates.append(Path(pg_ctl).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[URL]:
    """A PostgreSQL cluster of its own, on a Unix socket only, stopped and removed at the end.

    Skipped only when the machine has no PostgreSQL binaries, unless REQUIRE_POSTGRES is set
    (CI sets it), which makes their absence a failure.
    """
    bindir = _postgres_bindir()
    if bindir is None:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but no PostgreSQL binaries were found")
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) on this machine")

    # Not under pytest's tmp_path: its parent is private to the current user, and as root the
    # server runs as the postgres user, which must be able to reach its folders.
    root = Path(tempfile.mkdtemp(prefix="ukraine-bot-pg-"))
    data, sockets, log = root / "data", root / "sockets", root / "server.log"
    sockets.mkdir()
    as_server: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(sockets, "postgres", "postgres")
        as_server = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def run(*args: str) -> None:
        result = subprocess.run([*as_server, *args], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            server_log = log.read_text() if log.exists() else ""
            raise RuntimeError(
                f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}\n{server_log}"
            )

    run(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-U",
        "postgres",
        "--auth=trust",
        "--encoding=UTF8",
        "--no-locale",
    )
    options = f"-k {sockets} -p {port} -c listen_addresses='' -c fsync=off"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
    try:
        yield URL.create(
            "postgresql+psycopg",
            username="postgres",
            database="postgres",
            query={"host": str(sockets), "port": str(port)},
        )
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _admin_connect(server: URL) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        dbname="postgres",
        user="postgres",
        host=str(server.query["host"]),
        port=str(server.query["port"]),
        autocommit=True,
    )


@pytest.fixture
def postgres_url(postgres_server: URL) -> Iterator[str]:
    """A new, empty database in the test cluster, dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    with _admin_connect(postgres_server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.set(database=name).render_as_string(hide_password=False)
    with _admin_connect(postgres_server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
