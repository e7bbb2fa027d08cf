"""HTTP mode as deployed: a real waitress server on a loopback port in front of the Bolt app."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.serve import ServeError, transport
from bot.settings import Settings
from bot.web import SlackWebApp, make_server, serve_in_thread, stop_server
from knowledge.store import Store, open_store
from tests.environment import only_settings
from tests.slack_app import make_app, serving
from tests.slack_requests import event, post, slash
from tests.slack_stub import BOT_USER, SlackStub, acked_message


@pytest.fixture
def base_url(store: Store, stub: SlackStub) -> Iterator[str]:
    with serving(store, stub) as url:
        yield url


def serve(folder: Path) -> Result:
    """`ukraine-bot serve` on a fact base in `folder`, as far as it gets."""
    return CliRunner().invoke(main, ["serve", "--db", str(folder / "f.sqlite3")])


def get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize("path", ["/slack/events", "/slack/commands"])
def test_signed_slash_command_gets_200_and_an_answer(
    base_url: str, stub: SlackStub, path: str
) -> None:
    status, body = post(base_url + path, slash("who met Witkoff", stub))

    assert status == 200
    answer = acked_message(body)
    assert answer["response_type"] == "ephemeral"
    assert "Steve Witkoff" in answer["text"]


@pytest.mark.parametrize(
    "options",
    [
        {"secret": "forged-secret"},
        {"timestamp": int(time.time()) - 6 * 60},
        {"secret": None},
    ],
    ids=["forged", "stale", "unsigned"],
)
def test_forged_stale_and_unsigned_requests_get_401(
    base_url: str, stub: SlackStub, options: dict[str, Any]
) -> None:
    status, _ = post(base_url + "/slack/events", slash("who met Witkoff", stub), **options)

    assert status == 401
    stub.settle()
    assert not stub.responses("cmd")


def test_a_retried_event_gets_200_twice_and_one_answer(base_url: str, stub: SlackStub) -> None:
    body = event("app_mention", f"<@{BOT_USER}> who is Witkoff", channel="C0CHANNEL")

    first, _ = post(base_url + "/slack/events", body, content_type="application/json")
    retry, _ = post(
        base_url + "/slack/events",
        body,
        content_type="application/json",
        headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )

    assert first == retry == 200
    stub.wait_for(lambda: stub.of("chat.postMessage"))
    stub.settle()
    assert len(stub.of("chat.postMessage")) == 1


def test_url_verification_challenge_is_answered(base_url: str) -> None:
    body = json.dumps({"type": "url_verification", "token": "t", "challenge": "abc123"})

    status, text = post(base_url + "/slack/events", body, content_type="application/json")

    assert status == 200 and "abc123" in text


def test_healthz_and_unknown_paths(base_url: str) -> None:
    assert get(base_url + "/healthz") == (200, {"ok": True})
    assert get(base_url + "/nothing-here")[0] == 404
    assert get(base_url + "/slack/events")[0] == 404  # GET is not a Slack request


def test_healthz_says_when_the_database_is_down(stub: SlackStub, tmp_path: Any) -> None:
    store = open_store(str(tmp_path / "gone.sqlite3"))
    server = make_server(SlackWebApp(make_app(store, stub), store), "127.0.0.1", 0)
    serve_in_thread(server)
    try:
        (tmp_path / "gone.sqlite3").unlink()
        (tmp_path / "gone.sqlite3").mkdir()  # now a folder: the database cannot be opened
        store.engine.dispose()
        status, _ = get(f"http://127.0.0.1:{server.effective_port}/healthz")
    finally:
        stop_server(server)
    assert status == 503


def test_request_body_over_a_megabyte_is_refused(base_url: str) -> None:
    status, _ = post(base_url + "/slack/events", "text=" + "x" * 1_100_000)

    assert status == 413


# --- choosing the transport ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "console"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}, "http"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, "socket"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_SIGNING_SECRET": "s"},
            "socket",
        ),
    ],
)
def test_transport_follows_the_settings(env: dict[str, str], expected: str) -> None:
    assert transport(Settings(_env_file=None, **env)) == expected  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_SIGNING_SECRET": "s3cret"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN"),
    ],
)
def test_half_a_slack_configuration_is_an_error_naming_the_setting(
    env: dict[str, str], named: str
) -> None:
    with pytest.raises(ServeError, match=f"^{named} is not set"):
        transport(Settings(_env_file=None, **env))  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "not-a-token", "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({"PORT": "99999"}, "PORT"),
    ],
)
def test_serve_with_missing_or_malformed_settings_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, env: dict[str, str], named: str
) -> None:
    only_settings(monkeypatch, tmp_path, **env)

    result = serve(tmp_path)

    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and named in lines[0], result.output
    assert "xoxb-1" not in result.output


def test_serve_with_a_token_slack_refuses_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, stub: SlackStub
) -> None:
    only_settings(
        monkeypatch,
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-revoked",
        SLACK_SIGNING_SECRET="s3cret",
        SLACK_API_URL=stub.api_url,
    )
    stub.fail("auth.test", 200, {"ok": False, "error": "invalid_auth"})

    result = serve(tmp_path)

    assert result.exit_code != 0
    assert "SLACK_BOT_TOKEN: Slack refused the token (invalid_auth)" in result.output
    assert "xoxb-revoked" not in result.output


def test_serve_when_slack_cannot_be_reached_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    only_settings(
        monkeypatch,
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-unreachable",
        SLACK_SIGNING_SECRET="s3cret",
        SLACK_API_URL=f"http://127.0.0.1:{port}/api/",
    )

    result = serve(tmp_path)

    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "SLACK_API_URL: cannot reach" in lines[0], result.output
    assert "xoxb-unreachable" not in result.output
