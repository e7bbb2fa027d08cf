"""@-mentions: the answer in the thread of the message that mentioned the bot, which is then
remembered, so a reply there without a new mention is answered too (handlers/thread_reply.py)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, Say
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.blocks import with_note
from handlers.deps import SLACK_ERROR_HINTS, Deps, slack_error
from handlers.surface import MENTION_EVENT, is_from_bot, strip_bot_mention


def mentioned(
    event: dict[str, Any], say: Say, client: WebClient, logger: logging.Logger, deps: Deps
) -> None:
    """@ukraine-bot in a channel: the answer in that message's thread; bots are not answered."""
    if is_from_bot(event):  # another bot's mention: answering it could start a loop
        logger.debug("a mention by bot %s is not answered", event.get("bot_id") or "(no id)")
        return
    question = strip_bot_mention(str(event.get("text") or ""))
    # A reply in a thread stays in it; a top-level message starts one.
    thread_ts = event.get("thread_ts") or event.get("ts")
    message = deps.message_for(question, logger, paging="modal")
    try:
        say(thread_ts=thread_ts, **message)
    except SlackApiError as error:
        code = slack_error(error)
        logger.warning(
            "could not reply in %s (thread %s): %s", event.get("channel"), thread_ts, code
        )
        _tell_the_asker(client, event, code, message, logger)
        return
    # A reply in this thread without a new mention is read after this question
    # (handlers/thread_reply.py).
    channel = event.get("channel")
    if channel and thread_ts:
        team = str(event.get("team") or "") or None
        deps.store.remember_thread(str(channel), str(thread_ts), question, team_id=team)


def register(app: App) -> None:
    app.event(MENTION_EVENT)(mentioned)


def _tell_the_asker(
    client: WebClient,
    event: dict[str, Any],
    code: str,
    message: dict[str, Any],
    logger: logging.Logger,
) -> None:
    """When the channel refuses the reply, the asker gets it by direct message, with why."""
    user, hint = event.get("user"), SLACK_ERROR_HINTS.get(code)
    if not user or hint is None or code == "ratelimited":
        return
    direct = with_note(message, f"I could not reply in the channel: {hint}")
    try:
        client.chat_postMessage(channel=str(user), text=direct["text"], blocks=direct["blocks"])
    except SlackApiError as error:
        logger.warning("could not tell %s either: %s", user, slack_error(error))
