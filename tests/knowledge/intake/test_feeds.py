"""Feeds polled from the local server into real stores (SQLite, and one PostgreSQL database
shared by two replicas): new entries ingested once, reappearing entries skipped, conditional
requests, failures counted and a failing feed left alone."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest
from spacy.language import Language

from knowledge.intake.feeds import FeedPoller, Poll, slot_of
from knowledge.intake.fetch import Fetcher
from knowledge.store import Store, open_store
from tests.knowledge.intake.conftest import Feed
from tests.web_server import Reply, WebServer

INTERVAL = timedelta(minutes=15)
NOON = datetime(2025, 12, 3, 12, 0, tzinfo=UTC)


def poller(
    store: Store, feed: Feed, fetcher: Fetcher, nlp: Language, **options: object
) -> FeedPoller:
    return FeedPoller(store, [feed.url], fetcher, interval=INTERVAL, nlp=nlp, **options)  # type: ignore[arg-type]


def test_slots_are_fixed_steps_of_the_interval() -> None:
    assert slot_of(NOON + timedelta(minutes=7), INTERVAL) == NOON
    assert slot_of(NOON + timedelta(minutes=15), INTERVAL) == NOON + INTERVAL


def test_new_entries_are_ingested_and_reappearing_ones_skipped(
    store: Store, web: WebServer, feed: Feed, fetcher: Fetcher, nlp: Language
) -> None:
    polls = poller(store, feed, fetcher, nlp)
    feed.set("/ap.html", "/other.html")

    first = polls.poll(feed.url, NOON)
    assert first.outcome == "polled"
    assert sorted(first.added) == ["geneva-envoys-talks", "other"]

    # Unchanged: the ETag comes back and the server answers 304.
    second = polls.poll(feed.url, NOON + INTERVAL)
    assert second.outcome == "not_modified"
    assert web.asked("/feed.xml")[-1].headers.get("If-None-Match") == '"v1"'
    assert web.asked("/feed.xml")[-1].headers.get("If-Modified-Since")

    # The old entries reappear beside a new one (another outlet's copy of the first).
    feed.set("/copy.html", "/ap.html", "/other.html")
    third = polls.poll(feed.url, NOON + 2 * INTERVAL)
    assert third.outcome == "polled" and third.added == [] and third.copies == 1
    assert third.seen == 2
    assert len(web.asked("/ap.html")) == 1  # never fetched again
    assert store.feed(feed.url).entries == 2 and store.feed(feed.url).title == "Test wire"


def test_a_slot_is_polled_once(
    store: Store, feed: Feed, fetcher: Fetcher, nlp: Language, web: WebServer
) -> None:
    polls = poller(store, feed, fetcher, nlp)
    feed.set("/other.html")

    assert polls.poll(feed.url, NOON).outcome == "polled"
    assert polls.poll(feed.url, NOON).outcome == "claimed_elsewhere"
    assert len(web.asked("/feed.xml")) == 1


def test_an_entry_that_failed_for_now_is_tried_again(
    store: Store, web: WebServer, feed: Feed, fetcher: Fetcher, nlp: Language
) -> None:
    answers = iter([Reply(503), Reply(503)])  # the fetcher retries once, then gives up
    body = web.routes["/other.html"]
    web.route("/later.html", lambda r: next(answers, None) or body(r))
    web.route("/never.png", lambda _r: Reply(200, {"Content-Type": "image/png"}, b"\x89PNG"))
    feed.set("/later.html", "/never.png")
    polls = poller(store, feed, fetcher, nlp)

    first = polls.poll(feed.url, NOON)
    assert first.added == [] and len(first.refused) == 2

    feed.set("/later.html", "/never.png", "/ap.html")
    second = polls.poll(feed.url, NOON + INTERVAL)
    assert sorted(second.added) == ["geneva-envoys-talks", "later"]
    assert second.seen == 1  # the image was refused for good: not fetched again
    assert len(web.asked("/never.png")) == 1


def test_a_feed_failing_again_and_again_is_marked_failing_and_left_alone(
    store: Store,
    web: WebServer,
    feed: Feed,
    fetcher: Fetcher,
    nlp: Language,
    caplog: pytest.LogCaptureFixture,
) -> None:
    feed.status = 500
    polls = poller(store, feed, fetcher, nlp, max_failures=3)

    outcomes = [polls.poll(feed.url, NOON + i * INTERVAL).outcome for i in range(5)]

    assert outcomes == ["failed", "failed", "failing", "skipped", "skipped"]
    assert len(web.asked("/feed.xml")) == 3 * 2  # three polls, each tried twice
    state = store.feed(feed.url)
    assert state.failures == 3 and state.failing_since is not None
    assert "HTTP 500" in (state.failure or "")
    assert any(
        r.levelno == logging.ERROR and "marked failing" in r.getMessage() for r in caplog.records
    )

    feed.status = 200
    feed.set("/other.html")
    assert store.reset_feed(feed.url)
    assert polls.poll(feed.url, NOON + 6 * INTERVAL).added == ["other"]
    assert store.feed(feed.url).failures == 0


def test_a_document_that_is_no_feed_counts_as_a_failure(
    store: Store, web: WebServer, fetcher: Fetcher, nlp: Language
) -> None:
    web.text("/notafeed.xml", "<html><body>hello</body></html>", "text/html")
    polls = FeedPoller(store, [web.url("/notafeed.xml")], fetcher, interval=INTERVAL, nlp=nlp)

    poll = polls.poll(web.url("/notafeed.xml"), NOON)

    assert poll.outcome == "failed" and "not a feed" in poll.detail


def poll_together(replicas: list[FeedPoller], url: str, slot: datetime) -> list[Poll]:
    """Every replica polls `url` for `slot` at the same moment, each in a thread of its own."""
    results: list[Poll] = []
    start = threading.Barrier(len(replicas))

    def run(replica: FeedPoller) -> None:
        start.wait()
        results.append(replica.poll(url, slot))

    threads = [threading.Thread(target=run, args=(r,)) for r in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.postgres
def test_two_replicas_on_one_postgresql_database_ingest_each_entry_once(
    postgres_url: str, web: WebServer, feed: Feed, fetcher: Fetcher, nlp: Language
) -> None:
    feed.set("/ap.html", "/other.html")
    stores = [open_store(postgres_url), open_store(postgres_url)]
    replicas = [poller(s, feed, fetcher, nlp) for s in stores]
    try:
        for slot in (NOON, NOON + INTERVAL, NOON + 2 * INTERVAL):
            if slot == NOON + INTERVAL:
                feed.set("/copy.html", "/ap.html", "/other.html")  # entries reappear
            outcomes = sorted(p.outcome for p in poll_together(replicas, feed.url, slot))
            assert outcomes[0] == "claimed_elsewhere" and outcomes[1] != "claimed_elsewhere"

        assert sorted(a for a, _ in stores[0].article_texts()) == [
            "geneva-envoys-talks",
            "other",
        ]
        assert stores[1].stats()["articles"] == 3  # two stories, and the copy as a source
        for path in ("/ap.html", "/other.html", "/copy.html"):
            assert len(web.asked(path)) == 1, path
    finally:
        for s in stores:
            s.close()
