"""Log lines as the bot writes them: text or JSON (LOG_FORMAT), Slack secrets never in them."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.logs import LogHandler, RedactSecrets, configure_logging
from bot.settings import Settings
from bot.web import SlackWebApp, make_server, serve_in_thread, stop_server
from knowledge.store import Store
from tests.slack_app import build_facts, make_app
from tests.slack_requests import SECRET, post, slash
from tests.slack_stub import SlackStub, acked_message
from tests.socket_mode_bot import BOT_TOKEN as SERVE_BOT_TOKEN
from tests.socket_mode_bot import command_envelope, socket_mode_bot
from tests.socket_mode_stub import APP_TOKEN as STUB_APP_TOKEN

BOT_TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx"
USER_TOKEN = "xoxp-1234567890-1111-2222-abcdef0123456789"
APP_TOKEN = "xapp-1-A0APP-1234567890-abcdef0123456789abcdef"
REFRESH_TOKEN = "xoxe-1-My0xLTEyMzQ1Ni1hYmNkZWY"
ROTATING_TOKEN = "xoxe.xoxb-1-MS0yLTEyMzQ1Njc4OTA"
CLIENT_SECRET = "0123456789abcdef0123456789abcdef"
TOKENS = [BOT_TOKEN, USER_TOKEN, APP_TOKEN, REFRESH_TOKEN, ROTATING_TOKEN]

Capture = Callable[..., io.StringIO]


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def capture(caplog: pytest.LogCaptureFixture) -> Iterator[Capture]:
    """Attaches the bot's handler for the given settings to the root logger, at `level`;
    returns the stream it writes to. Detached at the end of the test."""
    attached: list[logging.Handler] = []

    def attach(level: int = logging.INFO, **values: Any) -> io.StringIO:
        stream = io.StringIO()
        handler = LogHandler(settings(**values), stream)
        logging.getLogger().addHandler(handler)
        attached.append(handler)
        caplog.set_level(level)
        return stream

    yield attach
    for handler in attached:
        logging.getLogger().removeHandler(handler)


def json_lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_json_log_lines_parse_and_carry_extra_fields(capture: Capture) -> None:
    stream = capture(LOG_FORMAT="json")

    logging.getLogger("bot.test").info(
        "%s answered", "who met Witkoff", extra={"http_method": "POST", "status": 200}
    )
    logging.getLogger("knowledge.test").warning("second line")

    first, second = json_lines(stream)
    assert list(first)[:4] == ["time", "level", "logger", "message"]
    assert first["level"] == "INFO" and first["logger"] == "bot.test"
    assert first["message"] == "who met Witkoff answered"
    assert first["http_method"] == "POST" and first["status"] == 200
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00", first["time"])
    assert second["level"] == "WARNING" and second["message"] == "second line"


def test_json_log_line_carries_the_traceback_as_one_string(capture: Capture) -> None:
    stream = capture(LOG_FORMAT="json")

    try:
        raise ValueError("the store is gone")
    except ValueError:
        logging.getLogger("bot.test").exception("could not answer")

    (line,) = json_lines(stream)
    assert line["message"] == "could not answer"
    assert isinstance(line["exc_info"], str)
    assert line["exc_info"].startswith("Traceback (most recent call last):")
    assert "ValueError: the store is gone" in line["exc_info"]


def test_text_log_lines_keep_their_format(capture: Capture) -> None:
    stream = capture(LOG_FORMAT="text")

    logging.getLogger("bot.test").warning("channel %s refused", "C0CHANNEL")

    assert stream.getvalue() == "WARNING bot.test: channel C0CHANNEL refused\n"


@pytest.mark.parametrize("log_format", ["text", "json"])
@pytest.mark.parametrize("token", TOKENS)
def test_slack_tokens_are_redacted_from_message_args_extra_and_traceback(
    capture: Capture, log_format: str, token: str
) -> None:
    stream = capture(LOG_FORMAT=log_format)
    log = logging.getLogger("slack_sdk.test")

    log.info(f"token in the message {token}")
    log.info("token in the args %s", token)
    log.info("token in a dict arg %s", {"headers": {"Authorization": f"Bearer {token}"}})
    log.info("token in an extra field", extra={"request_url": f"https://x/?token={token}"})
    try:
        raise RuntimeError(f"invalid_auth for {token}")
    except RuntimeError:
        log.exception("token in the exception")

    output = stream.getvalue()
    assert token not in output
    assert "token in the exception" in output and "RuntimeError: invalid_auth for" in output
    if log_format == "json":
        lines = json_lines(stream)
        assert len(lines) == 5
        assert all("[redacted]" in json.dumps(line) for line in lines)
        assert lines[3]["request_url"].endswith("-[redacted]")
    else:
        assert output.count("[redacted]") == 4  # text lines do not show extra fields


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_a_token_in_arguments_that_do_not_fit_the_message_is_redacted(log_format: str) -> None:
    # Not through the root logger: pytest's own handler there raises on the bad arguments.
    stream = io.StringIO()
    log = logging.getLogger(f"tests.bad_arguments.{log_format}")
    log.propagate = False
    log.addHandler(LogHandler(settings(LOG_FORMAT=log_format), stream))

    log.warning("%s and %s", BOT_TOKEN)

    assert BOT_TOKEN not in stream.getvalue()
    assert "%s and %s (arguments: ('xoxb-[redacted]',))" in stream.getvalue()


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_configured_secrets_are_redacted(capture: Capture, log_format: str) -> None:
    stream = capture(
        LOG_FORMAT=log_format,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_CLIENT_ID="123.456",
        SLACK_CLIENT_SECRET=CLIENT_SECRET,
    )

    logging.getLogger("bot.test").warning(
        "verifying with %s, client %s", SECRET, CLIENT_SECRET, extra={"secret": SECRET}
    )

    output = stream.getvalue()
    assert SECRET not in output and CLIENT_SECRET not in output
    assert "verifying with [redacted], client [redacted]" in output


def test_redaction_keeps_the_kind_of_token_and_everything_else() -> None:
    redact = RedactSecrets(["s3cret-value"]).redact

    assert redact(f"auth {BOT_TOKEN} ok") == "auth xoxb-[redacted] ok"
    assert redact(f"{ROTATING_TOKEN}.") == "xoxe.xoxb-[redacted]."
    assert redact("the s3cret-value, not xoxbox-1 or maxapp-2") == (
        "the [redacted], not xoxbox-1 or maxapp-2"
    )


@pytest.mark.parametrize(
    ("logged", "shown"),
    [
        (
            '{"token": "Jb3Qw9LxTz1Vc7Rk2Mn8Hs4P", "team_id": "T1"}',
            '{"token": "[redacted]", "team_id": "T1"}',
        ),
        ("{'token': 'Jb3Qw9LxTz1Vc7Rk2Mn8Hs4P', 'x': 1}", "{'token': '[redacted]', 'x': 1}"),
        ('body: "{\\"token\\": \\"Jb3Qw9\\"}"', 'body: "{\\"token\\": \\"[redacted]\\"}"'),
        ("token=Jb3Qw9LxTz1Vc7Rk2Mn8Hs4P&team_id=T1", "token=[redacted]&team_id=T1"),
        (
            '"url": "wss://wss-primary.slack.com/link/?ticket=91058c2a-9283&app_id=A1"',
            '"url": "wss://wss-primary.slack.com/link/?ticket=[redacted]&app_id=A1"',
        ),
        (
            '"refresh_token": "xoxe-1-abc", "token_type": "bot"',
            '"refresh_token": "xoxe-[redacted]", "token_type": "bot"',
        ),
        ("no token here; tokens=3 mytoken=4", "no token here; tokens=3 mytoken=4"),
    ],
    ids=["json", "dict", "escaped json", "form", "socket mode ticket", "any _token", "words"],
)
def test_verification_tokens_and_tickets_in_logged_bodies_are_redacted(
    logged: str, shown: str
) -> None:
    assert RedactSecrets().redact(logged) == shown


def test_debug_logs_of_a_socket_mode_session_hold_no_token_or_ticket(tmp_path: Path) -> None:
    """slack_sdk logs apps.connections.open's answer (the URL and its ticket) and Bolt and the
    Socket Mode client every payload (Slack's verification token) at DEBUG."""
    db = str(tmp_path / "facts.sqlite3")
    build_facts(db)
    with socket_mode_bot(db, LOG_LEVEL="DEBUG") as bot:
        bot.ask()
        envelope = command_envelope("who is Witkoff", bot.web, token="Jb3Qw9LxTz1Vc7Rk2Mn8Hs4P")
        bot.socket.ack(bot.socket.send(envelope))
        tickets = [link.ticket for link in bot.socket.links]
        lines = bot.lines()

    output = "\n".join(lines)
    assert "apps.connections.open" in output and "ticket=[redacted]" in output
    assert "Jb3Qw9LxTz1Vc7Rk2Mn8Hs4P" not in output and "legacy" not in output
    assert not any(ticket in output for ticket in tickets)
    assert STUB_APP_TOKEN not in output and SERVE_BOT_TOKEN not in output


def test_configure_logging_installs_one_handler_and_replaces_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", root.level)
    first, second = io.StringIO(), io.StringIO()

    configure_logging(settings(LOG_FORMAT="json", LOG_LEVEL="DEBUG"), first)
    configure_logging(settings(LOG_FORMAT="json", LOG_LEVEL="DEBUG"), second)
    logging.getLogger("bot.test").debug("once, token %s", BOT_TOKEN)

    assert len(root.handlers) == 1 and root.level == logging.DEBUG
    assert first.getvalue() == ""
    assert [line["message"] for line in json_lines(second)] == ["once, token xoxb-[redacted]"]


def test_configure_logging_leaves_a_root_logger_configured_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = logging.getLogger()
    theirs = logging.NullHandler()
    monkeypatch.setattr(root, "handlers", [theirs])

    configure_logging(settings(LOG_FORMAT="json"), io.StringIO())

    assert root.handlers == [theirs]


def test_an_http_mode_request_logs_one_json_line_with_its_latency(
    capture: Capture, store: Store, stub: SlackStub
) -> None:
    # DEBUG: slack_bolt and slack_sdk log the request's way through middleware and Web API calls.
    stream = capture(logging.DEBUG, LOG_FORMAT="json")
    server = make_server(SlackWebApp(make_app(store, stub), store), "127.0.0.1", 0, threads=2)
    serve_in_thread(server)
    try:
        base_url = f"http://127.0.0.1:{server.effective_port}"
        status, body = post(base_url + "/slack/events", slash("who met Witkoff", stub))
        acked_message(body)
    finally:
        stop_server(server)

    assert status == 200
    lines = json_lines(stream)
    requests = [line for line in lines if line["logger"] == "bot.web"]
    assert len(requests) == 1
    (request,) = requests
    assert request["level"] == "INFO"
    assert request["http_method"] == "POST"
    assert request["path"] == "/slack/events"
    assert request["status"] == 200
    assert re.fullmatch(r"POST /slack/events 200 \d+\.\dms", request["message"])
    assert isinstance(request["latency_ms"], float) and request["latency_ms"] >= 0
    assert request["message"].endswith(f"{request['latency_ms']:.1f}ms")
    # Every line parsed, the libraries' debug lines on the Web API calls included (Bolt gives
    # the client it makes its own logger, bot.bolt).
    assert any(line["logger"].startswith(("slack_sdk", "bot.bolt")) for line in lines)
