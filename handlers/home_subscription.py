"""Edit and Unsubscribe beside a subscription on the Home tab: Edit opens the schedule modal
for that channel (handlers/subscribe_modal.py); Unsubscribe stops it, for those allowed to
(handlers/subscriptions.py), and the tab is published again."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers import subscribe_modal, subscriptions
from handlers.deps import Deps, slack_error
from handlers.home import home_view
from handlers.surface import (
    HOME_EDIT_ACTION_ID,
    HOME_SUBSCRIPTION_ACTION,
    clicked_team,
    clicked_value,
    clicker,
    enterprise_of,
)


def home_subscription(
    ack: Ack, body: dict[str, Any], client: WebClient, logger: logging.Logger, deps: Deps
) -> None:
    """Edit (the modal) or Unsubscribe (then the tab again) for the channel of the button."""
    ack()
    action = str((body.get("actions") or [{}])[0].get("action_id") or "")
    channel = clicked_value(body)
    user = clicker(body)
    team = clicked_team(body)
    command = {
        "channel_id": channel,
        "user_id": user,
        "team_id": team,
        "enterprise_id": enterprise_of(body),
        "trigger_id": body.get("trigger_id"),
    }
    if action.startswith(HOME_EDIT_ACTION_ID):
        refused = subscribe_modal.open_modal(client, deps, command)
    else:
        reply = subscriptions.handle(deps, "unsubscribe", "", command, client)
        refused = None if "turned off" in reply.message["text"] else reply.message["text"]
    if refused:
        logger.info("home subscription action refused: %s", refused[:120])
    try:
        client.views_publish(user_id=user, view=home_view(deps, user))
    except SlackApiError as error:
        logger.warning("could not publish the Home tab of %s: %s", user, slack_error(error))


def register(app: App) -> None:
    app.action(HOME_SUBSCRIPTION_ACTION)(home_subscription)
