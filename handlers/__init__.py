"""Slack listeners, one per module, each with `register(app, deps)` (see DESIGN.md)."""

from __future__ import annotations

from slack_bolt import App

from handlers import (
    app_mention,
    ask_suggestion,
    direct_message,
    share_answer,
    slash_command,
)
from handlers.deps import Deps

LISTENERS = (slash_command, app_mention, direct_message, share_answer, ask_suggestion)


def register_all(app: App, deps: Deps) -> None:
    """Registers every listener on `app`."""
    for module in LISTENERS:
        module.register(app, deps)
