"""Logging for every command: text or JSON lines (`LOG_FORMAT`), Slack secrets redacted.

    configure_logging(settings)        # once per command, from bot/cli.py

`LOG_FORMAT=text` writes `LEVEL logger: message`; `LOG_FORMAT=json` one JSON object per line
with `time` (ISO 8601, UTC), `level`, `logger`, `message`, every `extra` field the call passed
(bot/web.py's `http_method`, `path`, `status`) and `exc_info` as one string. In both, every
record passes `RedactSecrets` first: Slack tokens (`xoxb-`, `xoxp-`, `xapp-`, `xoxe-` …), the
configured secrets, the verification token of Slack's payloads (`"token": …`, `token=…`) and the
ticket of a Socket Mode URL are replaced in the message, its arguments, extra fields and
tracebacks, so what an exception or a library (slack_sdk and Bolt at DEBUG log whole bodies)
puts in a log line never reaches the output.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from pythonjsonlogger.json import JsonFormatter

from bot.settings import SECRET_SETTINGS, Settings

TEXT_FORMAT = "%(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"
# Bot, user, app-level, configuration and refresh tokens, rotating ones ("xoxe.xoxb-1-…")
# included; the prefix is kept so a redacted line still says which kind of token it was.
SLACK_TOKEN = re.compile(r"\b(xox[a-z](?:\.xox[a-z])?-|xapp-)[A-Za-z0-9-]+")
# What a request's or response's body holds that only Slack and the bot may see, wherever a
# library logs one whole (DEBUG): the deprecated verification token Slack still sends in every
# payload (`"token": "…"`, in JSON, a dict's repr or escaped JSON, or `token=…` in a form), any
# `…_token` field, and the one-time ticket of a Socket Mode URL (`wss://…/link/?ticket=…`).
# (Slack's own tokens there are left to SLACK_TOKEN, which keeps their kind.)
_NOT_SLACK_TOKEN = r"(?!(?:xox[a-z]|xapp)[.-])"
TOKEN_FIELD = re.compile(
    rf"""((?:\\?["'])(?:\w+_)?token(?:\\?["'])\s*:\s*(?:\\?["'])){_NOT_SLACK_TOKEN}[^"'\\]+"""
)
FORM_TOKEN = re.compile(rf"""((?<![\w-])(?:\w+_)?token=){_NOT_SLACK_TOKEN}[^&\s"']+""")
TICKET = re.compile(r"""((?<![\w-])ticket=)[^&\s"'\\]+""")
# What a LogRecord holds of its own; anything else on a record came in through `extra`.
_RECORD_ATTRIBUTES = frozenset(
    [*logging.LogRecord("", 0, "", 0, "", None, None).__dict__, "message", "asctime"]
)


class RedactSecrets(logging.Filter):
    """Replaces Slack tokens and the given secret values in a record before any formatter
    sees it: the message with its arguments merged, extra fields, traceback and stack."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        # Longest first, so a secret containing another is replaced whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """`text` with every Slack token and configured secret replaced."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        for pattern in (SLACK_TOKEN, TOKEN_FIELD, FORM_TOKEN, TICKET):
            text = pattern.sub(lambda match: match.group(1) + REDACTED, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit the format: keep both
            message = f"{record.msg!s} (arguments: {record.args!r})"
        record.msg, record.args = self.redact(message), ()
        if record.exc_info:
            # exc_text is what both formatters print when exc_info is gone.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        for name, value in list(record.__dict__.items()):
            if name in _RECORD_ATTRIBUTES or value is None or isinstance(value, int | float):
                continue
            text = value if isinstance(value, str) else str(value)
            redacted = self.redact(text)
            if redacted != text:
                setattr(record, name, redacted)
        return True


class JsonLines(JsonFormatter):
    """One JSON object per record, `time` first."""

    def __init__(self) -> None:
        super().__init__(
            "%(levelname)s %(name)s %(message)s",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
            json_ensure_ascii=False,
        )

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        return {"time": log_data.pop("time"), **log_data}


def secrets_of(settings: Settings) -> list[str]:
    """The configured values of the secret settings (tokens, signing and client secrets)."""
    values = (getattr(settings, name, None) for name in sorted(SECRET_SETTINGS))
    return [value for value in values if isinstance(value, str) and value]


class LogHandler(logging.StreamHandler[TextIO]):
    """Writes records to a stream (stderr) in the configured format, secrets redacted."""

    def __init__(self, settings: Settings, stream: TextIO | None = None) -> None:
        super().__init__(stream if stream is not None else sys.stderr)
        self.setFormatter(
            JsonLines() if settings.LOG_FORMAT == "json" else logging.Formatter(TEXT_FORMAT)
        )
        self.addFilter(RedactSecrets(secrets_of(settings)))


def configure_logging(settings: Settings, stream: TextIO | None = None) -> None:
    """Sends every log record to stderr in `LOG_FORMAT` at `LOG_LEVEL`, secrets redacted.

    Like `logging.basicConfig`, it leaves alone a root logger that has handlers someone else
    installed (pytest's, an application embedding the bot); called again, it replaces its own.
    """
    root = logging.getLogger()
    if any(not isinstance(handler, LogHandler) for handler in root.handlers):
        return
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(LogHandler(settings, stream))
    root.setLevel(settings.LOG_LEVEL)
