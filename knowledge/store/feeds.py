"""Feeds in the store: for each polled feed, the validators of its last answer (ETag,
Last-Modified) for the next conditional request, and how its polls went (failures in a row,
failing since when, why). Shared by every replica on the database, like the claims that make
each (feed, slot) poll and each entry happen once (knowledge/intake/feeds.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from knowledge.store.engine import Database, aware, utc_now
from knowledge.store.schema import ClaimRow, FeedRow


def feed_key(url: str) -> str:
    """The feed's key in the store: the sha1 of its URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FeedState:
    """What the store knows of a feed."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    polled_at: datetime | None = None
    ok_at: datetime | None = None
    entries: int = 0
    failures: int = 0
    failing_since: datetime | None = None
    failure: str | None = None


def _state(row: FeedRow) -> FeedState:
    def moment(value: datetime | None) -> datetime | None:
        return aware(value) if value else None

    return FeedState(
        url=row.url,
        title=row.title,
        etag=row.etag,
        last_modified=row.last_modified,
        polled_at=moment(row.polled_at),
        ok_at=moment(row.ok_at),
        entries=row.entries,
        failures=row.failures,
        failing_since=moment(row.failing_since),
        failure=row.failure,
    )


class FeedStore(Database):
    """The feeds of a database (the `Store` has them too)."""

    def feed(self, url: str) -> FeedState:
        """The feed's state; a feed never polled has an empty one."""
        with self._sessions() as session:
            row = session.get(FeedRow, feed_key(url))
            return _state(row) if row else FeedState(url)

    def feeds(self) -> list[FeedState]:
        """Every feed ever polled, by URL."""
        with self._sessions() as session:
            return [_state(row) for row in session.scalars(select(FeedRow).order_by(FeedRow.url))]

    def feed_polled(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        added: int = 0,
        title: str | None = None,
    ) -> None:
        """Records a poll that worked (a 304 included): its validators, the entries it added;
        the failures in a row start again from zero."""
        now = utc_now()
        with self._transaction() as session:
            row = self._row(session, url)
            row.polled_at = row.ok_at = now
            row.etag, row.last_modified = etag or row.etag, last_modified or row.last_modified
            row.entries = (row.entries or 0) + added
            row.title = title or row.title
            row.failures, row.failing_since, row.failure = 0, None, None

    def feed_failed(self, url: str, reason: str, max_failures: int) -> FeedState:
        """Records a failed poll; after `max_failures` in a row the feed is failing (skipped
        until `reset_feed`). Returns the new state."""
        now = utc_now()
        with self._transaction() as session:
            row = self._row(session, url)
            row.polled_at = now
            row.failures = (row.failures or 0) + 1
            row.failure = reason
            if row.failures >= max_failures and row.failing_since is None:
                row.failing_since = now
            session.flush()
            return _state(row)

    def reset_feed(self, url: str) -> bool:
        """Clears a feed's failures so it is polled again; False when the store knows no such
        feed."""
        with self._transaction() as session:
            row = session.get(FeedRow, feed_key(url))
            if row is None:
                return False
            row.failures, row.failing_since, row.failure = 0, None, None
            return True

    def release_claim(self, scope: str, key: str) -> None:
        """Gives a claim back (an entry whose fetch failed for now: the next poll tries it)."""
        with self._transaction() as session:
            session.execute(delete(ClaimRow).where(ClaimRow.scope == scope, ClaimRow.key == key))

    @staticmethod
    def _row(session: Session, url: str) -> FeedRow:
        row = session.get(FeedRow, feed_key(url))
        if row is None:
            row = FeedRow(key=feed_key(url), url=url, entries=0, failures=0)
            session.add(row)
        return row
