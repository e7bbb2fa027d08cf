"""Digest subscriptions in the store: each channel's schedule, who asked for it, how far its last
digest reached and whether posting to it fails; listeners in this process hear of changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select

from knowledge.store.engine import Database, aware, utc_now
from knowledge.store.schema import SubscriptionRow

# The package's logger, as before the store was split into modules.
log = logging.getLogger("knowledge.store")

# The schedule of a channel whose digest was turned off by hand (see Subscription.is_off).
SCHEDULE_OFF = "off"


@dataclass(frozen=True)
class Subscription:
    """A channel's digest subscription: its schedule text (see knowledge.schedules), who asked,
    the end of the window its last digest covered, and whether posting to it fails."""

    channel: str
    schedule: str
    subscribed_by: str | None
    created_at: datetime
    posted_until: datetime | None
    failing_since: datetime | None
    failure: str | None
    team_id: str | None = None
    enterprise_id: str | None = None  # the Enterprise Grid organization, if any

    @property
    def is_off(self) -> bool:
        """Turned off by someone in the channel (it overrides a default from the settings)."""
        return self.schedule == SCHEDULE_OFF


def _subscription(row: SubscriptionRow) -> Subscription:
    return Subscription(
        channel=row.channel,
        schedule=row.schedule,
        subscribed_by=row.subscribed_by,
        created_at=aware(row.created_at),
        posted_until=aware(row.posted_until) if row.posted_until else None,
        failing_since=aware(row.failing_since) if row.failing_since else None,
        failure=row.failure,
        team_id=row.team_id,
        enterprise_id=row.enterprise_id,
    )


class SubscriptionStore(Database):
    """The digest subscriptions of a database (the `Store` has them too)."""

    def __init__(self, engine: Engine, cache_dir: Path | None = None) -> None:
        super().__init__(engine, cache_dir)
        self._subscription_listeners: list[Callable[[], None]] = []

    def subscribe(
        self,
        channel: str,
        schedule: str,
        subscribed_by: str | None = None,
        team_id: str | None = None,
        enterprise_id: str | None = None,
    ) -> None:
        """Sets `channel`'s digest schedule (replacing any), and clears a failing mark.

        `subscribed_by` None means the settings asked for it (DIGEST_CHANNELS). `team_id` and
        `enterprise_id` say which installation posts it (bot.app.client_for): a workspace's, or
        its Enterprise Grid organization's org-wide one.
        """
        now = utc_now()
        with self._transaction() as session:
            row = session.get(SubscriptionRow, channel)
            if row is None:
                session.add(
                    SubscriptionRow(
                        channel=channel,
                        schedule=schedule,
                        subscribed_by=subscribed_by,
                        team_id=team_id,
                        enterprise_id=enterprise_id,
                        created_at=now,
                    )
                )
            else:
                row.schedule, row.subscribed_by = schedule, subscribed_by
                row.team_id = team_id or row.team_id
                row.enterprise_id = enterprise_id or row.enterprise_id
                row.failing_since = row.failure = None
        self._subscriptions_changed()

    def unsubscribe(self, channel: str) -> bool:
        """Removes `channel`'s subscription; False when it had none."""
        with self._transaction() as session:
            row = session.get(SubscriptionRow, channel)
            if row is None:
                return False
            session.delete(row)
        self._subscriptions_changed()
        return True

    def subscription(self, channel: str) -> Subscription | None:
        with self._sessions() as session:
            row = session.get(SubscriptionRow, channel)
            return _subscription(row) if row else None

    def subscriptions(self) -> list[Subscription]:
        """Every subscription, by channel."""
        with self._sessions() as session:
            rows = session.scalars(select(SubscriptionRow).order_by(SubscriptionRow.channel))
            return [_subscription(row) for row in rows]

    def on_subscriptions_changed(self, listener: Callable[[], None]) -> None:
        """Calls `listener` after this process subscribes or unsubscribes a channel (the digest
        scheduler resyncs at once; other processes see the change at their next poll)."""
        self._subscription_listeners.append(listener)

    def _subscriptions_changed(self) -> None:
        for listener in list(self._subscription_listeners):
            try:
                listener()
            except Exception:
                log.exception("a subscription listener failed")

    def mark_posted(self, channel: str, until: datetime) -> None:
        """Records that `channel`'s digest covered everything up to `until`."""
        with self._transaction() as session:
            row = session.get(SubscriptionRow, channel)
            if row is not None:
                row.posted_until, row.failing_since, row.failure = until, None, None

    def mark_failing(self, channel: str, failure: str) -> None:
        """Records that posting to `channel` fails (kept until it is subscribed again)."""
        with self._transaction() as session:
            row = session.get(SubscriptionRow, channel)
            if row is not None:
                row.failing_since = row.failing_since or utc_now()
                row.failure = failure
