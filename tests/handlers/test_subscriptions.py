"""handlers.subscriptions, called directly: `/ukraine subscribe | unsubscribe | subscription |
digest` on a channel, against the store of the hand-built fact base."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from unittest.mock import Mock

import pytest

from handlers import subscriptions
from knowledge.schedules import EXAMPLES
from knowledge.store import Store, Subscription
from tests.handlers.fakes import NOW, fake_deps
from tests.slack_stub import texts


def command(channel: str = "C0CHANNEL") -> dict[str, Any]:
    return {"channel_id": channel, "user_id": "U0ASKER", "team_id": "T0TEAM"}


def shown(reply: subscriptions.Reply) -> str:
    return " ".join(texts(reply.message))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("subscribe daily 09:00", ("subscribe", "daily 09:00")),
        ("  DIGEST ", ("digest", "")),
        ("unsubscribe now", ("unsubscribe", "now")),
        ("who met Witkoff", None),
        ("subscriber numbers", None),
        ("", None),
    ],
)
def test_command_of_tells_the_digest_words_from_a_question(
    text: str, words: tuple[str, str] | None
) -> None:
    assert subscriptions.command_of(text) == words


def test_handle_outside_a_channel_says_it_cannot_tell_where(store: Store) -> None:
    reply = subscriptions.handle(fake_deps(store), "subscribe", "daily 09:00", command("general"))

    assert not reply.public
    assert "I could not tell which channel this is" in shown(reply)
    assert store.subscription("general") is None


def test_subscribe_saves_the_schedule_and_tells_the_channel(store: Store) -> None:
    deps = fake_deps(store, timezone="Europe/Kyiv")

    reply = subscriptions.handle(deps, "subscribe", "weekdays 08:30", command())

    assert reply.public
    assert "<@U0ASKER> subscribed this channel" in shown(reply)
    assert "The first one comes Tue 24 Nov 2026 at 08:30 Europe/Kyiv" in shown(reply)
    saved = store.subscription("C0CHANNEL")
    assert saved is not None and saved.schedule == "weekdays 08:30 Europe/Kyiv"
    assert (saved.subscribed_by, saved.team_id) == ("U0ASKER", "T0TEAM")


@pytest.mark.parametrize(
    ("rest", "complaint"),
    [("", f"For example: {EXAMPLES}"), ("hourly", "'hourly' is not a schedule")],
)
def test_subscribe_without_a_schedule_it_can_read_tells_only_the_typist(
    store: Store, rest: str, complaint: str
) -> None:
    reply = subscriptions.handle(fake_deps(store), "subscribe", rest, command())

    assert not reply.public and complaint in shown(reply)
    assert store.subscription("C0CHANNEL") is None


def test_words_after_unsubscribe_are_refused(store: Store) -> None:
    reply = subscriptions.handle(fake_deps(store), "unsubscribe", "now", command())

    assert not reply.public and "`/ukraine unsubscribe` takes nothing after it." in shown(reply)


def test_unsubscribe_removes_the_schedule(store: Store) -> None:
    store.subscribe("C0CHANNEL", "daily 09:00 UTC", subscribed_by="U0ASKER")

    reply = subscriptions.handle(fake_deps(store), "unsubscribe", "", command())

    assert reply.public and "turned off the peace-talks digest" in shown(reply)
    assert store.subscription("C0CHANNEL") is None


def test_unsubscribe_of_a_channel_from_the_settings_keeps_it_off(store: Store) -> None:
    store.subscribe("C0CHANNEL", "cron 0 8 * * 1-5 UTC", subscribed_by=None)
    # Set in the settings: no subscriber, so one of DIGEST_ADMINS (or a workspace admin).
    deps = fake_deps(store, default_channels=("C0CHANNEL",), schedule_admins=("U0ASKER",))

    subscriptions.handle(deps, "unsubscribe", "", command())

    saved = store.subscription("C0CHANNEL")
    assert saved is not None and saved.is_off


def test_unsubscribe_without_a_subscription_says_so(store: Store) -> None:
    reply = subscriptions.handle(fake_deps(store), "unsubscribe", "", command())

    assert not reply.public and "This channel has no digest subscription." in shown(reply)


def test_subscription_describes_the_schedule_and_the_next_digest(store: Store) -> None:
    store.subscribe("C0CHANNEL", "daily 09:00 UTC", subscribed_by="U0ASKER")

    reply = subscriptions.handle(fake_deps(store), "subscription", "", command())

    assert not reply.public
    assert "every day at 09:00 (UTC), subscribed by <@U0ASKER>" in shown(reply)
    assert "The next one comes Mon 23 Nov 2026 at 09:00 UTC." in shown(reply)


def test_subscription_of_a_failing_channel_says_it_is_paused_and_why() -> None:
    store = Mock(Store)
    store.subscription.return_value = Subscription(
        channel="C0CHANNEL",
        schedule="daily 09:00 UTC",
        subscribed_by=None,
        created_at=NOW - timedelta(days=3),
        posted_until=NOW - timedelta(days=1),
        failing_since=NOW - timedelta(hours=22),
        failure="not_in_channel",
    )

    reply = subscriptions.handle(fake_deps(store), "subscription", "", command())

    assert "set in the bot's settings (DIGEST_CHANNELS)" in shown(reply)
    assert "It is paused: Slack refused the last post (`not_in_channel`)" in shown(reply)
    assert "The next one comes" not in shown(reply)


def test_subscription_without_one_says_how_to_start_one(store: Store) -> None:
    reply = subscriptions.handle(fake_deps(store), "subscription", "", command())

    assert "This channel gets no digest." in shown(reply)
    assert "`/ukraine subscribe daily 09:00` starts one" in shown(reply)


def test_digest_now_shows_what_came_in_privately_and_marks_nothing_posted(store: Store) -> None:
    deps = fake_deps(store, facts=store.load_factbase, clock=lambda: datetime.now(UTC))

    reply = subscriptions.handle(deps, "digest", "", command())

    assert not reply.public
    assert "Digest:" in shown(reply) and "Key figures" in shown(reply)
    assert store.subscription("C0CHANNEL") is None
