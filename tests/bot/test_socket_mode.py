"""Socket Mode through the real `ukraine-bot serve` process, Slack played by the stand-ins.

The bot connects to tests/socket_mode_stub.py (its URL from apps.connections.open on
tests/slack_stub.py) and must: acknowledge and answer every body of the corpus
(tests/data/slack) sent as an envelope, a redelivery once; answer on the new connection after
Slack's `disconnect` (refresh_requested, warning, link_disabled); be back and answering after a
connection is reset, ended with a FIN and no close frame, or closed, without spinning a core;
stop with one line and exit code 2 when Slack refuses its app-level token at start, and log a
refusal while running at most once a minute. The timings themselves are bench/socket_mode.py's;
the bounds here are generous (answered at all within 10 s).
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.socket_mode import RepeatFilter, SocketModeHealth
from bot.web import SlackWebApp, make_server, serve_in_thread, stop_server
from knowledge.store import Store
from tests.slack_app import build_facts, make_app
from tests.slack_corpus import BOT, USERS, Case, cases, replies, reply_problems
from tests.slack_stub import SlackStub
from tests.socket_mode_bot import SocketModeBot, serve_environment, socket_mode_bot

ANSWERED_WITHIN_S = 10.0
SOCKET_CASES = [case for case in cases() if not case.http_only]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(Path(tmp_path_factory.mktemp("socket-mode")) / "facts.sqlite3")
    build_facts(path)
    return path


@pytest.fixture(scope="module")
def corpus_bot(db: str) -> Iterator[SocketModeBot]:
    """One bot for the corpus, with the corpus's bot identity."""
    with socket_mode_bot(db, identity=BOT, users=USERS) as bot:
        bot.ask()  # the first answer loads the fact base
        yield bot


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[SocketModeBot]:
    """A bot of its own, on a fact base of its own (with no event claimed yet)."""
    own = str(tmp_path / "facts.sqlite3")
    build_facts(own)
    with socket_mode_bot(own) as running:
        yield running


@pytest.mark.parametrize("case", SOCKET_CASES, ids=lambda case: case.id)
def test_each_body_slack_sends_is_acknowledged_in_time_and_answered_as_expected(
    corpus_bot: SocketModeBot, case: Case
) -> None:
    web, socket = corpus_bot.web, corpus_bot.socket
    mark = len(web.calls)
    sent = time.monotonic()

    ack = socket.ack(socket.send(case.envelope(web)))

    assert ack.at - sent < 3.0
    payload: dict[str, Any] | None = ack.payload
    assert reply_problems(case, replies(web, mark, case), payload) == []


def test_a_redelivered_event_is_answered_once(bot: SocketModeBot) -> None:
    case = next(c for c in SOCKET_CASES if c.id == "events/message_im.plain")
    first = case.envelope(bot.web)
    retry = {**case.envelope(bot.web), "retry_attempt": 1, "retry_reason": "timeout"}

    bot.socket.ack(bot.socket.send(first))
    bot.socket.ack(bot.socket.send(retry))

    bot.web.settle(0.5)
    assert len(bot.web.of("chat.postMessage")) == 1


@pytest.mark.parametrize("reason", ["refresh_requested", "warning", "link_disabled"])
def test_after_a_disconnect_message_a_command_on_the_new_connection_is_answered(
    bot: SocketModeBot, reason: str
) -> None:
    for round_ in range(2, 5):  # again and again: each new connection is read at once
        bot.socket.disconnect(reason)
        bot.socket.wait_for_link(round_, timeout=ANSWERED_WITHIN_S)

        assert bot.ask(timeout=ANSWERED_WITHIN_S) < ANSWERED_WITHIN_S
        assert bot.socket.acks and max(bot.socket.acks.values(), key=lambda a: a.at).link == (
            round_ - 1
        )


@pytest.mark.parametrize("how", ["rst", "fin", "close"])
def test_after_a_dropped_connection_the_bot_is_back_and_answering_without_spinning(
    bot: SocketModeBot, how: str
) -> None:
    cpu, started = bot.cpu_seconds(), time.monotonic()

    if how == "close":
        bot.socket.close(code=1001)
    else:
        bot.socket.drop("rst" if how == "rst" else "fin")
    bot.socket.wait_for_link(2, timeout=ANSWERED_WITHIN_S)
    bot.ask(timeout=ANSWERED_WITHIN_S)
    time.sleep(2.0)  # a client that spins after a drop keeps a core busy meanwhile

    elapsed = time.monotonic() - started
    assert elapsed < ANSWERED_WITHIN_S + 2.0
    assert bot.cpu_seconds() - cpu < 0.5 * elapsed


