from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings, describe_settings_error, get_settings
from knowledge.store import DEFAULT_DB_PATH
from tests.environment import SETTING_NAMES


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No setting from the developer's shell or .env leaks into these tests."""
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def settings_error(**environment: str) -> str:
    with pytest.raises(ValidationError) as raised:
        Settings(_env_file=None, **environment)  # type: ignore[call-arg]
    return describe_settings_error(raised.value)


def test_settings_defaults() -> None:
    settings = get_settings()
    assert settings.SLACK_BOT_TOKEN is None
    assert settings.SLACK_APP_TOKEN is None
    assert settings.SLACK_SIGNING_SECRET is None
    assert settings.SLACK_API_URL == "https://slack.com/api/"
    assert str(DEFAULT_DB_PATH) == settings.DATABASE_URL
    assert settings.DIGEST_CHANNELS == []
    assert settings.DIGEST_TIMEZONE == "UTC"
    assert settings.PORT == 3000
    assert settings.LOG_LEVEL == "INFO"


def test_settings_read_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-2-abc")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1-A1-abc")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "8f742231b10e8888abcd99yyyzzz85a5")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://bot@db/facts")
    monkeypatch.setenv("DIGEST_CHANNELS", "C0123ABCD, #peace-talks")
    monkeypatch.setenv("DIGEST_CRON", "30 7 * * mon-fri")
    monkeypatch.setenv("DIGEST_TIMEZONE", "Europe/Kyiv")
    monkeypatch.setenv("PORT", "8080")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = get_settings()
    assert settings.SLACK_BOT_TOKEN == "xoxb-1-2-abc"
    assert settings.SLACK_APP_TOKEN == "xapp-1-A1-abc"
    assert settings.DATABASE_URL == "postgresql+psycopg://bot@db/facts"
    assert settings.DIGEST_CHANNELS == ["C0123ABCD", "#peace-talks"]
    assert settings.DIGEST_CRON == "30 7 * * mon-fri"
    assert settings.DIGEST_TIMEZONE == "Europe/Kyiv"
    assert settings.PORT == 8080
    assert settings.LOG_LEVEL == "DEBUG"


def test_settings_read_dot_env_in_working_directory(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("PORT=4000\nLOG_LEVEL=warning\nUNRELATED=1\n")
    settings = get_settings()
    assert settings.PORT == 4000 and settings.LOG_LEVEL == "WARNING"


def test_settings_environment_beats_dot_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("PORT=4000\n")
    monkeypatch.setenv("PORT", "5000")
    assert get_settings().PORT == 5000


def test_settings_empty_values_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "")
    settings = get_settings()
    assert settings.PORT == 3000 and settings.SLACK_BOT_TOKEN is None


def test_settings_api_url_gets_trailing_slash() -> None:
    settings = Settings(_env_file=None, SLACK_API_URL="http://127.0.0.1:8888/api")  # type: ignore[call-arg]
    assert settings.SLACK_API_URL == "http://127.0.0.1:8888/api/"


def test_settings_database_url_may_be_a_plain_path() -> None:
    settings = Settings(_env_file=None, DATABASE_URL="data/other.sqlite3")  # type: ignore[call-arg]
    assert settings.DATABASE_URL == "data/other.sqlite3"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-user-token", "must be a bot token starting with xoxb-"),
        ("SLACK_APP_TOKEN", "xoxb-1", "must be an app-level token starting with xapp-"),
        ("SLACK_SIGNING_SECRET", "has spaces in it", "without spaces"),
        ("SLACK_API_URL", "slack.com/api", "must be an http(s) URL"),
        ("DATABASE_URL", "mysql://u@h/db", "unsupported database 'mysql'"),
        ("DIGEST_CHANNELS", "C0123ABCD,general channel", "'general' is not a channel ID"),
        ("DIGEST_CRON", "every morning", "is not a crontab expression"),
        ("DIGEST_TIMEZONE", "Mars/Olympus_Mons", "unknown time zone 'Mars/Olympus_Mons'"),
        ("PORT", "eighty", "valid integer"),
        ("PORT", "70000", "less than or equal to 65535"),
        ("LOG_LEVEL", "LOUD", "'LOUD' is not one of DEBUG, INFO"),
    ],
)
def test_settings_malformed_value_is_one_line_naming_it(
    name: str, value: str, expected: str
) -> None:
    line = settings_error(**{name: value})
    assert line.startswith(f"invalid setting {name}: ")
    assert expected in line
    assert "\n" not in line


def test_settings_error_does_not_echo_secrets() -> None:
    line = settings_error(SLACK_BOT_TOKEN="xoxp-very-secret")
    assert "very-secret" not in line


def test_settings_error_names_every_malformed_setting_on_one_line() -> None:
    line = settings_error(PORT="0", LOG_LEVEL="LOUD")
    assert "PORT:" in line and "LOG_LEVEL:" in line and "\n" not in line
