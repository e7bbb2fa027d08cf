"""handlers.share_answer, called directly: the "Share in channel" button."""

from __future__ import annotations

import logging
from typing import Any
from unittest.mock import Mock

import pytest
from slack_bolt import Ack, Respond

from handlers.share_answer import share
from handlers.surface import SHARE_ACTION_ID
from tests.handlers.fakes import direct_message, fake_deps, in_a_view, press

LOGGER = logging.getLogger("tests.handlers.share_answer")


def click(question: str = "who met Witkoff") -> dict[str, Any]:
    return {
        "type": "block_actions",
        "user": {"id": "U0CLICKER"},
        "response_url": "https://hooks.slack.com/actions/T0TEAM/1/secret",
        "container": {"type": "message", "is_ephemeral": True, "channel_id": "C0CHANNEL"},
        "actions": [{"type": "button", "action_id": SHARE_ACTION_ID, "value": question}],
    }


def responder(*statuses: int) -> Mock:
    """A `respond` whose posts get these statuses from the response URL (200 after them)."""
    respond = Mock(Respond)
    answers = [
        Mock(status_code=status, body="ok" if status < 300 else "used_url") for status in statuses
    ]
    respond.side_effect = [*answers, *[Mock(status_code=200, body="ok")] * 3]
    return respond


def test_share_posts_the_answer_for_everyone_then_removes_the_private_one() -> None:
    ack, respond = Mock(Ack), responder()

    press(share, click(), ack=ack, respond=respond)

    ack.assert_called_once_with()
    assert respond.call_count == 2
    shared, removal = (call.kwargs for call in respond.call_args_list)
    assert shared["response_type"] == "in_channel" and shared["replace_original"] is False
    assert "Vladimir Putin" in shared["text"]
    assert "Shared by <@U0CLICKER>" in str(shared["blocks"])
    assert SHARE_ACTION_ID not in str(shared["blocks"])  # shared once is enough
    assert removal == {"delete_original": True}


def test_share_refused_by_the_channel_keeps_the_private_answer_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ack, respond = Mock(Ack), responder(404)

    with caplog.at_level(logging.WARNING):
        press(share, click(), ack=ack, respond=respond)

    assert "could not share in the channel: used_url" in caplog.text
    assert respond.call_count == 2
    apology = respond.call_args.kwargs
    assert apology["replace_original"] is False
    assert "Slack did not let me post in this channel." in apology["text"]
    assert all("delete_original" not in call.kwargs for call in respond.call_args_list)


def test_share_when_answering_fails_apologizes_and_logs_the_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ack, respond = Mock(Ack), responder()
    deps = fake_deps(facts=Mock(side_effect=RuntimeError("index corrupted")))

    with caplog.at_level(logging.ERROR):
        press(share, click(), deps=deps, ack=ack, respond=respond)

    ack.assert_called_once_with()
    respond.assert_called_once()
    assert "Sorry, I could not share that." in respond.call_args.kwargs["text"]
    assert "sharing the answer to 'who met Witkoff' failed" in caplog.text
    assert "index corrupted" in caplog.text


def test_share_in_a_modal_sends_the_answer_to_the_clicker_by_dm() -> None:
    sent = direct_message(press(share, in_a_view(click())))

    assert "no channel to share in" in str(sent["blocks"][0])
    assert "Vladimir Putin" in sent["text"]
    assert "Shared by" not in str(sent["blocks"])
