"""Hostile Slack requests in HTTP mode: properly signed, content garbage.

A real waitress server in front of the Bolt app (as deployed) gets bodies that are not UTF-8 or
not JSON, JSON that is not an object, and Slack's own payloads with fields removed or replaced
by anything JSON can hold (Hypothesis). Each gets a 4xx with a log line saying why, or Bolt's
normal answer (200, or 404 for a request no listener takes); never a 500, and no listener or
middleware fails afterwards (checked when each test's server stops).
"""

from __future__ import annotations

import copy
import json
import logging
import os
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_bolt import App

from bot.web import SlackWebApp, make_server, serve_in_thread, stop_server
from knowledge import consolidate
from knowledge.store import Store, open_store
from tests.factories import article, drones_facts, envoy_facts, rich_fact_base
from tests.slack_app import make_app
from tests.slack_requests import FORM, JSON, signature_headers
from tests.slack_requests import slash_form as command_form
from tests.slack_stub import BOT_USER, SlackStub, acked_message, start_stub

HOSTILE = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", 150)),
    deadline=None,
    derandomize=True,
    database=None,
    # One server for all examples of a test: starting one per example would take most of the time.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- a server, and what it logged ----------------------------------------------------------------


class Recorder(logging.Handler):
    """Warnings and errors of the app under test: its own loggers, Bolt's, slack_sdk's and
    waitress's, not those of threads an earlier test may have left running (any thread alive
    when the recorder was made, but this one)."""

    APP_LOGGERS = frozenset({"bot", "handlers", "knowledge", "slack_bolt", "slack_sdk", "waitress"})

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self.guard = threading.Lock()
        self.earlier = {t.ident for t in threading.enumerate()} - {threading.get_ident()}

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] not in self.APP_LOGGERS or record.thread in self.earlier:
            return
        with self.guard:
            self.records.append(record)

    def since(self, mark: int) -> list[logging.LogRecord]:
        with self.guard:
            return self.records[mark:]


@dataclass
class Server:
    url: str
    app: App
    stub: SlackStub
    log: Recorder
    thread_errors: list[BaseException] = field(default_factory=list)

    def post(
        self, body: bytes, content_type: str, *, sign: bool = True, **headers: str
    ) -> tuple[int, list[str]]:
        """POSTs `body` signed with the app's secret; the status and the warnings it logged."""
        status, _, logged = self.exchange(body, content_type, sign=sign, **headers)
        return status, logged

    def exchange(
        self, body: bytes, content_type: str, *, sign: bool = True, **headers: str
    ) -> tuple[int, bytes, list[str]]:
        """`post`, with the body of the response too."""
        mark = len(self.log.records)
        request = urllib.request.Request(self.url, data=body, method="POST")
        if content_type:
            request.add_header("Content-Type", content_type)
        if sign:
            for name, value in signature_headers(body).items():
                request.add_header(name, value)
        for name, value in headers.items():
            request.add_header(name.replace("_", "-"), value)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, answer = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, answer = error.code, error.read()
        return status, answer, [record.getMessage() for record in self.log.since(mark)]

    def failures(self) -> list[str]:
        """Waits for every listener to finish, then what failed: errors logged, thread crashes."""
        self.app.listener_runner.listener_executor.shutdown(wait=True)
        errors = [r for r in self.log.records if r.levelno >= logging.ERROR or r.exc_info]
        return [r.getMessage() for r in errors] + [repr(e) for e in self.thread_errors]


@pytest.fixture(scope="module")
def stub() -> Iterator[SlackStub]:
    yield from start_stub()


@pytest.fixture(scope="module")
def hand_built_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = str(Path(tmp_path_factory.mktemp("hostile")) / "hand.sqlite3")
    with pytest.MonkeyPatch.context() as patch, open_store(path) as store:
        patch.setattr(consolidate, "consolidate", lambda items: rich_fact_base())
        store.add_articles([(article("envoy"), envoy_facts()), (article("drones"), drones_facts())])
    with open_store(path) as store:
        yield store


@pytest.fixture
def server(
    hand_built_store: Store, stub: SlackStub, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Server]:
    app = make_app(hand_built_store, stub)
    recorder = Recorder()
    logging.getLogger().addHandler(recorder)
    served = Server("", app, stub, recorder)
    monkeypatch.setattr(threading, "excepthook", lambda args: served.thread_errors.append(args))
    wsgi = make_server(SlackWebApp(app, hand_built_store), "127.0.0.1", 0, threads=4)
    serve_in_thread(wsgi)
    served.url = f"http://127.0.0.1:{wsgi.effective_port}/slack/events"
    try:
        yield served
        failures = served.failures()  # the listeners run after the response: wait for them
    finally:
        stop_server(wsgi)
        logging.getLogger().removeHandler(recorder)
    if failures:
        pytest.fail(f"listeners or middleware failed after the responses: {failures[:5]}")


