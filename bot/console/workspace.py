"""The console's workspace: who is in it, its two conversations, and their messages.

One team with one person ("you") and the bot, a channel (#peace-talks) and a direct message
with the bot. Messages are kept in memory, oldest first; every change bumps a version, which
the page polls to know when to redraw, and the session (new at each start) tells it the console
restarted. What Slack does with the messages is in slack.py.
"""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

Json = dict[str, Any]

TEAM_ID = "T0CONSOLE"
TEAM_DOMAIN = "local-console"
APP_ID = "A0CONSOLE"
USER_ID = "U0LOCALUSER"
USER_NAME = "you"
BOT_USER_ID = "U0CONSOLEBOT"
BOT_ID = "B0CONSOLEBOT"
BOT_NAME = "ukraine-bot"
BOT_TOKEN = "xoxb-local-console"
# Slack's deprecated verification token, still sent in every payload.
VERIFICATION_TOKEN = "local-console-verification-token"

MAX_MESSAGE_CHARS = 40_000  # Slack's limit on a message's text


@dataclass(frozen=True)
class Conversation:
    """A conversation of the console's workspace: `key` is what the page calls it."""

    key: str
    id: str
    name: str
    channel_type: str


CONVERSATIONS = {
    "channel": Conversation("channel", "C0CONSOLE", "peace-talks", "channel"),
    "dm": Conversation("dm", "D0CONSOLE", "directmessage", "im"),
}


@dataclass
class Message:
    """A message in the workspace. `user` is "you" or "bot"; `ts` is unique and increasing."""

    id: str
    conversation: str
    user: str
    text: str
    blocks: list[Json]
    ts: str
    ephemeral: bool = False
    thread_ts: str | None = None


class Workspace:
    """The messages of the channel and the DM. `lock` (reentrant) guards them; Slack's side
    holds it too while a response URL changes a message, so that each change is whole."""

    def __init__(self) -> None:
        self.session = secrets.token_hex(8)
        self.lock = threading.RLock()
        self._messages: list[Message] = []
        self._version = 0
        self._last_ts = 0.0
        self._ids = itertools.count(1)

    def snapshot(self) -> Json:
        """Every message, oldest first, with the version the page compares to redraw."""
        with self.lock:
            return {
                "ok": True,
                "session": self.session,
                "version": self._version,
                "messages": [asdict(message) for message in self._messages],
                "users": {USER_ID: USER_NAME, BOT_USER_ID: BOT_NAME},
                "conversations": {
                    key: {"id": where.id, "name": where.name}
                    for key, where in CONVERSATIONS.items()
                },
            }

    def post(
        self,
        conversation: str,
        user: str,
        text: str,
        blocks: list[Json] | None = None,
        *,
        ephemeral: bool = False,
        thread_ts: str | None = None,
    ) -> Message:
        with self.lock:
            # Slack's ts: seconds and microseconds, unique within a conversation.
            self._last_ts = max(time.time(), self._last_ts + 0.000001)
            message = Message(
                id=f"m{next(self._ids)}",
                conversation=conversation,
                user=user,
                text=text,
                blocks=_with_block_ids(blocks or []),
                ts=f"{self._last_ts:.6f}",
                ephemeral=ephemeral,
                thread_ts=thread_ts,
            )
            self._messages.append(message)
            self._version += 1
            return message

    def touch(self) -> None:
        """Something besides a message changed (a modal, the Home tab): the page redraws."""
        with self.lock:
            self._version += 1

    def replace(self, message: Message, text: str, blocks: list[Json]) -> None:
        with self.lock:
            message.text = text
            message.blocks = _with_block_ids(blocks)
            self._version += 1

    def delete(self, message: Message) -> None:
        with self.lock:
            if message in self._messages:
                self._messages.remove(message)
                self._version += 1

    def message(self, message_id: str | None) -> Message | None:
        with self.lock:
            return next((m for m in self._messages if m.id == message_id), None)

    def message_at(self, conversation: str, ts: str) -> Message | None:
        """The message (not an ephemeral one) that Slack would know by `ts` in `conversation`."""
        with self.lock:
            return next(
                (
                    m
                    for m in self._messages
                    if m.conversation == conversation and m.ts == ts and not m.ephemeral
                ),
                None,
            )


def random_id(length: int = 10) -> str:
    """Upper-case hex, as in the ids Slack makes up."""
    return secrets.token_hex(length)[:length].upper()


def _with_block_ids(blocks: list[Json]) -> list[Json]:
    """Copies of `blocks`, each with a block_id: Slack makes one up where the app gave none."""
    return [{**block, "block_id": block.get("block_id") or random_id(5)} for block in blocks]
