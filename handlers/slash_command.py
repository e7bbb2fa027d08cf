"""`/ukraine QUESTION`: acknowledged at once, answered privately with a button to share it.

`/ukraine subscribe …`, `unsubscribe`, `subscription` and `digest` manage and show the
channel's digest (handlers/subscriptions.py).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond

from handlers import subscriptions
from handlers.blocks import error_message
from handlers.deps import APOLOGY, Deps

COMMAND = "/ukraine"
DIGEST_HELP = {
    "type": "context",
    "elements": [
        {
            "type": "mrkdwn",
            "text": "Digests: `/ukraine digest` shows what is new; `/ukraine subscribe daily "
            "09:00` (or `weekdays 08:30`, `weekly mon 09:00`, then a time zone if you like) "
            "posts it here on a schedule; `/ukraine subscription` and `/ukraine unsubscribe`.",
        }
    ],
}


def register(app: App, deps: Deps) -> None:
    @app.command(COMMAND)
    def ukraine(
        ack: Ack, command: dict[str, Any], respond: Respond, logger: logging.Logger
    ) -> None:
        ack()
        question = str(command.get("text") or "")
        words = subscriptions.command_of(question)
        if words is not None:
            try:
                reply = subscriptions.handle(deps, *words, command)
            except Exception:
                logger.exception("/ukraine %s failed", words[0])
                reply = subscriptions.Reply(error_message(APOLOGY))
            response_type = "in_channel" if reply.public else "ephemeral"
            response = respond(response_type=response_type, **reply.message)
        else:
            message = deps.message_for(question, logger, private=True)
            if question.strip().lower() in {"", "help"}:
                message["blocks"].append(DIGEST_HELP)
            response = respond(response_type="ephemeral", **message)
        if getattr(response, "status_code", 200) >= 300:
            logger.warning(
                "response_url refused the answer: %s %s", response.status_code, response.body
            )
