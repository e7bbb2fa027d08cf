"""The multi-workspace install: Slack's OAuth flow, installations kept in the fact store's database.

With `SLACK_CLIENT_ID` and `SLACK_CLIENT_SECRET` set (HTTP mode), any workspace adds the bot
through `GET /slack/install` → Slack's consent page → `GET /slack/oauth_redirect`, which trades
the code for that workspace's bot token (oauth.v2.access) and saves the installation. Every
request afterwards is authorized with the token of the team it comes from; a team without an
installation is dropped with one log line naming it.

Installations and OAuth states live in the same database as the facts, so every replica on one
PostgreSQL database sees an installation made through any other, and an install started on one
replica can finish on another. The tables (`slack_installations`, `slack_bots`,
`slack_oauth_states`) have the layout of slack_sdk's SQLAlchemy stores, which cannot be used
here: they import SQLAlchemy's asyncio extension, and with SQLAlchemy 2.1 that needs greenlet.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.context import BoltContext
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore
from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    delete,
    desc,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine, RowMapping

from bot.settings import Settings

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_SECONDS = 600
# A bot token that expires within this many minutes is refreshed before it is used (Slack's
# token rotation: oauth.v2.access with grant_type=refresh_token), by Bolt for a request and by
# `bot.app.client_for` for work outside one. Bolt's own default; tokens live 12 hours.
TOKEN_ROTATION_MINUTES = 120
NOT_INSTALLED_MESSAGE = (
    "ukraine-bot is not installed in this workspace (any more): "
    "a workspace admin can add it again from the install page."
)
# Held while creating the tables, so replicas starting together on one PostgreSQL database do
# not race each other's CREATE TABLE.
_TABLES_LOCK = 0x756B7261

log = logging.getLogger("bot.install")

METADATA = MetaData()
INSTALLATIONS = Table(
    "slack_installations",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(32), nullable=False),
    Column("app_id", String(32), nullable=False),
    Column("enterprise_id", String(32)),
    Column("enterprise_name", String(200)),
    Column("enterprise_url", String(200)),
    Column("team_id", String(32)),
    Column("team_name", String(200)),
    Column("bot_token", String(200)),
    Column("bot_id", String(32)),
    Column("bot_user_id", String(32)),
    Column("bot_scopes", String(1000)),
    Column("bot_refresh_token", String(200)),
    Column("bot_token_expires_at", DateTime),
    Column("user_id", String(32), nullable=False),
    Column("user_token", String(200)),
    Column("user_scopes", String(1000)),
    Column("user_refresh_token", String(200)),
    Column("user_token_expires_at", DateTime),
    Column("incoming_webhook_url", String(200)),
    Column("incoming_webhook_channel", String(200)),
    Column("incoming_webhook_channel_id", String(200)),
    Column("incoming_webhook_configuration_url", String(200)),
    Column("is_enterprise_install", Boolean, default=False, nullable=False),
    Column("token_type", String(32)),
    Column("installed_at", DateTime, nullable=False, default=func.now()),
    Index(
        "slack_installations_idx",
        "client_id",
        "enterprise_id",
        "team_id",
        "user_id",
        "installed_at",
    ),
)
BOTS = Table(
    "slack_bots",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(32), nullable=False),
    Column("app_id", String(32), nullable=False),
    Column("enterprise_id", String(32)),
    Column("enterprise_name", String(200)),
    Column("team_id", String(32)),
    Column("team_name", String(200)),
    Column("bot_token", String(200)),
    Column("bot_id", String(32)),
    Column("bot_user_id", String(32)),
    Column("bot_scopes", String(1000)),
    Column("bot_refresh_token", String(200)),
    Column("bot_token_expires_at", DateTime),
    Column("is_enterprise_install", Boolean, default=False, nullable=False),
    Column("installed_at", DateTime, nullable=False, default=func.now()),
    Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)
OAUTH_STATES = Table(
    "slack_oauth_states",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("state", String(200), nullable=False),
    Column("expire_at", DateTime, nullable=False),
)
_DATETIMES = ("installed_at", "bot_token_expires_at", "user_token_expires_at")


class TokenRefreshError(Exception):
    """Slack refused to refresh an expiring bot token (`code`: invalid_refresh_token, ...):
    the workspace (`where`) has to install the app again."""

    def __init__(self, code: str, where: str) -> None:
        super().__init__(
            f"refreshing the bot token of {where} failed ({code}): "
            "install ukraine-bot there again through /slack/install"
        )
        self.code = code
        self.where = where


def oauth_configured(settings: Settings) -> bool:
    """Whether the settings ask for the multi-workspace install (client id and secret)."""
    return bool(settings.SLACK_CLIENT_ID and settings.SLACK_CLIENT_SECRET)


def scopes(settings: Settings) -> list[str]:
    """The bot scopes asked for at install, from the comma-separated `SLACK_SCOPES`."""
    return [scope.strip() for scope in settings.SLACK_SCOPES.split(",") if scope.strip()]


def oauth_flow(settings: Settings, engine: Engine, client: WebClient) -> OAuthFlow:
    """Bolt's OAuth flow for `settings`, its stores on `engine` (tables created if missing).

    oauth.v2.access, auth.test and token refreshes go through `client` (pointed at
    `SLACK_API_URL`), which, like the flow itself, should log through `quiet_logger()`.
    """
    client_id = settings.SLACK_CLIENT_ID
    client_secret = settings.SLACK_CLIENT_SECRET
    if not client_id or not client_secret:
        raise ValueError("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are both needed")
    create_tables(engine)
    installations = SQLInstallationStore(client_id, engine)
    oauth = OAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=scopes(settings),
        user_scopes=[],
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=installations,
        state_store=SQLOAuthStateStore(engine, STATE_SECONDS),
        state_expiration_seconds=STATE_SECONDS,
        callback_options=CallbackOptions(success=_installed, failure=_not_installed),
        token_rotation_expiration_minutes=TOKEN_ROTATION_MINUTES,
        logger=quiet_logger(),
    )
    oauth.authorize = TeamAuthorize(
        logger=log,
        installation_store=installations,
        client_id=client_id,
        client_secret=client_secret,
        client=client,
        cache_enabled=True,
        # Bolt refreshes an expiring token of a rotating installation before the request's
        # listener runs (it needs the client id and secret above, and saves the result).
        token_rotation_expiration_minutes=TOKEN_ROTATION_MINUTES,
    )
    return OAuthFlow(client=client, logger=quiet_logger(), settings=oauth)


def create_tables(engine: Engine) -> None:
    """Creates the installation and OAuth state tables if missing, one replica at a time."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _TABLES_LOCK})
        METADATA.create_all(connection)


