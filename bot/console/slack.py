"""What Slack does with the console's messages: the requests it sends the app, and the app's
way back (response URLs and the Web API), played in this process.

What you type becomes the request Slack would send (a slash command, an `app_mention` or DM
`message` event, a `block_actions` payload), signed with the console's own signing secret and
dispatched through the one Bolt app from `create_app`, with every listener. The bot answers as
it does in Slack, through a Web API and response URLs that this module plays (`/api/<method>`,
`/console/response/<token>`: the routes are in http.py), so the page shows exactly the Block
Kit the bot sent, and a request Slack would refuse is refused here.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from slack_bolt import App, BoltResponse
from slack_sdk.signature import SignatureVerifier

from bot.app import create_app
from bot.console.surfaces import SurfaceError, Surfaces, ViewsMixin, chosen_option
from bot.console.workspace import (
    APP_ID,
    BOT_ID,
    BOT_NAME,
    BOT_TOKEN,
    BOT_USER_ID,
    CONVERSATIONS,
    MAX_MESSAGE_CHARS,
    TEAM_DOMAIN,
    TEAM_ID,
    USER_ID,
    USER_NAME,
    VERIFICATION_TOKEN,
    Conversation,
    Json,
    Message,
    Workspace,
    random_id,
)
from bot.inbound import MalformedRequest
from bot.settings import Settings
from bot.web import dispatch_checked
from handlers.blocks import escape
from handlers.surface import COMMAND, MENTION_EVENT, MESSAGE_EVENT, mention
from knowledge.store import Store

log = logging.getLogger("bot.console")

MAX_RESPONSE_USES = 5  # Slack accepts five posts to a response_url

_BOT_MENTION = mention(BOT_USER_ID)
_TYPED_MENTION = re.compile(rf"@{re.escape(BOT_NAME)}\b")
# A message starting with "@someone" in the channel is taken as addressed to the bot, except
# the broadcasts, which mean everyone.
_LEADING_AT = re.compile(r"^@(?!(?:channel|here|everyone)\b)\S+")
_COMMAND = re.compile(rf"^{re.escape(COMMAND)}(?:\s|$)")


@dataclass
class _ResponseURL:
    """Where a response_url posts, and the message its `replace_original` and `delete_original`
    act on (the clicked message; for a slash command, the first response posted through it)."""

    conversation: str
    message_id: str | None = None
    thread_ts: str | None = None
    uses: int = 0


class ConsoleError(Exception):
    """A request the console cannot carry out, in words for the page; `status` is HTTP's."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class _ApiError(Exception):
    """A Web API error code ("channel_not_found"), answered as `{"ok": false, "error": code}`."""


