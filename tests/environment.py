"""The bot's settings as environment variables: what a test removes so that none of the
developer's shell or .env leaks in."""

from __future__ import annotations

SETTING_NAMES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "DIGEST_CHANNELS",
    "DIGEST_CRON",
    "DIGEST_TIMEZONE",
    "PORT",
    "LOG_LEVEL",
)
