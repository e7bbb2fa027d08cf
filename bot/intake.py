"""Intake in the running bot: the fetcher the settings allow, the feed poller's APScheduler job,
and `ukraine-bot feeds`.

    feeds = FeedScheduler.from_settings(settings, store)   # FEEDS, FEED_INTERVAL, ...
    feeds.start()        # polls at once, then every FEED_INTERVAL minutes
    feeds.shutdown()

Every `serve` process runs the job; each (feed, slot) is claimed in the store before it is
polled (knowledge/intake/feeds.py), so N replicas poll each feed once per interval. Only light
modules are imported here at first: the CLI imports this file for `feeds` and `ingest`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from knowledge.intake.feeds import FeedPoller, Poll
    from knowledge.intake.fetch import Fetcher
    from knowledge.store import Store

FEED_JOB = "feeds"
log = logging.getLogger("bot.intake")


_fetchers: dict[bool, Fetcher] = {}
_fetchers_lock = threading.Lock()


def fetcher_from_settings(settings: Any) -> Fetcher:
    """The fetcher of this process: private addresses only with FETCH_ALLOW_PRIVATE=1. One per
    process (per allowance), so the feeds and Slack's adds share its per-host rate limit."""
    from knowledge.intake.fetch import Fetcher, FetchPolicy

    allow = bool(settings.FETCH_ALLOW_PRIVATE)
    with _fetchers_lock:
        if allow not in _fetchers:
            _fetchers[allow] = Fetcher(FetchPolicy(allow_private=allow))
        return _fetchers[allow]


class FeedScheduler:
    """Runs `poller.poll_due` on APScheduler every `interval`: at start, then each interval.

    `scheduler` is any APScheduler 3 scheduler (a `BackgroundScheduler` of its own by default;
    tests pass one they step by hand) and `clock` the time the job sees."""

    def __init__(
        self,
        poller: FeedPoller,
        *,
        scheduler: Any = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.poller = poller
        self.clock = clock or (lambda: datetime.now(UTC))
        if scheduler is None:
            from apscheduler.schedulers.background import (  # type: ignore[import-untyped]
                BackgroundScheduler,
            )

            scheduler = BackgroundScheduler(timezone=UTC)
        self.scheduler = scheduler

    @classmethod
    def from_settings(cls, settings: Any, store: Store, **options: Any) -> FeedScheduler:
        """The feed scheduler of FEEDS, FEED_INTERVAL, FEED_MAX_FAILURES, FETCH_ALLOW_PRIVATE."""
        from knowledge.intake.feeds import FeedPoller

        poller = FeedPoller(
            store,
            settings.FEEDS,
            fetcher_from_settings(settings),
            interval=timedelta(minutes=settings.FEED_INTERVAL),
            max_failures=settings.FEED_MAX_FAILURES,
            clock=options.get("clock"),
        )
        return cls(poller, **options)

    def start(self) -> None:
        """Schedules the job (first run now) and starts the scheduler."""
        from apscheduler.triggers.interval import IntervalTrigger  # type: ignore[import-untyped]

        self.scheduler.add_job(
            self.run,
            IntervalTrigger(
                seconds=self.poller.interval.total_seconds(), start_date=self.clock(), timezone=UTC
            ),
            id=FEED_JOB,
            name="feeds",
            replace_existing=True,
            next_run_time=self.clock(),
            coalesce=True,
            max_instances=1,  # a slow poll is never run twice at once
            misfire_grace_time=None,
        )
        if not getattr(self.scheduler, "running", False):
            self.scheduler.start()
        log.info(
            "feeds: %d feed(s) polled every %s",
            len(self.poller.feeds),
            self.poller.interval,
        )

    def run(self) -> list[Poll]:
        """The job: one poll of every feed; a failure is logged, never stops the job."""
        try:
            return self.poller.poll_due()
        except Exception:
            log.exception("polling the feeds failed")
            return []

    def shutdown(self) -> None:
        if getattr(self.scheduler, "running", False):
            self.scheduler.shutdown(wait=False)


def start_feeds(settings: Any, store: Store) -> FeedScheduler | None:
    """The feed scheduler of a running bot, or None without FEEDS."""
    if not settings.FEEDS:
        return None
    feeds = FeedScheduler.from_settings(settings, store)
    feeds.start()
    return feeds


@click.command("feeds")
@click.option("--db", "db", metavar="DB", default=None, help="SQLite file path or SQLAlchemy URL.")
@click.option("--reset", "reset", metavar="URL", default=None, help="Poll a failing feed again.")
def feeds_command(db: str | None, reset: str | None) -> None:
    """Lists the feeds (FEEDS and any polled before) and how their polls went."""
    from bot.settings import get_settings
    from knowledge.store import open_store

    settings = get_settings()
    with open_store(db if db is not None else settings.DATABASE_URL) as store:
        if reset is not None:
            if not store.reset_feed(reset):
                raise click.ClickException(f"{reset}: no such feed in the store")
            click.echo(f"{reset}: failures cleared, polled again from the next slot")
            return
        known = {state.url: state for state in store.feeds()}
        urls = list(dict.fromkeys([*settings.FEEDS, *known]))
        if not urls:
            click.echo("no feeds: set FEEDS to the URLs of RSS or Atom feeds")
            return
        for url in urls:
            click.echo(_feed_line(url, known.get(url), url in settings.FEEDS))


def _feed_line(url: str, state: Any, configured: bool) -> str:
    if state is None:
        return f"{url}: not polled yet"
    if state.failing_since is not None:
        status = f"FAILING since {_when(state.failing_since)} ({state.failure})"
    elif state.failures:
        status = f"{state.failures} failed poll(s) in a row ({state.failure})"
    else:
        status = f"ok, last polled {_when(state.ok_at)}" if state.ok_at else "never polled"
    extra = "" if configured else " [no longer in FEEDS]"
    title = f" {state.title!r}" if state.title else ""
    return f"{url}{title}: {status}; {state.entries} article(s) ingested{extra}"


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "never"
