"""handlers.surface: the names and shapes the app and Slack call each other by."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.surface import (
    SUGGESTION_ACTION_ID,
    SUGGESTION_ACTION_PREFIX,
    clicked_value,
    is_channel_id,
    is_conversation_id,
    is_user_id,
    mention,
    strip_bot_mention,
)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("<@U0BOT> who is Umerov", "who is Umerov"),
        ("<@U0BOT|ukraine-bot>, who is Umerov", "who is Umerov"),
        ("  <@U0BOT> <@W0OTHER>: who is Umerov ", "who is Umerov"),
        ("who is <@U0BOT>", "who is <@U0BOT>"),  # only the mentions it starts with
        ("", ""),
    ],
)
def test_strip_bot_mention_leaves_the_question(text: str, question: str) -> None:
    assert strip_bot_mention(text) == question


@pytest.mark.parametrize(
    ("text", "user", "conversation", "channel"),
    [
        ("U024BE7LH", True, False, False),
        ("W0ENTERPRISE", True, False, False),
        ("C0123ABCD", False, True, True),
        ("G0PRIVATE", False, True, True),
        ("D0DIRECT", False, True, False),
        ("u024be7lh", False, False, False),
        ("<@U024BE7LH>", False, False, False),
        ("general", False, False, False),
        ("", False, False, False),
    ],
)
def test_id_shapes(text: str, user: bool, conversation: bool, channel: bool) -> None:
    assert (is_user_id(text), is_conversation_id(text), is_channel_id(text)) == (
        user,
        conversation,
        channel,
    )


def test_suggestion_action_ids_are_the_prefix_and_a_number() -> None:
    assert SUGGESTION_ACTION_ID.search(f"{SUGGESTION_ACTION_PREFIX}0")
    assert SUGGESTION_ACTION_ID.search(f"{SUGGESTION_ACTION_PREFIX}24")
    assert SUGGESTION_ACTION_ID.search("ask_suggestion")
    assert not SUGGESTION_ACTION_ID.search(f"{SUGGESTION_ACTION_PREFIX}x")
    assert not SUGGESTION_ACTION_ID.search("share_answer")


def test_mention_is_slacks_live_mention() -> None:
    assert mention("U024BE7LH") == "<@U024BE7LH>"


@pytest.mark.parametrize(
    ("body", "value"),
    [
        (
            {"actions": [{"action_id": "share_answer", "value": "who met Witkoff"}]},
            "who met Witkoff",
        ),
        ({"actions": [{"action_id": "share_answer"}]}, ""),
        ({"actions": []}, ""),
        ({}, ""),
    ],
)
def test_clicked_value_is_the_buttons_value_or_nothing(body: dict[str, Any], value: str) -> None:
    assert clicked_value(body) == value
