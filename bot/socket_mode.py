"""Socket Mode: the bot's WebSocket connection to Slack, when `SLACK_APP_TOKEN` is set.

    run_socket_mode(app, settings, store, host)   # bot/serve.py: until interrupted

The client is slack_sdk's websocket-client adapter (`SOCKET_MODE_CLIENT=websocket-client`, the
default) with a reader thread per connection (`WebsocketClientSocketMode`), chosen on
measurements (bench/socket_mode.py, README "Benchmarks"): after Slack's routine `disconnect`
(refresh_requested) a command on the new connection is acknowledged 0.03 s after the disconnect;
after a reset, a FIN without a close frame or a close frame the bot is back and answering within
0.04 s, using 0.02 CPU s. slack_sdk's builtin client (`SOCKET_MODE_CLIENT=builtin`, kept for
comparison) keeps reading the old connection until its 3 s receive timeout, so commands sent
then miss Slack's 3 s, and after a FIN spins a core for 35 s; the adapter as slack_sdk ships
it waited up to 10.5 s after back-to-back refreshes.

What is added to either client:
- a refused app-level token: at start, `AppTokenRefused` (bot/serve.py turns it into one line
  naming SLACK_APP_TOKEN and exit code 2); while running, one error line a minute at most while the
  client keeps trying, and every line the client repeats while it cannot connect at most once a
  minute (`RepeatFilter`);
- `SocketModeHealth`: `/healthz` answers 503 once Socket Mode has been disconnected for more
  than 30 s.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode import builtin, websocket_client
from slack_sdk.socket_mode.client import BaseSocketModeClient
from websocket import WebSocketApp

from bot.app import web_client
from bot.settings import SOCKET_MODE_CLIENTS, Settings
from bot.web import SlackWebApp, make_server, serve_in_thread, stop_server
from handlers.reply import slack_error
from knowledge.store import Store

# What apps.connections.open answers for an app-level token Slack will not take.
TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "not_allowed_token_type"}
)
UNHEALTHY_AFTER_S = 30.0
REPEAT_S = 60.0

log = logging.getLogger("bot.socket_mode")


class AppTokenRefused(Exception):
    """Slack refused the app-level token (SLACK_APP_TOKEN); `code` is its error."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class RepeatFilter(logging.Filter):
    """Lets a message through at most once per `seconds`: the Socket Mode client logs the same
    lines at every attempt while it cannot connect (session ids aside)."""

    _SESSION = re.compile(r"\(session id: [^)]*\)")

    def __init__(self, seconds: float = REPEAT_S, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self._seconds = seconds
        self._clock = clock
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = self._SESSION.sub("", record.getMessage())
        now = self._clock()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self._seconds:
                return False
            self._last[key] = now
            if len(self._last) > 1000:  # messages that vary forever: forget the oldest
                self._last.pop(next(iter(self._last)))
        return True


class TokenChecked(BaseSocketModeClient):
    """A Socket Mode client that tells a refused app-level token from other failures."""

    _refused_at = -REPEAT_S

    def is_open(self) -> bool:
        """Whether a connection to Slack is open now (for /healthz)."""
        return self.is_connected()

    def issue_new_wss_url(self) -> str:
        """A new connection URL from apps.connections.open; `AppTokenRefused` when the token
        is refused (slack_sdk's own version logs an error for every attempt)."""
        try:
            return str(self.web_client.apps_connections_open(app_token=self.app_token)["url"])
        except SlackApiError as error:
            code = slack_error(error)
            if code in TOKEN_ERRORS:
                raise AppTokenRefused(code) from None
            if code == "ratelimited":  # as slack_sdk does: wait as long as Slack says
                time.sleep(int(error.response.headers.get("Retry-After", "30")))
                return self.issue_new_wss_url()
            raise

    def connect_to_new_endpoint(self, force: bool = False) -> None:
        try:
            super().connect_to_new_endpoint(force)
        except AppTokenRefused as refused:
            now = time.monotonic()
            if now - self._refused_at >= REPEAT_S:
                self._refused_at = now
                log.error(
                    "SLACK_APP_TOKEN: Slack refused the app-level token (%s); still trying "
                    "to reconnect (logged once a minute)",
                    refused.code,
                )


class WebsocketClientSocketMode(TokenChecked, websocket_client.SocketModeClient):
    """slack_sdk's websocket-client adapter, token refusals told apart, and each connection read
    by a thread of its own from the moment it is made.

    slack_sdk reads whichever connection is current in one thread, which takes up a new one
    only after the old one's loop has ended and half a second more; the old one, closed from
    another thread, often ends only at its next 10 s select timeout, so after Slack's
    `refresh_requested` the new connection went unread, commands unanswered, for up to 10 s.
    Here a new connection is read at once, and the one it replaces is closed in the background,
    its end no reason to reconnect."""

    PING_TIMEOUT_S = 5.0  # no pong this long after a ping: the connection is dead

    def __init__(self, **options: Any) -> None:
        self._reading: set[WebSocketApp] = set()  # connections whose reader runs
        self._connecting = False
        super().__init__(**options)

    def is_connected(self) -> bool:
        """Whether the current connection is open or still opening: slack_sdk's monitor opens
        another when it is not, and so does a connection's end (`keep_running` is off then)."""
        session = self.current_session
        return self._connecting or (
            session is not None and session in self._reading and session.keep_running
        )

    def is_open(self) -> bool:
        session = self.current_session
        return session is not None and session.sock is not None and session.sock.connected

    def connect(self) -> None:
        replaced, self.current_session = self.current_session, None  # not closed in this thread
        self._connecting = True
        try:
            super().connect()
            session = self.current_session
            assert session is not None
            self._reading.add(session)
        finally:
            self._connecting = False
        threading.Thread(target=self._read, args=(session,), daemon=True).start()
        if replaced is not None:
            replaced.on_close = replaced.on_error = None
            threading.Thread(target=replaced.close, daemon=True).start()

    def _run_current_session(self) -> None:
        """slack_sdk's shared reader: unused, each connection has its own (`_read`)."""

    def _read(self, session: WebSocketApp) -> None:
        try:
            session.run_forever(
                ping_interval=self.ping_interval,
                ping_timeout=self.PING_TIMEOUT_S,
                http_proxy_host=self.http_proxy_host,
                http_proxy_port=self.http_proxy_port,
                http_proxy_auth=self.http_proxy_auth,
                proxy_type=self.proxy_type,
            )
        except Exception as error:  # as slack_sdk does: log, close, let the monitor reconnect
            self.logger.error("Socket Mode connection failed: %s", error)
            session.close()
        finally:
            self._reading.discard(session)


class BuiltinSocketMode(TokenChecked, builtin.SocketModeClient):
    """slack_sdk's builtin client, token refusals told apart."""


class BoltSocketMode(SocketModeHandler):
    """Bolt's Socket Mode handler (each envelope dispatched to the app, its response sent as the
    acknowledgement) on a client made here."""

    def __init__(self, app: App, client: BaseSocketModeClient) -> None:
        # Not Bolt's __init__: it would start a client of its own.
        self.app = app
        self.app_token = client.app_token
        self.client = client  # type: ignore[assignment]
        client.socket_mode_request_listeners.append(self.handle)  # type: ignore[arg-type]


def socket_mode_client(kind: str, app_token: str, api_url: str) -> TokenChecked:
    """The Socket Mode client `kind` (one of SOCKET_MODE_CLIENTS) for `app_token`, its Web API
    at `api_url`."""
    logger = logging.getLogger("bot.socket_mode.client")
    if not any(isinstance(f, RepeatFilter) for f in logger.filters):
        logger.addFilter(RepeatFilter())
    options: dict[str, Any] = {
        "app_token": app_token,
        "logger": logger,
        "web_client": web_client(None, api_url),
    }
    assert kind in SOCKET_MODE_CLIENTS, kind
    if kind == "builtin":
        return BuiltinSocketMode(**options)
    return WebsocketClientSocketMode(**options)


class SocketModeHealth:
    """Whether Socket Mode is connected, sampled every second: `problem()` says since when it
    has not been, once that is over `UNHEALTHY_AFTER_S` (for `/healthz`)."""

    def __init__(
        self, is_connected: Callable[[], bool], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._is_connected = is_connected
        self._clock = clock
        self._down_since: float | None = clock()  # not connected yet
        self._stop = threading.Event()

    def sample(self) -> None:
        if self._is_connected():
            self._down_since = None
        elif self._down_since is None:
            self._down_since = self._clock()

    def problem(self) -> str | None:
        """ "Socket Mode disconnected for N s" when it has been for over 30 s, else None."""
        self.sample()
        down_since = self._down_since
        if down_since is None or self._clock() - down_since <= UNHEALTHY_AFTER_S:
            return None
        return f"Socket Mode disconnected for {self._clock() - down_since:.0f} s"

    def start(self) -> None:
        def watch() -> None:
            while not self._stop.wait(1.0):
                self.sample()

        threading.Thread(target=watch, name="socket-mode-health", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()


def run_socket_mode(app: App, settings: Settings, store: Store, host: str | None) -> None:
    """Connects to Slack over Socket Mode and answers until interrupted, with `/healthz` on
    PORT. Raises `AppTokenRefused` when Slack refuses SLACK_APP_TOKEN at start."""
    client = socket_mode_client(
        settings.SOCKET_MODE_CLIENT, str(settings.SLACK_APP_TOKEN), settings.SLACK_API_URL
    )
    health = SocketModeHealth(client.is_open)
    server = make_server(
        SlackWebApp(app, store, slack_paths=(), checks=(health.problem,)),
        host or "0.0.0.0",
        settings.PORT,
    )
    serve_in_thread(server)
    try:
        log.info(
            "Socket Mode (%s): connecting (health check on port %s)",
            settings.SOCKET_MODE_CLIENT,
            server.effective_port,
        )
        BoltSocketMode(app, client).connect()  # type: ignore[no-untyped-call]
        health.start()
        threading.Event().wait()
    finally:
        health.stop()
        client.close()
        stop_server(server)
