"""The bot's settings, from the environment or `.env` (see DESIGN.md, "Settings")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from knowledge.locations import DEFAULT_DB_PATH, StoreError, sqlite_path

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# slack_sdk's Socket Mode clients that bot/socket_mode.py can run on.
SOCKET_MODE_CLIENTS = ("websocket-client", "builtin")
LOG_FORMATS = ("text", "json")
SECRET_SETTINGS = frozenset(
    {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_SECRET"}
)
# What the app asks for when installed through /slack/install (the scopes of manifest.yml and
# deploy/manifest.http.yml, which tests/bot/test_manifest.py holds to this).
DEFAULT_SCOPES = (
    "app_mentions:read,channels:history,chat:write,commands,files:write,groups:history,"
    "im:history,im:read,im:write,users:read"
)
_CHANNEL = re.compile(r"^(?:[CGD][A-Z0-9]{6,}|#[a-z0-9][a-z0-9._-]{0,79})$")
_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CONVERSATION = re.compile(r"^[CGD][A-Z0-9]{2,}$")


class Settings(BaseSettings):
    """Every setting, typed and checked; a malformed value fails naming the setting."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_ignore_empty=True)

    SLACK_BOT_TOKEN: str | None = None
    SLACK_SIGNING_SECRET: str | None = None
    SLACK_APP_TOKEN: str | None = None
    SLACK_API_URL: str = "https://slack.com/api/"
    SLACK_CLIENT_ID: str | None = None
    SLACK_CLIENT_SECRET: str | None = None
    SLACK_SCOPES: str = DEFAULT_SCOPES
    DATABASE_URL: str = str(DEFAULT_DB_PATH)
    DIGEST_CHANNELS: Annotated[list[str], NoDecode] = Field(default_factory=list)
    DIGEST_CRON: str = "0 8 * * 1-5"
    DIGEST_TIMEZONE: str = "UTC"
    # Users (U… ids) who may replace or remove any channel's digest schedule, besides whoever
    # subscribed it and the workspace's admins.
    DIGEST_ADMINS: Annotated[list[str], NoDecode] = Field(default_factory=list)
    PORT: int = Field(default=3000, ge=1, le=65535)
    LOG_LEVEL: str = "INFO"
    LOG_FORMAT: str = "text"
    SOCKET_MODE_CLIENT: str = SOCKET_MODE_CLIENTS[0]
    # Intake (knowledge/intake/): feeds polled, the fetcher's one allowance, who may add.
    FEEDS: Annotated[list[str], NoDecode] = Field(default_factory=list)
    FEED_INTERVAL: int = Field(default=15, ge=1, le=24 * 60)  # minutes
    FEED_MAX_FAILURES: int = Field(default=5, ge=1, le=1000)
    FETCH_ALLOW_PRIVATE: bool = False
    INGEST_ALLOWED_USERS: Annotated[list[str], NoDecode] = Field(default_factory=list)
    INGEST_ALLOWED_CHANNELS: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Processes extracting facts in `build` and `ingest` (0: one per core; one for one article).
    EXTRACT_PROCESSES: int = Field(default=0, ge=0, le=256)
    # Where a PostgreSQL store's snapshot and saved indexes are kept (none: default_cache_dir()).
    CACHE_DIR: str | None = None

    @field_validator("SLACK_BOT_TOKEN")
    @classmethod
    def _bot_token(cls, value: str | None) -> str | None:
        return _token(value, "xoxb-", "a bot token")

    @field_validator("SLACK_APP_TOKEN")
    @classmethod
    def _app_token(cls, value: str | None) -> str | None:
        return _token(value, "xapp-", "an app-level token")

    @field_validator("SLACK_SIGNING_SECRET")
    @classmethod
    def _signing_secret(cls, value: str | None) -> str | None:
        if value is not None and (not value.strip() or re.search(r"\s", value.strip())):
            raise ValueError("must be the app's signing secret, without spaces")
        return None if value is None else value.strip()

    @field_validator("SLACK_API_URL")
    @classmethod
    def _api_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return value.strip() if value.strip().endswith("/") else value.strip() + "/"

    @field_validator("DATABASE_URL")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if sqlite_path(value) is None:  # a URL; a file path needs neither check nor SQLAlchemy
            from knowledge.store import database_url

            try:
                database_url(value.strip())
            except StoreError as exc:
                raise ValueError(str(exc)) from None
        return value.strip()

    @field_validator("DIGEST_CHANNELS", mode="before")
    @classmethod
    def _channels(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part for part in re.split(r"[,\s]+", value) if part]
        if isinstance(value, list):
            for channel in value:
                if not isinstance(channel, str) or not _CHANNEL.match(channel):
                    raise ValueError(
                        f"{channel!r} is not a channel ID (C0123ABCD) or #channel-name"
                    )
        return value

    @field_validator("DIGEST_ADMINS", mode="before")
    @classmethod
    def _admins(cls, value: Any) -> Any:
        return _ids(value, _USER, "a Slack user ID (U0123ABCD)")

    @field_validator("FEEDS", mode="before")
    @classmethod
    def _feeds(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part for part in re.split(r"[,\s]+", value) if part]
        if isinstance(value, list):
            for url in value:
                parts = urlsplit(url) if isinstance(url, str) else None
                if parts is None or parts.scheme not in {"http", "https"} or not parts.netloc:
                    raise ValueError(f"{url!r} is not an http(s) URL of a feed")
        return value

    @field_validator("INGEST_ALLOWED_USERS", mode="before")
    @classmethod
    def _allowed_users(cls, value: Any) -> Any:
        return _ids(value, _USER, "a user ID (U0123ABCD)")

    @field_validator("INGEST_ALLOWED_CHANNELS", mode="before")
    @classmethod
    def _allowed_channels(cls, value: Any) -> Any:
        return _ids(value, _CONVERSATION, "a channel ID (C0123ABCD)")

    @field_validator("DIGEST_TIMEZONE")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (try Europe/Kyiv or UTC)") from None
        return value.strip()

    @field_validator("DIGEST_CRON")
    @classmethod
    def _cron(cls, value: str) -> str:
        from apscheduler.triggers.cron import CronTrigger  # type: ignore[import-untyped]

        from knowledge.schedules import apscheduler_crontab

        try:
            CronTrigger.from_crontab(apscheduler_crontab(value.strip()))
        except ValueError as exc:
            raise ValueError(
                f"{value!r} is not a crontab expression (minute hour day month weekday): {exc}"
            ) from None
        return value.strip()

    @field_validator("LOG_LEVEL")
    @classmethod
    def _log_level(cls, value: str) -> str:
        return _one_of(value, LOG_LEVELS, str.upper)

    @field_validator("LOG_FORMAT")
    @classmethod
    def _log_format(cls, value: str) -> str:
        return _one_of(value, LOG_FORMATS, str.lower)

    @field_validator("SOCKET_MODE_CLIENT")
    @classmethod
    def _socket_mode_client(cls, value: str) -> str:
        return _one_of(value, SOCKET_MODE_CLIENTS, str.lower)


