"""A suggested question's button: asks it, and answers whoever clicked."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, Respond

from handlers.deps import Deps

ACTION_ID = re.compile(r"^ask_suggestion(?::\d+)?$")


def register(app: App, deps: Deps) -> None:
    @app.action(ACTION_ID)
    def ask(ack: Ack, body: dict[str, Any], respond: Respond, logger: logging.Logger) -> None:
        ack()
        action = (body.get("actions") or [{}])[0]
        question = str(action.get("value") or "")
        message = deps.message_for(question, logger, private=True)
        # A private answer is replaced in place; under a message everyone sees, the new
        # answer goes privately to whoever clicked, leaving the shared one as it was.
        private = bool((body.get("container") or {}).get("is_ephemeral"))
        respond(response_type="ephemeral", replace_original=private, **message)
