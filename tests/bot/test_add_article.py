"""`/ukraine add URL` and the "Add to fact base" message shortcut, as Slack sends them: signed
requests through the real Bolt app, pages from the local web server, answers at the Slack stub's
response URLs, the real pipeline and store."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from slack_bolt import App
from spacy.language import Language

import handlers.add_article
from handlers.surface import ADD_SHORTCUT_CALLBACK_ID
from knowledge.store import Store
from tests.slack_app import make_app
from tests.slack_requests import signed, slash
from tests.slack_stub import SlackStub, acked_message, texts
from tests.web_server import Reply, WebServer


@pytest.fixture(autouse=True)
def pipeline(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """The session's pipeline, so each test does not load the model again."""
    monkeypatch.setattr(handlers.add_article, "_nlp", nlp)


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        server.page("/ap.html", "wire-ap.html")
        yield server


def shortcut(text: str, stub: SlackStub, user: str = "U0ASKER") -> str:
    """The "Add to fact base" shortcut chosen on a message saying `text`."""
    payload = {
        "type": "message_action",
        "callback_id": ADD_SHORTCUT_CALLBACK_ID,
        "token": "legacy",
        "action_ts": "1700000001.000",
        "team": {"id": "T0TEAM", "domain": "team"},
        "user": {"id": user, "team_id": "T0TEAM", "name": "asker"},
        "channel": {"id": "C0CHANNEL", "name": "peace-talks"},
        "message": {"type": "message", "user": "U0OTHER", "ts": "1700000000.000100", "text": text},
        "response_url": stub.response_url("shortcut"),
        "trigger_id": "1.2.3",
    }
    return urlencode({"payload": json.dumps(payload)})


def reply_text(stub: SlackStub, name: str) -> str:
    calls = stub.wait_for(lambda: stub.responses(name), timeout=60)
    return " ".join(texts(calls[-1].body))


def test_add_is_acknowledged_at_once_then_says_what_the_page_added(
    store: Store, stub: SlackStub, web: WebServer
) -> None:
    app = make_app(store, stub, FETCH_ALLOW_PRIVATE="1")

    started = time.perf_counter()
    response = app.dispatch(signed(slash(f"add {web.url('/ap.html')}", stub)))
    assert response.status == 200 and time.perf_counter() - started < 3
    assert "Adding" in acked_message(response.body)["text"]

    said = reply_text(stub, "cmd")
    assert "Added “Envoys meet in Geneva as drone strikes continue” (AP News, 3 Dec 2025)" in said
    assert "meeting" in said and "figures" in said and "new people" in said
    assert "Ignazio Cassis" in said
    assert store.article("geneva-envoys-talks") is not None


def test_without_the_allowance_the_loopback_page_is_refused_and_nothing_stored(
    store: Store, stub: SlackStub, web: WebServer
) -> None:
    app = make_app(store, stub)
    before = store.stats()

    response = app.dispatch(signed(slash(f"add <{web.url('/ap.html')}>", stub)))

    assert response.status == 200
    said = reply_text(stub, "cmd")
    assert "I did not add" in said and "127.0.0.1 is a loopback address" in said
    assert web.requests == [] and store.stats() == before


def test_the_message_shortcut_adds_the_link_of_the_message(
    store: Store, stub: SlackStub, web: WebServer
) -> None:
    app = make_app(store, stub, FETCH_ALLOW_PRIVATE="1")
    body = shortcut(f"Worth a read: <{web.url('/ap.html')}|Geneva talks>", stub)

    response = app.dispatch(signed(body))

    assert response.status == 200
    assert "AP News, 3 Dec 2025" in reply_text(stub, "shortcut")
    assert store.article("geneva-envoys-talks") is not None


def test_a_message_without_a_link_and_an_add_without_a_url_get_one_clear_line(
    store: Store, stub: SlackStub
) -> None:
    app = make_app(store, stub)

    assert app.dispatch(signed(shortcut("no link here", stub))).status == 200
    assert "holds no link" in reply_text(stub, "shortcut")
    usage = acked_message(app.dispatch(signed(slash("add", stub))).body)
    assert "/ukraine add https://" in usage["text"]


def test_only_allowed_users_and_channels_may_add(
    store: Store, stub: SlackStub, web: WebServer
) -> None:
    app: App = make_app(
        store,
        stub,
        FETCH_ALLOW_PRIVATE="1",
        INGEST_ALLOWED_USERS="U0EDITOR",
        INGEST_ALLOWED_CHANNELS="C0NEWSDESK",
    )

    refused = acked_message(app.dispatch(signed(slash(f"add {web.url('/ap.html')}", stub))).body)
    assert "You cannot add articles here" in refused["text"]
    app.dispatch(signed(shortcut(f"<{web.url('/ap.html')}>", stub, user="U0EDITOR")))
    assert "cannot be added from this channel" in reply_text(stub, "shortcut")
    assert web.requests == []


def test_markup_in_a_page_never_reaches_slack_live(
    store: Store, stub: SlackStub, web: WebServer
) -> None:
    page = (web.routes["/ap.html"](None)).body  # type: ignore[arg-type]
    assert isinstance(page, bytes)
    hostile = page.replace(b'content="AP News"', b'content="&lt;!channel&gt; News"').replace(
        b"Envoys meet in Geneva", b"<@U0BOSS> Envoys meet in Geneva"
    )
    web.route("/hostile.html", lambda _r: Reply(200, {"Content-Type": "text/html"}, hostile))
    app = make_app(store, stub, FETCH_ALLOW_PRIVATE="1")

    app.dispatch(signed(slash(f"add {web.url('/hostile.html')}", stub)))

    said = reply_text(stub, "cmd")
    assert "Added" in said and "<!channel>" not in said and "<@U0BOSS>" not in said
