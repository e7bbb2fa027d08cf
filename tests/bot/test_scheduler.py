"""Scheduled digests on a controlled clock: real APScheduler 3, real stores, no sleeping.

Each scheduler is an APScheduler `BaseScheduler` that runs due jobs when the test says so
(`tick`): in the calling thread, once the scheduler's loop is done, as a thread pool would.
The clock APScheduler, the store and the digest scheduler read is one `FakeClock` the test
moves. Posts go to the Slack stub's Web API through a real `WebClient`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.scheduler import DIGEST_SCOPE, DigestScheduler
from knowledge.store import open_store
from tests.factories import article, drones_facts, envoy_facts
from tests.scheduling import FakeClock, SteppedScheduler, freeze
from tests.slack_stub import Call, SlackStub, blocks_of

MONDAY_8AM = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """One time for APScheduler, the store's timestamps and the digest scheduler."""
    return freeze(monkeypatch, FakeClock(MONDAY_8AM))


class Replica:
    """One process's digest scheduler: its own store connection and APScheduler."""

    def __init__(self, db: str, stub: SlackStub, clock: FakeClock, **options: Any) -> None:
        self.store = open_store(db)
        self.scheduler = SteppedScheduler(timezone=UTC)
        client = WebClient(token="xoxb-test", base_url=stub.api_url)
        self.digests = DigestScheduler(
            self.store,
            lambda _team, _enterprise: client,
            scheduler=self.scheduler,
            clock=clock,
            **options,
        )

    def start(self) -> list[Any]:
        return self.digests.start()

    def tick(self) -> None:
        self.scheduler.tick()

    def stop(self) -> None:
        self.digests.shutdown()
        self.store.close()


@pytest.fixture
def replicas(db_url: str, stub: SlackStub, clock: FakeClock) -> Iterator[Callable[..., Replica]]:
    started: list[Replica] = []

    def make(**options: Any) -> Replica:
        replica = Replica(db_url, stub, clock, **options)
        started.append(replica)
        return replica

    yield make
    for replica in started:
        replica.stop()


def posts(stub: SlackStub, channel: str = "C0NEWS") -> list[Call]:
    """The digests posted in `channel` (the short posts, not the full ones in their threads)."""
    return [
        c
        for c in stub.of("chat.postMessage")
        if c.body.get("channel") == channel and not c.body.get("thread_ts")
    ]


def thread_replies(stub: SlackStub, channel: str = "C0NEWS") -> list[Call]:
    """The full digests, each posted in the thread of its short post."""
    return [
        c
        for c in stub.of("chat.postMessage")
        if c.body.get("channel") == channel and c.body.get("thread_ts")
    ]


def text_of(call: Call) -> str:
    return str(call.body.get("text") or "")


def subscribe(db: str, channel: str = "C0NEWS", schedule: str = "daily 09:00 UTC") -> None:
    with open_store(db) as store:
        store.subscribe(channel, schedule, "U0ALICE", team_id="T0TEAM")


def test_one_post_per_slot(
    db_url: str, replicas: Callable[..., Replica], clock: FakeClock, stub: SlackStub
) -> None:
    subscribe(db_url)
    bot = replicas()
    assert bot.start() == []  # 08:00: nothing due, nothing missed

    clock.set(MONDAY_8AM.replace(hour=8, minute=59))
    bot.tick()
    assert posts(stub) == []

    clock.set(MONDAY_8AM.replace(hour=9))
    bot.tick()
    clock.advance(seconds=30)
    bot.tick()
    assert len(posts(stub)) == 1

    clock.set(MONDAY_8AM.replace(hour=9) + timedelta(days=1))
    bot.tick()
    bot.tick()
    assert len(posts(stub)) == 2
    subscription = bot.store.subscription("C0NEWS")
    assert subscription is not None and subscription.posted_until == clock.now


def test_two_schedulers_on_one_database_post_once_per_slot(
    db_url: str, replicas: Callable[..., Replica], clock: FakeClock, stub: SlackStub
) -> None:
    subscribe(db_url)
    first, second = replicas(), replicas()
    first.start()
    second.start()

    for day in range(3):
        clock.set(MONDAY_8AM.replace(hour=9) + timedelta(days=day))
        second.tick()
        first.tick()
        clock.advance(seconds=5)
        first.tick()
        second.tick()

    assert len(posts(stub)) == 3
    with open_store(db_url) as store:
        slots = [f"C0NEWS@2026-11-{23 + day}T09:00:00+00:00" for day in range(3)]
        assert [store.claim(DIGEST_SCOPE, slot) for slot in slots] == [False] * 3


