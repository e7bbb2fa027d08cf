"""handlers.deps: what the listeners need, answering and apologizing, and the middleware that
hands it to them."""

from __future__ import annotations

import logging
from typing import Any
from unittest.mock import Mock

import pytest
from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from handlers.deps import APOLOGY, Deps, deps_middleware, slack_error
from handlers.surface import SHARE_ACTION_ID
from tests.handlers.fakes import fake_deps, slack_api_error
from tests.slack_requests import SECRET, signed, slash
from tests.slack_stub import SlackStub, action_ids

LOGGER = logging.getLogger("tests.handlers.deps")


def test_answer_is_from_the_current_fact_base() -> None:
    answer = fake_deps().answer("who met Witkoff")

    assert any("Vladimir Putin" in item.fact.participants for item in answer.facts)


@pytest.mark.parametrize(
    ("question", "private", "share"),
    [
        ("who met Witkoff", True, True),
        ("who met Witkoff", False, False),
        ("who is Nobody Atall", True, False),  # nothing found: nothing to share
    ],
)
def test_message_for_has_a_share_button_only_on_a_private_answer_with_facts(
    question: str, private: bool, share: bool
) -> None:
    message = fake_deps().message_for(question, LOGGER, private=private)

    assert (SHARE_ACTION_ID in action_ids(message["blocks"])) is share


def test_message_for_apologizes_and_logs_when_answering_fails(
    caplog: pytest.LogCaptureFixture,
) -> None:
    deps = fake_deps(facts=Mock(side_effect=RuntimeError("index corrupted")))

    with caplog.at_level(logging.ERROR):
        message = deps.message_for("who met Witkoff", LOGGER, private=True)

    assert message["text"] == APOLOGY
    assert "answering 'who met Witkoff' failed" in caplog.text and "index corrupted" in caplog.text


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (slack_api_error("not_in_channel"), "not_in_channel"),
        (slack_api_error("", status=502), "http_502"),
    ],
)
def test_slack_error_is_the_code_or_else_the_http_status(error: Any, code: str) -> None:
    assert slack_error(error) == code


def test_deps_middleware_puts_deps_in_the_context_and_goes_on() -> None:
    deps, context, next_ = fake_deps(), BoltContext(), Mock()

    deps_middleware(deps)(context=context, next=next_)

    assert context["deps"] is deps
    next_.assert_called_once_with()


def test_a_listener_taking_deps_gets_it_through_a_real_dispatch(stub: SlackStub) -> None:
    """Bolt passes a listener the context values its signature names (kwargs injection)."""
    app = App(
        client=WebClient(token="xoxb-test-token", base_url=stub.api_url),
        signing_secret=SECRET,
        token_verification_enabled=False,
    )
    deps = fake_deps()
    got: list[Deps] = []

    def listener(ack: Ack, deps: Deps) -> None:
        got.append(deps)
        ack(text="got it")

    app.use(deps_middleware(deps))
    app.command("/ukraine")(listener)
    response = app.dispatch(signed(slash("who met Witkoff", stub)))

    assert (response.status, response.body) == (200, "got it")
    assert got == [deps] and got[0] is deps
