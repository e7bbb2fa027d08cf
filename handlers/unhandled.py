"""Requests no listener takes, and listeners that fail: the app's one error handler.

Slack sends an app events it never asked for (`reaction_added`, `member_joined_channel`,
`app_home_opened` with the Messages tab on, `app_rate_limited`, `tokens_revoked` and
`app_uninstalled` to a one-workspace app) and retries any that is not acknowledged with a 2xx,
in the end disabling the app's event subscription. Bolt answers a request no listener takes
with 404; with `raise_error_for_unhandled_request` (bot/app.py) it hands it to this handler
instead, which acknowledges an unanswered event with 200 and one DEBUG line. Anything else
unhandled (a button this app never rendered) keeps Bolt's 404 and warning; a listener or
middleware that raised is logged with its traceback, as Bolt's own handler does.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError
from slack_bolt.logger.messages import warning_unhandled_request

# Request types that are Events API deliveries: an event, or the notice that events are dropped.
EVENT_DELIVERIES = frozenset({"event_callback", "app_rate_limited"})


def unhandled(
    error: Exception, body: dict[str, Any], logger: logging.Logger
) -> BoltResponse | None:
    """An event no listener takes: 200; a failure or another unhandled request: logged."""
    if not isinstance(error, BoltUnhandledRequestError):
        logger.exception("Failed to run a listener or middleware (error: %s)", error)
        return None
    kind = body.get("type")
    if kind in EVENT_DELIVERIES:
        event = body.get("event")
        name = event.get("type") if isinstance(event, dict) else kind
        logger.debug("event %s is not one this app answers: acknowledged", name)
        return BoltResponse(status=200, body="")
    logger.warning(warning_unhandled_request(error.request))
    return None


def register(app: App) -> None:
    app.error(unhandled)
