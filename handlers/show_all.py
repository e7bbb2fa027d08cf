"""The "Show N more" of an answer in a thread or a DM: every fact of the answer in a modal.

The modal opens through the click's `trigger_id`, which Slack honours for 3 seconds: the answer
comes from the fact base already loaded, well within. When Slack refuses the modal, the facts
come by direct message instead (within a message's 50 blocks).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.blocks import error_message, read_more_value
from handlers.deps import APOLOGY, Deps, slack_error
from handlers.kit import MAX_BLOCKS
from handlers.reply import answer_click
from handlers.show_more import GONE
from handlers.surface import SHOW_ALL_ACTION_ID, clicked_value
from handlers.views import all_facts_view


def show_all(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    logger: logging.Logger,
    deps: Deps,
) -> None:
    """Every fact of the answer in a modal; by direct message when Slack refuses the modal."""
    ack()
    question, _, _ = read_more_value(clicked_value(body))
    if not question:
        answer_click(body, respond, client, logger, error_message(GONE), replace_original=False)
        return
    try:
        view = all_facts_view(deps.answer(question))
    except Exception:
        logger.exception("the modal for %r failed", question[:200])
        answer_click(body, respond, client, logger, error_message(APOLOGY), replace_original=False)
        return
    try:
        client.views_open(trigger_id=str(body.get("trigger_id") or ""), view=view)
    except SlackApiError as error:
        logger.warning("could not open the modal: %s", slack_error(error))
        message = {"text": view["title"]["text"], "blocks": view["blocks"][:MAX_BLOCKS]}
        answer_click(body, respond, client, logger, message, replace_original=False)


def register(app: App) -> None:
    app.action(SHOW_ALL_ACTION_ID)(show_all)