def check_answered_or_refused(status: int, logged: list[str]) -> None:
    """Bolt's 200, or a 4xx with a log line saying why; never a 5xx."""
    assert status in {200, 400, 404}, (status, logged)
    if status == 400:
        assert any(line.startswith("malformed Slack request") for line in logged), logged
    if status == 404:
        assert any("nhandled request" in line for line in logged), logged


# --- Slack's payloads, to break ------------------------------------------------------------------


def slash_form(stub: SlackStub) -> dict[str, Any]:
    """A `/ukraine who met Witkoff` command with a response URL of its own."""
    return command_form("who met Witkoff", stub, response_url=stub.response_url(uuid.uuid4().hex))


def event_payload(kind: str) -> dict[str, Any]:
    inner: dict[str, Any] = {
        "type": kind,
        "user": "U0ASKER",
        "text": f"<@{BOT_USER}> who is Witkoff",
        "ts": "1700000000.000100",
        "channel": "C0CHANNEL" if kind == "app_mention" else "D0DM",
        "event_ts": "1700000000.000100",
    }
    if kind == "message":
        inner["channel_type"] = "im"
    return {
        "token": "legacy",
        "team_id": "T0TEAM",
        "api_app_id": "A0APP",
        "type": "event_callback",
        "event_id": f"Ev{uuid.uuid4().hex}",
        "event_time": 1700000000,
        "authorizations": [{"team_id": "T0TEAM", "user_id": BOT_USER, "is_bot": True}],
        "event": inner,
    }


def click_payload(stub: SlackStub, action_id: str) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": "T0TEAM", "domain": "team"},
        "user": {"id": "U0CLICKER", "team_id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "legacy",
        "trigger_id": "1.2.3",
        "container": {"type": "message", "is_ephemeral": True, "channel_id": "C0CHANNEL"},
        "channel": {"id": "C0CHANNEL", "name": "peace-talks"},
        "message": {"type": "message", "text": "an answer", "user": BOT_USER, "ts": "1.2"},
        "response_url": stub.response_url(uuid.uuid4().hex),
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "b1",
                "value": "who met Witkoff",
                "action_ts": "1700000001.000",
            }
        ],
    }


def encoded(kind: str, payload: dict[str, Any]) -> tuple[bytes, str]:
    """The payload as Slack sends it: events as JSON, clicks as a form's `payload`."""
    if kind == "command":
        return urlencode(payload).encode(), FORM
    if kind == "click":
        return urlencode({"payload": json.dumps(payload)}).encode(), FORM
    return json.dumps(payload).encode(), JSON


def base_payload(kind: str, stub: SlackStub) -> dict[str, Any]:
    if kind == "command":
        return slash_form(stub)
    if kind == "click":
        return click_payload(stub, "share_answer")
    if kind == "suggestion":
        return click_payload(stub, "ask_suggestion:0")
    if kind == "url_verification":
        return {"type": "url_verification", "token": "t", "challenge": "abc"}
    return event_payload(kind)


