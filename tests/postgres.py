"""A throwaway PostgreSQL cluster from the machine's own server binaries (initdb, pg_ctl), on a
Unix socket only, and new empty databases in it: what tests/conftest.py's fixtures and
bench/scale.py both start."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import URL

from tests.processes import free_port


def postgres_bindir() -> Path | None:
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


@contextmanager
def throwaway_cluster(bindir: Path, prefix: str = "ukraine-bot-pg-") -> Iterator[URL]:
    """A cluster of its own, stopped and removed on exit; yields the URL of its `postgres`
    database. Raises RuntimeError (with the server's log) when initdb or pg_ctl fails."""
    # Not under pytest's tmp_path: its parent is private to the current user, and as root the
    # server runs as the postgres user, which must be able to reach its folders.
    root = Path(tempfile.mkdtemp(prefix=prefix))
    data, sockets, log = root / "data", root / "sockets", root / "server.log"
    sockets.mkdir()
    as_server: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(sockets, "postgres", "postgres")
        as_server = ["runuser", "-u", "postgres", "--"]
    port = free_port()

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


def admin_connect(server: URL) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        dbname="postgres",
        user="postgres",
        host=str(server.query["host"]),
        port=str(server.query["port"]),
        autocommit=True,
    )


def new_database(server: URL, prefix: str = "test_") -> str:
    """A new empty database in the cluster `server` is the URL of; its URL."""
    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    with admin_connect(server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    with admin_connect(parsed) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
