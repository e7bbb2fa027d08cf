"""A suggested question's button: asks it, and answers whoever clicked."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond

from handlers.deps import Deps
from handlers.surface import SUGGESTION_ACTION_ID, clicked_value


def ask(
    ack: Ack, body: dict[str, Any], respond: Respond, logger: logging.Logger, deps: Deps
) -> None:
    """A suggested question's button: asks it."""
    ack()
    question = clicked_value(body)
    message = deps.message_for(question, logger, private=True)
    # A private answer is replaced in place; under a message everyone sees, the new answer
    # goes privately to whoever clicked, leaving the shared one as it was.
    private = bool((body.get("container") or {}).get("is_ephemeral"))
    respond(response_type="ephemeral", replace_original=private, **message)


def register(app: App) -> None:
    app.action(SUGGESTION_ACTION_ID)(ask)