KINDS = ["command", "click", "suggestion", "app_mention", "message", "url_verification"]
KEYS = [
    "type",
    "event",
    "text",
    "user",
    "channel",
    "team",
    "id",
    "actions",
    "action_id",
    "value",
    "response_url",
    "authorizations",
    "container",
    "message",
    "thread_ts",
    "ts",
    "enterprise",
    "response_urls",
    "channel_type",
    "subtype",
    "is_ext_shared_channel",
    "payload",
]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["", "T0TEAM", "U0ASKER", "http://127.0.0.1:1/x", "https://", "1"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def containers(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every dict and list in `value`, itself included."""
    if isinstance(value, dict | list):
        yield path
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            yield from containers(child, (*path, key))


def at(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


@st.composite
def broken_payloads(draw: st.DrawFn, stub: SlackStub) -> tuple[str, dict[str, Any]]:
    """One of Slack's payloads with one to three fields removed, replaced or added."""
    kind = draw(st.sampled_from(KINDS))
    payload = copy.deepcopy(base_payload(kind, stub))
    for _ in range(draw(st.integers(1, 3))):
        where = at(payload, draw(st.sampled_from(list(containers(payload)))))
        keys = list(where.keys()) if isinstance(where, dict) else list(range(len(where)))
        operation = draw(st.sampled_from(["remove", "replace", "add"]))
        if kind == "command":  # a form: strings only, one level
            key = draw(st.sampled_from([*keys, *KEYS]))
            if operation == "remove":
                where.pop(key, None)
            else:
                where[key] = draw(st.text(max_size=30) | st.sampled_from(["payload", "{", ""]))
        elif operation == "remove" and keys:
            where.pop(draw(st.sampled_from(keys)))
        elif operation == "replace" and keys:
            where[draw(st.sampled_from(keys))] = draw(json_values)
        elif isinstance(where, dict):
            where[draw(st.sampled_from(KEYS))] = draw(json_values)
        else:
            where.append(draw(json_values))
    return kind, payload


# --- the tests -----------------------------------------------------------------------------------


@HOSTILE
@given(data=st.data())
def test_signed_slack_payloads_with_broken_fields_get_200_or_a_logged_4xx(
    server: Server, data: st.DataObject
) -> None:
    kind, payload = data.draw(broken_payloads(server.stub))

    status, logged = server.post(*encoded(kind, payload))

    check_answered_or_refused(status, logged)
    if status == 400:
        assert len(logged) == 1  # one line, not a traceback


@HOSTILE
@given(
    body=st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(str.encode),
        st.sampled_from(
            [
                b"\xff\xfe",
                b"payload=\xff",
                b"text=caf\xe9",
                b"{",
                b'{"type": "event_callback", "event": ',
                b"[]",
                b"[1, 2]",
                b'"event_callback"',
                b"null",
                b"1e999",
                b"1" * 5000,
                b"[" * 100_000 + b"]" * 100_000,
                b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
                b"payload=%7Bnot+json",
                b"payload=%5B1%5D",
                b"payload=null",
                b"payload=",
                b"command=%2Fukraine",
                b"ssl_check=0",
                b"type=event_callback",
                b"\x00\x00\x00",
            ]
        ),
        st.builds(
            lambda kind, cut: encoded(kind, event_payload("app_mention"))[0][:cut],
            st.sampled_from(["app_mention"]),
            st.integers(0, 300),
        ),
    ),
    content_type=st.sampled_from([JSON, FORM, "text/plain", "", "application/json; charset=utf-8"]),
)
def test_signed_garbage_bodies_get_a_logged_400_never_a_500(
    server: Server, body: bytes, content_type: str
) -> None:
    status, logged = server.post(body, content_type)

    check_answered_or_refused(status, logged)


def test_unsigned_garbage_gets_401_and_is_not_parsed(server: Server) -> None:
    for body in [b"\xff\xfe", b"[1]", b"payload=%7Bnot+json", b'{"type": "event_callback"}']:
        status, logged = server.post(body, JSON, sign=False)
        assert status == 401, body
        assert any(line.startswith("unsigned, forged or stale") for line in logged), logged


@pytest.mark.parametrize(
    "headers",
    [
        {"X_Slack_Request_Timestamp": "abc", "X_Slack_Signature": "v0=00"},
        {"X_Slack_Request_Timestamp": "１２３".encode().decode("latin-1"), "X_Slack_Signature": ""},
        {"X_Slack_Request_Timestamp": "-1", "X_Slack_Signature": ""},
        {"X_Slack_Request_Timestamp": "9" * 400, "X_Slack_Signature": "v0=é"},
    ],
    ids=["letters", "wide digits", "negative", "huge"],
)
def test_garbled_signature_headers_get_401(server: Server, headers: dict[str, str]) -> None:
    form = urlencode(slash_form(server.stub)).encode()

    status, logged = server.post(form, FORM, sign=False, **headers)

    assert status == 401
    assert any(line.startswith("unsigned, forged or stale") for line in logged), logged


@pytest.mark.parametrize(
    ("kind", "change"),
    [
        ("app_mention", {"event": None}),
        ("app_mention", {"event": [1]}),
        ("app_mention", {"event": "x"}),
        ("app_mention", {"event": {"text": 5, "channel": "C1", "type": "app_mention"}}),
        ("app_mention", {"event": {"type": "app_mention", "text": "hi"}}),
        ("app_mention", {"authorizations": "x"}),
        ("app_mention", {"authorizations": [1]}),
        ("message", {"event": {"type": "message", "channel_type": "im", "channel": ["D1"]}}),
        ("click", {"actions": "x"}),
        ("click", {"actions": ["x"]}),
        ("click", {"actions": []}),
        ("click", {"user": "U0CLICKER"}),
        ("click", {"response_url": None}),
        ("command", {"response_url": ""}),
        ("command", {"text": None}),
        ("url_verification", {"challenge": None}),
    ],
)
def test_each_known_breakage_is_refused_or_handled(
    server: Server, kind: str, change: dict[str, Any]
) -> None:
    payload = {**base_payload(kind, server.stub), **change}
    payload = {key: value for key, value in payload.items() if value is not None}

    status, logged = server.post(*encoded(kind, payload))

    check_answered_or_refused(status, logged)


def test_a_command_without_text_is_answered_with_the_usage(server: Server) -> None:
    form = slash_form(server.stub)
    del form["text"]

    status, body, _ = server.exchange(urlencode(form).encode(), FORM)

    assert status == 200
    assert "who met whom" in acked_message(body)["text"]


@pytest.mark.parametrize("field", ["text", "channel_name", "user_name"])
def test_a_command_saying_payload_is_answered(server: Server, field: str) -> None:
    """Bolt alone takes any form body holding "payload" for an interactivity payload."""
    form = slash_form(server.stub)
    form[field] = "what payload do the drones carry" if field == "text" else "payload-team"

    status, body, _ = server.exchange(urlencode(form).encode(), FORM)

    assert status == 200
    answer = acked_message(body)
    assert answer["response_type"] == "ephemeral"
