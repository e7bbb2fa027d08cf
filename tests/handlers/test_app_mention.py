"""handlers.app_mention, called directly: the answer in the mentioning message's thread."""

from __future__ import annotations

import logging
from typing import Any
from unittest.mock import Mock

import pytest
from slack_bolt import Say
from slack_sdk import WebClient

from handlers.app_mention import mentioned
from tests.handlers.fakes import fake_deps, slack_api_error

LOGGER = logging.getLogger("tests.handlers.app_mention")


def mention(**fields: Any) -> dict[str, Any]:
    return {
        "type": "app_mention",
        "user": "U0ASKER",
        "text": "<@U0BOTUSER1> who is Witkoff",
        "ts": "1700000000.000100",
        "channel": "C0CHANNEL",
        **fields,
    }


def test_mentioned_answers_in_a_new_thread_on_the_message() -> None:
    say, client = Mock(Say), Mock(WebClient)

    mentioned(event=mention(), say=say, client=client, logger=LOGGER, deps=fake_deps())

    say.assert_called_once()
    sent = say.call_args.kwargs
    assert sent["thread_ts"] == "1700000000.000100"
    assert "Steve Witkoff" in sent["text"]
    assert "special envoy" in str(sent["blocks"])
    client.chat_postMessage.assert_not_called()


@pytest.mark.parametrize(
    "fields",
    [
        {"bot_id": "B0OTHER", "bot_profile": {"id": "B0OTHER", "name": "newswire"}},
        {"bot_profile": {"id": "B0OTHER"}},
        {"subtype": "bot_message", "bot_id": "B0RSS", "user": None},
    ],
    ids=["another app's bot", "bot profile alone", "integration"],
)
def test_mentioned_by_a_bot_is_not_answered(fields: dict[str, Any]) -> None:
    say, client = Mock(Say), Mock(WebClient)
    deps = fake_deps(facts=Mock(side_effect=AssertionError("no answer wanted")))

    mentioned(event=mention(**fields), say=say, client=client, logger=LOGGER, deps=deps)

    say.assert_not_called()
    client.chat_postMessage.assert_not_called()


def said(event: dict[str, Any]) -> dict[str, Any]:
    """What `mentioned` said for `event`, answering from the hand-built fact base."""
    say = Mock(Say)
    mentioned(event=event, say=say, client=Mock(WebClient), logger=LOGGER, deps=fake_deps())
    say.assert_called_once()
    sent: dict[str, Any] = say.call_args.kwargs
    return sent


def test_mentioned_inside_a_thread_answers_in_that_thread() -> None:
    sent = said(mention(thread_ts="1699999999.000001"))

    assert sent["thread_ts"] == "1699999999.000001"


def test_mentioned_asks_the_question_without_the_mention() -> None:
    sent = said(mention(text="<@U0BOTUSER1|ukraine-bot>, how many drones"))

    assert "810" in sent["text"]


@pytest.mark.parametrize("code", ["not_in_channel", "channel_not_found", "is_archived"])
def test_mentioned_where_the_reply_is_refused_tells_the_asker_why_by_dm(
    caplog: pytest.LogCaptureFixture, code: str
) -> None:
    say, client = Mock(Say), Mock(WebClient)
    say.side_effect = slack_api_error(code)

    with caplog.at_level(logging.WARNING):
        mentioned(
            event=mention(channel="C0GONE"), say=say, client=client, logger=LOGGER, deps=fake_deps()
        )

    assert "could not reply in C0GONE" in caplog.text and code in caplog.text
    client.chat_postMessage.assert_called_once()
    told = client.chat_postMessage.call_args.kwargs
    assert told["channel"] == "U0ASKER"
    assert "I could not reply in the channel" in told["blocks"][0]["elements"][0]["text"]
    assert "Steve Witkoff" in told["text"]


def test_mentioned_rate_limited_is_only_logged(caplog: pytest.LogCaptureFixture) -> None:
    say, client = Mock(Say), Mock(WebClient)
    say.side_effect = slack_api_error("ratelimited", status=429)

    with caplog.at_level(logging.WARNING):
        mentioned(event=mention(), say=say, client=client, logger=LOGGER, deps=fake_deps())

    assert "ratelimited" in caplog.text
    client.chat_postMessage.assert_not_called()


def test_mentioned_with_an_error_slack_gives_no_hint_for_is_only_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    say, client = Mock(Say), Mock(WebClient)
    say.side_effect = slack_api_error("fatal_error")

    with caplog.at_level(logging.WARNING):
        mentioned(event=mention(), say=say, client=client, logger=LOGGER, deps=fake_deps())

    assert "fatal_error" in caplog.text
    client.chat_postMessage.assert_not_called()


def test_mentioned_when_the_dm_fails_too_both_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    say, client = Mock(Say), Mock(WebClient)
    say.side_effect = slack_api_error("not_in_channel")
    client.chat_postMessage.side_effect = slack_api_error("cannot_dm_bot")

    with caplog.at_level(logging.WARNING):
        mentioned(event=mention(), say=say, client=client, logger=LOGGER, deps=fake_deps())

    assert "could not reply in C0CHANNEL" in caplog.text
    assert "could not tell U0ASKER either: cannot_dm_bot" in caplog.text
