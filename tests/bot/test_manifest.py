"""manifest.yml asks Slack for exactly what the app listens to, so one paste installs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from handlers import share_answer, slash_command

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return data


def test_manifest_declares_the_slash_command_the_app_handles() -> None:
    commands = [c["command"] for c in manifest()["features"]["slash_commands"]]

    assert commands == [slash_command.COMMAND]


def test_manifest_subscribes_to_mentions_and_direct_messages() -> None:
    settings = manifest()["settings"]

    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert settings["interactivity"]["is_enabled"] is True  # the share_answer button
    assert share_answer.ACTION_ID == "share_answer"


def test_manifest_scopes_cover_every_listener_and_no_more() -> None:
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])

    assert scopes == {
        "app_mentions:read",
        "chat:write",
        "commands",
        "im:history",
        "im:read",
        "im:write",
    }


def test_manifest_enables_socket_mode_and_the_messages_tab() -> None:
    data = manifest()

    assert data["settings"]["socket_mode_enabled"] is True
    assert data["features"]["app_home"]["messages_tab_enabled"] is True
    assert data["features"]["bot_user"]["display_name"] == "ukraine-bot"
