"""The app's Slack surface in one place: what Slack and the app call each other by.

The slash command's name, the action ids of the buttons the app renders, the events it answers,
the shapes of Slack's ids, and the bot mention a question may start with. Everything that names
one of these (the listeners, Block Kit rendering, the scheduler, the local console, the checks
of inbound requests, the manifests' test) imports it from here, so renaming the command or a
button is one edit, and the manifests (manifest.yml, deploy/manifest.http.yml) are checked
against these names.

Only `re` and `typing` are imported: reading the surface costs nothing.
"""

from __future__ import annotations

import re
from typing import Any

COMMAND = "/ukraine"

# The "Share in channel" button under a private answer (handlers/share_answer.py).
SHARE_ACTION_ID = "share_answer"
# A suggested question's button is `ask_suggestion:<i>` (handlers/ask_suggestion.py): Slack
# wants action ids unique within a message.
SUGGESTION_ACTION_PREFIX = "ask_suggestion:"
SUGGESTION_ACTION_ID = re.compile(rf"^{re.escape(SUGGESTION_ACTION_PREFIX[:-1])}(?::\d+)?$")

# Under an answer: "Show N more" pages in place (handlers/show_more.py); in a thread or a DM,
# where replacing the message would shift the conversation, it opens a modal with every fact
# (handlers/show_all.py).
SHOW_MORE_ACTION_ID = "show_more"
SHOW_ALL_ACTION_ID = "show_all"
# Each fact's overflow menu is `fact_menu:<i>` (unique in the message); its option
# "Report a wrong fact" has the value `report:<fact id>` (handlers/report_fact.py).
FACT_MENU_PREFIX = "fact_menu:"
FACT_MENU_ACTION_ID = re.compile(rf"^{re.escape(FACT_MENU_PREFIX[:-1])}(?::\d+)?$")
REPORT_OPTION_PREFIX = "report:"
# "Show as picture" under a meeting answer (handlers/pictures.py); its value is the actor.
PICTURE_ACTION_ID = "show_picture"

# The Home tab (handlers/app_home.py), and its buttons beside each of the user's subscriptions,
# `home_edit:<channel>` and `home_unsubscribe:<channel>` (handlers/home_subscription.py).
HOME_EVENT = "app_home_opened"
HOME_EDIT_ACTION_ID = "home_edit"
HOME_UNSUBSCRIBE_ACTION_ID = "home_unsubscribe"
HOME_SUBSCRIPTION_ACTION = re.compile(r"^home_(?:edit|unsubscribe)(?::[CG][A-Z0-9]+)?$")
# The message shortcut "Add to fact base" (handlers/add_article.py; in both manifests).
ADD_SHORTCUT_CALLBACK_ID = "add_to_fact_base"
ADD_SHORTCUT_NAME = "Add to fact base"

# The events the app answers in the event's conversation.
MENTION_EVENT = "app_mention"
MESSAGE_EVENT = "message"
DIRECT_MESSAGE_CHANNEL_TYPE = "im"
# The conversations whose threads the bot follows (handlers/thread_reply.py): a channel's
# messages (the `message.channels` event) and a private channel's (`message.groups`).
CHANNEL_THREAD_TYPES = frozenset({"channel", "group"})
THREAD_MESSAGE_EVENTS = ("message.channels", "message.groups")
# The message subtypes that are a person writing (a file with its text, a /me message); every
# other subtype is an edit, a deletion, a join, a broadcast copy or a bot's post.
PERSON_MESSAGE_SUBTYPES = frozenset({"file_share", "me_message"})
BOT_MESSAGE_SUBTYPE = "bot_message"

# A user ("U024BE7LH", or "W…" in Enterprise Grid): the only ids the app puts in a live mention.
_USER_ID = re.compile(r"[UW][A-Z0-9]+")
# A conversation a slash command can come from: a channel (C), private channel (G) or DM (D).
_CONVERSATION_ID = re.compile(r"^[CGD][A-Z0-9]+$")
# A channel Slack links as <#C…>: public or private, not a direct message.
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]+$")
# The mentions a message starts with, "<@U0BOT>" or "<@U0BOT|ukraine-bot>", and what follows them.
_LEADING_MENTION = re.compile(r"^\s*(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+")


def is_user_id(text: str) -> bool:
    """A Slack user ID ("U024BE7LH"): safe to put in a mention."""
    return _USER_ID.fullmatch(text) is not None


def is_conversation_id(text: str) -> bool:
    """A channel, private channel or direct message ID ("C0123ABCD", "G…", "D…")."""
    return _CONVERSATION_ID.match(text) is not None


def is_channel_id(text: str) -> bool:
    """A channel or private channel ID, which Slack shows as a link: `<#C0123ABCD>`."""
    return _CHANNEL_ID.match(text) is not None


def mention(user_id: str) -> str:
    """The live mention of a user, `<@U024BE7LH>`; the caller has checked the ID."""
    return f"<@{user_id}>"


def mentions_user(text: str, user_id: str | None) -> bool:
    """Whether `text` mentions `user_id` (`<@U0BOT>` or `<@U0BOT|name>`) anywhere."""
    if not user_id:
        return False
    return re.search(rf"<@{re.escape(user_id)}(?:\|[^>]*)?>", text) is not None


def is_from_bot(event: dict[str, Any]) -> bool:
    """Whether a message or mention was posted by a bot, any bot (this one or another app's, or
    an integration without a bot user): answering one could start two bots talking forever."""
    return bool(
        event.get("bot_id")
        or event.get("bot_profile")
        or event.get("subtype") == BOT_MESSAGE_SUBTYPE
    )


def clicker(body: dict[str, Any]) -> str:
    """Who clicked or submitted, in an interactive payload ("" when Slack sent no user)."""
    return str((body.get("user") or {}).get("id") or "")


def clicked_team(body: dict[str, Any]) -> str | None:
    """The workspace an interactive payload came from, if it says."""
    return str((body.get("team") or {}).get("id") or "") or None


def enterprise_of(body: dict[str, Any]) -> str | None:
    """The Enterprise Grid organization a request came from, if any: a slash command's or an
    event envelope's `enterprise_id`, an interactive payload's `enterprise.id` (or its team's
    `enterprise_id`)."""
    enterprise, team = body.get("enterprise"), body.get("team")
    found = (
        body.get("enterprise_id")
        or (enterprise.get("id") if isinstance(enterprise, dict) else None)
        or (team.get("enterprise_id") if isinstance(team, dict) else None)
    )
    return str(found) if found else None


def clicked_channel(body: dict[str, Any]) -> str:
    """The conversation of the message clicked: the container's, else the payload's channel."""
    container = body.get("container") or {}
    return str(container.get("channel_id") or (body.get("channel") or {}).get("id") or "")


def clicked_value(body: dict[str, Any]) -> str:
    """The value of the button clicked in a `block_actions` payload (the question it asks)."""
    action = (body.get("actions") or [{}])[0]
    return str(action.get("value") or "")


def strip_bot_mention(text: str) -> str:
    """The question in "<@U0BOT> who is Umerov": the mentions it starts with removed."""
    return _LEADING_MENTION.sub("", text or "", count=1).strip()
