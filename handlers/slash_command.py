"""`/ukraine QUESTION`: answered privately, with a button to share it, in the acknowledgement.

The answer is the body of the acknowledgement when it is ready within `ACK_BUDGET_S`
(handlers/reply.py); otherwise the command is acknowledged empty and answered through its
response URL.

`/ukraine subscribe …`, `unsubscribe`, `subscription` and `digest` manage and show the
channel's digest (handlers/subscriptions.py); `/ukraine add URL` adds a news page to the fact
base (handlers/add_article.py).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond

from handlers import add_article, subscriptions
from handlers.blocks import error_message
from handlers.deps import APOLOGY, Deps
from handlers.reply import CommandReply
from handlers.surface import COMMAND

DIGEST_HELP = {
    "type": "context",
    "elements": [
        {
            "type": "mrkdwn",
            "text": f"Digests: `{COMMAND} digest` shows what is new; `{COMMAND} subscribe daily "
            "09:00` (or `weekdays 08:30`, `weekly mon 09:00`, then a time zone if you like) "
            f"posts it here on a schedule; `{COMMAND} subscription` and `{COMMAND} unsubscribe`.",
        },
        {
            "type": "mrkdwn",
            "text": f"News: `{COMMAND} add https://…` adds an article to the fact base, as does "
            "the message shortcut *Add to fact base* on a message with a link.",
        },
    ],
}


def ukraine(
    ack: Ack, command: dict[str, Any], respond: Respond, logger: logging.Logger, deps: Deps
) -> None:
    """`/ukraine QUESTION`: the answer, visible only to the asker, with a "Share" button."""
    question = str(command.get("text") or "")
    if add_article.is_add(question):  # `/ukraine add URL`: acknowledged at once, added after
        add_article.add_command(ack, command, respond, logger, deps)
        return
    reply = deps.watchdog.watch(CommandReply(ack, respond, logger))
    words = subscriptions.command_of(question)
    if words is not None:
        try:
            answer = subscriptions.handle(deps, *words, command)
        except Exception:
            logger.exception("%s %s failed", COMMAND, words[0])
            answer = subscriptions.Reply(error_message(APOLOGY))
        reply.send(answer.message, public=answer.public)
    else:
        message = deps.message_for(question, logger, private=True)
        if question.strip().lower() in {"", "help"}:
            message["blocks"].append(DIGEST_HELP)
        reply.send(message)


def register(app: App) -> None:
    app.command(COMMAND)(ukraine)
