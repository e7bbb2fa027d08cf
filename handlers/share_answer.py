"""The "Share in channel" button: posts the private answer for everyone in the channel."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from handlers.blocks import answer_message, error_message, with_note
from handlers.deps import Deps
from handlers.reply import answer_click
from handlers.surface import SHARE_ACTION_ID, clicked_value, clicker

NOWHERE_TO_SHARE = (
    "There is no channel to share in from here, so here is the answer for you: "
    "ask me in a channel to share it there."
)


def share(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    logger: logging.Logger,
    deps: Deps,
) -> None:
    """The button: posts the answer for everyone ("Shared by @you"), removes the private copy."""
    ack()
    question = clicked_value(body)
    if not body.get("response_url"):  # a modal or the Home tab: no channel, no response URL
        nowhere = with_note(deps.message_for(question, logger), NOWHERE_TO_SHARE)
        answer_click(body, respond, client, logger, nowhere)
        return
    user = clicker(body)
    try:
        message = answer_message(deps.answer(question), shared_by=user or None)
    except Exception:
        logger.exception("sharing the answer to %r failed", question[:200])
        respond(replace_original=False, **error_message("Sorry, I could not share that."))
        return
    # Through the response URL, so it works in channels the bot was never invited to.
    posted = respond(response_type="in_channel", replace_original=False, **message)
    if getattr(posted, "status_code", 200) >= 300:
        logger.warning("could not share in the channel: %s", getattr(posted, "body", ""))
        respond(
            replace_original=False,
            **error_message("Slack did not let me post in this channel."),
        )
        return
    respond(delete_original=True)


def register(app: App) -> None:
    app.action(SHARE_ACTION_ID)(share)
