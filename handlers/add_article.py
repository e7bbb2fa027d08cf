"""`/ukraine add URL` and the "Add to fact base" message shortcut: a news page into the fact base.

Both acknowledge at once (a fetch and an extraction take seconds; Slack waits 3), then fetch
the page through the safe fetcher (knowledge/intake/fetch.py), ingest it, and tell whoever
asked, privately, what it added ("3 meetings, 5 figures, 2 new people") or the one reason it
was refused. Who may add is `INGEST_ALLOWED_USERS` / `INGEST_ALLOWED_CHANNELS` (`Deps`;
empty: anyone in the workspace, anywhere). The English model is loaded at the first add and
kept.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from slack_bolt import Ack, App, Respond

from handlers.blocks import escape, notice_message
from handlers.deps import Deps
from handlers.surface import ADD_SHORTCUT_CALLBACK_ID, COMMAND
from knowledge.answer import neutralize_markup
from knowledge.answer.render import display_date
from knowledge.intake.add import Added, AddRefused, add_url, first_link

if TYPE_CHECKING:
    from knowledge.extract import Language

ADD_WORD = "add"
USAGE = f"Give me a link to a news article: `{COMMAND} add https://…`"
NO_LINK = "That message holds no link to add: use it on a message with a link to a news article."
NOT_ALLOWED = "You cannot add articles here: ask whoever runs the bot (INGEST_ALLOWED_USERS)."
NOT_HERE = "Articles cannot be added from this channel (INGEST_ALLOWED_CHANNELS)."
FAILED = "Sorry, adding that page failed. Please try again later."

_nlp: Language | None = None
_nlp_lock = threading.Lock()


def is_add(text: str) -> bool:
    """Whether a command's text asks to add a page (`add URL`)."""
    words = text.strip().split(maxsplit=1)
    return bool(words) and words[0].lower() == ADD_WORD


def add_command(
    ack: Ack, command: dict[str, Any], respond: Respond, logger: logging.Logger, deps: Deps
) -> None:
    """`/ukraine add URL`: acknowledged at once, answered through the response URL."""
    text = str(command.get("text") or "").strip()
    url = first_link(text.split(maxsplit=1)[1] if len(text.split()) > 1 else "")
    refusal = _refusal(deps, command.get("user_id"), command.get("channel_id"))
    if refusal or url is None:
        ack(response_type="ephemeral", **_lines(refusal or USAGE))
        return
    ack(response_type="ephemeral", **_lines(f"Adding {_shown(url)} …"))
    _add(url, respond, logger, deps)


def add_shortcut(
    ack: Ack, shortcut: dict[str, Any], respond: Respond, logger: logging.Logger, deps: Deps
) -> None:
    """The "Add to fact base" shortcut on a message: the message's first link, added."""
    ack()
    user = (shortcut.get("user") or {}).get("id")
    channel = (shortcut.get("channel") or {}).get("id")
    refusal = _refusal(deps, user, channel)
    url = first_link(str((shortcut.get("message") or {}).get("text") or ""))
    if refusal or url is None:
        respond(response_type="ephemeral", replace_original=False, **_lines(refusal or NO_LINK))
        return
    _add(url, respond, logger, deps)


def _add(url: str, respond: Respond, logger: logging.Logger, deps: Deps) -> None:
    try:
        added = add_url(deps.store, url, deps.fetcher, load_nlp=_pipeline)
    except AddRefused as refused:
        lines = [f"I did not add {_shown(url)}: {_plain(str(refused))}"]
    except Exception:
        logger.exception("adding %s failed", url[:200])
        lines = [FAILED]
    else:
        lines = [_added_line(added)]
    respond(response_type="ephemeral", replace_original=False, **notice_message(lines))


def _added_line(added: Added) -> str:
    if added.duplicate or added.copy_of:
        return f"{_shown(added.url)}: {_plain(added.summary())}"
    where = ", ".join(x for x in (added.outlet, display_date(added.published)) if x)
    head = f"Added “{_plain(added.title)}”" + (f" ({_plain(where)})" if where else "")
    people = f" ({_plain(', '.join(added.new_people[:5]))})" if added.new_people else ""
    return f"{head}: {_plain(added.summary())}{people}"


def _refusal(deps: Deps, user: Any, channel: Any) -> str | None:
    """Why this user may not add here, or None."""
    if deps.ingest_users and user not in deps.ingest_users:
        return NOT_ALLOWED
    if deps.ingest_channels and channel not in deps.ingest_channels:
        return NOT_HERE
    return None


def _pipeline() -> Language:
    global _nlp
    with _nlp_lock:
        if _nlp is None:
            from knowledge.extract.pipeline import load_pipeline

            _nlp = load_pipeline()
        return _nlp


def _plain(text: str) -> str:
    """Text from a page or a user, escaped: it never becomes a mention or a link."""
    return escape(" ".join(neutralize_markup(text).split()))[:500]


def _shown(url: str) -> str:
    return f"`{_plain(url).replace('`', '')[:300]}`"


def _lines(text: str) -> dict[str, Any]:
    return notice_message([text])


def register(app: App) -> None:
    app.shortcut(ADD_SHORTCUT_CALLBACK_ID)(add_shortcut)