def test_a_subscription_made_through_another_replica_is_picked_up(
    db_url: str, replicas: Callable[..., Replica], clock: FakeClock, stub: SlackStub
) -> None:
    first, second = replicas(), replicas()
    first.start()
    second.start()
    first.store.subscribe("C0NEWS", "daily 09:00 UTC", "U0ALICE")  # through `first`'s Slack
    assert first.digests.scheduled_channels() == ["C0NEWS"]  # at once, in that process
    assert second.digests.scheduled_channels() == []

    clock.set(MONDAY_8AM.replace(minute=1))  # the resync job runs every 30 s
    second.tick()
    assert second.digests.scheduled_channels() == ["C0NEWS"]

    clock.set(MONDAY_8AM.replace(hour=9))
    second.tick()
    first.tick()
    assert len(posts(stub)) == 1

    second.store.unsubscribe("C0NEWS")
    clock.advance(minutes=1)
    first.tick()
    assert first.digests.scheduled_channels() == []


def test_restart_does_not_post_the_slot_again(
    db_url: str, replicas: Callable[..., Replica], clock: FakeClock, stub: SlackStub
) -> None:
    subscribe(db_url)
    before = replicas()
    before.start()
    clock.set(MONDAY_8AM.replace(hour=9))
    before.tick()
    before.stop()
    assert len(posts(stub)) == 1

    clock.set(MONDAY_8AM.replace(hour=9, minute=10))
    after = replicas()
    assert [p.outcome for p in after.start()] == []  # the slot was posted: no catch-up
    after.tick()
    assert len(posts(stub)) == 1


def test_restart_mid_slot_posts_at_most_once_and_the_next_digest_covers_the_gap(
    db_url: str, replicas: Callable[..., Replica], clock: FakeClock, stub: SlackStub
) -> None:
    subscribe(db_url)
    crashed = replicas()
    crashed.start()
    clock.set(MONDAY_8AM.replace(hour=9))
    # The process claimed the slot and died before posting.
    assert crashed.store.claim(DIGEST_SCOPE, "C0NEWS@2026-11-23T09:00:00+00:00")
    crashed.stop()

    clock.set(MONDAY_8AM.replace(hour=9, minute=5))
    restarted = replicas()
    assert [p.outcome for p in restarted.start()] == ["already_posted"]
    assert posts(stub) == []

    restarted.store.add_articles([(article("drones"), drones_facts())])  # Monday's news
    clock.set(MONDAY_8AM.replace(hour=9) + timedelta(days=1))
    restarted.tick()
    assert len(posts(stub)) == 1
    assert "810 drones" in text_of(posts(stub)[0])  # Tuesday's digest covers Monday


def test_a_missed_slot_is_posted_once_late_on_start(
    db_url: str, replicas: Callable[..., Replica], clock: FakeClock, stub: SlackStub
) -> None:
    subscribe(db_url)  # Monday 08:00
    with open_store(db_url) as store:
        clock.set(MONDAY_8AM + timedelta(days=1))
        store.add_articles([(article("envoy"), envoy_facts())])  # Tuesday's news

    # Down from Monday 08:00 to Wednesday 10:30: three 09:00 slots missed.
    clock.set(MONDAY_8AM.replace(hour=10, minute=30) + timedelta(days=2))
    bot = replicas()
    caught_up = bot.start()
    assert [(p.outcome, p.slot.day) for p in caught_up] == [("posted", 25)]
    assert len(posts(stub)) == 1
    assert text_of(posts(stub)[0]).startswith("Nothing new")  # the channel post: one line
    assert "Steve Witkoff" in text_of(thread_replies(stub)[0])  # its thread: where things stand

    bot.tick()
    clock.advance(minutes=30)
    bot.tick()
    assert len(posts(stub)) == 1  # not once per missed slot

    clock.set(MONDAY_8AM.replace(hour=9) + timedelta(days=3))  # Thursday's slot, on time
    bot.tick()
    assert len(posts(stub)) == 2


def test_a_slot_missed_longer_ago_than_the_grace_period_is_skipped(
    db_url: str, replicas: Callable[..., Replica], clock: FakeClock, stub: SlackStub
) -> None:
    subscribe(db_url)
    clock.set(MONDAY_8AM.replace(hour=16))  # seven hours after 09:00
    bot = replicas(grace=timedelta(hours=6))
    assert bot.start() == []
    bot.tick()
    assert posts(stub) == []


