"""`/ukraine QUESTION`: acknowledged at once, answered privately with a button to share it."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond

from handlers.deps import Deps

COMMAND = "/ukraine"


def register(app: App, deps: Deps) -> None:
    @app.command(COMMAND)
    def ukraine(
        ack: Ack, command: dict[str, Any], respond: Respond, logger: logging.Logger
    ) -> None:
        ack()
        question = str(command.get("text") or "")
        message = deps.message_for(question, logger, private=True)
        response = respond(response_type="ephemeral", **message)
        if getattr(response, "status_code", 200) >= 300:
            logger.warning(
                "response_url refused the answer: %s %s", response.status_code, response.body
            )
