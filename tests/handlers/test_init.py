"""handlers.register_all: every listener on a real App, each given `deps` through the context."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

import handlers
from tests.handlers.fakes import fake_deps
from tests.slack_requests import SECRET, button, event, signed, slash
from tests.slack_stub import BOT_USER, SlackStub, acked_message, blocks_of


def app_with_listeners(stub: SlackStub) -> App:
    app = App(
        client=WebClient(token="xoxb-test-token", base_url=stub.api_url),
        signing_secret=SECRET,
        token_verification_enabled=False,
    )
    handlers.register_all(app, fake_deps())
    return app


def test_register_all_registers_one_listener_per_module(stub: SlackStub) -> None:
    app = app_with_listeners(stub)

    assert len(app._listeners) == len(handlers.LISTENERS)


def test_a_slash_command_is_answered_from_the_deps_given(stub: SlackStub) -> None:
    app = app_with_listeners(stub)

    response = app.dispatch(signed(slash("who met Witkoff", stub)))

    assert response.status == 200
    assert "Vladimir Putin" in acked_message(response.body)["text"]


def test_a_mention_is_answered_from_the_deps_given(stub: SlackStub) -> None:
    app = app_with_listeners(stub)
    body = event("app_mention", f"<@{BOT_USER}> who is Witkoff", channel="C0CHANNEL")

    app.dispatch(signed(body, content_type="application/json"))

    post = stub.wait_for(lambda: stub.of("chat.postMessage"))[0].body
    assert "special envoy" in str(blocks_of(post))


def test_a_button_is_answered_from_the_deps_given(stub: SlackStub) -> None:
    app = app_with_listeners(stub)

    app.dispatch(signed(button("ask_suggestion:0", "who is Witkoff", stub)))

    answer = stub.wait_for(lambda: stub.responses("click"))[0].body
    assert "special envoy" in str(answer["blocks"])
