"""A suggested question's button: asks it, and answers whoever clicked."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from handlers.deps import Deps
from handlers.reply import answer_click
from handlers.show_more import paging_for
from handlers.surface import SUGGESTION_ACTION_ID, clicked_value


def ask(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    logger: logging.Logger,
    deps: Deps,
) -> None:
    """A suggested question's button: asks it."""
    ack()
    question = clicked_value(body)
    # A private answer is replaced in place; under a message everyone sees, the new answer
    # goes privately to whoever clicked, leaving the shared one as it was, with a Share button.
    # From a modal or the Home tab (no response URL) it comes by direct message, without one.
    message = deps.message_for(
        question, logger, private=bool(body.get("response_url")), paging=paging_for(body)
    )
    private = bool((body.get("container") or {}).get("is_ephemeral"))
    answer_click(
        body, respond, client, logger, message, response_type="ephemeral", replace_original=private
    )


def register(app: App) -> None:
    app.action(SUGGESTION_ACTION_ID)(ask)
