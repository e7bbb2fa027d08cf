"""`ukraine-bot serve`: picks the transport from the settings and runs the bot on it.

- `SLACK_APP_TOKEN` (with `SLACK_BOT_TOKEN`): Socket Mode, plus `/healthz` on `PORT`.
- `SLACK_BOT_TOKEN` and `SLACK_SIGNING_SECRET`: HTTP mode on `PORT` (see bot/web.py).
- `SLACK_CLIENT_ID`, `SLACK_CLIENT_SECRET` and `SLACK_SIGNING_SECRET`: HTTP mode for any
  number of workspaces, installed through /slack/install (see bot/install.py).
- Neither: the local console on http://127.0.0.1:`PORT` (see bot/console/).

Half a configuration (a token without its secret) is an error naming the missing setting, not a
silent fallback to the console.
"""

from __future__ import annotations

import logging
from typing import Literal

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from bot.app import create_app
from bot.intake import start_feeds
from bot.scheduler import start_digests
from bot.settings import Settings
from bot.web import SlackWebApp, make_server, stop_server
from knowledge.store import Store

Transport = Literal["socket", "http", "console"]

log = logging.getLogger("bot.serve")


class ServeError(Exception):
    """The bot cannot start: one line naming the setting at fault (exit code 2)."""


def transport(settings: Settings) -> Transport:
    """Which transport the settings ask for; raises `ServeError` for half a configuration."""
    if settings.SLACK_CLIENT_ID or settings.SLACK_CLIENT_SECRET:
        return _oauth_transport(settings)
    if settings.SLACK_APP_TOKEN:
        if not settings.SLACK_BOT_TOKEN:
            raise ServeError(
                "SLACK_BOT_TOKEN is not set: Socket Mode needs the bot token (xoxb-…) "
                "as well as SLACK_APP_TOKEN"
            )
        return "socket"
    if settings.SLACK_BOT_TOKEN and settings.SLACK_SIGNING_SECRET:
        return "http"
    if settings.SLACK_BOT_TOKEN:
        raise ServeError(
            "SLACK_SIGNING_SECRET is not set: HTTP mode needs it with SLACK_BOT_TOKEN "
            "(or set SLACK_APP_TOKEN for Socket Mode)"
        )
    if settings.SLACK_SIGNING_SECRET:
        raise ServeError("SLACK_BOT_TOKEN is not set: HTTP mode needs it with SLACK_SIGNING_SECRET")
    return "console"


def _oauth_transport(settings: Settings) -> Transport:
    """The multi-workspace install (bot/install.py) runs in HTTP mode: it needs all three."""
    for name in ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET"):
        if not getattr(settings, name):
            raise ServeError(
                f"{name} is not set: the multi-workspace install (HTTP mode) needs "
                "SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET"
            )
    if settings.SLACK_APP_TOKEN:
        raise ServeError(
            "SLACK_APP_TOKEN is set: the multi-workspace install (SLACK_CLIENT_ID) runs in "
            "HTTP mode only; unset SLACK_APP_TOKEN, or SLACK_CLIENT_ID for Socket Mode"
        )
    return "http"


def serve(settings: Settings, store: Store, host: str | None = None) -> None:
    """Runs the bot until interrupted, on the transport the settings ask for."""
    mode = transport(settings)
    feeds = start_feeds(settings, store)  # FEEDS polled in every transport, console included
    try:
        if mode == "console":
            from bot.console import run_console

            run_console(settings, store, host=host or "127.0.0.1", port=settings.PORT)
            return
        app = _slack_app(settings, store)
        digests = start_digests(settings, store, app)
        try:
            _run_slack(mode, settings, store, app, host)
        finally:
            digests.shutdown()
    finally:
        if feeds is not None:
            feeds.shutdown()


def _run_slack(
    mode: Transport, settings: Settings, store: Store, app: App, host: str | None
) -> None:
    if mode == "http":
        server = make_server(SlackWebApp(app, store), host or "0.0.0.0", settings.PORT)
        log.info("HTTP mode: listening on port %s (/slack/events, /healthz)", server.effective_port)
        try:
            server.run()
        finally:
            stop_server(server)
        return
    from bot.socket_mode import AppTokenRefused, run_socket_mode

    try:
        run_socket_mode(app, settings, store, host)
    except AppTokenRefused as refused:
        raise ServeError(
            f"SLACK_APP_TOKEN: Slack refused the app-level token ({refused.code})"
        ) from None


def _slack_app(settings: Settings, store: Store) -> App:
    try:
        return create_app(settings, store, warm=True)
    except (BoltError, SlackApiError) as error:
        raise ServeError(f"SLACK_BOT_TOKEN: Slack refused the token ({_reason(error)})") from None
    except OSError as error:  # URLError, refused or timed-out connections
        raise ServeError(
            f"SLACK_API_URL: cannot reach {settings.SLACK_API_URL} "
            f"({getattr(error, 'reason', None) or error})"
        ) from None


def _reason(error: Exception) -> str:
    text = str(error)
    for code in ("invalid_auth", "not_authed", "account_inactive", "token_revoked"):
        if code in text:
            return code
    return text.splitlines()[0][:200] if text else type(error).__name__
