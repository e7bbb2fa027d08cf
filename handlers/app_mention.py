"""@-mentions: the answer in the thread of the message that mentioned the bot."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, Say
from slack_sdk.errors import SlackApiError

from handlers.blocks import answer_message, error_message
from handlers.deps import Deps, slack_error, strip_bot_mention


def register(app: App, deps: Deps) -> None:
    @app.event("app_mention")
    def mentioned(event: dict[str, Any], say: Say, logger: logging.Logger) -> None:
        question = strip_bot_mention(str(event.get("text") or ""))
        # A reply in a thread stays in it; a top-level message starts one.
        thread_ts = event.get("thread_ts") or event.get("ts")
        try:
            message = answer_message(deps.answer(question))
        except Exception:
            logger.exception("answering %r failed", question[:200])
            message = error_message("Sorry, I could not answer that. Please try again.")
        try:
            say(thread_ts=thread_ts, **message)
        except SlackApiError as error:
            logger.warning(
                "could not reply in %s (thread %s): %s",
                event.get("channel"),
                thread_ts,
                slack_error(error),
            )
