"""RSS and Atom feeds (FEEDS), polled every FEED_INTERVAL: each new entry's page fetched and
ingested once, however many replicas poll.

- **Once per (feed, slot).** A poll first claims `feed` / `<sha1 of the URL>@<slot start UTC>`
  in the store's `claims` table (a primary key), as digests claim (channel, slot): of the
  replicas that reach a slot, only the claimant polls.
- **Once per entry.** Each entry (its guid, else its link) is claimed in `feed-entry` before
  its page is fetched, so an entry that reappears in the feed, or in another feed, is skipped
  by every replica ever after. An entry whose fetch failed for now (timeout, reset, 5xx) gives
  its claim back and is tried at the next poll; one refused (not a page, too large, a private
  address) keeps it and is not fetched again.
- **Conditional requests.** The feed's ETag and Last-Modified are kept in the store (`feeds`)
  and sent back as If-None-Match / If-Modified-Since; a 304 costs nothing more.
- **Failures.** The `Fetcher` retries timeouts, resets and 5xx with backoff and keeps to one
  request per host per `min_interval`; a poll that still fails counts as one failure, and a feed
  failing `max_failures` polls in a row is marked failing, logged, and skipped until
  `ukraine-bot feeds --reset URL` (or a poll that works after a reset).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin

from knowledge.intake.fetch import FEED_TYPES, Fetcher, FetchError
from knowledge.store.feeds import feed_key

if TYPE_CHECKING:
    from knowledge.extract import Language
    from knowledge.store import Store

FEED_SCOPE = "feed"
ENTRY_SCOPE = "feed-entry"
MAX_FAILURES = 5
MAX_ENTRIES_PER_POLL = 50  # a feed dumping its archive at once is read over several polls
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

Outcome = Literal["polled", "not_modified", "claimed_elsewhere", "failed", "failing", "skipped"]
log = logging.getLogger("knowledge.intake.feeds")


@dataclass
class Poll:
    """What one poll of one feed did."""

    feed: str
    slot: datetime
    outcome: Outcome
    added: list[str] = field(default_factory=list)  # article ids
    copies: int = 0  # entries that were another outlet's copy of a stored story
    seen: int = 0  # entries already claimed (ingested or refused before)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (link, reason)
    detail: str = ""


def slot_of(moment: datetime, interval: timedelta) -> datetime:
    """The start of the polling slot `moment` falls in (slots count from 2000-01-01 UTC)."""
    steps = (moment.astimezone(UTC) - _EPOCH) // interval
    return _EPOCH + steps * interval


def entry_key(feed: str, entry: Any) -> str:
    """An entry's claim key: the sha1 of its guid, else of its link (a guid is unique only
    within its feed, so a guid that is no URL is prefixed with the feed's key)."""
    guid = str(entry.get("id") or "").strip()
    link = str(entry.get("link") or "").strip()
    if guid and not guid.startswith(("http://", "https://")):
        guid = f"{feed_key(feed)}:{guid}"
    return hashlib.sha1((guid or link).encode("utf-8")).hexdigest()


