"""handlers.slash_command, called directly: `/ukraine ...` answered in its acknowledgement."""

from __future__ import annotations

import logging
import time
from typing import Any
from unittest.mock import Mock

import pytest
from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from handlers.deps import APOLOGY
from handlers.slash_command import DIGEST_HELP, ukraine
from handlers.surface import SHARE_ACTION_ID
from knowledge.facts import FactBase
from knowledge.store import Store
from tests.factories import rich_fact_base
from tests.handlers.fakes import fake_deps
from tests.slack_stub import action_ids

LOGGER = logging.getLogger("tests.handlers.slash_command")


def command(text: str) -> dict[str, Any]:
    return {
        "command": "/ukraine",
        "text": text,
        "channel_id": "C0CHANNEL",
        "user_id": "U0ASKER",
        "team_id": "T0TEAM",
        "response_url": "https://hooks.slack.com/commands/T0TEAM/1/abc",
    }


def responder() -> Mock:
    respond = Mock(Respond)
    respond.return_value = Mock(status_code=200, body="ok")
    return respond


def test_ukraine_answers_privately_in_the_ack_with_a_share_button() -> None:
    ack, respond = Mock(Ack), responder()

    ukraine(
        ack=ack,
        command=command("who met Witkoff"),
        respond=respond,
        client=Mock(WebClient),
        logger=LOGGER,
        deps=fake_deps(),
    )

    ack.assert_called_once()
    sent = ack.call_args.kwargs
    assert sent["response_type"] == "ephemeral"
    assert "Vladimir Putin" in sent["text"]
    assert SHARE_ACTION_ID in action_ids(sent["blocks"])
    respond.assert_not_called()


@pytest.mark.parametrize("text", ["", "help", "  HELP "])
def test_ukraine_alone_or_help_gives_usage_and_the_digest_commands(text: str) -> None:
    ack = Mock(Ack)

    ukraine(
        ack=ack,
        command=command(text),
        respond=responder(),
        client=Mock(WebClient),
        logger=LOGGER,
        deps=fake_deps(),
    )

    blocks = ack.call_args.kwargs["blocks"]
    assert blocks[-1] == DIGEST_HELP
    assert SHARE_ACTION_ID not in action_ids(blocks)


def subscribe(store: Store, client: Mock | None = None) -> Mock:
    """`/ukraine subscribe daily 09:00` on `store`; the `ack` it was answered with."""
    ack = Mock(Ack)
    ukraine(
        ack=ack,
        command=command("subscribe daily 09:00"),
        respond=responder(),
        client=client or Mock(WebClient),
        logger=LOGGER,
        deps=fake_deps(store),
    )
    return ack


def test_ukraine_subscribe_sets_the_channels_schedule_for_everyone_to_see() -> None:
    store, client = Mock(Store), Mock(WebClient)
    store.subscription.return_value = None
    client.users_info.return_value = {"ok": True, "user": {"id": "U0ASKER", "tz": "UTC"}}

    ack = subscribe(store, client)

    store.subscribe.assert_called_once_with(
        "C0CHANNEL",
        "daily 09:00 UTC",
        subscribed_by="U0ASKER",
        team_id="T0TEAM",
        enterprise_id=None,
    )
    sent = ack.call_args.kwargs
    assert sent["response_type"] == "ephemeral" and sent["text"].startswith("Done:")
    posted = client.chat_postMessage.call_args.kwargs  # the channel is told by the bot, at once
    assert posted["channel"] == "C0CHANNEL"
    assert "<@U0ASKER> subscribed this channel" in posted["text"]


def test_ukraine_subscribe_failing_apologizes_privately_and_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = Mock(Store)
    store.subscribe.side_effect = RuntimeError("database is locked")

    with caplog.at_level(logging.ERROR):
        ack = subscribe(store)

    sent = ack.call_args.kwargs
    assert sent["response_type"] == "ephemeral" and sent["text"] == APOLOGY
    assert "/ukraine subscribe failed" in caplog.text and "database is locked" in caplog.text


def test_ukraine_late_answer_is_acked_empty_then_sent_to_the_response_url() -> None:
    ack, respond = Mock(Ack), responder()

    def slow_facts() -> FactBase:
        time.sleep(0.5)
        return rich_fact_base()

    ukraine(
        ack=ack,
        command=command("who met Witkoff"),
        respond=respond,
        client=Mock(WebClient),
        logger=LOGGER,
        deps=fake_deps(facts=slow_facts, budget=0.1),
    )

    ack.assert_called_once_with()  # empty, by the watchdog, before the answer was ready
    respond.assert_called_once()
    sent = respond.call_args.kwargs
    assert sent["response_type"] == "ephemeral" and "Vladimir Putin" in sent["text"]
