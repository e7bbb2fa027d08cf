"""Test doubles for calling listeners directly, in the Bolt starter template's style: a `Deps`
over the hand-built fact base, and the errors the Web API raises."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from unittest.mock import Mock

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from handlers.deps import Deps
from handlers.reply import AckWatchdog
from knowledge.facts import FactBase
from knowledge.store import Store
from tests.factories import rich_fact_base

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # a Monday, 09:00 in Kyiv


def fake_deps(
    store: Store | None = None,
    *,
    facts: Callable[[], FactBase] = rich_fact_base,
    clock: Callable[[], datetime] = lambda: NOW,
    budget: float | None = None,
    **settings: Any,
) -> Deps:
    """`Deps` answering from `facts` (the hand-built fact base), on `store` (a Mock unless
    given), at `NOW` unless `clock` says otherwise; `budget` is the watchdog's, `settings` the
    digest settings."""
    return Deps(
        store=store or Mock(Store),
        facts=facts,
        clock=clock,
        watchdog=AckWatchdog(budget),
        **settings,
    )


def slack_api_error(code: str, status: int = 200) -> SlackApiError:
    """The error slack_sdk raises when the Web API answers `{"ok": false, "error": code}`."""
    response = SlackResponse(
        client=Mock(WebClient),
        http_verb="POST",
        api_url="https://slack.com/api/chat.postMessage",
        req_args={},
        data={"ok": False, "error": code},
        headers={},
        status_code=status,
    )
    return SlackApiError(f"The request to the Slack API failed. (error: {code})", response)


@dataclass
class Clicked:
    """What a button listener was handed, to assert on: its ack, respond and Web API client."""

    ack: Mock = field(default_factory=lambda: Mock(Ack))
    respond: Mock = field(default_factory=lambda: Mock(Respond))
    client: Mock = field(default_factory=lambda: Mock(WebClient))


def press(
    listener: Callable[..., None],
    body: dict[str, Any],
    deps: Deps | None = None,
    **mocks: Mock,
) -> Clicked:
    """Calls a button listener (`share`, `ask`) with `body`, as Bolt would; `mocks` replace
    the default ack, respond or client."""
    clicked = Clicked(**mocks)
    listener(
        ack=clicked.ack,
        body=body,
        respond=clicked.respond,
        client=clicked.client,
        logger=logging.getLogger("tests.handlers"),
        deps=deps or fake_deps(),
    )
    return clicked


def in_a_view(body: dict[str, Any], view: str = "modal") -> dict[str, Any]:
    """A click `body` as Slack sends it from a modal or the Home tab (`view` "home"): a view
    container and the view, no channel, message or response URL."""
    moved = {k: v for k, v in body.items() if k not in {"channel", "message", "response_url"}}
    return {**moved, "container": {"type": "view", "view_id": "V0VIEW"}, "view": {"type": view}}


def direct_message(clicked: Clicked, user: str = "U0CLICKER") -> dict[str, Any]:
    """What a listener sent `user` by DM (chat.postMessage to their id), having used no
    response URL."""
    clicked.respond.assert_not_called()
    sent: dict[str, Any] = clicked.client.chat_postMessage.call_args.kwargs
    assert sent["channel"] == user
    return sent