class Console(ViewsMixin):
    """Slack for the console's workspace: what the user does there, sent to the app as Slack
    sends it, and the Web API and response URLs the app answers through.

    `connect` creates the Bolt app once the server's address is known: the app checks its token
    with auth.test at start, against this server.
    """

    def __init__(self, workspace: Workspace | None = None) -> None:
        self.workspace = workspace or Workspace()
        self.signing_secret = secrets.token_hex(32)
        self.app: App | None = None
        self.base_url = ""
        # Every request dispatched to the app as Slack would have sent it (for tests, debugging).
        self.requests: list[Json] = []
        self._lock = self.workspace.lock
        self._responses: dict[str, _ResponseURL] = {}
        self._api: dict[str, Callable[[Json], Json]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
        }
        # Files, views and users.info (surfaces.py).
        self.surfaces = Surfaces(self.workspace, lock=self.workspace.lock)
        self._api.update(self.surfaces.api())

    def connect(self, settings: Settings, store: Store, base_url: str) -> App:
        """Creates the Bolt app, its Web API and response URLs pointing at `base_url`."""
        self.base_url = base_url.rstrip("/")
        self.surfaces.base_url = self.base_url
        self.app = create_app(
            settings,
            store,
            token=BOT_TOKEN,
            signing_secret=self.signing_secret,
            api_url=f"{self.base_url}/api/",
        )
        return self.app

    def messages(self) -> Json:
        """Every message, oldest first, with the version the page compares to redraw; the open
        modal and the Home tab."""
        return {**self.workspace.snapshot(), **self.surfaces.snapshot()}

    def _response_url(
        self, conversation: str, message_id: str | None = None, thread_ts: str | None = None
    ) -> tuple[str, _ResponseURL]:
        token = secrets.token_urlsafe(24)
        target = _ResponseURL(conversation, message_id, thread_ts)
        with self._lock:
            self._responses[token] = target
        return f"{self.base_url}/console/response/{token}", target

    # --- What the user does -----------------------------------------------------------------

    def send(self, conversation: str, text: str, thread_ts: str | None = None) -> Json:
        """What the user typed into `conversation` (in the thread of the message `thread_ts`,
        when given): recorded, then sent to the bot as Slack would.

        "/ukraine …" is a slash command; in the channel, a message naming @ukraine-bot (or
        starting with "@") is an app_mention and any other message reaches no one; every
        message in the DM is a message event. A reply in a thread of the
        channel without a mention is a message event too (`message.channels`), which the bot
        answers when it answered in that thread.
        """
        where = CONVERSATIONS.get(conversation)
        if where is None:
            raise ConsoleError(f"no conversation {conversation!r}: use 'channel' or 'dm'")
        typed = text.strip()
        if not typed:
            raise ConsoleError("the message is empty")
        if len(typed) > MAX_MESSAGE_CHARS:
            raise ConsoleError(f"the message is longer than {MAX_MESSAGE_CHARS} characters")
        if thread_ts is not None:
            root = self.workspace.message_at(where.key, thread_ts)
            if root is None or (root.thread_ts and root.thread_ts != root.ts):
                raise ConsoleError("no such thread to reply in", 404)
            if typed.startswith("/"):
                raise ConsoleError("slash commands cannot be sent in a thread")
        if _COMMAND.match(typed):
            return self._slash_command(where, typed)
        if typed.startswith("/"):
            raise ConsoleError(f"{typed.split()[0]} is not a valid command here: try {COMMAND}")

        slack_text = _TYPED_MENTION.sub(_BOT_MENTION, escape(typed))
        if where.key == "channel" and _BOT_MENTION not in slack_text:
            slack_text = _LEADING_AT.sub(_BOT_MENTION, slack_text, count=1)
        message = self.workspace.post(where.key, "you", slack_text, thread_ts=thread_ts)
        if where.key == "dm":
            kind = MESSAGE_EVENT
        elif _BOT_MENTION in slack_text:
            kind = MENTION_EVENT
        elif thread_ts is not None:
            kind = MESSAGE_EVENT  # message.channels: a reply in a thread
        else:
            return {"ok": True, "message": asdict(message), "sent": None}
        response = self._dispatch_json(_event_callback(_event(kind, where, message)))
        return {"ok": True, "message": asdict(message), "sent": kind, "status": response.status}

    def _slash_command(self, where: Conversation, typed: str) -> Json:
        # Nobody else sees a slash command: it shows as yours alone.
        message = self.workspace.post(where.key, "you", escape(typed), ephemeral=True)
        response_url, target = self._response_url(where.key)
        form = {
            "token": VERIFICATION_TOKEN,
            "team_id": TEAM_ID,
            "team_domain": TEAM_DOMAIN,
            "channel_id": where.id,
            "channel_name": where.name,
            "user_id": USER_ID,
            "user_name": USER_NAME,
            "command": COMMAND,
            "text": escape(typed[len(COMMAND) :].strip()),
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": _trigger_id(),
        }
        response = self._dispatch(urlencode(form), "application/x-www-form-urlencoded")
        self._show_ack(response, target)
        return {
            "ok": True,
            "message": asdict(message),
            "sent": "command",
            "status": response.status,
        }

    def click(
        self,
        message_id: str,
        action_id: str,
        block_id: str | None = None,
        option: str | None = None,
    ) -> Json:
        """A click on a button of a message: a block_actions payload, as Slack sends it.

        The action's value is the one stored in the message, as in Slack, not the page's.
        """
        message = self.workspace.message(message_id)
        if message is None:
            raise ConsoleError("that message is gone", 404)
        button = _find_button(message.blocks, action_id, block_id)
        if button is None:
            raise ConsoleError(f"no button {action_id!r} in that message", 404)
        where = CONVERSATIONS[message.conversation]
        response_url, target = self._response_url(where.key, message.id, message.thread_ts)
        payload = _block_actions(message, where, *button, response_url)
        if option is not None:  # an overflow menu's choice
            payload["actions"][0]["selected_option"] = chosen_option(button[1], option)
        response = self._dispatch(
            urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
        )
        self._show_ack(response, target)
        return {"ok": True, "status": response.status}

    # --- Slack → the app --------------------------------------------------------------------

    def _dispatch_json(self, body: Json) -> BoltResponse:
        return self._dispatch(json.dumps(body), "application/json")

    def _dispatch(self, body: str, content_type: str) -> BoltResponse:
        """`body` signed as Slack signs requests, through the Bolt app; refusals are errors."""
        if self.app is None:
            raise ConsoleError("the bot is still starting", 503)
        timestamp = str(int(time.time()))
        signature = SignatureVerifier(self.signing_secret).generate_signature(
            timestamp=timestamp, body=body
        )
        headers: dict[str, str | Sequence[str]] = {
            "content-type": content_type,
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": signature or "",
        }
        with self._lock:
            self.requests.append(
                {
                    "content_type": content_type,
                    "body": body,
                    "timestamp": timestamp,
                    "signature": signature,
                }
            )
        try:
            response = dispatch_checked(self.app, body.encode(), content_type, headers)
        except MalformedRequest as problem:  # what HTTP mode would answer 400
            log.warning("the app refused the request: %s", problem)
            raise ConsoleError(f"the app refused the request: {problem}", 502) from None
        if response.status >= 300:
            log.warning("the app answered %s: %s", response.status, response.body[:500])
            raise ConsoleError(f"the app answered HTTP {response.status}: {response.body}", 502)
        return response

    def _show_ack(self, response: BoltResponse, target: _ResponseURL) -> None:
        """What Slack shows of an acknowledgement with content: a message, like a response."""
        body = (response.body or "").strip()
        if not body:
            return
        try:
            payload = json.loads(body)
        except ValueError:
            payload = {"text": escape(body)}
        if isinstance(payload, dict) and (payload.get("text") or payload.get("blocks")):
            self._respond(target, payload)

    # --- The app → Slack: response URLs -----------------------------------------------------

    def respond(self, token: str, payload: Json) -> tuple[int, Json]:
        """A post to a response_url: a new message (ephemeral unless `response_type` is
        "in_channel"), or with `replace_original` / `delete_original`, the original changed."""
        with self._lock:
            target = self._responses.get(token)
            if target is None:
                return 404, {"ok": False, "error": "expired_url"}
            if target.uses >= MAX_RESPONSE_USES:
                return 404, {"ok": False, "error": "used_url"}
            target.uses += 1
            try:
                self._respond(target, payload)
            except _ApiError as error:
                code = str(error)
                return 404 if code == "message_not_found" else 400, {"ok": False, "error": code}
            return 200, {"ok": True}

    def _respond(self, target: _ResponseURL, payload: Json) -> None:
        original = self.workspace.message(target.message_id)
        if _true(payload.get("delete_original")):
            if original is None:
                raise _ApiError("message_not_found")
            self.workspace.delete(original)
            return
        text, blocks = _text_and_blocks(payload)
        if _true(payload.get("replace_original")) and original is not None:
            self.workspace.replace(original, text, blocks)
            return
        message = self.workspace.post(
            target.conversation,
            "bot",
            text,
            blocks,
            ephemeral=payload.get("response_type") != "in_channel",
            thread_ts=str_or_none(payload.get("thread_ts")) or target.thread_ts,
        )
        if target.message_id is None:
            target.message_id = message.id

    # --- The app → Slack: the Web API -------------------------------------------------------

    def call_api(self, method: str, args: Json, token: str | None) -> Json:
        """A Web API call, answered as Slack does: always a JSON object with "ok"."""
        handler = self._api.get(method)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        token = token or str_or_none(args.get("token"))
        if not token:
            return {"ok": False, "error": "not_authed"}
        if token != BOT_TOKEN:
            return {"ok": False, "error": "invalid_auth"}
        try:
            return handler(args)
        except (_ApiError, SurfaceError) as error:
            return {"ok": False, "error": str(error)}

    def _auth_test(self, args: Json) -> Json:
        return {
            "ok": True,
            "url": f"{self.base_url}/",
            "team": "Local console",
            "user": BOT_NAME,
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, args: Json) -> Json:
        where = _conversation(args.get("channel"))
        text, blocks = _text_and_blocks(args)
        message = self.workspace.post(
            where.key, "bot", text, blocks, thread_ts=str_or_none(args.get("thread_ts"))
        )
        return {
            "ok": True,
            "channel": where.id,
            "ts": message.ts,
            "message": _slack_message(message),
        }

    def _chat_post_ephemeral(self, args: Json) -> Json:
        where = _conversation(args.get("channel"))
        if args.get("user") != USER_ID:
            raise _ApiError("user_not_in_channel")
        text, blocks = _text_and_blocks(args)
        message = self.workspace.post(
            where.key,
            "bot",
            text,
            blocks,
            ephemeral=True,
            thread_ts=str_or_none(args.get("thread_ts")),
        )
        return {"ok": True, "message_ts": message.ts}

    def _chat_update(self, args: Json) -> Json:
        where = _conversation(args.get("channel"))
        message = self._own_message(where, args.get("ts"), "cant_update_message")
        text, blocks = _text_and_blocks(args)
        self.workspace.replace(message, text, blocks)
        return {
            "ok": True,
            "channel": where.id,
            "ts": message.ts,
            "text": message.text,
            "message": _slack_message(message),
        }

    def _chat_delete(self, args: Json) -> Json:
        where = _conversation(args.get("channel"))
        message = self._own_message(where, args.get("ts"), "cant_delete_message")
        self.workspace.delete(message)
        return {"ok": True, "channel": where.id, "ts": message.ts}

    def _own_message(self, where: Conversation, ts: Any, refusal: str) -> Message:
        message = self.workspace.message_at(where.key, str(ts or ""))
        if message is None:
            raise _ApiError("message_not_found")
        if message.user != "bot":
            raise _ApiError(refusal)
        return message


