"""Scheduled digests: APScheduler 3 runs one cron job per subscribed channel.

    digests = DigestScheduler.from_settings(
        settings, store, client_for=lambda team, enterprise: app.client
    )
    digests.start()        # default subscriptions, catch-up, jobs, a resync every 30 s
    digests.shutdown()

APScheduler 3 cannot share a job store between processes, so every process schedules every
subscription from the store, and each post first claims its (channel, slot) row in the
database (`Store.claim("digest", "C0123@2026-11-23T08:00:00+00:00")`, a primary key): only the
claimant posts. Two replicas on one database, or a restart in the middle of a slot, post once.

- A slot missed while no process ran is posted once, late, at start, when it is at most
  `grace` old (6 hours by default); older ones are skipped, and the next digest still covers
  their news, because a digest covers everything since the channel's last posted one.
- A channel Slack refuses (not_in_channel, channel_not_found, is_archived, a revoked token)
  is marked failing, logged, and skipped until someone subscribes it again; the person who
  subscribed it gets a direct message saying why and what to do.
- The claim is taken before posting: a process dying between the two loses that slot's post
  (at most once), and the next slot's digest covers its window.
- Subscriptions changed in this process are scheduled at once (the store tells the
  scheduler); changes made through another replica are picked up by the resync job.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.install import TokenRefreshError
from handlers.blocks import escape, notice_message
from handlers.deps import slack_error
from handlers.digest_blocks import digest_message, digest_summary
from handlers.surface import COMMAND, is_channel_id, is_user_id
from knowledge.digest import Digest, compose_digest
from knowledge.facts import FactBase
from knowledge.schedules import Schedule, ScheduleError, parse_schedule
from knowledge.store import LiveFactBase, Store, Subscription

DIGEST_SCOPE = "digest"
JOB_PREFIX = "digest:"
SYNC_JOB = "digest-resync"
GRACE = timedelta(hours=6)
SYNC_EVERY = timedelta(seconds=30)
CLAIM_MEMORY = timedelta(days=90)
# Refusals that will not go away by trying again at the next slot.
FAILING = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "restricted_action",
        "team_access_not_granted",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "no_installation",
    }
)
_HINTS = {
    "not_in_channel": "I am not in that channel: invite me with `/invite @ukraine-bot`",
    "channel_not_found": "I cannot see that channel: invite me with `/invite @ukraine-bot`",
    "is_archived": "the channel is archived",
    "restricted_action": "the channel does not let apps post",
}

Outcome = Literal["posted", "already_posted", "failing", "error", "skipped"]
# (team_id, enterprise_id) → a client posting as the bot there (bot.app.client_for).
ClientFor = Callable[[str | None, str | None], WebClient]

log = logging.getLogger("bot.scheduler")


@dataclass(frozen=True)
class Post:
    """What `post` did for one channel's slot."""

    channel: str
    slot: datetime
    outcome: Outcome
    detail: str = ""


