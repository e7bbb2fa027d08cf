"""The "Share in channel" button: posts the private answer for everyone in the channel."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond

from handlers.blocks import answer_message, error_message
from handlers.deps import Deps
from handlers.surface import SHARE_ACTION_ID, clicked_value


def share(
    ack: Ack, body: dict[str, Any], respond: Respond, logger: logging.Logger, deps: Deps
) -> None:
    """The button: posts the answer for everyone ("Shared by @you"), removes the private copy."""
    ack()
    question = clicked_value(body)
    user = str((body.get("user") or {}).get("id") or "")
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