def test_a_digest_covers_what_came_in_since_the_channels_last_one(
    db_url: str, replicas: Callable[..., Replica], clock: FakeClock, stub: SlackStub
) -> None:
    subscribe(db_url)
    bot = replicas()
    bot.start()
    clock.set(MONDAY_8AM.replace(minute=30))
    bot.store.add_articles([(article("envoy"), envoy_facts())])
    clock.set(MONDAY_8AM.replace(hour=9))
    bot.tick()

    clock.set(MONDAY_8AM.replace(hour=14))
    bot.store.add_articles([(article("drones"), drones_facts())])
    clock.set(MONDAY_8AM.replace(hour=9) + timedelta(days=1))
    bot.tick()

    monday, tuesday = (text_of(call) for call in posts(stub))
    assert "Steve Witkoff" in monday and "810 drones" not in monday
    assert "810 drones" in tuesday and "Steve Witkoff" not in tuesday
    assert "Peace-talks digest: 1 new article" in tuesday
    full = thread_replies(stub)[1]
    assert full.body["thread_ts"]  # under Tuesday's post, in its thread
    assert "Digest: 1 new article" in text_of(full)
    blocks = blocks_of(full.body)
    context = " ".join(
        element["text"]
        for block in blocks
        if block["type"] == "context"
        for element in block["elements"]
    )
    assert "Russia launches drones overnight" in context  # cited from the new article

    clock.set(MONDAY_8AM.replace(hour=9) + timedelta(days=2))
    bot.tick()
    assert text_of(posts(stub)[2]).startswith("Nothing new in the fact base")
    assert len(blocks_of(posts(stub)[2].body)) == 1  # one line; the state of play in its thread


@pytest.mark.parametrize("refusal", ["not_in_channel", "is_archived", "channel_not_found"])
def test_a_channel_slack_refuses_is_marked_failing_and_not_retried(
    refusal: str,
    db_url: str,
    replicas: Callable[..., Replica],
    clock: FakeClock,
    stub: SlackStub,
    caplog: pytest.LogCaptureFixture,
) -> None:
    subscribe(db_url)
    bot = replicas()
    bot.start()
    stub.fail("chat.postMessage", 200, {"ok": False, "error": refusal})

    clock.set(MONDAY_8AM.replace(hour=9))
    bot.tick()
    subscription = bot.store.subscription("C0NEWS")
    assert subscription is not None and subscription.failure == refusal
    assert refusal in caplog.text and "marked failing" in caplog.text
    told = posts(stub, "U0ALICE")
    assert len(told) == 1 and "<#C0NEWS>" in text_of(told[0])

    for day in range(1, 4):  # not retried
        clock.set(MONDAY_8AM.replace(hour=9) + timedelta(days=day))
        bot.tick()
    assert len(posts(stub)) == 1  # only the refused attempt
    assert bot.digests.scheduled_channels() == []

    bot.store.subscribe("C0NEWS", "daily 09:00 UTC", "U0ALICE")  # invited, subscribed again
    clock.set(MONDAY_8AM.replace(hour=9) + timedelta(days=4))
    bot.tick()
    assert len(posts(stub)) == 2


def test_a_passing_slack_error_keeps_the_window_for_the_next_digest(
    db_url: str, replicas: Callable[..., Replica], clock: FakeClock, stub: SlackStub
) -> None:
    subscribe(db_url)
    bot = replicas()
    bot.start()
    bot.store.add_articles([(article("drones"), drones_facts())])
    stub.fail("chat.postMessage", 200, {"ok": False, "error": "fatal_error"})

    clock.set(MONDAY_8AM.replace(hour=9))
    bot.tick()
    subscription = bot.store.subscription("C0NEWS")
    assert subscription is not None and subscription.failure is None
    assert subscription.posted_until is None

    clock.set(MONDAY_8AM.replace(hour=9) + timedelta(days=1))
    bot.tick()
    assert len(posts(stub)) == 2
    assert "810 drones" in text_of(thread_replies(stub)[0])


def test_default_channels_from_settings_and_a_channel_turning_its_own_off(
    db_url: str, replicas: Callable[..., Replica], clock: FakeClock, stub: SlackStub
) -> None:
    clock.set(MONDAY_8AM.replace(hour=7))
    options = {"default_channels": ["C0NEWS", "C0WAR"], "default_cron": "0 8 * * 1-5"}
    bot = replicas(**options)
    bot.start()
    assert bot.digests.scheduled_channels() == ["C0NEWS", "C0WAR"]
    bot.store.subscribe("C0WAR", "off", "U0BOB")  # /ukraine unsubscribe there
    bot.stop()

    # Saturday 08:00: the crontab's 1-5 is Monday to Friday.
    clock.set(datetime(2026, 11, 28, 8, 0, tzinfo=UTC))
    restarted = replicas(default_channels=["C0NEWS", "C0WAR"], default_cron="0 8 * * 1-5")
    restarted.start()
    assert restarted.digests.scheduled_channels() == ["C0NEWS"]  # "off" survives a restart
    restarted.tick()
    assert posts(stub) == []
    clock.set(datetime(2026, 11, 30, 8, 0, tzinfo=UTC))  # Monday
    restarted.tick()
    assert len(posts(stub)) == 1 and posts(stub, "C0WAR") == []
