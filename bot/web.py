"""HTTP mode: the Bolt app behind a WSGI server (waitress), with a health check.

Routes: `/slack/events` (Events API, slash commands and interactivity all verified and
dispatched by Bolt), `/slack/commands` and `/slack/actions` (the same, for apps configured with
separate request URLs), `GET /healthz`, and, when workspaces install the app through OAuth
(bot/install.py), `GET /slack/install` and `GET /slack/oauth_redirect`. Requests Bolt cannot
verify (forged, unsigned, or signed over five minutes ago) get 401 from Bolt's own
verification. One log line per request with its latency; tokens, secrets, bodies and query
strings (the OAuth code and state) are never logged.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from knowledge.store import Store

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

SLACK_PATHS = ("/slack/events", "/slack/commands", "/slack/actions")
MAX_BODY_BYTES = 1_000_000

log = logging.getLogger("bot.web")


class SlackWebApp:
    """The WSGI application of HTTP mode."""

    def __init__(self, app: App, store: Store, slack_paths: Iterable[str] = SLACK_PATHS) -> None:
        self.app = app
        self.store = store
        self._bolt = {path: SlackRequestHandler(app, path=path) for path in slack_paths}
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
        handler = self._bolt.get(path)
        if handler is not None and method == "POST":
            length = _content_length(environ)
            if length is None or length > MAX_BODY_BYTES:
                return _plain(start_response, "413 Payload Too Large", "request too large")
            return handler(environ, start_response)
        return _plain(start_response, "404 Not Found", "not found")

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        try:
            self.store.revision()
        except Exception as error:  # the database is down: say so, do not crash
            log.warning("health check: database unreachable: %s", type(error).__name__)
            return _json(start_response, "503 Service Unavailable", {"ok": False, "db": "down"})
        return _json(start_response, "200 OK", {"ok": True})


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
    """Runs `server` in a daemon thread (tests, benchmarks); stop it with `server.close()`."""

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
