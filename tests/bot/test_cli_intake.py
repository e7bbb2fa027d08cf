"""`ukraine-bot ingest URL` and `ukraine-bot feeds`, with pages and a feed from the local web
server, through the real command line (click) and store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from knowledge.intake.fetch import Fetcher, FetchPolicy
from knowledge.store import open_store
from tests.web_server import Reply, WebServer


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        server.page("/ap.html", "wire-ap.html")
        server.page("/copy.html", "wire-copy.html")
        yield server


def test_ingest_a_url_and_its_copy(
    hand_built_db: str, web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FETCH_ALLOW_PRIVATE", "1")

    result = run("ingest", "--db", hand_built_db, web.url("/ap.html"), web.url("/copy.html"))

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{web.url('/copy.html')}: the same story as geneva-envoys-talks, "
        "kept as another source of it",
        "1 article added, 1 copy of stored articles kept as sources, 0 duplicates skipped, "
        "0 files rejected",
    ]
    facts = run("facts", "--db", hand_built_db, "--kind", "meeting", "--about", "Umerov")
    assert "AP News, 3 Dec 2025: Envoys meet in Geneva" in facts.stdout
    assert "The Kyiv Ledger, 3 Dec 2025" in facts.stdout
    answer = run("ask", "--db", hand_built_db, "who met Umerov")
    assert "AP News, 3 Dec 2025" in answer.stdout


def test_a_refused_url_is_one_line_and_exit_1(
    hand_built_db: str, web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FETCH_ALLOW_PRIVATE", raising=False)
    web.route(
        "/big", lambda _r: Reply(200, {"Content-Type": "text/html", "Content-Length": "6000000"})
    )

    result = run("ingest", "--db", hand_built_db, web.url("/ap.html"), "file:///etc/passwd")

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{web.url('/ap.html')}: refused: 127.0.0.1 is a loopback address, not a public address",
        "file:///etc/passwd: only http and https URLs are fetched, not file: URLs",
    ]
    assert web.requests == []
    with open_store(hand_built_db) as store:
        assert store.known_ids() == {"envoy", "drones"}


def test_feeds_lists_their_status_and_resets_a_failing_one(
    hand_built_db: str, monkeypatch: pytest.MonkeyPatch, web: WebServer
) -> None:
    from knowledge.intake.feeds import FeedPoller

    web.route("/down.xml", lambda _r: Reply(500))
    down = web.url("/down.xml")
    monkeypatch.setenv("FEEDS", f"{down},{web.url('/never.xml')}")
    with open_store(hand_built_db) as store:
        fetcher = Fetcher(FetchPolicy(allow_private=True), retries=0, min_interval=0)
        polls = FeedPoller(store, [down], fetcher, max_failures=2)
        for minute in (0, 20):
            polls.poll(down, datetime(2025, 12, 3, 12, minute, tzinfo=UTC))

    listed = run("feeds", "--db", hand_built_db)
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert lines[0].startswith(f"{down}: FAILING since ") and "HTTP 500" in lines[0]
    assert lines[1] == f"{web.url('/never.xml')}: not polled yet"

    reset = run("feeds", "--db", hand_built_db, "--reset", down)
    assert reset.stdout.strip() == f"{down}: failures cleared, polled again from the next slot"
    assert "FAILING" not in run("feeds", "--db", hand_built_db).stdout