def str_or_none(value: Any) -> str | None:
    """A value of a request as text; missing or empty as None."""
    return str(value) if value not in (None, "") else None


# --- Slack's shapes -------------------------------------------------------------------------


def _event(kind: str, where: Conversation, message: Message) -> Json:
    """The `app_mention` or `message` event of what the user typed as `message`."""
    event: Json = {
        "type": kind,
        "user": USER_ID,
        "text": message.text,
        "ts": message.ts,
        "event_ts": message.ts,
        "channel": where.id,
        "team": TEAM_ID,
        "client_msg_id": random_id(),
    }
    if kind == MESSAGE_EVENT:
        event["channel_type"] = where.channel_type
    if message.thread_ts:
        event["thread_ts"] = message.thread_ts
    return event


def _event_callback(event: Json) -> Json:
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev{secrets.token_hex(8).upper()}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{random_id()}",
    }


def _block_actions(
    message: Message, where: Conversation, block: Json, element: Json, response_url: str
) -> Json:
    """The block_actions payload of a click on `element` (in `block`) of `message`."""
    action = {
        "type": element.get("type", "button"),
        "action_id": element.get("action_id"),
        "block_id": block.get("block_id"),
        "text": _as_slack_echoes(element.get("text")),
        "value": element.get("value"),
        "action_ts": f"{time.time():.6f}",
    }
    if element.get("style"):
        action["style"] = element["style"]
    payload: Json = {
        "type": "block_actions",
        "user": {"id": USER_ID, "username": USER_NAME, "name": USER_NAME, "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": {
            "type": "message",
            "message_ts": message.ts,
            "channel_id": where.id,
            "is_ephemeral": message.ephemeral,
        },
        "trigger_id": _trigger_id(),
        "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": where.id, "name": where.name},
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [{k: v for k, v in action.items() if v is not None}],
    }
    # Slack does not send the message of an ephemeral one.
    if not message.ephemeral:
        payload["message"] = _slack_message(message)
    return payload


