"""`/ukraine QUESTION`: answered privately, with a button to share it, in the acknowledgement.

The answer is the body of the acknowledgement when it is ready within `ACK_BUDGET_S`
(handlers/reply.py); otherwise the command is acknowledged empty and answered through its
response URL.

`/ukraine subscribe …`, `unsubscribe`, `subscription` and `digest` manage and show the
channel's digest (handlers/subscriptions.py); `/ukraine map NAME` and `/ukraine timeline NAME`
post a picture (handlers/picture_upload.py); `/ukraine add URL` adds a news page to the fact
base (handlers/add_article.py).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from handlers import add_article, subscribe_modal, subscriptions
from handlers.blocks import error_message, notice_message
from handlers.deps import APOLOGY, Deps
from handlers.picture_upload import PICTURE_COMMANDS, PictureKind, post_picture
from handlers.reply import CommandReply
from handlers.surface import COMMAND, is_conversation_id

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
    ack: Ack,
    command: dict[str, Any],
    respond: Respond,
    client: WebClient,
    logger: logging.Logger,
    deps: Deps,
) -> None:
    """`/ukraine QUESTION`: the answer, visible only to the asker, with a "Share" button."""
    question = str(command.get("text") or "")
    if add_article.is_add(question):  # `/ukraine add URL`: acknowledged at once, added after
        add_article.add_command(ack, command, respond, logger, deps)
        return
    reply = deps.watchdog.watch(CommandReply(ack, respond, logger))
    words = subscriptions.command_of(question)
    picture = picture_of(question)
    if picture is not None:
        _picture(reply, respond, client, logger, deps, command, *picture)
    elif words == ("subscribe", "") and command.get("trigger_id"):
        refused = subscribe_modal.open_modal(client, deps, command)
        if refused:
            reply.send(error_message(refused))
        else:
            reply.acknowledge_empty("the subscribe modal is open; nothing more to say here")
    elif words is not None:
        try:
            answer = subscriptions.handle(deps, *words, command, client)
        except Exception:
            logger.exception("%s %s failed", COMMAND, words[0])
            answer = subscriptions.Reply(error_message(APOLOGY))
        reply.send(answer.message, public=answer.public)
    else:
        message = deps.message_for(question, logger, private=True)
        if question.strip().lower() in {"", "help"}:
            message["blocks"].append(DIGEST_HELP)
        reply.send(message)


POSTED = "Posted the picture in this channel."


def picture_of(text: str) -> tuple[PictureKind, str] | None:
    """("map", "Witkoff") for "map Witkoff"; None for anything else."""
    words = text.strip().split(maxsplit=1)
    if not words or words[0].lower() not in PICTURE_COMMANDS:
        return None
    kind: PictureKind = "map" if words[0].lower() == "map" else "timeline"
    return kind, words[1] if len(words) > 1 else ""


def _picture(
    reply: CommandReply,
    respond: Respond,
    client: WebClient,
    logger: logging.Logger,
    deps: Deps,
    command: dict[str, Any],
    kind: PictureKind,
    name: str,
) -> None:
    """`/ukraine map NAME`, `/ukraine timeline NAME`: acknowledged at once, the picture then
    uploaded in the channel and the "Drawing…" note replaced by a short "Posted"; a refusal
    (a name unknown, a channel the bot is not in) is told to the asker alone, in its place."""
    channel = str(command.get("channel_id") or "")
    if not is_conversation_id(channel):
        reply.send(error_message("I could not tell which channel this is. Please try again."))
        return
    what = "who met them" if kind == "map" else "their meetings and calls on a timeline"
    reply.send(notice_message([f"Drawing {what}…"]))

    def tell(text: str) -> None:
        respond(response_type="ephemeral", replace_original=True, **error_message(text))

    posted = post_picture(
        client,
        deps,
        kind,
        name,
        channel=channel,
        user=str(command.get("user_id") or ""),
        thread_ts=None,
        tell=tell,
        logger=logger,
    )
    if posted:  # the "Drawing…" note would otherwise stay, above the picture, until reload
        respond(response_type="ephemeral", replace_original=True, **notice_message([POSTED]))


def register(app: App) -> None:
    app.command(COMMAND)(ukraine)
