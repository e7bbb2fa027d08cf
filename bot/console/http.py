"""The console's web server side: the WSGI app with its routes, for the page and for the bot.

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

The page's own requests must be JSON (see `_Request.page_json`); every response says no-store
and nosniff, and the page comes with a Content-Security-Policy.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from urllib.parse import parse_qs
from wsgiref.types import StartResponse, WSGIEnvironment

from bot.console.slack import Console, ConsoleError, str_or_none
from bot.console.surfaces import SurfaceError
from bot.console.workspace import Json

log = logging.getLogger("bot.console")

MAX_BODY_BYTES = 6_000_000  # a picture uploaded (bot/console/surfaces.py: at most 5 MB)

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
_GET = frozenset({"GET"})
_POST = frozenset({"POST"})


def static_folder() -> Traversable:
    """Where the page's files are: bot/static/, read as package data."""
    return resources.files("bot").joinpath("static")


class ConsoleWebApp:
    """The WSGI app: every route of the console (see the module's docstring), onto `console`."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._routes: list[tuple[frozenset[str], re.Pattern[str], Callable[..., _Response]]] = [
            (_GET, re.compile(r"/"), self._page),
            (_GET, re.compile(r"/static/(.+)"), self._static),
            (_GET, re.compile(r"/healthz"), self._health),
            (_GET, re.compile(r"/console/messages"), self._messages_route),
            (_POST, re.compile(r"/console/send"), self._send_route),
            (_POST, re.compile(r"/console/action"), self._action_route),
            (_POST, re.compile(r"/console/response/([A-Za-z0-9_-]+)"), self._response_route),
            (_GET | _POST, re.compile(r"/api/([A-Za-z0-9_.]+)"), self._api_route),
            (_POST, re.compile(r"/console/upload/(F[A-Z0-9]+)"), self._upload_route),
            (_GET, re.compile(r"/console/files/(F[A-Z0-9]+)"), self._file_route),
            (_POST, re.compile(r"/console/view_action"), self._view_action_route),
            (_POST, re.compile(r"/console/submit"), self._submit_route),
            (_POST, re.compile(r"/console/home"), self._home_route),
        ]

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        try:
            response = self._route(_Request.from_environ(environ))
        except ConsoleError as error:
            response = _json_response({"ok": False, "error": str(error)}, error.status)
        except SurfaceError as error:
            response = _json_response({"ok": False, "error": str(error)}, 400)
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
            file = static_folder().joinpath(name)
            if file.is_file():
                return _Response(200, file.read_bytes(), _CONTENT_TYPES[suffix])
        raise ConsoleError(f"no static file {name!r}", 404)

    def _health(self, request: _Request) -> _Response:
        return _Response(200, b"ok", "text/plain; charset=utf-8")

    def _messages_route(self, request: _Request) -> _Response:
        return _json_response(self.console.messages())

    def _send_route(self, request: _Request) -> _Response:
        data = request.page_json()
        thread = data.get("thread_ts")
        sent = self.console.send(
            str(data.get("conversation")),
            str(data.get("text") or ""),
            thread_ts=str(thread) if thread else None,
        )
        return _json_response(sent)

    def _action_route(self, request: _Request) -> _Response:
        data = request.page_json()
        block_id = str_or_none(data.get("block_id"))
        option = str_or_none(data.get("option"))
        return _json_response(
            self.console.click(
                str(data.get("message_id")), str(data.get("action_id")), block_id, option
            )
        )

    def _response_route(self, request: _Request, token: str) -> _Response:
        status, body = self.console.respond(token, request.json_body())
        return _json_response(body, status)

    def _upload_route(self, request: _Request, file_id: str) -> _Response:
        """The bytes of a file, POSTed to the URL files.getUploadURLExternal gave."""
        if not self.console.surfaces.upload(file_id, request.body):
            raise ConsoleError("no such upload, or not the length announced", 404)
        return _Response(200, b"OK - " + str(len(request.body)).encode(), "text/plain")

    def _file_route(self, request: _Request, file_id: str) -> _Response:
        content = self.console.surfaces.file(file_id)
        if content is None:
            raise ConsoleError("no such file", 404)
        return _Response(200, content, "image/png")

    def _view_action_route(self, request: _Request) -> _Response:
        data = request.page_json()
        option = str_or_none(data.get("option"))
        return _json_response(
            self.console.click_view(
                str(data.get("surface")),
                str(data.get("action_id")),
                str_or_none(data.get("block_id")),
                option,
            )
        )

    def _submit_route(self, request: _Request) -> _Response:
        values = request.page_json().get("values")
        return _json_response(self.console.submit(values if isinstance(values, dict) else {}))

    def _home_route(self, request: _Request) -> _Response:
        return _json_response(self.console.home_opened())

    def _api_route(self, request: _Request, method: str) -> _Response:
        authorization = request.headers.get("authorization", "")
        token = authorization[7:].strip() if authorization.lower().startswith("bearer ") else None
        return _json_response(self.console.call_api(method, request.arguments(), token))


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


def _single_values(values: dict[str, list[str]]) -> Json:
    return {key: items[-1] for key, items in values.items() if items}
