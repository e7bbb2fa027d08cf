"""Replies in a thread the bot answered, without a new mention: "and Kushner?" answered there,
in the context of the question answered before it (knowledge/answer/followup.py).

Slack sends every message of the channels the bot is in (`message.channels`, and
`message.groups` for private ones); only replies in a thread whose question the bot answered
(`Store.remember_thread`, kept a week, in the database so that every replica and a restarted
bot know it) are read, and only a person's plain message: bots' messages (this one's
included), edits, deletions, joins and broadcasts never. A reply that mentions the bot is the
mention's (app_mention) to answer; a reply that asks nothing ("thanks!") is left alone, with a
DEBUG line.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext, Say
from slack_sdk.errors import SlackApiError

from handlers.deps import Deps, slack_error
from handlers.surface import (
    CHANNEL_THREAD_TYPES,
    MESSAGE_EVENT,
    is_from_bot,
    mentions_user,
)
from knowledge.answer import index_for
from knowledge.answer.followup import follow_up


def in_a_channel_thread(event: dict[str, Any]) -> bool:
    """The listener's matcher: a message in a thread of a channel or private channel (not
    the thread's first message); everything else goes on to the other message listeners."""
    thread_ts = event.get("thread_ts")
    return (
        event.get("channel_type") in CHANNEL_THREAD_TYPES
        and bool(thread_ts)
        and thread_ts != event.get("ts")
    )


def thread_reply(
    event: dict[str, Any], say: Say, context: BoltContext, logger: logging.Logger, deps: Deps
) -> None:
    """A person's reply in a thread the bot answered: the question it asks there, answered in
    the thread; anything else is ignored."""
    if is_from_bot(event) or event.get("subtype") is not None:
        return
    text = str(event.get("text") or "")
    if mentions_user(text, context.bot_user_id):
        return  # the app_mention event of the same message is answered
    channel, thread_ts = str(event.get("channel") or ""), str(event.get("thread_ts"))
    previous = deps.store.thread_question(channel, thread_ts)
    if previous is None:
        return  # a thread the bot never answered in: people talking among themselves
    question = follow_up(previous, text, index_for(deps.facts()))
    if question is None:
        logger.debug("a reply in thread %s of %s asks nothing: not answered", thread_ts, channel)
        return
    message = deps.message_for(question, logger, paging="modal")
    try:
        say(thread_ts=thread_ts, **message)
    except SlackApiError as error:
        logger.warning(
            "could not answer the follow-up in %s (thread %s): %s",
            channel,
            thread_ts,
            slack_error(error),
        )
        return
    deps.store.remember_thread(channel, thread_ts, question, team_id=_team(event, context))


def _team(event: dict[str, Any], context: BoltContext) -> str | None:
    return str(event.get("team") or context.team_id or "") or None


def register(app: App) -> None:
    app.event(MESSAGE_EVENT, matchers=[in_a_channel_thread])(thread_reply)
