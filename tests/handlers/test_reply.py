"""A slash command's answer goes in the acknowledgement, or to the response URL when it is late."""

from __future__ import annotations

import logging
import time
from unittest.mock import Mock

import pytest
from slack_bolt import Ack, Respond

from handlers.reply import AckWatchdog, CommandReply

MESSAGE = {"text": "Steve Witkoff met Vladimir Putin.", "blocks": []}


def reply() -> tuple[CommandReply, Mock, Mock]:
    ack, respond = Mock(Ack), Mock(Respond)
    respond.return_value = Mock(status_code=200, body="ok")
    return CommandReply(ack, respond, logging.getLogger("test")), ack, respond


def sent_once(mock: Mock, response_type: str) -> bool:
    """`mock` (an ack or a respond) was called once, with MESSAGE as `response_type`."""
    return mock.call_count == 1 and mock.call_args.kwargs == {
        "response_type": response_type,
        **MESSAGE,
    }


def test_reply_in_time_goes_in_the_ack_only() -> None:
    answer, ack, respond = reply()

    answer.send(MESSAGE)

    assert sent_once(ack, "ephemeral")
    respond.assert_not_called()
    assert answer.acknowledge_empty() is False  # the watchdog, later, does nothing
    assert ack.call_count == 1


def test_reply_public_is_in_channel() -> None:
    answer, ack, _ = reply()

    answer.send(MESSAGE, public=True)

    assert ack.call_args.kwargs["response_type"] == "in_channel"


def test_reply_late_is_acked_empty_then_posted_to_the_response_url() -> None:
    answer, ack, respond = reply()

    assert answer.acknowledge_empty() is True
    answer.send(MESSAGE, public=True)

    ack.assert_called_once_with()
    assert sent_once(respond, "in_channel")


def test_an_empty_ack_logs_why(caplog: pytest.LogCaptureFixture) -> None:
    late, _, _ = reply()
    modal, ack, respond = reply()

    with caplog.at_level(logging.INFO):
        late.acknowledge_empty()  # the watchdog's case
        modal.acknowledge_empty("a modal is open")

    assert [r.getMessage() for r in caplog.records] == [
        "acknowledged empty: the answer is late: it goes to the response URL",
        "acknowledged empty: a modal is open",
    ]
    ack.assert_called_once_with()
    respond.assert_not_called()


def test_reply_refused_by_the_response_url_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    answer, _, respond = reply()
    respond.return_value = Mock(status_code=404, body="used_url")
    answer.acknowledge_empty()

    with caplog.at_level(logging.WARNING):
        answer.send(MESSAGE)

    assert "refused" in caplog.text and "used_url" in caplog.text


def test_watchdog_acks_only_the_replies_not_sent_by_their_deadline() -> None:
    watchdog = AckWatchdog(budget=0.2)
    sent, late = reply(), reply()
    watchdog.watch(sent[0])
    watchdog.watch(late[0])

    sent[0].send(MESSAGE)
    time.sleep(0.5)

    assert sent_once(sent[1], "ephemeral")  # its ack carried the answer
    late[1].assert_called_once_with()  # acknowledged empty at the deadline
    late[0].send(MESSAGE)
    assert sent_once(late[2], "ephemeral")  # its respond


def test_watchdog_wakes_for_a_reply_watched_after_an_idle_spell() -> None:
    watchdog = AckWatchdog(budget=0.1)
    first = reply()
    watchdog.watch(first[0])
    time.sleep(0.3)
    assert first[1].call_count == 1
    second = reply()
    started = time.monotonic()
    watchdog.watch(second[0])

    while second[1].call_count == 0 and time.monotonic() - started < 2:
        time.sleep(0.01)

    assert second[1].call_count == 1 and time.monotonic() - started < 1


def test_watchdog_survives_an_ack_that_raises() -> None:
    watchdog = AckWatchdog(budget=0.05)
    broken, fine = reply(), reply()
    broken[1].side_effect = RuntimeError("connection reset")
    watchdog.watch(broken[0])
    watchdog.watch(fine[0])

    time.sleep(0.4)

    fine[1].assert_called_once_with()
