"""`app_home_opened`: the Home tab published (views.publish) for whoever opened it
(handlers/home.py builds it). The Messages tab opening is ignored."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.deps import Deps, slack_error
from handlers.home import home_view
from handlers.surface import HOME_EVENT, is_user_id


def home_opened(
    event: dict[str, Any], client: WebClient, logger: logging.Logger, deps: Deps
) -> None:
    """Publishes the Home tab of the user who opened it."""
    user = str(event.get("user") or "")
    if event.get("tab", "home") != "home" or not is_user_id(user):
        return
    try:
        client.views_publish(user_id=user, view=home_view(deps, user))
    except SlackApiError as error:
        logger.warning("could not publish the Home tab of %s: %s", user, slack_error(error))


def register(app: App) -> None:
    app.event(HOME_EVENT)(home_opened)
