"""The "Show as picture" button under a meeting answer: who met the actor, as a picture
uploaded where the answer is (handlers/picture_upload.py)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from handlers.blocks import error_message
from handlers.deps import Deps
from handlers.picture_upload import post_picture
from handlers.reply import answer_click
from handlers.surface import (
    PICTURE_ACTION_ID,
    clicked_channel,
    clicked_value,
    clicker,
    is_conversation_id,
)

NOWHERE = "There is no conversation here to post a picture in: ask `/ukraine map NAME` in one."


def show_picture(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    logger: logging.Logger,
    deps: Deps,
) -> None:
    """Uploads the picture of who met the actor named by the button, in the answer's thread."""
    ack()
    container = body.get("container") or {}
    channel = clicked_channel(body)
    user = clicker(body)

    def tell(text: str) -> None:
        answer_click(
            body,
            respond,
            client,
            logger,
            error_message(text),
            response_type="ephemeral",
            replace_original=False,
        )

    if not is_conversation_id(channel):
        tell(NOWHERE)
        return
    message = body.get("message") or {}
    thread_ts = container.get("thread_ts") or message.get("thread_ts")
    post_picture(
        client,
        deps,
        "map",
        clicked_value(body),
        channel=channel,
        user=user,
        thread_ts=str(thread_ts) if thread_ts else None,
        tell=tell,
        logger=logger,
    )


def register(app: App) -> None:
    app.action(PICTURE_ACTION_ID)(show_picture)
