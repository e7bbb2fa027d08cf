"""The local console: Slack played in a browser page, for when no Slack credentials are set.

    run_console(settings, store)                    # http://127.0.0.1:3000 until Ctrl-C
    with start_console(settings, store, port=0) as running:
        running.url, running.console                # tests: any free port, stopped on exit

It is a stand-in for Slack, not a second code path. What you type becomes the request Slack
would send (a slash command, an `app_mention` or DM `message` event, a `block_actions`
payload), signed with the console's own signing secret and dispatched through the one Bolt app
from `create_app`, with every listener. The bot answers as it does in Slack, through a Web API
and response URLs that this server plays (`/api/<method>`, `/console/response/<token>`), so the
page shows exactly the Block Kit the bot sent, and a request Slack would refuse is refused here.

Routes:
    GET  /                          the page (static/console.html)
    GET  /static/<file>             its script and style sheet
    GET  /healthz                   "ok"
    GET  /console/messages          every message as JSON, with a version the page polls
    POST /console/send              {"conversation": "channel" | "dm", "text": "..."}
    POST /console/action            {"message_id", "action_id", "block_id", "value"}: a click
    POST /console/response/<token>  a response_url, with Slack's semantics
    POST /api/<method>              the Web API: auth.test, chat.postMessage,
                                    chat.postEphemeral, chat.update, chat.delete
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlencode
from wsgiref.types import StartResponse, WSGIEnvironment

import waitress  # type: ignore[import-untyped]
from slack_bolt import App, BoltResponse
from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier
from waitress import wasyncore

from bot.app import create_app
from bot.scheduler import DigestScheduler, start_digests
from bot.settings import Settings
from knowledge.store import Store

log = logging.getLogger("bot.console")

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
COMMAND = "/ukraine"

MAX_MESSAGE_CHARS = 40_000  # Slack's limit on a message's text
MAX_RESPONSE_USES = 5  # Slack accepts five posts to a response_url
MAX_BODY_BYTES = 1_000_000

_BOT_MENTION = f"<@{BOT_USER_ID}>"
_TYPED_MENTION = re.compile(rf"@{re.escape(BOT_NAME)}\b")
# A message starting with "@someone" in the channel is taken as addressed to the bot, except
# the broadcasts, which mean everyone.
_LEADING_AT = re.compile(r"^@(?!(?:channel|here|everyone)\b)\S+")
_COMMAND = re.compile(rf"^{re.escape(COMMAND)}(?:\s|$)")
_STATIC_FILE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*")
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
_PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_STATUS_TEXT = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}

Json = dict[str, Any]


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


def slack_escape(text: str) -> str:
    """Text as Slack sends what a person typed: &, < and > as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Console:
    """The workspace (a channel, a DM with the bot, their messages) and the WSGI app serving it.

    `connect` creates the Bolt app once the server's address is known: the app checks its token
    with auth.test at start, against this server.
    """

    def __init__(self) -> None:
        self.signing_secret = secrets.token_hex(32)
        self.session = secrets.token_hex(8)
        self.app: App | None = None
        self.base_url = ""
        # Every request dispatched to the app as Slack would have sent it (for tests, debugging).
        self.requests: list[Json] = []
        self._lock = threading.RLock()
        self._messages: list[Message] = []
        self._responses: dict[str, _ResponseURL] = {}
        self._version = 0
        self._last_ts = 0.0
        self._ids = itertools.count(1)
        self._api: dict[str, Callable[[Json], Json]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
        }
        self._routes: list[tuple[frozenset[str], re.Pattern[str], Callable[..., _Response]]] = [
            (_GET, re.compile(r"/"), self._page),
            (_GET, re.compile(r"/static/(.+)"), self._static),
            (_GET, re.compile(r"/healthz"), self._health),
            (_GET, re.compile(r"/console/messages"), self._messages_route),
            (_POST, re.compile(r"/console/send"), self._send_route),
            (_POST, re.compile(r"/console/action"), self._action_route),
            (_POST, re.compile(r"/console/response/([A-Za-z0-9_-]+)"), self._response_route),
            (_GET | _POST, re.compile(r"/api/([A-Za-z0-9_.]+)"), self._api_route),
        ]

    def connect(self, settings: Settings, store: Store, base_url: str) -> App:
        """Creates the Bolt app, its Web API and response URLs pointing at `base_url`."""
        self.base_url = base_url.rstrip("/")
        self.app = create_app(
            settings,
            store,
            token=BOT_TOKEN,
            signing_secret=self.signing_secret,
            api_url=f"{self.base_url}/api/",
        )
        return self.app

    # --- The workspace ----------------------------------------------------------------------

    def messages(self) -> Json:
        """Every message, oldest first, with the version the page compares to redraw."""
        with self._lock:
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

    def _post(
        self,
        conversation: str,
        user: str,
        text: str,
        blocks: list[Json] | None = None,
        *,
        ephemeral: bool = False,
        thread_ts: str | None = None,
    ) -> Message:
        with self._lock:
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

    def _replace(self, message: Message, text: str, blocks: list[Json]) -> None:
        with self._lock:
            message.text = text
            message.blocks = _with_block_ids(blocks)
            self._version += 1

    def _delete(self, message: Message) -> None:
        with self._lock:
            if message in self._messages:
                self._messages.remove(message)
                self._version += 1

    def _message(self, message_id: str | None) -> Message | None:
        with self._lock:
            return next((m for m in self._messages if m.id == message_id), None)

    def _message_at(self, conversation: str, ts: str) -> Message | None:
        with self._lock:
            return next(
                (
                    m
                    for m in self._messages
                    if m.conversation == conversation and m.ts == ts and not m.ephemeral
                ),
                None,
            )

    def _response_url(
        self, conversation: str, message_id: str | None = None, thread_ts: str | None = None
    ) -> tuple[str, _ResponseURL]:
        token = secrets.token_urlsafe(24)
        target = _ResponseURL(conversation, message_id, thread_ts)
        with self._lock:
            self._responses[token] = target
        return f"{self.base_url}/console/response/{token}", target

    # --- What the user does -----------------------------------------------------------------

    def send(self, conversation: str, text: str) -> Json:
        """What the user typed into `conversation`: recorded, then sent to the bot as Slack would.

        "/ukraine …" is a slash command; in the channel, a message naming @ukraine-bot (or
        starting with "@") is an app_mention and any other message reaches no one; every
        message in the DM is a message event.
        """
        where = CONVERSATIONS.get(conversation)
        if where is None:
            raise ConsoleError(f"no conversation {conversation!r}: use 'channel' or 'dm'")
        typed = text.strip()
        if not typed:
            raise ConsoleError("the message is empty")
        if len(typed) > MAX_MESSAGE_CHARS:
            raise ConsoleError(f"the message is longer than {MAX_MESSAGE_CHARS} characters")
        if _COMMAND.match(typed):
            return self._slash_command(where, typed)
        if typed.startswith("/"):
            raise ConsoleError(f"{typed.split()[0]} is not a valid command here: try {COMMAND}")

        slack_text = _TYPED_MENTION.sub(_BOT_MENTION, slack_escape(typed))
        if where.key == "channel" and _BOT_MENTION not in slack_text:
            slack_text = _LEADING_AT.sub(_BOT_MENTION, slack_text, count=1)
        message = self._post(where.key, "you", slack_text)
        if where.key == "dm":
            kind = "message"
        elif _BOT_MENTION in slack_text:
            kind = "app_mention"
        else:
            return {"ok": True, "message": asdict(message), "sent": None}
        event: Json = {
            "type": kind,
            "user": USER_ID,
            "text": slack_text,
            "ts": message.ts,
            "event_ts": message.ts,
            "channel": where.id,
            "team": TEAM_ID,
            "client_msg_id": _random_id(),
        }
        if kind == "message":
            event["channel_type"] = where.channel_type
        response = self._dispatch_json(_event_callback(event))
        return {"ok": True, "message": asdict(message), "sent": kind, "status": response.status}

    def _slash_command(self, where: Conversation, typed: str) -> Json:
        # Nobody else sees a slash command: it shows as yours alone.
        message = self._post(where.key, "you", slack_escape(typed), ephemeral=True)
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
            "text": slack_escape(typed[len(COMMAND) :].strip()),
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

    def click(self, message_id: str, action_id: str, block_id: str | None = None) -> Json:
        """A click on a button of a message: a block_actions payload, as Slack sends it.

        The action's value is the one stored in the message, as in Slack, not the page's.
        """
        message = self._message(message_id)
        if message is None:
            raise ConsoleError("that message is gone", 404)
        button = _find_button(message.blocks, action_id, block_id)
        if button is None:
            raise ConsoleError(f"no button {action_id!r} in that message", 404)
        block, element = button
        where = CONVERSATIONS[message.conversation]
        response_url, target = self._response_url(where.key, message.id, message.thread_ts)
        action = {
            "type": element.get("type", "button"),
            "action_id": element.get("action_id"),
            "block_id": block.get("block_id"),
            "text": element.get("text"),
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
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
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
            payload = {"text": slack_escape(body)}
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
        original = self._message(target.message_id)
        if _true(payload.get("delete_original")):
            if original is None:
                raise _ApiError("message_not_found")
            self._delete(original)
            return
        text, blocks = _text_and_blocks(payload)
        if _true(payload.get("replace_original")) and original is not None:
            self._replace(original, text, blocks)
            return
        message = self._post(
            target.conversation,
            "bot",
            text,
            blocks,
            ephemeral=payload.get("response_type") != "in_channel",
            thread_ts=_str_or_none(payload.get("thread_ts")) or target.thread_ts,
        )
        if target.message_id is None:
            target.message_id = message.id

    # --- The app → Slack: the Web API -------------------------------------------------------

    def call_api(self, method: str, args: Json, token: str | None) -> Json:
        """A Web API call, answered as Slack does: always a JSON object with "ok"."""
        handler = self._api.get(method)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        token = token or _str_or_none(args.get("token"))
        if not token:
            return {"ok": False, "error": "not_authed"}
        if token != BOT_TOKEN:
            return {"ok": False, "error": "invalid_auth"}
        try:
            return handler(args)
        except _ApiError as error:
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
        message = self._post(
            where.key, "bot", text, blocks, thread_ts=_str_or_none(args.get("thread_ts"))
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
        message = self._post(
            where.key,
            "bot",
            text,
            blocks,
            ephemeral=True,
            thread_ts=_str_or_none(args.get("thread_ts")),
        )
        return {"ok": True, "message_ts": message.ts}

    def _chat_update(self, args: Json) -> Json:
        where = _conversation(args.get("channel"))
        message = self._own_message(where, args.get("ts"), "cant_update_message")
        text, blocks = _text_and_blocks(args)
        self._replace(message, text, blocks)
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
        self._delete(message)
        return {"ok": True, "channel": where.id, "ts": message.ts}

    def _own_message(self, where: Conversation, ts: Any, refusal: str) -> Message:
        message = self._message_at(where.key, str(ts or ""))
        if message is None:
            raise _ApiError("message_not_found")
        if message.user != "bot":
            raise _ApiError(refusal)
        return message

    # --- HTTP -------------------------------------------------------------------------------

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """The WSGI app: every route of the console (see the module's docstring)."""
        try:
            response = self._route(_Request.from_environ(environ))
        except ConsoleError as error:
            response = _json_response({"ok": False, "error": str(error)}, error.status)
        except Exception:
            log.exception("%s %s failed", environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"))
            response = _json_response({"ok": False, "error": "internal_error"}, 500)
        status = f"{response.status} {_STATUS_TEXT.get(response.status, 'Unknown')}"
        headers = [
            ("Content-Type", response.content_type),
            ("Content-Length", str(len(response.body))),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            *response.headers,
        ]
        start_response(status, headers)
        return [response.body]

    def _route(self, request: _Request) -> _Response:
        allowed: set[str] = set()
        for methods, pattern, handler in self._routes:
            match = pattern.fullmatch(request.path)
            if match is None:
                continue
            if request.method in methods:
                return handler(request, *match.groups())
            allowed |= methods
        if allowed:
            raise ConsoleError(f"{request.method} is not allowed here", 405)
        raise ConsoleError(f"nothing at {request.path}", 404)

    def _page(self, request: _Request) -> _Response:
        response = self._static(request, "console.html")
        response.headers.append(("Content-Security-Policy", _PAGE_POLICY))
        return response

    def _static(self, request: _Request, name: str) -> _Response:
        suffix = name[name.rfind(".") :] if "." in name else ""
        if _STATIC_FILE.fullmatch(name) and suffix in _CONTENT_TYPES:
            file = resources.files("bot").joinpath("static").joinpath(name)
            if file.is_file():
                return _Response(200, file.read_bytes(), _CONTENT_TYPES[suffix])
        raise ConsoleError(f"no static file {name!r}", 404)

    def _health(self, request: _Request) -> _Response:
        return _Response(200, b"ok", "text/plain; charset=utf-8")

    def _messages_route(self, request: _Request) -> _Response:
        return _json_response(self.messages())

    def _send_route(self, request: _Request) -> _Response:
        data = request.page_json()
        return _json_response(self.send(str(data.get("conversation")), str(data.get("text") or "")))

    def _action_route(self, request: _Request) -> _Response:
        data = request.page_json()
        block_id = _str_or_none(data.get("block_id"))
        return _json_response(
            self.click(str(data.get("message_id")), str(data.get("action_id")), block_id)
        )

    def _response_route(self, request: _Request, token: str) -> _Response:
        status, body = self.respond(token, request.json_body())
        return _json_response(body, status)

    def _api_route(self, request: _Request, method: str) -> _Response:
        authorization = request.headers.get("authorization", "")
        token = authorization[7:].strip() if authorization.lower().startswith("bearer ") else None
        return _json_response(self.call_api(method, request.arguments(), token))


_GET = frozenset({"GET"})
_POST = frozenset({"POST"})


@dataclass
class _Response:
    status: int
    body: bytes
    content_type: str
    headers: list[tuple[str, str]] = field(default_factory=list)


def _json_response(data: Json, status: int = 200) -> _Response:
    return _Response(status, json.dumps(data).encode(), "application/json; charset=utf-8")


@dataclass(frozen=True)
class _Request:
    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    body: bytes

    @classmethod
    def from_environ(cls, environ: WSGIEnvironment) -> _Request:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY_BYTES:
            raise ConsoleError("the request is too large", 413)
        headers = {
            key[5:].replace("_", "-").lower(): str(value)
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        headers["content-type"] = str(environ.get("CONTENT_TYPE") or "")
        return cls(
            method=str(environ.get("REQUEST_METHOD") or "GET").upper(),
            path=str(environ.get("PATH_INFO") or "/"),
            query=str(environ.get("QUERY_STRING") or ""),
            headers=headers,
            body=environ["wsgi.input"].read(length) if length > 0 else b"",
        )

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def json_body(self) -> Json:
        try:
            data = json.loads(self.body or b"{}")
        except ValueError:
            raise ConsoleError("the body is not JSON") from None
        if not isinstance(data, dict):
            raise ConsoleError("the body is not a JSON object")
        return data

    def page_json(self) -> Json:
        """The JSON the page sends. Requiring its media type keeps other web sites out: a
        cross-site form cannot send it, and fetch would need a CORS preflight we never allow."""
        if self.media_type != "application/json":
            raise ConsoleError("send application/json", 415)
        return self.json_body()

    def arguments(self) -> Json:
        """A Web API call's arguments: the query string, then a form or JSON body."""
        args: Json = _single_values(parse_qs(self.query))
        if self.media_type == "application/json":
            args.update(self.json_body())
        elif self.body:
            args.update(_single_values(parse_qs(self.body.decode("utf-8", "replace"))))
        return args


# --- Running it -----------------------------------------------------------------------------


class RunningConsole:
    """A console serving in a background thread; `stop()`, or leaving `with`, ends it."""

    def __init__(
        self,
        console: Console,
        server: Any,
        thread: threading.Thread,
        url: str,
        stopping: threading.Event,
    ) -> None:
        self.console = console
        self.server = server
        self.thread = thread
        self.url = url
        self._stopping = stopping
        self.digests: DigestScheduler | None = None

    def stop(self, timeout: float = 10.0) -> None:
        """Stops serving: closes every connection and waits for the worker threads."""
        if self.digests is not None:
            self.digests.shutdown()
        self._stopping.set()
        self.thread.join(timeout)

    def __enter__(self) -> RunningConsole:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_console(
    settings: Settings, store: Store, host: str = "127.0.0.1", port: int = 3000
) -> RunningConsole:
    """The console serving on `host`:`port` (0: any free port) in a background thread."""
    console = Console()
    socket_map: dict[int, Any] = {}
    try:
        server = waitress.create_server(
            console, map=socket_map, host=host, port=port, threads=8, ident="ukraine-bot console"
        )
    except OSError as error:
        raise OSError(error.errno, f"cannot listen on {host}:{port}: {error.strerror}") from error
    effective_port = getattr(server, "effective_port", None) or server.effective_listen[0][1]
    url = f"http://{_url_host(host)}:{effective_port}"
    stopping = threading.Event()
    thread = threading.Thread(
        target=_serve, args=(server, socket_map, stopping), name="console-server", daemon=True
    )
    thread.start()
    running = RunningConsole(console, server, thread, url, stopping)
    try:
        # After the server is up: the app calls auth.test on this server as it starts.
        app = console.connect(settings, store, url)
        # Digests subscribed in the console are posted to its channels, on their schedule.
        running.digests = start_digests(settings, store, app)
    except BaseException:
        running.stop()
        raise
    return running


def run_console(
    settings: Settings, store: Store, host: str = "127.0.0.1", port: int = 3000
) -> None:
    """Serves the console until Ctrl-C, after printing where to open it."""
    running = start_console(settings, store, host, port)
    print(f"Local console (no Slack credentials set): {running.url}  (Ctrl-C to quit)", flush=True)
    try:
        while running.thread.is_alive():
            running.thread.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()


def _serve(server: Any, socket_map: dict[int, Any], stopping: threading.Event) -> None:
    """waitress's loop, a tenth of a second at a time so that `stopping` is seen; then closes
    every socket in this thread (the loop's own) and waits for the worker threads."""
    try:
        while socket_map and not stopping.is_set():
            wasyncore.loop(
                timeout=0.1, map=socket_map, use_poll=server.adj.asyncore_use_poll, count=1
            )
    finally:
        wasyncore.close_all(socket_map)
        server.task_dispatcher.shutdown(timeout=5)


# --- Slack's shapes -------------------------------------------------------------------------


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
        "event_context": f"4-{_random_id()}",
    }


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


def _with_block_ids(blocks: list[Json]) -> list[Json]:
    """Copies of `blocks`, each with a block_id: Slack makes one up where the app gave none."""
    return [{**block, "block_id": block.get("block_id") or _random_id(5)} for block in blocks]


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


def _single_values(values: dict[str, list[str]]) -> Json:
    return {key: items[-1] for key, items in values.items() if items}


def _true(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _random_id(length: int = 10) -> str:
    return secrets.token_hex(length)[:length].upper()


def _trigger_id() -> str:
    return f"{int(time.time())}.{secrets.randbelow(10**12)}.{secrets.token_hex(16)}"


def _url_host(host: str) -> str:
    """The host to put in URLs for a listening address (any-address means this machine)."""
    if host in {"", "0.0.0.0"}:
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host