class FeedPoller:
    """Polls `feeds` into `store` (see the module's docstring); `clock` is the time it sees."""

    def __init__(
        self,
        store: Store,
        feeds: Sequence[str],
        fetcher: Fetcher,
        *,
        interval: timedelta = timedelta(minutes=15),
        max_failures: int = MAX_FAILURES,
        nlp: Language | None = None,
        clock: Callable[[], datetime] | None = None,
        on_added: Callable[[Poll], None] | None = None,
    ) -> None:
        self.store = store
        self.feeds = list(dict.fromkeys(feeds))
        self.fetcher = fetcher
        self.interval = interval
        self.max_failures = max_failures
        self.nlp = nlp
        self.clock = clock or (lambda: datetime.now(UTC))
        self.on_added = on_added

    def poll_due(self) -> list[Poll]:
        """The job: polls every feed for the slot the clock is in."""
        slot = slot_of(self.clock(), self.interval)
        return [self.poll(feed, slot) for feed in self.feeds]

    def poll(self, feed: str, slot: datetime) -> Poll:
        """Claims (feed, slot) and, if this process got it, polls the feed."""
        state = self.store.feed(feed)
        if state.failing_since is not None:
            return Poll(feed, slot, "skipped", detail=f"failing: {state.failure}")
        if not self.store.claim(FEED_SCOPE, f"{feed_key(feed)}@{slot.isoformat()}"):
            return Poll(feed, slot, "claimed_elsewhere")
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            fetched = self.fetcher.get(feed, headers)
            if fetched.not_modified:
                self.store.feed_polled(feed, etag=fetched.etag, last_modified=fetched.last_modified)
                return Poll(feed, slot, "not_modified")
            if fetched.content_type not in FEED_TYPES and not fetched.body.lstrip().startswith(
                b"<?xml"
            ):
                raise FetchError(feed, f"not a feed (content type {fetched.content_type})")
            entries, title = _entries(fetched.body, feed)
        except FetchError as error:
            return self._failed(feed, slot, error.reason)
        poll = self._ingest(feed, slot, entries)
        self.store.feed_polled(
            feed,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            added=len(poll.added),
            title=title,
        )
        if poll.added and self.on_added is not None:
            self.on_added(poll)
        return poll

    def _ingest(self, feed: str, slot: datetime, entries: list[Any]) -> Poll:
        from knowledge.ingest import ingest_files

        poll = Poll(feed, slot, "polled")
        claimed: dict[str, str] = {}  # link → claim key
        for entry in entries:
            link = urljoin(feed, str(entry.get("link") or "").strip())
            if not entry.get("link") or link in claimed:
                continue
            key = entry_key(feed, entry)
            if not self.store.claim(ENTRY_SCOPE, key):
                poll.seen += 1
                continue
            claimed[link] = key
            if len(claimed) >= MAX_ENTRIES_PER_POLL:
                break
        if not claimed:
            return poll
        report = ingest_files(
            self.store, list(claimed), nlp=self.nlp, fetcher=self.fetcher, load_nlp=self._pipeline
        )
        for link in report.retryable:
            self.store.release_claim(ENTRY_SCOPE, claimed[link])
        poll.added = report.added
        poll.copies = len(report.copies)
        poll.refused = report.errors
        log.info(
            "feed %s: %d new article(s), %d copies, %d seen before, %d refused",
            feed,
            len(report.added),
            poll.copies,
            poll.seen,
            len(report.errors),
        )
        for link, reason in report.errors:
            log.warning("feed %s: entry %s not ingested: %s", feed, link, reason)
        return poll

    def _pipeline(self) -> Language:
        """The English model: loaded at the first entry there is to extract, then kept."""
        if self.nlp is None:
            from knowledge.extract.pipeline import load_pipeline

            self.nlp = load_pipeline()
        return self.nlp

    def _failed(self, feed: str, slot: datetime, reason: str) -> Poll:
        state = self.store.feed_failed(feed, reason, self.max_failures)
        if state.failing_since is not None:
            log.error(
                "feed %s failed %d polls in a row (%s): marked failing, not polled again "
                "until `ukraine-bot feeds --reset %s`",
                feed,
                state.failures,
                reason,
                feed,
            )
            return Poll(feed, slot, "failing", detail=reason)
        log.warning("feed %s: poll failed (%s), %d in a row", feed, reason, state.failures)
        return Poll(feed, slot, "failed", detail=reason)


def _entries(body: bytes, feed: str) -> tuple[list[Any], str | None]:
    """The entries and title of a feed document; `FetchError` when it is no feed."""
    import feedparser  # type: ignore[import-untyped]

    parsed = feedparser.parse(body)
    version = getattr(parsed, "version", "") or ""
    if not version and not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        detail = f": {str(problem).splitlines()[0][:120]}" if problem else ""
        raise FetchError(feed, f"not an RSS or Atom feed{detail}")
    title = parsed.feed.get("title") if hasattr(parsed, "feed") else None
    return list(parsed.entries), str(title) if title else None
