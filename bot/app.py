"""The Bolt app: one `App`, whatever carries the requests (Socket Mode, HTTP, local console).

    app = create_app(settings, store)            # tokens from settings
    app = create_app(settings, store, token=..., signing_secret=..., api_url=...)  # console
    client_for(app, team_id, enterprise_id)      # a Web API client for one workspace

One workspace (`SLACK_BOT_TOKEN`), or any number of them installed through Slack's OAuth flow
(`SLACK_CLIENT_ID` and `SLACK_CLIENT_SECRET`, see bot/install.py), each request then answered
with its own workspace's token. Every listener comes from `handlers.register_all`; this module
adds what sits in front of them: a Web API client with retries on rate limits, and
de-duplication of retried events through the store, so a retry reaching this or another replica
is answered once.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.oauth import OAuthFlow
from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.oauth.installation_store import Installation, InstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator

import handlers
from bot.install import (
    NOT_INSTALLED_MESSAGE,
    TOKEN_ROTATION_MINUTES,
    TokenRefreshError,
    oauth_configured,
    oauth_flow,
    quiet_logger,
)
from bot.intake import fetcher_from_settings
from bot.settings import Settings
from handlers.deps import Deps, slack_error
from handlers.surface import CHANNEL_THREAD_TYPES, MESSAGE_EVENT
from handlers.thread_reply import in_a_channel_thread
from knowledge.store import LiveFactBase, Store

EVENT_SCOPE = "slack_event"
EVENT_MEMORY = timedelta(days=2)

log = logging.getLogger("bot.app")


class NotInstalledError(LookupError):
    """The bot has no installation (no bot token) in the workspace asked for."""


def web_client(token: str | None, api_url: str, logger: logging.Logger | None = None) -> WebClient:
    """A Web API client that waits out rate limits (Retry-After) and retries dropped connections."""
    return configured_client(WebClient(token=token, logger=logger), api_url)


def configured_client(client: WebClient, api_url: str) -> WebClient:
    """`client` on `api_url`, with a 10 s timeout and retries on rate limits and dropped
    connections."""
    client.base_url = api_url
    client.timeout = 10
    client.retry_handlers = [
        RateLimitErrorRetryHandler(max_retry_count=2),
        ConnectionErrorRetryHandler(max_retry_count=1),
    ]
    return client


def client_for(app: App, team_id: str | None, enterprise_id: str | None = None) -> WebClient:
    """A Web API client posting as the bot in workspace `team_id` (for work outside a request).

    One workspace (`SLACK_BOT_TOKEN`): the app's own client, whatever `team_id` is. Installed
    through OAuth: a new client with the bot token of the workspace's latest installation (in
    Enterprise Grid `enterprise_id`'s workspace `team_id`), else of its organization's org-wide
    install (`is_enterprise_install`, which has no team), on the same API URL and retries as
    the app's; `NotInstalledError` when there is neither. A rotating token (one with a refresh
    token) that expires within `TOKEN_ROTATION_MINUTES` is refreshed first through slack_sdk's
    `TokenRotator`, and the refreshed installation saved; `TokenRefreshError` when Slack
    refuses the refresh.
    """
    installations = app.installation_store
    if installations is None:
        return app.client
    installation = _installation(installations, team_id, enterprise_id)
    if installation is None or not installation.bot_token:
        where = f"team {team_id or '(none given)'}"
        if enterprise_id:
            where += f" of enterprise {enterprise_id}"
        raise NotInstalledError(
            f"ukraine-bot is not installed in {where}: install it there through /slack/install"
        )
    if installation.bot_refresh_token and app.oauth_flow is not None:
        installation = _rotated(app.oauth_flow, installations, installation)
    return web_client(installation.bot_token, app.client.base_url)


def _installation(
    installations: InstallationStore, team_id: str | None, enterprise_id: str | None
) -> Installation | None:
    """The installation that posts in `team_id`: the workspace's own, else the org-wide one."""
    found = None
    if team_id:
        found = installations.find_installation(enterprise_id=enterprise_id, team_id=team_id)
    if found is None and enterprise_id:
        found = installations.find_installation(
            enterprise_id=enterprise_id, team_id=None, is_enterprise_install=True
        )
    return found


# One refresh at a time in this process: the digest jobs of two channels of one workspace,
# due together, refresh its token once (the second reads the first one's result).
_ROTATING = threading.Lock()


def _rotated(
    flow: OAuthFlow, installations: InstallationStore, installation: Installation
) -> Installation:
    """`installation` with its bot token refreshed when it expires within the margin (saved
    in the store), as Bolt's authorize does it for requests; unchanged otherwise."""
    rotator = TokenRotator(
        client_id=flow.client_id, client_secret=flow.settings.client_secret, client=flow.client
    )
    with _ROTATING:
        latest = _installation(
            installations,
            None if installation.is_enterprise_install else installation.team_id,
            installation.enterprise_id,
        )
        current = latest if latest is not None and latest.bot_token else installation
        try:
            refreshed = rotator.perform_token_rotation(
                installation=current, minutes_before_expiration=TOKEN_ROTATION_MINUTES
            )
        except SlackTokenRotationError as error:
            code = slack_error(error.api_error)
            raise TokenRefreshError(
                code, current.team_id or current.enterprise_id or "(unknown)"
            ) from error
        if refreshed is None:
            return current
        installations.save(refreshed)
    expires = refreshed.bot_token_expires_at
    log.info(
        "refreshed the bot token of %s %s (it now expires at %s)",
        "enterprise" if refreshed.is_enterprise_install else "team",
        refreshed.enterprise_id if refreshed.is_enterprise_install else refreshed.team_id,
        datetime.fromtimestamp(expires, UTC).isoformat(timespec="seconds") if expires else "?",
        extra={"team_id": refreshed.team_id, "enterprise_id": refreshed.enterprise_id},
    )
    return refreshed


