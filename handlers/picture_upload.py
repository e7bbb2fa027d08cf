"""Posting a picture of the fact base in a conversation: `/ukraine map NAME`, `/ukraine
timeline NAME` (handlers/slash_command.py) and the "Show as picture" button
(handlers/show_picture.py) come here.

Not a listener. The picture is drawn from the current fact base (handlers/pictures/) and
uploaded with `files_upload_v2` (files.getUploadURLExternal, the bytes to the URL it gives,
files.completeUploadExternal: scope `files:write`), shared in the conversation (and thread) it
was asked from, with an alt text that says in words what it shows. A file has to be shared in
a conversation the bot is in: when Slack refuses (`not_in_channel`), the asker is told at once
to invite it.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.deps import SLACK_ERROR_HINTS, Deps, slack_error
from handlers.pictures import (
    meeting_network,
    meeting_timeline,
    render_network,
    render_timeline,
    resolve_actor,
)
from handlers.surface import is_user_id, mention

PictureKind = Literal["map", "timeline"]
PICTURE_COMMANDS: tuple[PictureKind, ...] = ("map", "timeline")
_MAX_ALT_CHARS = 1000
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Picture:
    """A drawn picture: its PNG, file name, title, alt text, and how long drawing took."""

    png: bytes
    filename: str
    title: str
    alt: str
    render_ms: float


def draw(deps: Deps, kind: PictureKind, name: str) -> Picture | str:
    """The picture `kind` of the actor `name` from the current fact base, or why not (words
    for the asker)."""
    facts = deps.facts()
    actor = resolve_actor(name, facts) if name.strip() else None
    if actor is None:
        shown = " ".join(name.split())[:80]
        return f"I know no one called '{shown}' in the fact base." if shown else _usage(kind)
    started = time.perf_counter()
    if kind == "map":
        network = meeting_network(facts, actor)
        if not network.edges:
            return f"The fact base has no meeting of {actor}'s to draw."
        png = render_network(network)
        title = f"Who met {actor}"
        alt = f"{title}: " + "; ".join(
            f"{e.a} and {e.b} ({e.style}{', ' + ', '.join(e.places) if e.places else ''})"
            for e in network.edges
        )
    else:
        entries = meeting_timeline(facts, actor)
        if not entries:
            return f"The fact base has no meeting or call of {actor}'s to put on a timeline."
        png = render_timeline(actor, entries)
        title = f"Meetings and calls of {actor}"
        alt = f"{title}: " + "; ".join(
            f"{e.date or e.when or 'undated'}: {e.label} ({e.style})" for e in entries
        )
    elapsed = (time.perf_counter() - started) * 1000
    slug = _SLUG.sub("-", f"{kind} {actor}".lower()).strip("-")
    return Picture(png, f"{slug}.png", title, _cut(alt), elapsed)


def post_picture(
    client: WebClient,
    deps: Deps,
    kind: PictureKind,
    name: str,
    *,
    channel: str,
    user: str,
    thread_ts: str | None,
    tell: Callable[[str], None],
    logger: logging.Logger,
) -> bool:
    """Draws and uploads the picture to `channel` (in `thread_ts`); anything that goes wrong
    is said to the asker through `tell`. True when it was posted."""
    drawn = draw(deps, kind, name)
    if isinstance(drawn, str):
        tell(drawn)
        return False
    logger.info("drew %s in %.0f ms", drawn.filename, drawn.render_ms)
    asked = f", as {mention(user)} asked" if is_user_id(user) else ""
    try:
        client.files_upload_v2(
            channel=channel,
            content=drawn.png,
            filename=drawn.filename,
            title=drawn.title,
            alt_txt=drawn.alt,
            initial_comment=f"{drawn.title}{asked}.",
            thread_ts=thread_ts,
        )
    except SlackApiError as error:
        code = slack_error(error)
        logger.warning("could not upload %s to %s: %s", drawn.filename, channel, code)
        tell(SLACK_ERROR_HINTS.get(code, f"Slack did not take the picture ({code})."))
        return False
    return True


def _usage(kind: PictureKind) -> str:
    return f"Whose picture? For example: `/ukraine {kind} Witkoff`."


def _cut(text: str) -> str:
    return text if len(text) <= _MAX_ALT_CHARS else text[: _MAX_ALT_CHARS - 1] + "…"
