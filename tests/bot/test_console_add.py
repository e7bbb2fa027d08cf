"""`/ukraine add URL` in the local console: the same app, the page from the local web server."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language

import handlers.add_article
from bot.console import RunningConsole, start_console
from bot.settings import Settings
from knowledge.store import open_store
from tests.web_server import WebServer

_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        server.page("/ap.html", "wire-ap.html")
        yield server


@pytest.fixture
def running(hand_built_db: str, nlp: Language, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setattr(handlers.add_article, "_nlp", nlp)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, DATABASE_URL=hand_built_db, FETCH_ALLOW_PRIVATE="1"
    )
    with open_store(hand_built_db) as store, start_console(settings, store, port=0) as console:
        yield console, store


def console_call(running: RunningConsole, path: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        running.url + path, data=data, headers={"Content-Type": "application/json"}
    )
    with _opener.open(request, timeout=10) as response:
        return json.loads(response.read())


def test_add_works_in_the_console(running: Any, web: WebServer) -> None:
    console, store = running

    console_call(
        console,
        "/console/send",
        {"conversation": "channel", "text": f"/ukraine add {web.url('/ap.html')}"},
    )

    deadline = time.monotonic() + 60
    said: list[str] = []
    while time.monotonic() < deadline:
        found = console_call(console, "/console/messages")["messages"]
        said = [json.dumps(m) for m in found if m["user"] == "bot"]
        if any("Added" in text for text in said):
            break
        time.sleep(0.1)
    assert any("AP News, 3 Dec 2025" in text for text in said), said
    assert store.article("geneva-envoys-talks") is not None