def create_app(
    settings: Settings,
    store: Store,
    *,
    token: str | None = None,
    signing_secret: str | None = None,
    api_url: str | None = None,
    verify_token: bool = True,
    warm: bool = False,
) -> App:
    """The Bolt app with every listener, answering from `store`.

    `token`, `signing_secret` and `api_url` default to the settings. `verify_token` calls
    auth.test at start, so a revoked or mistyped token fails at once. Without a `token` given,
    `SLACK_CLIENT_ID` and `SLACK_CLIENT_SECRET` make it the multi-workspace app: installs at
    /slack/install, installations and OAuth states in `store`'s database (tables created
    here), each request authorized with its team's bot token; `SLACK_BOT_TOKEN` is then unused.
    `warm` loads the fact base and builds its indexes before returning (as `serve` does), so
    the first question after start is as fast as the next.
    """
    api_url = api_url or settings.SLACK_API_URL
    bolt: dict[str, Any] = {
        "signing_secret": signing_secret or settings.SLACK_SIGNING_SECRET,
        "logger": logging.getLogger("bot.bolt"),
        # An event no listener takes is acknowledged by handlers/unhandled.py, not a 404.
        "raise_error_for_unhandled_request": True,
        # Bolt's AI-assistant helpers (a say() that reads the DM thread first, set_status ...)
        # are for apps with the assistant feature; this one answers DMs as messages.
        "attaching_conversation_kwargs_enabled": False,
    }
    if token is None and oauth_configured(settings):
        if settings.SLACK_BOT_TOKEN:
            log.warning(
                "SLACK_BOT_TOKEN is not used: with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET each "
                "workspace's token comes from its installation"
            )
        app = App(
            client=web_client(None, api_url),
            oauth_flow=oauth_flow(
                settings, store.engine, web_client(None, api_url, logger=quiet_logger())
            ),
            user_facing_authorize_error_message=NOT_INSTALLED_MESSAGE,
            **bolt,
        )
        app.enable_token_revocation_listeners()  # app_uninstalled, tokens_revoked: forget it
    else:
        # The token goes to Bolt itself, which makes the client from it: given a client of
        # ours instead, Bolt still reads SLACK_BOT_TOKEN from the environment and warns at
        # every start that the token it found there is unused. Its client is then pointed at
        # the API URL, and the token checked there (Bolt would check it at slack.com).
        app = App(token=token or settings.SLACK_BOT_TOKEN, token_verification_enabled=False, **bolt)
        configured_client(app.client, api_url)
        if verify_token:
            app.client.auth_test()
    app.use(_once_per_event(store))
    live = LiveFactBase(store)
    if warm:
        live.warm()
    deps = Deps(
        store=store,
        facts=live.get,
        timezone=settings.DIGEST_TIMEZONE,
        default_channels=tuple(settings.DIGEST_CHANNELS),
        schedule_admins=tuple(settings.DIGEST_ADMINS),
        fetcher=fetcher_from_settings(settings),
        ingest_users=tuple(settings.INGEST_ALLOWED_USERS),
        ingest_channels=tuple(settings.INGEST_ALLOWED_CHANNELS),
    )
    handlers.register_all(app, deps)
    store.forget_claims(EVENT_SCOPE, datetime.now(UTC) - EVENT_MEMORY)
    return app


def _once_per_event(store: Store) -> Any:
    """Middleware: an Events API event (or a Socket Mode envelope of one) is handled once.

    Slack retries an event it thinks went unanswered (X-Slack-Retry-Num, or retry_attempt in
    Socket Mode) with the same event_id; the first request to claim that id in the store is
    handled, every later one is acknowledged and dropped. The claim is made before answering:
    a replica that crashes mid-answer loses that answer rather than risk posting it twice.
    A channel's message outside a thread (`message.channels` sends every one) is never
    answered, so it claims nothing: the claims table does not grow with the channels' chatter.
    """

    def once_per_event(body: dict[str, Any], next: Any, logger: logging.Logger) -> Any:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not _channel_chatter(body.get("event")):
            key = f"{body.get('team_id') or body.get('enterprise_id') or ''}:{event_id}"
            if not store.claim(EVENT_SCOPE, key):
                logger.info("event %s already handled: this retry is dropped", event_id)
                return BoltResponse(status=200, body="")
        next()
        return None

    return once_per_event


def _channel_chatter(event: Any) -> bool:
    """A message in a channel or private channel, not in a thread: no listener answers it."""
    return (
        isinstance(event, dict)
        and event.get("type") == MESSAGE_EVENT
        and event.get("channel_type") in CHANNEL_THREAD_TYPES
        and not in_a_channel_thread(event)
    )
