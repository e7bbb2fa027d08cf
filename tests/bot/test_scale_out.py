"""Scale-out as deployed: several `ukraine-bot serve` processes in HTTP mode on one PostgreSQL.

Real subprocesses, each on its own port, all pointed at one database of the throwaway cluster
(tests/conftest.py) and at one stand-in Slack Web API: a retried event answered once whichever
replica gets it, an article ingested from the command line showing up in every replica without
a restart, an installation made through one replica used by the other, and every replica
healthy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL

from bot.settings import Settings
from tests.bot.browser import fetch, finish_install, install_state
from tests.processes import free_port, stop
from tests.slack_app import build_facts
from tests.slack_requests import SECRET, SlackEndpoint, event, slash, team_event
from tests.slack_stub import CLIENT_ID, CLIENT_SECRET, SlackStub, start_stub

pytestmark = pytest.mark.postgres

CLI = Path(sys.executable).with_name("ukraine-bot")
BOT_TOKEN = "xoxb-scale-out-token"
GENEVA = (
    "Rubio meets Umerov in Geneva\n"
    "US Secretary of State Marco Rubio met Ukrainian negotiator Rustem Umerov in Geneva on "
    "Sunday.\n"
    '"We made real progress," Rubio said after the talks.\n'
)


def _environment(settings: dict[str, str]) -> dict[str, str]:
    """This process's environment without any bot setting of the developer's (the tests' own
    CACHE_DIR kept, see conftest), plus `settings`."""
    env = {
        k: v for k, v in os.environ.items() if k not in Settings.model_fields or k == "CACHE_DIR"
    }
    env.update({"LOG_LEVEL": "INFO", **settings})
    return env


@dataclass
class Replica(SlackEndpoint):
    """One `ukraine-bot serve` process."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path

    def logs(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        stop(self.process, timeout=5)


def start_replicas(
    count: int, db: str, settings: dict[str, str], folder: Path, prefix: str
) -> list[Replica]:
    """Starts `count` replicas at once and waits until each answers /healthz."""
    folder.mkdir(parents=True, exist_ok=True)
    replicas = []
    for n in range(1, count + 1):
        port = free_port()
        log = folder / f"{prefix}{n}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [str(CLI), "serve", "--db", db, "--host", "127.0.0.1"],
                cwd=folder,  # no .env of the developer's
                env=_environment({**settings, "PORT": str(port)}),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        replicas.append(
            Replica(url=f"http://127.0.0.1:{port}", name=f"{prefix}{n}", process=process, log=log)
        )
    deadline = time.monotonic() + 30
    try:
        for replica in replicas:
            while not _healthy(replica):
                if replica.process.poll() is not None:
                    raise AssertionError(f"{replica.name} exited:\n{replica.logs()}")
                if time.monotonic() > deadline:
                    raise AssertionError(f"{replica.name} did not start:\n{replica.logs()}")
                time.sleep(0.1)
    except BaseException:
        for replica in replicas:
            replica.stop()
        raise
    return replicas


def _healthy(replica: Replica) -> bool:
    try:
        return fetch(replica.url + "/healthz").status == 200
    except OSError:  # not listening yet
        return False


# --- fixtures: one database, one Slack stand-in, two pairs of replicas for the module ---------


@pytest.fixture(scope="module")
def database(postgres_server: URL) -> Iterator[str]:
    """A database of its own in the test cluster, holding the two hand-written articles."""
    name = f"scale_{uuid.uuid4().hex[:12]}"
    admin = {
        "dbname": "postgres",
        "user": "postgres",
        "host": str(postgres_server.query["host"]),
        "port": str(postgres_server.query["port"]),
        "autocommit": True,
    }
    with psycopg.connect(**admin) as connection:  # type: ignore[arg-type]
        connection.execute(f'CREATE DATABASE "{name}"')
    url = postgres_server.set(database=name).render_as_string(hide_password=False)
    build_facts(url)
    yield url
    with psycopg.connect(**admin) as connection:  # type: ignore[arg-type]
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def slack() -> Iterator[SlackStub]:
    yield from start_stub()


@pytest.fixture
def stub(slack: SlackStub) -> SlackStub:
    """The module's stand-in, its record of calls emptied for each test."""
    with slack.lock:
        slack.calls.clear()
    return slack


@pytest.fixture(scope="module")
def replicas(
    database: str, slack: SlackStub, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Replica]]:
    """Two replicas for one workspace (SLACK_BOT_TOKEN)."""
    settings = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET}
    yield from _two_replicas(database, slack, settings, tmp_path_factory, "replica")