def _ids(value: Any, shape: re.Pattern[str], what: str) -> Any:
    """A list of Slack IDs from "U1, U2" (or a list), each checked against `shape`."""
    if isinstance(value, str):
        value = [part for part in re.split(r"[,\s]+", value) if part]
    if isinstance(value, list):
        for item in value:
            if not isinstance(item, str) or not shape.match(item):
                raise ValueError(f"{item!r} is not {what}")
    return value


def _token(value: str | None, prefix: str, what: str) -> str | None:
    if value is None:
        return None
    token = value.strip()
    if not token.startswith(prefix) or len(token) <= len(prefix) or re.search(r"\s", token):
        raise ValueError(f"must be {what} starting with {prefix}")
    return token


def _one_of(value: str, choices: tuple[str, ...], spelling: Callable[[str], str]) -> str:
    """`value` in the spelling of `choices` (`str.upper`: any case), or a ValueError naming
    them all."""
    chosen = spelling(value.strip())
    if chosen not in choices:
        raise ValueError(f"{value!r} is not one of {', '.join(choices)}")
    return chosen


def get_settings(**overrides: Any) -> Settings:
    """The settings from the environment and `.env`; `overrides` win (tests pass their own)."""
    return Settings(**overrides)


def describe_settings_error(error: ValidationError) -> str:
    """One line naming each malformed setting and what is wrong with it (secrets not echoed)."""
    problems = []
    for item in error.errors():
        name = ".".join(str(part) for part in item["loc"]) or "settings"
        setting = name.split(".")[0]
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] not in {"value_error"} and setting not in SECRET_SETTINGS:
            message += f" (got {item['input']!r})"
        problems.append(f"{setting}: {message}")
    return "invalid setting " + "; ".join(problems)
