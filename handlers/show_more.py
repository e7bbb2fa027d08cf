"""The "Show N more" of an answer in a channel: the next page, in place.

The click's response URL replaces the message with the next page, so a private answer or one
shared in a channel grows no new message. In a thread or a direct message, where a replaced
message would jump around the conversation, the button opens a modal instead
(handlers/show_all.py); `paging_for` says which an answer gets.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from handlers.blocks import Paging, answer_message, error_message, read_more_value
from handlers.deps import APOLOGY, Deps
from handlers.reply import answer_click
from handlers.surface import SHOW_MORE_ACTION_ID, clicked_channel, clicked_value

GONE = "That answer is no longer available: please ask again."


def paging_for(body: dict[str, Any]) -> Paging:
    """How "Show N more" pages under an answer posted in reply to the click in `body`: in
    place in a channel, in a modal in a thread, a DM, a modal or the Home tab."""
    if not body.get("response_url"):
        return "modal"
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = clicked_channel(body)
    if channel.startswith("D") or container.get("thread_ts") or message.get("thread_ts"):
        return "modal"
    return "in_place"


def show_more(
    ack: Ack,
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    logger: logging.Logger,
    deps: Deps,
) -> None:
    """The next page of the answer, replacing the clicked message."""
    ack()
    question, offset, shared_by = read_more_value(clicked_value(body))
    if not question:
        answer_click(body, respond, client, logger, error_message(GONE), replace_original=False)
        return
    private = bool((body.get("container") or {}).get("is_ephemeral"))
    try:
        answer = deps.answer(question)
        message = answer_message(
            answer,
            offset=offset,
            shared_by=shared_by,
            share_button=private and not shared_by and bool(answer.facts),
        )
    except Exception:
        logger.exception("paging the answer to %r failed", question[:200])
        message = error_message(APOLOGY)
    answer_click(body, respond, client, logger, message, replace_original=True)


def register(app: App) -> None:
    app.action(SHOW_MORE_ACTION_ID)(show_more)
