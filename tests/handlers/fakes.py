"""Test doubles for calling listeners directly, in the Bolt starter template's style: a `Deps`
over the hand-built fact base, and the errors the Web API raises."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from unittest.mock import Mock

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
