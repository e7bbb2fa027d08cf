"""`/ukraine subscribe | unsubscribe | subscription | digest` through the real Bolt app."""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt import App

from knowledge.store import Store
from tests.slack_app import make_app
from tests.slack_requests import signed, slash
from tests.slack_stub import SlackStub, acked_message, blocks_of, texts


def run(app: App, stub: SlackStub, text: str, **extra: str) -> dict[str, Any]:
    """Dispatches `/ukraine TEXT` and returns the message its acknowledgement carried."""
    response = app.dispatch(signed(slash(text, stub, **extra)))
    assert response.status == 200
    return acked_message(response.body)


def shown(reply: dict[str, Any]) -> str:
    return " ".join(texts(reply.get("blocks") or [])) + " " + str(reply.get("text") or "")


def test_subscribe_then_subscription_then_unsubscribe(store: Store, stub: SlackStub) -> None:
    app = make_app(store, stub, DIGEST_TIMEZONE="Europe/Kyiv")

    reply = run(app, stub, "subscribe weekdays 08:30")
    assert reply["response_type"] == "ephemeral" and reply["text"].startswith("Done:")
    # The channel learns of its new digest from the bot, posted at once.
    confirmed = stub.of("chat.postMessage")[0].body
    assert confirmed["channel"] == "C0CHANNEL"
    assert "<@U0ASKER> subscribed this channel" in confirmed["text"]
    assert "every weekday at 08:30 (Europe/Kyiv)" in confirmed["text"]
    subscription = store.subscription("C0CHANNEL")
    assert subscription is not None
    assert subscription.schedule == "weekdays 08:30 Europe/Kyiv"
    assert (subscription.subscribed_by, subscription.team_id) == ("U0ASKER", "T0TEAM")

    reply = run(app, stub, "subscription")
    assert reply["response_type"] == "ephemeral"
    assert "every weekday at 08:30 (Europe/Kyiv), subscribed by <@U0ASKER>" in shown(reply)
    assert "The next one comes" in shown(reply)

    reply = run(app, stub, "unsubscribe")
    assert reply["response_type"] == "in_channel" and "turned off" in shown(reply)
    assert store.subscription("C0CHANNEL") is None
    assert "This channel gets no digest" in shown(run(app, stub, "subscription"))
    assert "has no digest subscription" in shown(run(app, stub, "unsubscribe"))


def test_a_time_zone_given_wins_over_the_settings(store: Store, stub: SlackStub) -> None:
    app = make_app(store, stub, DIGEST_TIMEZONE="Europe/Kyiv")

    run(app, stub, "subscribe weekly mon 09:00 America/New_York")

    subscription = store.subscription("C0CHANNEL")
    assert subscription is not None and subscription.schedule == "weekly mon 09:00 America/New_York"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("subscribe hourly", "'hourly' is not a schedule"),
        ("subscribe daily 25:00", "'25:00' is not a time of day"),
        ("subscribe weekly 09:00", "is not a day of the week"),
        ("subscribe daily 09:00 Mars/Olympus", "'Mars/Olympus' is not a time zone"),
        ("unsubscribe now", "takes nothing after it"),
    ],
)
def test_bad_schedules_get_a_clear_private_message_with_examples(
    store: Store, stub: SlackStub, text: str, complaint: str
) -> None:
    app = make_app(store, stub)

    reply = run(app, stub, text)

    assert reply["response_type"] == "ephemeral"
    assert complaint in shown(reply)
    if text.startswith("subscribe"):
        assert "weekdays 08:30" in shown(reply)  # the examples
    assert store.subscription("C0CHANNEL") is None


def test_unsubscribing_a_channel_from_the_settings_keeps_it_off(
    store: Store, stub: SlackStub
) -> None:
    app = make_app(store, stub, DIGEST_CHANNELS="C0CHANNEL", DIGEST_ADMINS="U0ASKER")
    store.subscribe("C0CHANNEL", "cron 0 8 * * 1-5 UTC", subscribed_by=None)  # the scheduler's
    assert "set in the bot's settings" in shown(run(app, stub, "subscription"))

    run(app, stub, "unsubscribe")

    subscription = store.subscription("C0CHANNEL")
    assert subscription is not None and subscription.is_off  # not recreated at restart
    assert "This channel gets no digest" in shown(run(app, stub, "subscription"))


def test_digest_now_shows_what_came_in_privately_with_sources(
    store: Store, stub: SlackStub
) -> None:
    app = make_app(store, stub)

    reply = run(app, stub, "digest")

    assert reply["response_type"] == "ephemeral"
    text = shown(reply)
    assert "Digest: 2 new articles" in text  # both hand-built articles came in just now
    assert "Key figures" in text and "810" in text
    assert "¶" in text  # every item cites its paragraph
    blocks = blocks_of(reply)
    assert len(blocks) <= 50
    assert store.subscription("C0CHANNEL") is None  # a preview: nothing marked posted


def test_a_question_starting_with_another_word_is_still_a_question(
    store: Store, stub: SlackStub
) -> None:
    app = make_app(store, stub)

    reply = run(app, stub, "who met Witkoff")

    assert "Steve Witkoff" in shown(reply) and "Digest" not in shown(reply)


def test_help_mentions_the_digest_commands(store: Store, stub: SlackStub) -> None:
    app = make_app(store, stub)

    assert "/ukraine subscribe daily 09:00" in shown(run(app, stub, "help"))