def quiet_logger() -> logging.Logger:
    """The logger of the OAuth flow and its Web API client: never below INFO.

    At debug level slack_sdk logs each request's parameters and each response's body (for
    oauth.v2.access: the client secret and the new bot token) and Bolt the redirect's query
    (the code and state).
    """
    quiet = logging.getLogger("bot.install.flow")
    if _no_debug not in quiet.filters:
        quiet.addFilter(_no_debug)
    return quiet


def _no_debug(record: logging.LogRecord) -> bool:
    return record.levelno > logging.DEBUG


def _installed(args: SuccessArgs) -> BoltResponse:
    installation = args.installation
    log.info(
        "installed in team %s (%s) by %s",
        installation.team_id or installation.enterprise_id,
        installation.team_name or installation.enterprise_name,
        installation.user_id,
        extra={"team_id": installation.team_id},
    )
    return args.default.success(args)


def _not_installed(args: FailureArgs) -> BoltResponse:
    log.warning("install failed: %s", args.reason, extra={"reason": args.reason})
    return args.default.failure(args)


class TeamAuthorize(InstallationStoreAuthorize):
    """Bolt's installation-store authorize, saying which team had no installation."""

    def __call__(
        self,
        *,
        context: BoltContext,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        actor_enterprise_id: str | None = None,
        actor_team_id: str | None = None,
        actor_user_id: str | None = None,
    ) -> AuthorizeResult | None:
        result = super().__call__(
            context=context,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            actor_enterprise_id=actor_enterprise_id,
            actor_team_id=actor_team_id,
            actor_user_id=actor_user_id,
        )
        if result is None:
            where = f"team {team_id}" if team_id else f"enterprise {enterprise_id}"
            log.warning(
                "no installation for %s (or Slack refused its token): request dropped; "
                "install ukraine-bot there through %s",
                where,
                INSTALL_PATH,
                extra={"team_id": team_id, "enterprise_id": enterprise_id},
            )
        return result


# --- the stores ----------------------------------------------------------------------------------