def _as_slack_echoes(text: Any) -> Any:
    """A button's label as Slack echoes it in a click: a plain_text object, `emoji` added."""
    if isinstance(text, dict) and text.get("type") == "plain_text":
        return {"emoji": True, **text}
    return text


def _slack_message(message: Message) -> Json:
    """A message as the Web API and payloads show it."""
    shown: Json = {"type": "message", "text": message.text, "ts": message.ts}
    if message.user == "bot":
        shown.update(user=BOT_USER_ID, bot_id=BOT_ID, app_id=APP_ID)
    else:
        shown["user"] = USER_ID
    if message.blocks:
        shown["blocks"] = message.blocks
    if message.thread_ts:
        shown["thread_ts"] = message.thread_ts
    return shown


def _conversation(channel: Any) -> Conversation:
    """The conversation a Web API call names: by ID, by name, or the user's ID for the DM."""
    name = str(channel or "").lstrip("#")
    for where in CONVERSATIONS.values():
        if name in {where.id, where.name} or (where.key == "dm" and name == USER_ID):
            return where
    raise _ApiError("channel_not_found")


def _text_and_blocks(args: Json) -> tuple[str, list[Json]]:
    """A message's text and blocks; blocks may come as a JSON string (form bodies)."""
    text = str(args.get("text") or "")
    blocks: Any = args.get("blocks") or []
    if isinstance(blocks, str):
        try:
            blocks = json.loads(blocks)
        except ValueError:
            raise _ApiError("invalid_blocks") from None
    if not isinstance(blocks, list) or not all(
        isinstance(b, dict) and b.get("type") for b in blocks
    ):
        raise _ApiError("invalid_blocks")
    if not text and not blocks:
        raise _ApiError("no_text")
    if len(text) > MAX_MESSAGE_CHARS:
        raise _ApiError("msg_too_long")
    return text, blocks


def _find_button(
    blocks: list[Json], action_id: str, block_id: str | None
) -> tuple[Json, Json] | None:
    for block in blocks:
        if block_id and block.get("block_id") != block_id:
            continue
        elements = list(block.get("elements") or []) if block.get("type") == "actions" else []
        if isinstance(block.get("accessory"), dict):
            elements.append(block["accessory"])
        for element in elements:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return block, element
    return None


def _true(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


def _trigger_id() -> str:
    return f"{int(time.time())}.{secrets.randbelow(10**12)}.{secrets.token_hex(16)}"
