"""Direct messages to the bot: each one a question, answered in the conversation."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, Say
from slack_sdk.errors import SlackApiError

from handlers.deps import Deps, slack_error
from handlers.surface import (
    DIRECT_MESSAGE_CHANNEL_TYPE,
    MESSAGE_EVENT,
    PERSON_MESSAGE_SUBTYPES,
    is_from_bot,
    strip_bot_mention,
)


def direct_message(event: dict[str, Any], say: Say, logger: logging.Logger, deps: Deps) -> None:
    """A direct message (with a file, or a /me message, too): the answer; edits, deletions and
    bots' messages are ignored."""
    if not is_question(event):
        return
    question = strip_bot_mention(str(event.get("text") or ""))
    message = deps.message_for(question, logger, paging="modal")
    thread_ts = event.get("thread_ts")
    try:
        if thread_ts:
            say(thread_ts=thread_ts, **message)
        else:
            say(**message)
    except SlackApiError as error:
        logger.warning("could not answer in %s: %s", event.get("channel"), slack_error(error))


def is_question(event: dict[str, Any]) -> bool:
    """Only a person's direct messages are questions: channel chatter is not for the bot unless
    it is mentioned (see app_mention); edits, deletions, joins and bots' messages never are."""
    subtype = event.get("subtype")
    return (
        event.get("channel_type") == DIRECT_MESSAGE_CHANNEL_TYPE
        and isinstance(event.get("channel"), str)
        and (subtype is None or subtype in PERSON_MESSAGE_SUBTYPES)
        and not is_from_bot(event)
    )


def register(app: App) -> None:
    app.event(MESSAGE_EVENT)(direct_message)
