"""A controlled clock and an APScheduler 3 scheduler that runs due jobs only when told: for the
tests of scheduled digests and feed polls (real APScheduler, no sleeping).

    fake = FakeClock(start); freeze(monkeypatch, fake)   # APScheduler and the store read it
    scheduler = SteppedScheduler(timezone=UTC); ...; scheduler.tick()
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import apscheduler.executors.base
import apscheduler.schedulers.base
import pytest
from apscheduler.executors.base import BaseExecutor, run_job  # type: ignore[import-untyped]
from apscheduler.schedulers.base import BaseScheduler  # type: ignore[import-untyped]

import knowledge.store.engine


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def freeze(monkeypatch: pytest.MonkeyPatch, fake: FakeClock) -> FakeClock:
    """Makes APScheduler and the store's timestamps read `fake`."""

    class FrozenDatetime(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
            return fake.now.astimezone(tz) if tz else fake.now.replace(tzinfo=None)

    for module in (apscheduler.schedulers.base, apscheduler.executors.base, knowledge.store.engine):
        monkeypatch.setattr(module, "datetime", FrozenDatetime)
    return fake


class QueuedExecutor(BaseExecutor):  # type: ignore[misc]
    """Keeps the runs APScheduler submits until `run_queued()`: like a thread pool, the jobs
    run after the scheduler's loop has let go of its job stores, here in the test's thread."""

    def start(self, scheduler: Any, alias: str) -> None:
        super().start(scheduler, alias)
        self.queued: list[tuple[Any, list[datetime]]] = []

    def _do_submit_job(self, job: Any, run_times: list[datetime]) -> None:
        self.queued.append((job, run_times))

    def run_queued(self) -> None:
        while self.queued:
            job, run_times = self.queued.pop(0)
            events = run_job(job, job._jobstore_alias, run_times, self._logger.name)
            self._run_job_success(job.id, events)


class SteppedScheduler(BaseScheduler):  # type: ignore[misc]
    """Runs the jobs that are due when `tick()` is called, in this thread, and never else."""

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait)

    def wakeup(self) -> None:
        pass

    def _create_default_executor(self) -> QueuedExecutor:
        return QueuedExecutor()

    def tick(self) -> None:
        self._process_jobs()
        self._lookup_executor("default").run_queued()