def test_an_app_token_refused_at_start_is_one_line_and_exit_code_2(db: str) -> None:
    with socket_mode_bot(db, connect=False, refuse_token=True, LOG_LEVEL="WARNING") as bot:
        code = bot.process.wait(timeout=60)
        time.sleep(0.2)  # the reader thread has the last line
        lines = bot.lines()

    assert code == 2
    assert lines == ["Error: SLACK_APP_TOKEN: Slack refused the app-level token (invalid_auth)"]


def test_an_app_token_refused_while_running_is_logged_at_most_once_a_minute(
    bot: SocketModeBot,
) -> None:
    bot.socket.refuse_token = True
    bot.socket.drop("rst")
    time.sleep(12.0)  # the client tries again at once and then every 10 s

    refusals = [line for line in bot.lines() if "SLACK_APP_TOKEN" in line]
    assert bot.socket.opened.count("invalid_auth") >= 2
    assert len(refusals) == 1, refusals
    assert "Slack refused the app-level token (invalid_auth)" in refusals[0]
    assert bot.health() == 200  # disconnected for less than 30 s yet

    bot.socket.refuse_token = False
    bot.socket.wait_for_link(2, timeout=15)
    assert bot.ask() < ANSWERED_WITHIN_S


def test_healthz_is_200_while_connected(bot: SocketModeBot) -> None:
    assert bot.health() == 200


def test_health_fails_once_socket_mode_has_been_disconnected_for_over_30_s() -> None:
    now = [100.0]
    connected = [True]
    health = SocketModeHealth(lambda: connected[0], clock=lambda: now[0])

    assert health.problem() is None
    connected[0] = False
    health.sample()
    now[0] += 30.0
    assert health.problem() is None
    now[0] += 1.5
    assert health.problem() == "Socket Mode disconnected for 32 s"
    connected[0] = True
    assert health.problem() is None


def test_health_counts_from_start_until_the_first_connection() -> None:
    now = [0.0]
    health = SocketModeHealth(lambda: False, clock=lambda: now[0])

    now[0] = 31.0

    assert health.problem() == "Socket Mode disconnected for 31 s"


def test_repeat_filter_lets_a_line_through_once_a_minute() -> None:
    now = [0.0]
    repeats = RepeatFilter(clock=lambda: now[0])

    def passes(message: str) -> bool:
        return repeats.filter(logging.LogRecord("x", logging.INFO, "", 0, message, None, None))

    assert passes("Reconnecting... (session id: a)")
    assert not passes("Reconnecting... (session id: b)")
    assert passes("something else")
    now[0] = 61.0
    assert passes("Reconnecting... (session id: c)")


def test_serve_gets_nothing_of_the_slack_settings_of_the_machine(
    monkeypatch: pytest.MonkeyPatch, bot: SocketModeBot
) -> None:
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "from-the-machine")

    env = serve_environment(bot.web, "db", 1)

    assert "SLACK_SIGNING_SECRET" not in env and env["SLACK_API_URL"] == bot.web.api_url


def test_healthz_answers_503_naming_what_a_check_found(store: Store, stub: SlackStub) -> None:
    problems: list[str] = []
    web = SlackWebApp(
        make_app(store, stub),
        store,
        slack_paths=(),
        checks=(lambda: problems[0] if problems else None,),
    )
    server = make_server(web, "127.0.0.1", 0, threads=1)
    serve_in_thread(server)
    url = f"http://127.0.0.1:{server.effective_port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=5) as healthy:
            assert healthy.status == 200
        problems.append("Socket Mode disconnected for 31 s")
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(url, timeout=5)
    finally:
        stop_server(server)

    assert failed.value.code == 503
    assert json.loads(failed.value.read()) == {
        "ok": False,
        "problems": ["Socket Mode disconnected for 31 s"],
    }
