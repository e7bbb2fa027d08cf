"""The feed job on a controlled clock: real APScheduler 3 stepped by hand, real stores, the local
web server; two replicas on one database poll each slot once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from spacy.language import Language

from bot.intake import FEED_JOB, FeedScheduler
from bot.settings import Settings
from knowledge.intake.feeds import FeedPoller
from knowledge.intake.fetch import Fetcher, FetchPolicy
from knowledge.store import Store, open_store
from tests.knowledge.intake.conftest import Feed
from tests.scheduling import FakeClock, SteppedScheduler, freeze
from tests.web_server import WebServer

NOON = datetime(2025, 12, 3, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return freeze(monkeypatch, FakeClock(NOON + timedelta(minutes=2)))


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        server.page("/ap.html", "wire-ap.html")
        server.page("/other.html", "other-story.html")
        yield server


def replica(db: str, feed: Feed, clock: FakeClock, nlp: Language) -> tuple[Store, FeedScheduler]:
    store = open_store(db)
    fetcher = Fetcher(FetchPolicy(allow_private=True), min_interval=0, sleep=lambda _s: None)
    poller = FeedPoller(
        store, [feed.url], fetcher, interval=timedelta(minutes=15), nlp=nlp, clock=clock
    )
    return store, FeedScheduler(poller, scheduler=SteppedScheduler(timezone=UTC), clock=clock)


def test_two_replicas_poll_at_start_and_then_once_per_interval(
    db_url: str, web: WebServer, clock: FakeClock, nlp: Language
) -> None:
    feed = Feed(web)
    feed.set("/ap.html")
    (store_a, a), (store_b, b) = (replica(db_url, feed, clock, nlp) for _ in range(2))
    try:
        a.start()
        b.start()
        a.scheduler.tick()
        b.scheduler.tick()
        assert len(web.asked("/feed.xml")) == 1  # the 12:00 slot, polled by one of them
        assert store_a.stats()["articles"] == 1

        clock.advance(minutes=10)  # 12:12: the next run is at 12:17
        a.scheduler.tick()
        b.scheduler.tick()
        assert len(web.asked("/feed.xml")) == 1

        feed.set("/ap.html", "/other.html")
        clock.advance(minutes=5)  # 12:17, in the 12:15 slot
        a.scheduler.tick()
        b.scheduler.tick()
        assert len(web.asked("/feed.xml")) == 2
        assert store_b.stats()["articles"] == 2
        assert len(web.asked("/ap.html")) == 1
        assert a.scheduler.get_job(FEED_JOB) is not None
    finally:
        for store, scheduler in ((store_a, a), (store_b, b)):
            scheduler.shutdown()
            store.close()


def test_the_settings_make_the_poller(store: Store) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        FEEDS="http://127.0.0.1:9/a.xml,http://127.0.0.1:9/b.xml",
        FEED_INTERVAL="30",
        FEED_MAX_FAILURES="2",
        FETCH_ALLOW_PRIVATE="1",
    )

    feeds = FeedScheduler.from_settings(settings, store, scheduler=SteppedScheduler(timezone=UTC))

    assert feeds.poller.feeds == ["http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml"]
    assert feeds.poller.interval == timedelta(minutes=30)
    assert feeds.poller.max_failures == 2
    assert feeds.poller.fetcher.policy.allow_private
