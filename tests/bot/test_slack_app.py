"""Scenario tests in bolt-python's style: signed requests through the real Bolt `App`, with a
local stand-in for Slack's Web API and response URLs (tests/slack_stub.py)."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest

from knowledge.store import Store, open_store
from tests.slack_app import make_app
from tests.slack_requests import button, event, signed, slash
from tests.slack_stub import BOT_USER, SlackStub, acked_message, action_ids, blocks_of, texts


@pytest.fixture
def app(store: Store, stub: SlackStub) -> App:
    return make_app(store, stub)


# --- /ukraine ------------------------------------------------------------------------------------


def test_slash_command_is_answered_privately_in_its_ack_with_a_share_button(
    app: App, stub: SlackStub
) -> None:
    started = time.perf_counter()
    response = app.dispatch(signed(slash("who met Witkoff", stub)))
    acked_in = time.perf_counter() - started

    assert response.status == 200 and acked_in < 3
    answer = acked_message(response.body)
    stub.settle()
    assert not stub.responses("cmd")  # one answer, in the acknowledgement
    assert answer["response_type"] == "ephemeral"
    assert "Steve Witkoff" in " ".join(texts(answer["blocks"]))
    assert "Vladimir Putin" in answer["text"]
    share = [
        element
        for block in answer["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == "share_answer"
    ]
    assert share and share[0]["value"] == "who met Witkoff"


def test_a_slow_answer_is_acked_empty_in_time_then_sent_to_the_response_url(
    store: Store, stub: SlackStub, monkeypatch: pytest.MonkeyPatch
) -> None:
    import handlers.reply
    from handlers.deps import Deps

    monkeypatch.setattr(handlers.reply, "ACK_BUDGET_S", 0.3)
    answer_now = Deps.answer

    def slow(self: Deps, question: str) -> Any:
        time.sleep(1.0)
        return answer_now(self, question)

    monkeypatch.setattr(Deps, "answer", slow)
    app = make_app(store, stub)

    started = time.perf_counter()
    response = app.dispatch(signed(slash("who met Witkoff", stub)))
    acked_in = time.perf_counter() - started

    assert response.status == 200 and response.body == ""
    assert 0.3 <= acked_in < 1.0  # at the budget, not when the answer was ready
    answer = stub.wait_for(lambda: stub.responses("cmd"))[0].body
    assert answer["response_type"] == "ephemeral"
    assert "Steve Witkoff" in " ".join(texts(answer["blocks"]))


@pytest.mark.parametrize("text", ["", "help", "  "])
def test_slash_command_alone_or_help_gives_usage_with_examples(
    app: App, stub: SlackStub, text: str
) -> None:
    answer = acked_message(app.dispatch(signed(slash(text, stub))).body)

    shown = " ".join(texts(answer["blocks"]))
    assert "who met whom" in shown and "?" in shown
    assert "share_answer" not in action_ids(answer["blocks"])
    assert any(i.startswith("ask_suggestion") for i in action_ids(answer["blocks"]))


def test_slash_command_markup_in_the_question_is_never_echoed_live(
    app: App, stub: SlackStub
) -> None:
    response = app.dispatch(signed(slash("<!channel> <!here> who met <@U0VICTIM> Witkof", stub)))

    answer = acked_message(response.body)
    for text in texts(answer):
        assert "<!channel>" not in text and "<!here>" not in text and "<@U0VICTIM" not in text
    assert "Steve Witkoff" in " ".join(texts(answer["blocks"]))


def test_share_button_posts_the_answer_for_everyone_and_removes_the_private_one(
    app: App, stub: SlackStub
) -> None:
    response = app.dispatch(signed(button("share_answer", "who met Witkoff", stub)))

    assert response.status == 200
    posted = stub.wait_for(lambda: len(stub.responses("click")) >= 2 and stub.responses("click"))
    shared, removal = posted[0].body, posted[1].body
    assert shared["response_type"] == "in_channel" and shared["replace_original"] is False
    assert "Steve Witkoff" in " ".join(texts(shared["blocks"]))
    assert "<@U0CLICKER>" in " ".join(texts(shared["blocks"]))  # "Shared by", the one live mention
    assert "share_answer" not in action_ids(shared["blocks"])
    assert removal["delete_original"] is True and not removal.get("blocks")


def test_suggestion_button_asks_the_suggested_question(app: App, stub: SlackStub) -> None:
    app.dispatch(signed(button("ask_suggestion:0", "who is Witkoff", stub)))

    answer = stub.wait_for(lambda: stub.responses("click"))[0].body
    assert answer["replace_original"] is True
    assert "special envoy" in " ".join(texts(answer["blocks"]))


# --- mentions and direct messages ----------------------------------------------------------------


def test_mention_is_answered_in_a_new_thread_on_that_message(app: App, stub: SlackStub) -> None:
    body = event("app_mention", f"<@{BOT_USER}> who is Witkoff", channel="C0CHANNEL")
    app.dispatch(signed(body, content_type="application/json"))

    post = stub.wait_for(lambda: stub.of("chat.postMessage"))[0].body
    assert post["channel"] == "C0CHANNEL"
    assert post["thread_ts"] == "1700000000.000100"
    assert "Steve Witkoff" in post["text"]
    assert "special envoy" in " ".join(texts(blocks_of(post)))


def test_mention_inside_a_thread_is_answered_in_that_thread(app: App, stub: SlackStub) -> None:
    body = event(
        "app_mention",
        f"<@{BOT_USER}> who met Witkoff",
        channel="C0CHANNEL",
        thread_ts="1699999999.000001",
    )
    app.dispatch(signed(body, content_type="application/json"))

    post = stub.wait_for(lambda: stub.of("chat.postMessage"))[0].body
    assert post["thread_ts"] == "1699999999.000001"


def test_direct_message_is_answered_in_the_conversation(app: App, stub: SlackStub) -> None:
    body = event("message", "how many drones", channel="D0DIRECT", channel_type="im")
    app.dispatch(signed(body, content_type="application/json"))

    post = stub.wait_for(lambda: stub.of("chat.postMessage"))[0].body
    assert post["channel"] == "D0DIRECT" and "thread_ts" not in post
    assert "drones" in post["text"]


@pytest.mark.parametrize(
    "fields",
    [
        {"subtype": "message_changed"},
        {"bot_id": "B0OTHER"},
        {"channel_type": "channel"},
    ],
)
def test_edits_bot_messages_and_channel_chatter_get_no_answer(
    app: App, stub: SlackStub, fields: dict[str, str]
) -> None:
    options = {"channel": "D0DIRECT", "channel_type": "im", **fields}
    response = app.dispatch(
        signed(event("message", "who met Witkoff", **options), content_type="application/json")
    )

    assert response.status == 200
    stub.settle()
    assert not stub.of("chat.postMessage")


# --- retries and replicas -----------------------------------------------------------------------


def test_a_retried_event_is_answered_once(app: App, stub: SlackStub) -> None:
    body = event("app_mention", f"<@{BOT_USER}> who is Witkoff", channel="C0CHANNEL")
    first = app.dispatch(signed(body, content_type="application/json"))
    retry = app.dispatch(
        signed(
            body,
            content_type="application/json",
            x_slack_retry_num="1",
            x_slack_retry_reason="http_timeout",
        )
    )

    assert first.status == retry.status == 200
    stub.wait_for(lambda: stub.of("chat.postMessage"))
    stub.settle()
    assert len(stub.of("chat.postMessage")) == 1


def test_a_retry_reaching_another_replica_is_answered_once(db_url: str, stub: SlackStub) -> None:
    """Two apps on one database, as two replicas behind a load balancer (SQLite and PostgreSQL)."""
    with open_store(db_url) as first_store, open_store(db_url) as second_store:
        first, second = make_app(first_store, stub), make_app(second_store, stub)
        body = event("app_mention", f"<@{BOT_USER}> who is Witkoff", channel="C0CHANNEL")
        first.dispatch(signed(body, content_type="application/json"))
        second.dispatch(signed(body, content_type="application/json", x_slack_retry_num="1"))
        other = event("app_mention", f"<@{BOT_USER}> help", event_id="Ev002", channel="C0CHANNEL")
        second.dispatch(signed(other, content_type="application/json"))

        stub.wait_for(lambda: len(stub.of("chat.postMessage")) >= 2)
        stub.settle()
        assert len(stub.of("chat.postMessage")) == 2


# --- request verification ----------------------------------------------------------------------


def test_forged_stale_and_unsigned_requests_are_refused(app: App, stub: SlackStub) -> None:
    body = slash("who met Witkoff", stub)
    forged = signed(body, secret="not-the-secret")
    stale = signed(body, timestamp=int(time.time()) - 6 * 60)
    unsigned = BoltRequest(
        body=body, headers={"content-type": ["application/x-www-form-urlencoded"]}
    )
    headers = signed(body).headers
    tampered = BoltRequest(body=body.replace("Witkoff", "Putin"), headers=headers)

    for request in (forged, stale, unsigned, tampered):
        assert app.dispatch(request).status == 401
    stub.settle()
    assert not stub.calls or all(c.method == "auth.test" for c in stub.calls)


# --- Slack API errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found", "is_archived"])
def test_a_channel_the_bot_cannot_post_in_is_logged_not_crashed(
    app: App, stub: SlackStub, caplog: pytest.LogCaptureFixture, error: str
) -> None:
    stub.fail("chat.postMessage", 200, {"ok": False, "error": error})
    body = event("app_mention", f"<@{BOT_USER}> who is Witkoff", channel="C0GONE")

    with caplog.at_level(logging.WARNING):
        response = app.dispatch(signed(body, content_type="application/json"))
        stub.wait_for(lambda: stub.of("chat.postMessage"))
        stub.wait_for(lambda: error in caplog.text)

    assert response.status == 200
    assert "C0GONE" in caplog.text
    told = stub.wait_for(lambda: stub.of("chat.postMessage")[1:])[0].body
    assert told["channel"] == "U0ASKER"
    shown = " ".join(texts(blocks_of(told)))
    assert "I could not reply in the channel" in shown and "Steve Witkoff" in shown


def test_a_rate_limited_reply_that_keeps_failing_is_only_logged(
    app: App, stub: SlackStub, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(3):
        stub.fail("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, Retry_After="0")
    body = event("app_mention", f"<@{BOT_USER}> who is Witkoff", channel="C0BUSY")

    with caplog.at_level(logging.WARNING):
        app.dispatch(signed(body, content_type="application/json"))
        stub.wait_for(lambda: "C0BUSY" in caplog.text)

    assert len(stub.of("chat.postMessage")) == 3  # the first try and two retries, no DM


def test_a_rate_limit_is_waited_out_and_the_answer_posted_once(app: App, stub: SlackStub) -> None:
    stub.fail("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, Retry_After="1")
    body = event("app_mention", f"<@{BOT_USER}> who is Witkoff", channel="C0CHANNEL")

    app.dispatch(signed(body, content_type="application/json"))

    calls = stub.wait_for(
        lambda: len(stub.of("chat.postMessage")) >= 2 and stub.of("chat.postMessage")
    )
    assert len(calls) == 2 and calls[0].body == calls[1].body
    stub.settle()
    assert len(stub.of("chat.postMessage")) == 2


def test_socket_mode_retry_attempts_are_answered_once(app: App, stub: SlackStub) -> None:
    """Socket Mode delivers an envelope's payload as a dict (slack_bolt's SocketModeHandler
    builds `BoltRequest(mode="socket_mode", body=payload)`); a retry_attempt carries the
    same event_id."""
    payload = json.loads(event("app_mention", f"<@{BOT_USER}> who is Witkoff", channel="C0SOCK"))

    first = app.dispatch(BoltRequest(mode="socket_mode", body=payload))
    retry = app.dispatch(BoltRequest(mode="socket_mode", body=dict(payload)))

    assert first.status == retry.status == 200
    stub.wait_for(lambda: stub.of("chat.postMessage"))
    stub.settle()
    assert [c.body["channel"] for c in stub.of("chat.postMessage")] == ["C0SOCK"]


def test_an_answer_that_fails_gets_an_apology_and_a_logged_traceback(
    app: App, stub: SlackStub, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from handlers.deps import APOLOGY, Deps

    def broken(self: Deps, question: str) -> None:
        raise RuntimeError("index corrupted")

    monkeypatch.setattr(Deps, "answer", broken)
    with caplog.at_level(logging.ERROR):
        answer = acked_message(app.dispatch(signed(slash("who met Witkoff", stub))).body)

    assert answer["text"] == APOLOGY and "share_answer" not in action_ids(answer["blocks"])
    assert "index corrupted" in caplog.text and "who met Witkoff" in caplog.text
