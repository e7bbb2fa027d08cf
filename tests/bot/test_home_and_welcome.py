"""Scenario tests for the Home tab and onboarding (issue 15), signed through the real Bolt app:
app_home_opened publishes the tab (what the base holds, example questions, the latest digest,
the user's subscriptions with Edit and Unsubscribe), rebuilt per fact-base revision; a first
direct message gets a welcome; help lists every kind of question and the ways to ask."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest
from slack_bolt import App

from handlers import home
from knowledge.store import Store
from tests.blockkit import check_message, check_view
from tests.factories import article
from tests.slack_app import make_app
from tests.slack_requests import button, event, signed, slash
from tests.slack_stub import Call, SlackStub, acked_message, blocks_of, start_stub, texts


@pytest.fixture
def app(store: Store, stub: SlackStub) -> App:
    return make_app(store, stub)


def published(stub: SlackStub, number: int = 0) -> dict[str, Any]:
    call = stub.wait_for(
        lambda: len(stub.of("views.publish")) > number and stub.of("views.publish")
    )
    body = call[number].body
    view = body["view"]
    return {"user_id": body["user_id"], "view": json.loads(view) if isinstance(view, str) else view}


def open_home(app: App, event_id: str = "EvHome1", user: str = "U0ASKER") -> None:
    body = event("app_home_opened", "", event_id=event_id, tab="home", user=user, channel="D0HOME")
    assert app.dispatch(signed(body, content_type="application/json")).status == 200


def test_the_home_tab_shows_the_base_examples_digest_and_my_subscriptions(
    app: App, stub: SlackStub, store: Store
) -> None:
    store.subscribe("C0MINE", "daily 09:00 UTC", subscribed_by="U0ASKER", team_id="T0TEAM")
    store.subscribe("C0THEIRS", "daily 09:00 UTC", subscribed_by="U0OTHER", team_id="T0TEAM")

    open_home(app)

    sent = published(stub)
    view = sent["view"]
    check_view(view, mentions=["<#C0MINE>"])
    assert sent["user_id"] == "U0ASKER" and view["type"] == "home"
    shown = " ".join(texts(view["blocks"]))
    assert "2 articles" in shown and "meetings" in shown and "last ingest" in shown
    examples = [
        e
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].startswith("ask_suggestion:")
    ]
    assert 1 <= len(examples) <= 6
    assert "Latest digest" in shown
    assert "<#C0MINE>: every day at 09:00 (UTC)" in shown and "C0THEIRS" not in shown
    ids = [e["action_id"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {"home_edit:C0MINE", "home_unsubscribe:C0MINE"} <= set(ids)


def test_the_shared_part_is_rebuilt_per_revision_not_per_open(
    app: App, stub: SlackStub, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    build = home._build_shared
    monkeypatch.setattr(home, "_build_shared", lambda deps: built.append(1) or build(deps))

    open_home(app, "EvH1")
    published(stub, 0)
    open_home(app, "EvH2", user="U0OTHER")
    published(stub, 1)
    assert len(built) == 1  # two opens, one build

    from tests.factories import drones_facts

    store.add_articles(
        [(article("drones2", "Russia launched drones again."), drones_facts("drones2"))]
    )
    open_home(app, "EvH3")
    published(stub, 2)
    assert len(built) == 2  # a new revision: built again


def test_unsubscribe_on_the_home_tab_stops_it_and_republishes(
    app: App, stub: SlackStub, store: Store
) -> None:
    store.subscribe("C0MINE", "daily 09:00 UTC", subscribed_by="U0CLICKER", team_id="T0TEAM")

    app.dispatch(signed(button("home_unsubscribe:C0MINE", "C0MINE", stub)))

    view = published(stub)["view"]
    assert store.subscription("C0MINE") is None
    assert "None yet" in " ".join(texts(view["blocks"]))


def test_edit_on_the_home_tab_opens_the_schedule_modal(
    app: App, stub: SlackStub, store: Store
) -> None:
    store.subscribe("C0MINE", "weekly fri 17:30 UTC", subscribed_by="U0CLICKER", team_id="T0TEAM")

    app.dispatch(signed(button("home_edit:C0MINE", "C0MINE", stub)))

    opened = stub.wait_for(lambda: stub.of("views.open"))[0].body
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    check_view(view)
    frequency = next(b for b in view["blocks"] if b.get("block_id") == "frequency")
    assert frequency["element"]["initial_option"]["value"] == "weekly"
    assert json.loads(view["private_metadata"])["channel"] == "C0MINE"


def test_a_listener_still_running_when_its_test_ends_finishes_before_the_stub_stops(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """Edit's listener opens the modal, then publishes the tab again. A test that waited only
    for the modal once let the publish reach a stub already closed, and its "Connection
    refused" landed in the next test's log (tests/bot/test_hostile_slack.py failed on it)."""
    running = start_stub()
    stub = next(running)

    def slow_open(call: Call) -> dict[str, Any]:
        time.sleep(0.5)
        return {"ok": True, "view": {"id": "V0SLOW"}}

    stub.methods["views.open"] = slow_open
    app = make_app(store, stub)
    store.subscribe("C0MINE", "weekly fri 17:30 UTC", subscribed_by="U0CLICKER", team_id="T0TEAM")
    app.dispatch(signed(button("home_edit:C0MINE", "C0MINE", stub)))
    stub.wait_for(lambda: stub.of("views.open"))

    with caplog.at_level(logging.WARNING):
        running.close()  # the test is over: the stub stops

    assert [c.method for c in stub.calls if c.method.startswith("views.")] == [
        "views.open",
        "views.publish",
    ]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def dm(app: App, text: str, event_id: str) -> None:
    body = event("message", text, event_id=event_id, channel="D0DIRECT", channel_type="im")
    app.dispatch(signed(body, content_type="application/json"))


def test_a_first_dm_of_hi_gets_a_welcome_and_the_next_the_help(app: App, stub: SlackStub) -> None:
    dm(app, "hi", "EvDm1")
    welcome = stub.wait_for(lambda: stub.of("chat.postMessage"))[0].body
    dm(app, "Hello!", "EvDm2")
    again = stub.wait_for(
        lambda: len(stub.of("chat.postMessage")) > 1 and stub.of("chat.postMessage")
    )[1].body

    blocks = blocks_of(welcome)
    check_message({"text": welcome["text"], "blocks": blocks})
    assert blocks[0]["text"]["text"] == "Welcome to ukraine-bot"
    shown = " ".join(texts(blocks))
    assert "Who met whom" in shown and "/ukraine map Witkoff" in shown and "Ways to ask" in shown
    assert blocks_of(again)[0]["text"]["text"] == "What you can ask me"


def test_help_lists_every_kind_of_question_and_the_ways_to_ask(app: App, stub: SlackStub) -> None:
    answer = acked_message(app.dispatch(signed(slash("help", stub))).body)

    check_message(answer)
    shown = " ".join(texts(answer["blocks"]))
    for kind in (
        "Who met whom",
        "Who is who",
        "What was said",
        "Numbers",
        "About someone",
        "Anything else",
        "Pictures",
        "Digests",
        "Ways to ask",
    ):
        assert kind in shown, kind
    assert "mention @ukraine-bot" in shown and "Share in channel" in shown
