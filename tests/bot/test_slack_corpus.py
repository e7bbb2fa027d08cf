"""The corpus of Slack request bodies (tests/data/slack) replayed through HTTP mode.

Each body is POSTed signed, as Slack sends it, to the WSGI app of HTTP mode (bot/web.py: the
signature and shape checks, then Bolt and every listener) behind waitress, with the Web API
and the response URLs at the stand-in for Slack. Each must get a 200 within Slack's 3 s and
the reply its file expects: in the right thread or DM, at its response URL, in the
acknowledgement, or nothing at all (bots, edits, events the app does not answer). The same
bodies go through Socket Mode in tests/bot/test_socket_mode.py.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from knowledge.store import Store, open_store
from tests.slack_app import build_facts, serving
from tests.slack_corpus import BOT, USERS, Case, cases, replies, reply_problems
from tests.slack_requests import signature_headers
from tests.slack_stub import SlackStub, start_stub

CASES = cases()


@pytest.fixture(scope="module")
def stub() -> Iterator[SlackStub]:
    for running in start_stub():
        running.identity = dict(BOT)
        running.users.update(USERS)
        yield running


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = str(Path(tmp_path_factory.mktemp("corpus")) / "facts.sqlite3")
    build_facts(path)
    with open_store(path) as opened:
        yield opened


@pytest.fixture(scope="module")
def url(store: Store, stub: SlackStub) -> Iterator[str]:
    with serving(store, stub) as base_url:
        yield f"{base_url}/slack/events"


def post(url: str, body: bytes, content_type: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Content-Type", content_type)
    for name, value in signature_headers(body).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_corpus_holds_every_body_its_readme_lists() -> None:
    readme = (Path(__file__).resolve().parents[1] / "data" / "slack" / "README.md").read_text()

    assert len(CASES) >= 87
    assert all(f"`{case.name}.json`" in readme for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_each_body_slack_sends_gets_200_in_time_and_the_reply_it_expects(
    url: str, stub: SlackStub, case: Case
) -> None:
    mark = len(stub.calls)
    started = time.monotonic()

    status, answer = post(url, *case.http(stub))

    elapsed = time.monotonic() - started
    assert status == case.expect["status"] == 200, answer
    assert elapsed < 3.0
    ack: dict[str, Any] | None = json.loads(answer) if answer.startswith(b"{") else None
    assert reply_problems(case, replies(stub, mark, case), ack) == []
