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
from tests.handlers.fakes import fake_deps, slack_api_error

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

    ask(
        ack=ack,
        body=click("who is Witkoff", ephemeral=True),
        respond=respond,
        client=Mock(WebClient),
        logger=LOGGER,
        deps=fake_deps(),
    )

    ack.assert_called_once_with()
    respond.assert_called_once()
    sent = respond.call_args.kwargs
    assert sent["response_type"] == "ephemeral" and sent["replace_original"] is True
    assert "special envoy" in str(sent["blocks"])
    assert "share_answer" in str(sent["blocks"])  # a private answer can be shared


def test_ask_under_a_shared_message_answers_the_clicker_privately() -> None:
    respond = Mock(Respond)

    ask(
        ack=Mock(Ack),
        body=click("who is Witkoff", ephemeral=False),
        respond=respond,
        client=Mock(WebClient),
        logger=LOGGER,
        deps=fake_deps(),
    )

    sent = respond.call_args.kwargs
    assert sent["response_type"] == "ephemeral" and sent["replace_original"] is False


def test_ask_when_answering_fails_apologizes(caplog: pytest.LogCaptureFixture) -> None:
    respond = Mock(Respond)
    deps = fake_deps(facts=Mock(side_effect=RuntimeError("index corrupted")))

    with caplog.at_level(logging.ERROR):
        ask(
            ack=Mock(Ack),
            body=click("who is Witkoff", ephemeral=True),
            respond=respond,
            client=Mock(WebClient),
            logger=LOGGER,
            deps=deps,
        )

    assert respond.call_args.kwargs["text"] == APOLOGY
    assert "answering 'who is Witkoff' failed" in caplog.text and "index corrupted" in caplog.text


@pytest.mark.parametrize("view", ["modal", "home"])
def test_ask_from_a_modal_or_the_home_tab_answers_by_dm(view: str) -> None:
    body = {**click("who is Witkoff", ephemeral=False), "container": {"type": "view"}}
    body["view"] = {"id": "V0VIEW", "type": view}
    del body["response_url"]
    respond, client = Mock(Respond), Mock(WebClient)

    ask(ack=Mock(Ack), body=body, respond=respond, client=client, logger=LOGGER, deps=fake_deps())

    respond.assert_not_called()
    sent = client.chat_postMessage.call_args.kwargs
    assert sent["channel"] == "U0CLICKER"
    assert "special envoy" in str(sent["blocks"])
    assert "share_answer" not in str(sent["blocks"])  # nowhere to share a DM's answer


def test_ask_by_dm_refused_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    body = {**click("who is Witkoff", ephemeral=False), "container": {"type": "view"}}
    del body["response_url"]
    client = Mock(WebClient)
    client.chat_postMessage.side_effect = slack_api_error("cannot_dm_bot")

    with caplog.at_level(logging.WARNING):
        ask(
            ack=Mock(Ack),
            body=body,
            respond=Mock(Respond),
            client=client,
            logger=LOGGER,
            deps=fake_deps(),
        )

    assert "could not answer U0CLICKER by direct message: cannot_dm_bot" in caplog.text
