"""Direct messages to the bot: each one a question, answered in the conversation.

A person's first direct message gets a welcome (what the bot knows, every kind of question,
the ways to ask) before anything else; a greeting ("hi") is answered with the welcome the first
time and the help after. "First" is claimed in the store (`welcome` / team:user), so it holds
across replicas and restarts.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, Say
from slack_sdk.errors import SlackApiError

from handlers.blocks import HELP_LINES, with_note
from handlers.deps import Deps, slack_error
from handlers.kit import header, section
from handlers.surface import (
    DIRECT_MESSAGE_CHANNEL_TYPE,
    MESSAGE_EVENT,
    PERSON_MESSAGE_SUBTYPES,
    is_from_bot,
    is_user_id,
    strip_bot_mention,
)

WELCOME_SCOPE = "welcome"
GREETINGS = frozenset(
    {"hi", "hello", "hey", "hi there", "hello there", "hey there", "good morning", "hiya", "yo"}
)
WELCOME = (
    "Hello! I keep a cited fact base of the news about the Russia–Ukraine peace talks: who met "
    "whom, who is who, what was said and the numbers reported, each fact with the article and "
    "sentence it came from. Ask me anything about it, in plain words."
)
WELCOME_NOTE = "Welcome! I answer questions about the peace talks from the news, citing each fact."


def direct_message(event: dict[str, Any], say: Say, logger: logging.Logger, deps: Deps) -> None:
    """A direct message (with a file, or a /me message, too): the answer; edits, deletions and
    bots' messages are ignored."""
    if not is_question(event):
        return
    question = strip_bot_mention(str(event.get("text") or ""))
    greeting = is_greeting(question)
    message = deps.message_for("help" if greeting else question, logger, paging="modal")
    user = str(event.get("user") or "")
    key = f"{event.get('team') or ''}:{user}"
    if is_user_id(user) and deps.store.claim(WELCOME_SCOPE, key) is True:
        message = welcome_message() if greeting else with_note(message, WELCOME_NOTE)
    thread_ts = event.get("thread_ts")
    try:
        if thread_ts:
            say(thread_ts=thread_ts, **message)
        else:
            say(**message)
    except SlackApiError as error:
        logger.warning("could not answer in %s: %s", event.get("channel"), slack_error(error))


def is_greeting(text: str) -> bool:
    """ "hi", "Hello!", "hey there": a greeting, not a question."""
    words = " ".join(text.lower().replace("!", " ").replace(".", " ").replace(",", " ").split())
    return words in GREETINGS


def welcome_message() -> dict[str, Any]:
    """The welcome: who the bot is, then every kind of question and the ways to ask."""
    lines = [WELCOME, *HELP_LINES]
    return {
        "text": "\n".join([WELCOME, "Ask me who met whom, who is who, what was said, numbers."]),
        "blocks": [header("Welcome to ukraine-bot"), *(section(line) for line in lines)],
    }


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
