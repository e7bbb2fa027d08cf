"""HTTP mode: the Bolt app behind a WSGI server (waitress), with a health check.

Routes: `/slack/events` (Events API, slash commands and interactivity all verified and
dispatched by Bolt), `/slack/commands` and `/slack/actions` (the same, for apps configured with
separate request URLs), `GET /healthz`, and, when workspaces install the app through OAuth
(bot/install.py), `GET /slack/install` and `GET /slack/oauth_redirect`. Requests Slack did not
sign (forged, unsigned, or signed over five minutes ago) get 401: the signature is checked here,
on the raw bytes, before the body is parsed, and again by Bolt (which parses first, and whose
verifier fails with a 500 on a body that is not UTF-8 or a timestamp that is not a number). A
signed body is then parsed and checked (bot/inbound.py): one Bolt would crash on or the
listeners cannot answer (not UTF-8, not JSON, fields of the wrong type, no response URL) gets
400 with a log line saying why. One log line per request with its latency; tokens, secrets,
bodies and query strings (the OAuth code and state) are never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_bolt.request.internals import build_context

from bot.inbound import MalformedRequest, parse_slack_body
from knowledge.store import Store

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

SLACK_PATHS = ("/slack/events", "/slack/commands", "/slack/actions")
MAX_BODY_BYTES = 1_000_000
MAX_REQUEST_AGE_SECONDS = 5 * 60  # Slack's and Bolt's

log = logging.getLogger("bot.web")


class SlackWebApp:
    """The WSGI application of HTTP mode."""

    def __init__(
        self,
        app: App,
        store: Store,
        slack_paths: Iterable[str] = SLACK_PATHS,
        checks: Sequence[Callable[[], str | None]] = (),
    ) -> None:
        self.app = app
        self.store = store
        # More for /healthz to check: each says what is wrong, or None (bot/socket_mode.py).
        self._checks = tuple(checks)
        self._slack_paths = frozenset(slack_paths)
        # Bolt keeps its signing secret to itself; the requests are checked with it here first.
        self._secret = str(getattr(app, "_signing_secret", "") or "").encode()
        flow = app.oauth_flow
        self._oauth_paths = {flow.install_path, flow.redirect_uri_path} if flow else set()
        self._oauth = SlackRequestHandler(app)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD") or "GET"
        status_holder: list[str] = []

        def recording_start(status: str, headers: Any, exc_info: Any = None) -> Any:
            status_holder.append(status)
            return start_response(status, headers, exc_info)

        try:
            body = self._route(environ, recording_start, path, method)
        finally:
            status = status_holder[0].split()[0] if status_holder else "500"
            latency_ms = round((time.perf_counter() - started) * 1000, 1)
            log.info(
                "%s %s %s %.1fms",
                method,
                path,
                status,
                latency_ms,
                extra={
                    "http_method": method,
                    "path": path,
                    "status": int(status),
                    "latency_ms": latency_ms,
                },
            )
        return body

    def _route(
        self, environ: WSGIEnvironment, start_response: StartResponse, path: str, method: str
    ) -> Iterable[bytes]:
        if path == "/healthz" and method in {"GET", "HEAD"}:
            return self._health(start_response)
        if path in self._oauth_paths and method == "GET":
            return self._oauth(environ, start_response)
        if path in self._slack_paths and method == "POST":
            length = _content_length(environ)
            if length is None or length > MAX_BODY_BYTES:
                return _plain(start_response, "413 Payload Too Large", "request too large")
            return self._slack(environ, start_response, length)
        return _plain(start_response, "404 Not Found", "not found")

    def _slack(
        self, environ: WSGIEnvironment, start_response: StartResponse, length: int
    ) -> Iterable[bytes]:
        """A Slack request: parsed and checked (bot/inbound.py), then dispatched by Bolt."""
        wsgi = WsgiHttpRequest(environ)
        body = environ["wsgi.input"].read(length) if length else b""
        if not self._signed(environ, body):
            log.warning("unsigned, forged or stale request to %s", wsgi.path)
            return _plain(start_response, "401 Unauthorized", "invalid request signature")
        try:
            response = dispatch_checked(
                self.app, body, environ.get("CONTENT_TYPE"), wsgi.get_headers(), wsgi.query_string
            )
        except MalformedRequest as problem:
            log.warning("malformed Slack request to %s: %s", wsgi.path, problem)
            return _plain(start_response, "400 Bad Request", "malformed Slack request")
        http = WsgiHttpResponse(
            status=response.status, headers=response.headers, body=response.body
        )
        start_response(http.status, http.get_headers())
        return http.get_body()

    def _signed(self, environ: WSGIEnvironment, body: bytes) -> bool:
        """Whether Slack signed `body` (v0 HMAC-SHA256 of the timestamp and the raw bytes)
        within the last five minutes; any header, however garbled, is just not signed."""
        timestamp = str(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or "")
        signature = str(environ.get("HTTP_X_SLACK_SIGNATURE") or "")
        if not (self._secret and timestamp.isascii() and timestamp.isdigit()):
            return False
        if len(timestamp) > 12 or abs(time.time() - int(timestamp)) > MAX_REQUEST_AGE_SECONDS:
            return False
        digest = hmac.new(self._secret, b"v0:%s:%s" % (timestamp.encode(), body), hashlib.sha256)
        expected = f"v0={digest.hexdigest()}".encode()
        return hmac.compare_digest(expected, signature.encode("latin-1", "replace"))

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        try:
            self.store.revision()
        except Exception as error:  # the database is down: say so, do not crash
            log.warning("health check: database unreachable: %s", type(error).__name__)
            return _json(start_response, "503 Service Unavailable", {"ok": False, "db": "down"})
        problems = [problem for problem in (check() for check in self._checks) if problem]
        if problems:
            log.warning("health check: %s", "; ".join(problems))
            return _json(
                start_response, "503 Service Unavailable", {"ok": False, "problems": problems}
            )
        return _json(start_response, "200 OK", {"ok": True})


def dispatch_checked(
    app: App,
    body: bytes,
    content_type: str | None,
    headers: dict[str, str | Sequence[str]],
    query: str | None = None,
) -> BoltResponse:
    """A signed Slack request's body checked (bot/inbound.py), then dispatched by Bolt; raises
    `MalformedRequest` for one the app cannot handle. The local console sends its requests
    through here too, so it refuses what HTTP mode refuses."""
    data = parse_slack_body(body, content_type)
    request = BoltRequest(body=body.decode("utf-8"), query=query, headers=headers)
    if request.body != data:  # Bolt takes any form saying "payload" for a JSON payload
        request.body = data
        request.context = build_context(BoltContext(), data)
    return app.dispatch(request)


def _content_length(environ: WSGIEnvironment) -> int | None:
    try:
        return int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


def _plain(start_response: StartResponse, status: str, text: str) -> list[bytes]:
    body = text.encode()
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]


def _json(start_response: StartResponse, status: str, data: dict[str, Any]) -> list[bytes]:
    body = json.dumps(data).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]


def make_server(
    wsgi: Callable[..., Iterable[bytes]], host: str, port: int, threads: int = 8
) -> Any:
    """A waitress server for `wsgi` on host:port (port 0: any free port, see effective_port)."""
    from waitress import create_server  # type: ignore[import-untyped]

    return create_server(wsgi, host=host, port=port, threads=threads, ident="ukraine-bot")


def serve_in_thread(server: Any) -> threading.Thread:
    """Runs `server` in a daemon thread (tests, benchmarks); stop it with `stop_server`."""

    def run() -> None:
        try:
            server.run()
        except OSError:
            # close() from another thread pulls the socket out from under the select loop.
            if getattr(server, "accepting", True) and server.socket is not None:
                raise

    thread = threading.Thread(target=run, name="http", daemon=True)
    thread.start()
    return thread


def stop_server(server: Any) -> None:
    """Stops a server from `make_server`: the requests being served finish first (at most 5 s),
    then the socket and its wake-up trigger close. Closing first would leave a worker thread
    writing to the closed trigger ("Bad file descriptor", logged by waitress at ERROR)."""
    server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
    server.close()
