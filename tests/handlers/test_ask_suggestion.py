"""handlers.ask_suggestion, called directly: a suggested question's button asks it."""

from __future__ import annotations

import logging
from typing import Any
from unittest.mock import Mock

import pytest
from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from handlers.ask_suggestion import ask
from handlers.deps import APOLOGY
from handlers.surface import SUGGESTION_ACTION_PREFIX
from tests.handlers.fakes import direct_message, fake_deps, in_a_view, press, slack_api_error

LOGGER = logging.getLogger("tests.handlers.ask_suggestion")


def click(question: str, *, ephemeral: bool) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "user": {"id": "U0CLICKER"},
        "response_url": "https://hooks.slack.com/actions/T0TEAM/1/secret",
        "container": {"type": "message", "is_ephemeral": ephemeral},
        "actions": [{"action_id": f"{SUGGESTION_ACTION_PREFIX}0", "value": question}],
    }


def test_ask_replaces_a_private_answer_with_the_suggested_questions() -> None:
    ack, respond = Mock(Ack), Mock(Respond)

    press(ask, click("who is Witkoff", ephemeral=True), ack=ack, respond=respond)

    ack.assert_called_once_with()
    respond.assert_called_once()
    sent = respond.call_args.kwargs
    assert sent["response_type"] == "ephemeral" and sent["replace_original"] is True
    assert "special envoy" in str(sent["blocks"])
    assert "share_answer" in str(sent["blocks"])  # a private answer can be shared


def test_ask_under_a_shared_message_answers_the_clicker_privately() -> None:
    respond = Mock(Respond)

    press(ask, click("who is Witkoff", ephemeral=False), respond=respond)

    sent = respond.call_args.kwargs
    assert sent["response_type"] == "ephemeral" and sent["replace_original"] is False


def test_ask_when_answering_fails_apologizes(caplog: pytest.LogCaptureFixture) -> None:
    respond = Mock(Respond)
    deps = fake_deps(facts=Mock(side_effect=RuntimeError("index corrupted")))

    with caplog.at_level(logging.ERROR):
        press(ask, click("who is Witkoff", ephemeral=True), deps=deps, respond=respond)

    assert respond.call_args.kwargs["text"] == APOLOGY
    assert "answering 'who is Witkoff' failed" in caplog.text and "index corrupted" in caplog.text


@pytest.mark.parametrize("view", ["modal", "home"])
def test_ask_from_a_modal_or_the_home_tab_answers_by_dm(view: str) -> None:
    clicked = press(ask, in_a_view(click("who is Witkoff", ephemeral=False), view))

    sent = direct_message(clicked)
    assert "special envoy" in str(sent["blocks"])
    assert "share_answer" not in str(sent["blocks"])  # nowhere to share a DM's answer


def test_ask_by_dm_refused_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    body = in_a_view(click("who is Witkoff", ephemeral=False))
    client = Mock(WebClient)
    client.chat_postMessage.side_effect = slack_api_error("cannot_dm_bot")

    with caplog.at_level(logging.WARNING):
        press(ask, body, client=client)

    assert "could not answer U0CLICKER by direct message: cannot_dm_bot" in caplog.text
