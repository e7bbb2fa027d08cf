"""The bot's settings as environment variables: what a test removes so that none of the
developer's shell or .env leaks in."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings

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


def only_settings(monkeypatch: pytest.MonkeyPatch, folder: Path, **settings: str) -> None:
    """Works in `folder` (so no .env of the developer's is read), with none of the bot's
    settings in the environment but `settings` (and the tests' own CACHE_DIR, see conftest)."""
    monkeypatch.chdir(folder)
    for name in Settings.model_fields:
        if name != "CACHE_DIR":
            monkeypatch.delenv(name, raising=False)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