@pytest.fixture(scope="module")
def oauth_replicas(
    database: str, slack: SlackStub, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Replica]]:
    """Two replicas for any number of workspaces, installed through OAuth."""
    settings = {
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_SIGNING_SECRET": SECRET,
    }
    yield from _two_replicas(database, slack, settings, tmp_path_factory, "oauth-replica")


def _two_replicas(
    database: str,
    slack: SlackStub,
    settings: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
    prefix: str,
) -> Iterator[list[Replica]]:
    """Two replicas with `settings` and the stand-in's Web API, stopped when the module ends."""
    folder = tmp_path_factory.mktemp(f"{prefix}s")
    started = start_replicas(
        2, database, {**settings, "SLACK_API_URL": slack.api_url}, folder, prefix
    )
    yield started
    for replica in started:
        replica.stop()


# --- the tests ---------------------------------------------------------------------------------


def test_every_replica_reports_healthy(
    replicas: list[Replica], oauth_replicas: list[Replica]
) -> None:
    for replica in [*replicas, *oauth_replicas]:
        page = fetch(replica.url + "/healthz")
        assert (page.status, json.loads(page.body)) == (200, {"ok": True}), replica.name


@pytest.mark.parametrize("at_once", [False, True], ids=["retry-later", "both-at-once"])
def test_a_retried_event_reaching_another_replica_is_answered_once(
    replicas: list[Replica], stub: SlackStub, at_once: bool
) -> None:
    first, second = replicas
    body = event(
        "app_mention", "<@U0BOT> who met Witkoff", event_id=f"EvScale{at_once}", channel="C1"
    )
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    statuses: list[int] = []

    def to_second() -> None:
        statuses.append(second.send(body, **retry))

    if at_once:
        thread = threading.Thread(target=to_second)
        thread.start()
        statuses.append(first.send(body))
        thread.join()
    else:
        statuses.append(first.send(body))
        to_second()

    assert statuses == [200, 200]
    posted = stub.wait_for(lambda: stub.of("chat.postMessage"))
    stub.settle(0.7)
    assert len(stub.of("chat.postMessage")) == 1, [r.logs() for r in replicas]
    assert posted[0].token == BOT_TOKEN
    assert "Steve Witkoff" in posted[0].body["text"]


def test_an_article_ingested_from_the_command_line_reaches_every_replica(
    replicas: list[Replica], database: str, stub: SlackStub, tmp_path: Path
) -> None:
    def answer(replica: Replica, question: str) -> str:
        return str(replica.command(slash(question, stub))["text"])

    for replica in replicas:
        assert "Marco Rubio" not in answer(replica, "who met Umerov")
    (tmp_path / "geneva.txt").write_text(GENEVA, encoding="utf-8")

    ingest = subprocess.run(
        [str(CLI), "ingest", "--db", database, str(tmp_path / "geneva.txt")],
        cwd=tmp_path,
        env=_environment({}),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert ingest.returncode == 0, ingest.stderr
    deadline = time.monotonic() + 10  # each replica looks at the store's revision every 5 s
    waiting = list(replicas)
    while waiting and time.monotonic() < deadline:
        waiting = [r for r in waiting if "Marco Rubio" not in answer(r, "who met Umerov")]
        time.sleep(0.3)
    assert not waiting, [r.name for r in waiting]


def test_an_installation_made_through_one_replica_is_used_by_the_other(
    oauth_replicas: list[Replica], stub: SlackStub
) -> None:
    first, second = oauth_replicas

    # Installed through the first replica, from /slack/install to the redirect.
    state = install_state(fetch(first.url + "/slack/install"))
    alpha = finish_install(first.url, stub, "T0ALPHA", state)

    # ... answered by the second.
    assert second.send(team_event("T0ALPHA", "app_mention", "<@U0BOT> who met Witkoff")) == 200
    posted = stub.wait_for(lambda: stub.of("chat.postMessage"))
    assert posted[0].token == alpha
    assert "Steve Witkoff" in posted[0].body["text"]

    # An install started on the second replica finishes on the first (states are shared too).
    state = install_state(fetch(second.url + "/slack/install"))
    bravo = finish_install(first.url, stub, "T0BRAVO", state)

    answer = second.command(slash("who is Putin", stub, team_id="T0BRAVO"))
    assert "Vladimir Putin" in answer["text"]
    assert bravo in {c.token for c in stub.of("auth.test")}