class SQLInstallationStore(InstallationStore):
    """slack_sdk's `InstallationStore` on a SQLAlchemy engine (SQLite or PostgreSQL).

    Every installation is kept (the latest per workspace wins); `slack_bots` holds the bot
    tokens Bolt's authorize and `client_for` look up.
    """

    def __init__(self, client_id: str, engine: Engine) -> None:
        self.client_id = client_id
        self.engine = engine

    @property
    def logger(self) -> logging.Logger:
        return log

    def save(self, installation: Installation) -> None:
        with self.engine.begin() as connection:
            _upsert(connection, INSTALLATIONS, self.client_id, installation.to_dict())
            _upsert(connection, BOTS, self.client_id, installation.to_bot().to_dict())

    def save_bot(self, bot: Bot) -> None:
        with self.engine.begin() as connection:
            _upsert(connection, BOTS, self.client_id, bot.to_dict())

    def find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        team_id = None if is_enterprise_install else team_id
        query = (
            select(BOTS)
            .where(self._workspace(BOTS, enterprise_id, team_id), BOTS.c.bot_token.is_not(None))
            .order_by(desc(BOTS.c.installed_at), desc(BOTS.c.id))
            .limit(1)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        return None if row is None else Bot(**_entity(row))

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        team_id = None if is_enterprise_install else team_id
        where = self._workspace(INSTALLATIONS, enterprise_id, team_id)
        if user_id is not None:
            where = and_(where, INSTALLATIONS.c.user_id == user_id)
        query = (
            select(INSTALLATIONS)
            .where(where)
            .order_by(desc(INSTALLATIONS.c.installed_at), desc(INSTALLATIONS.c.id))
            .limit(1)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        if row is None:
            return None
        installation = Installation(**_entity(row))
        if user_id is not None or installation.bot_token is None:
            # A user's own installation may predate the workspace's latest bot token.
            bot = self.find_bot(
                enterprise_id=enterprise_id,
                team_id=team_id,
                is_enterprise_install=is_enterprise_install,
            )
            if bot is not None and bot.bot_token != installation.bot_token:
                installation.bot_id = bot.bot_id
                installation.bot_user_id = bot.bot_user_id
                installation.bot_token = bot.bot_token
                installation.bot_scopes = bot.bot_scopes
                installation.bot_refresh_token = bot.bot_refresh_token
                installation.bot_token_expires_at = bot.bot_token_expires_at
        return installation

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(BOTS).where(self._workspace(BOTS, enterprise_id, team_id)))

    def delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        where = self._workspace(INSTALLATIONS, enterprise_id, team_id)
        if user_id is not None:
            where = and_(where, INSTALLATIONS.c.user_id == user_id)
        with self.engine.begin() as connection:
            connection.execute(delete(INSTALLATIONS).where(where))

    def _workspace(
        self, table: Table, enterprise_id: str | None, team_id: str | None
    ) -> ColumnElement[bool]:
        return and_(
            table.c.client_id == self.client_id,
            _same(table.c.enterprise_id, enterprise_id),
            _same(table.c.team_id, team_id),
        )


class SQLOAuthStateStore(OAuthStateStore):
    """OAuth `state` values on a SQLAlchemy engine: issued once, consumed once, expiring."""

    def __init__(self, engine: Engine, expiration_seconds: int = STATE_SECONDS) -> None:
        self.engine = engine
        self.expiration_seconds = expiration_seconds

    @property
    def logger(self) -> logging.Logger:
        return log

    def issue(self, *_args: Any, **_kwargs: Any) -> str:
        state = secrets.token_urlsafe(32)
        now = _utc_naive(datetime.now(UTC))
        with self.engine.begin() as connection:
            connection.execute(delete(OAUTH_STATES).where(OAUTH_STATES.c.expire_at <= now))
            connection.execute(
                insert(OAUTH_STATES).values(
                    state=state, expire_at=now + timedelta(seconds=self.expiration_seconds)
                )
            )
        return state

    def consume(self, state: str) -> bool:
        """True once for an issued, unexpired state: one DELETE, so once across replicas too."""
        now = _utc_naive(datetime.now(UTC))
        with self.engine.begin() as connection:
            result = connection.execute(
                delete(OAUTH_STATES).where(
                    OAUTH_STATES.c.state == state, OAUTH_STATES.c.expire_at > now
                )
            )
            return int(getattr(result, "rowcount", 0) or 0) > 0


def _same(column: Column[Any], value: str | None) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def _utc_naive(moment: datetime) -> datetime:
    """Times are stored as naive UTC (the columns have no time zone, as in slack_sdk's stores)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _upsert(
    connection: Connection, table: Table, client_id: str, values: Mapping[str, Any]
) -> None:
    """Inserts the row, or updates the one saved at the same moment (a refreshed token)."""
    row = {key: value for key, value in values.items() if key in table.c and key != "id"}
    row["client_id"] = client_id
    for key in _DATETIMES:
        if isinstance(row.get(key), datetime):
            row[key] = _utc_naive(row[key])
    existing = connection.execute(
        select(table.c.id)
        .where(
            table.c.client_id == client_id,
            _same(table.c.enterprise_id, row.get("enterprise_id")),
            _same(table.c.team_id, row.get("team_id")),
            table.c.installed_at == row["installed_at"],
        )
        .limit(1)
    ).scalar()
    if existing is None:
        connection.execute(insert(table).values(**row))
    else:
        connection.execute(update(table).where(table.c.id == existing).values(**row))


def _entity(row: RowMapping) -> dict[str, Any]:
    """A row as `Installation` / `Bot` keyword arguments (the columns are theirs), times in UTC."""
    values = {str(key): value for key, value in row.items() if key not in {"id", "client_id"}}
    for key in _DATETIMES:
        if isinstance(values.get(key), datetime) and values[key].tzinfo is None:
            values[key] = values[key].replace(tzinfo=UTC)
    return values