class DigestScheduler:
    """Posts each subscribed channel's digest at its schedule's times, once per slot.

    `scheduler` is any APScheduler 3 scheduler (a `BackgroundScheduler` by default; tests
    pass one they step by hand) and `clock` the time the jobs see.
    """

    def __init__(
        self,
        store: Store,
        client_for: ClientFor,
        *,
        facts: Callable[[], FactBase] | None = None,
        timezone: str = "UTC",
        default_channels: Sequence[str] = (),
        default_cron: str | None = None,
        scheduler: Any = None,
        clock: Callable[[], datetime] | None = None,
        grace: timedelta = GRACE,
        sync_every: timedelta = SYNC_EVERY,
    ) -> None:
        self.store = store
        self.client_for = client_for
        self.facts = facts
        self.timezone = timezone
        self.default_channels = tuple(default_channels)
        self.default_cron = default_cron
        self.grace = grace
        self.sync_every = sync_every
        self.clock = clock or (lambda: datetime.now(UTC))
        if scheduler is None:
            from apscheduler.schedulers.background import (  # type: ignore[import-untyped]
                BackgroundScheduler,
            )

            scheduler = BackgroundScheduler(timezone=UTC)
        self.scheduler = scheduler
        self._scheduled: dict[str, str] = {}  # channel → the schedule text its job runs
        self._lock = threading.RLock()
        self._listening = False

    @classmethod
    def from_settings(
        cls,
        settings: Any,
        store: Store,
        client_for: ClientFor,
        **options: Any,
    ) -> DigestScheduler:
        """The scheduler with DIGEST_CHANNELS, DIGEST_CRON and DIGEST_TIMEZONE from settings."""
        return cls(
            store,
            client_for,
            timezone=settings.DIGEST_TIMEZONE,
            default_channels=settings.DIGEST_CHANNELS,
            default_cron=settings.DIGEST_CRON,
            **options,
        )

    # --- running --------------------------------------------------------------------------

    def start(self) -> list[Post]:
        """Applies the default subscriptions, posts missed slots (once), schedules every job,
        and starts the scheduler; returns what the catch-up posted."""
        self.apply_defaults()
        self.store.forget_claims(DIGEST_SCOPE, self.clock() - CLAIM_MEMORY)
        caught_up = self.catch_up()
        self.sync()
        from apscheduler.triggers.interval import IntervalTrigger  # type: ignore[import-untyped]

        self.scheduler.add_job(
            self.sync,
            IntervalTrigger(
                seconds=self.sync_every.total_seconds(),
                start_date=self.clock() + self.sync_every,
                timezone=UTC,
            ),
            id=SYNC_JOB,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,  # late is fine: it only reads the subscriptions
        )
        if not self._listening:
            self.store.on_subscriptions_changed(self.sync)
            self._listening = True
        self.scheduler.start()
        log.info("digests: %d channel(s) scheduled", len(self._scheduled))
        return caught_up

    def shutdown(self) -> None:
        if getattr(self.scheduler, "running", False):
            self.scheduler.shutdown(wait=False)

    def apply_defaults(self) -> None:
        """Subscribes DIGEST_CHANNELS on DIGEST_CRON, unless someone in the channel chose
        otherwise; drops the settings' subscriptions of channels no longer listed."""
        wanted = f"cron {self.default_cron} {self.timezone}" if self.default_cron else None
        for channel in self.default_channels:
            current = self.store.subscription(channel)
            if not wanted or (current is not None and not _from_settings(current)):
                continue  # someone in the channel chose their own schedule (or "off")
            if current is None or current.schedule != wanted:
                self.store.subscribe(channel, wanted, subscribed_by=None)
        for subscription in self.store.subscriptions():
            if _from_settings(subscription) and subscription.channel not in self.default_channels:
                self.store.unsubscribe(subscription.channel)

    def sync(self) -> None:
        """Makes the jobs match the store's subscriptions: new ones added, changed ones
        rescheduled, removed, turned off or failing ones dropped."""
        wanted: dict[str, Subscription] = {}
        for subscription in self.store.subscriptions():
            if _active(subscription):
                wanted[subscription.channel] = subscription
        with self._lock:
            for channel in list(self._scheduled):
                if channel not in wanted or wanted[channel].schedule != self._scheduled[channel]:
                    self._remove_job(channel)
            for channel, subscription in wanted.items():
                if channel in self._scheduled:
                    continue
                schedule = self._schedule(subscription)
                if schedule is None:
                    continue
                self.scheduler.add_job(
                    self.run_due,
                    schedule.trigger(),
                    args=[channel],
                    id=JOB_PREFIX + channel,
                    name=f"digest for {channel}",
                    replace_existing=True,
                    coalesce=True,
                    max_instances=1,
                    misfire_grace_time=int(self.grace.total_seconds()),
                )
                self._scheduled[channel] = subscription.schedule

    def _remove_job(self, channel: str) -> None:
        from apscheduler.jobstores.base import JobLookupError  # type: ignore[import-untyped]

        with contextlib.suppress(JobLookupError):
            self.scheduler.remove_job(JOB_PREFIX + channel)
        self._scheduled.pop(channel, None)

    def scheduled_channels(self) -> list[str]:
        with self._lock:
            return sorted(self._scheduled)

    # --- posting --------------------------------------------------------------------------

    def run_due(self, channel: str) -> Post | None:
        """The job: posts `channel`'s digest for the slot that just came due."""
        subscription = self.store.subscription(channel)
        if subscription is None:
            return None
        schedule = self._schedule(subscription)
        slot = schedule.last_at_or_before(self.clock()) if schedule else None
        if slot is None:
            return None
        return self.post(channel, slot)

    def catch_up(self) -> list[Post]:
        """Posts, once, each channel's latest slot that passed unposted while no process ran,
        when it is at most `grace` old; earlier missed slots are not posted one by one."""
        now = self.clock()
        posts = []
        for subscription in self.store.subscriptions():
            if not _active(subscription):
                continue
            schedule = self._schedule(subscription)
            slot = schedule.last_at_or_before(now) if schedule else None
            if slot is None or now - slot > self.grace or slot < subscription.created_at:
                continue
            if subscription.posted_until is not None and subscription.posted_until >= slot:
                continue
            log.info(
                "digest for %s: the slot of %s was missed, posting it now",
                subscription.channel,
                _when(slot),
            )
            posts.append(self.post(subscription.channel, slot))
        return posts

    def post(self, channel: str, slot: datetime) -> Post:
        """Claims (channel, slot) and, if this process got it, posts the digest of everything
        since the channel's last digest."""
        subscription = self.store.subscription(channel)
        if subscription is None or subscription.is_off:
            return Post(channel, slot, "skipped", "not subscribed")
        if subscription.failing_since is not None:
            return Post(channel, slot, "skipped", f"failing: {subscription.failure}")
        key = f"{channel}@{slot.astimezone(UTC).isoformat()}"
        if not self.store.claim(DIGEST_SCOPE, key):
            log.info("digest for %s at %s: already posted by another process", channel, _when(slot))
            return Post(channel, slot, "already_posted")
        now = self.clock()
        since = subscription.posted_until or self._previous_slot(subscription, slot)
        digest = compose_digest(
            self.store, since, now, facts=self.facts() if self.facts is not None else None
        )
        message = digest_summary(digest)
        try:
            client = self.client_for(subscription.team_id, subscription.enterprise_id)
            posted = client.chat_postMessage(
                channel=channel, unfurl_links=False, unfurl_media=False, **message
            )
        except LookupError:  # bot.app.NotInstalledError: the workspace removed the app
            return self._failing(subscription, slot, "no_installation")
        except TokenRefreshError as error:  # the other channels' digests still go out
            log.error(
                "digest for %s at %s not posted: %s; the next digest covers its window",
                channel,
                _when(slot),
                error,
                extra={"team_id": subscription.team_id, "reason": error.code},
            )
            return Post(channel, slot, "error", f"token refresh: {error.code}")
        except SlackApiError as error:
            code = slack_error(error)
            if code in FAILING:
                return self._failing(subscription, slot, code)
            log.error(
                "digest for %s at %s not posted (%s); the next digest covers its window",
                channel,
                _when(slot),
                code,
            )
            return Post(channel, slot, "error", code)
        except Exception as error:  # the network, after the client's own retries
            log.error(
                "digest for %s at %s not posted (%s); the next digest covers its window",
                channel,
                _when(slot),
                type(error).__name__,
            )
            return Post(channel, slot, "error", type(error).__name__)
        self.store.mark_posted(channel, now)
        if not digest.is_empty or digest.state_of_play:
            self._thread_the_rest(client, channel, posted, digest)
        log.info(
            "digest for %s at %s posted: %d new article(s)",
            channel,
            _when(slot),
            len(digest.articles),
        )
        return Post(channel, slot, "posted")

    def _thread_the_rest(
        self, client: WebClient, channel: str, posted: Any, digest: Digest
    ) -> None:
        """The full digest (with nothing new: the state of play) as a thread reply under the
        short channel post; a failure is only logged (the post itself went out, and its window
        is closed)."""
        try:
            client.chat_postMessage(
                channel=channel,
                thread_ts=str(posted["ts"]),
                unfurl_links=False,
                unfurl_media=False,
                **digest_message(digest),
            )
        except Exception as error:
            detail = slack_error(error) if isinstance(error, SlackApiError) else error
            log.warning("the full digest for %s was not posted in its thread: %s", channel, detail)

    def _failing(self, subscription: Subscription, slot: datetime, code: str) -> Post:
        channel = subscription.channel
        self.store.mark_failing(channel, code)
        log.warning(
            "digest for %s at %s refused by Slack (%s): the channel is marked failing and "
            "skipped until it is subscribed again",
            channel,
            _when(slot),
            code,
        )
        self._tell_subscriber(subscription, code)
        return Post(channel, slot, "failing", code)

    def _tell_subscriber(self, subscription: Subscription, code: str) -> None:
        user = subscription.subscribed_by
        if not user or not is_user_id(user) or code in {"invalid_auth", "no_installation"}:
            return
        reason = _HINTS.get(code, f"Slack said `{code}`")
        where = (
            f"<#{subscription.channel}>"
            if is_channel_id(subscription.channel)
            else escape(subscription.channel)
        )
        text = (
            f"I could not post the digest to {where}: {reason}. I will not try again until "
            f"someone runs `{COMMAND} subscribe …` there."
        )
        try:
            self.client_for(subscription.team_id, subscription.enterprise_id).chat_postMessage(
                channel=user, **notice_message([text])
            )
        except Exception as error:
            detail = slack_error(error) if isinstance(error, SlackApiError) else error
            log.warning("could not tell %s why the digest failed: %s", user, detail)

    def _previous_slot(self, subscription: Subscription, slot: datetime) -> datetime:
        """The start of a first digest's window: the slot before (one period of news)."""
        schedule = self._schedule(subscription)
        previous = schedule.last_at_or_before(slot - timedelta(seconds=1)) if schedule else None
        return previous or slot - timedelta(days=1)

    def _schedule(self, subscription: Subscription) -> Schedule | None:
        try:
            return parse_schedule(subscription.schedule, default_timezone=self.timezone)
        except ScheduleError as error:
            log.error(
                "digest for %s: unreadable schedule %r (%s)",
                subscription.channel,
                subscription.schedule,
                error,
            )
            return None


def start_digests(settings: Any, store: Store, app: Any) -> DigestScheduler:
    """The digest scheduler of a running bot, posting through `app`'s workspace clients."""
    from bot.app import client_for

    # APScheduler logs every run of every job at INFO (the resync every 30 s): our own lines
    # say what a digest did; its own are kept for LOG_LEVEL=DEBUG.
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    digests = DigestScheduler.from_settings(
        settings,
        store,
        lambda team, enterprise: client_for(app, team, enterprise),
        facts=LiveFactBase(store).get,
    )
    digests.start()
    return digests


def _active(subscription: Subscription) -> bool:
    """Scheduled: neither turned off nor refused by Slack."""
    return not subscription.is_off and subscription.failing_since is None


def _from_settings(subscription: Subscription) -> bool:
    """Made from DIGEST_CHANNELS (nobody subscribed it by hand)."""
    return subscription.subscribed_by is None and subscription.schedule.startswith("cron ")


def _when(slot: datetime) -> str:
    return slot.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
