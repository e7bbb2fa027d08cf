"""handlers.direct_message, called directly: a direct message is a question, nothing else is."""

from __future__ import annotations

import logging
from typing import Any
from unittest.mock import Mock

import pytest
from slack_bolt import Say

from handlers.direct_message import direct_message
from tests.handlers.fakes import fake_deps, slack_api_error

LOGGER = logging.getLogger("tests.handlers.direct_message")


def dm(**fields: Any) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "user": "U0ASKER",
        "text": "who met Witkoff",
        "ts": "1700000000.000100",
        "channel": "D0DIRECT",
        **fields,
    }


def test_direct_message_is_answered_in_the_conversation() -> None:
    say = Mock(Say)

    direct_message(event=dm(), say=say, logger=LOGGER, deps=fake_deps())

    say.assert_called_once()
    sent = say.call_args.kwargs
    assert "thread_ts" not in sent
    assert "Vladimir Putin" in sent["text"]
    assert "share_answer" not in str(sent["blocks"])  # everyone in a DM sees it already


def test_direct_message_in_a_thread_is_answered_there() -> None:
    say = Mock(Say)

    direct_message(
        event=dm(thread_ts="1699999999.000001"), say=say, logger=LOGGER, deps=fake_deps()
    )

    assert say.call_args.kwargs["thread_ts"] == "1699999999.000001"


def test_direct_message_starting_with_a_mention_asks_the_rest() -> None:
    say = Mock(Say)

    direct_message(
        event=dm(text="<@U0BOTUSER1> how many drones"), say=say, logger=LOGGER, deps=fake_deps()
    )

    assert "810" in say.call_args.kwargs["text"]


@pytest.mark.parametrize(
    "subtype", ["file_share", "me_message"], ids=["with a file", "a /me message"]
)
def test_direct_message_of_a_person_with_a_subtype_is_answered_by_its_text(subtype: str) -> None:
    say = Mock(Say)

    direct_message(event=dm(subtype=subtype), say=say, logger=LOGGER, deps=fake_deps())

    assert "Vladimir Putin" in say.call_args.kwargs["text"]


@pytest.mark.parametrize(
    "fields",
    [
        {"subtype": "message_changed"},
        {"subtype": "message_deleted"},
        {"subtype": "channel_join"},
        {"subtype": "thread_broadcast"},
        {"bot_id": "B0OTHER"},
        {"bot_profile": {"id": "B0OTHER", "app_id": "A0OTHER"}},
        {"subtype": "bot_message", "user": None},
        {"subtype": "file_share", "bot_id": "B0OTHER"},
        {"channel_type": "channel"},
        {"channel": None},
    ],
    ids=[
        "edit",
        "deletion",
        "join",
        "broadcast",
        "bot id",
        "bot profile",
        "integration",
        "bot's file",
        "channel",
        "no channel",
    ],
)
def test_direct_message_ignores_edits_bots_and_channel_chatter(fields: dict[str, str]) -> None:
    say = Mock(Say)
    deps = fake_deps(facts=Mock(side_effect=AssertionError("no answer wanted")))

    direct_message(event=dm(**fields), say=say, logger=LOGGER, deps=deps)

    say.assert_not_called()


def test_direct_message_refused_by_slack_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    say = Mock(Say)
    say.side_effect = slack_api_error("channel_not_found")

    with caplog.at_level(logging.WARNING):
        direct_message(event=dm(), say=say, logger=LOGGER, deps=fake_deps())

    assert "could not answer in D0DIRECT: channel_not_found" in caplog.text
