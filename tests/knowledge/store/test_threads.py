"""The threads the bot answered in, in the store (SQLite and PostgreSQL): found again by
another connection, the latest question kept, forgotten after THREAD_MEMORY."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from knowledge.store import open_store
from knowledge.store.threads import MAX_THREAD_QUESTION_CHARS, THREAD_MEMORY
from tests.scheduling import FakeClock, freeze

START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_a_thread_is_found_by_another_connection_with_its_latest_question(db_url: str) -> None:
    with open_store(db_url) as first, open_store(db_url) as second:
        first.remember_thread("C0NEWS", "1700000000.000100", "who met Witkoff", team_id="T0TEAM")
        assert second.thread_question("C0NEWS", "1700000000.000100") == "who met Witkoff"

        second.remember_thread("C0NEWS", "1700000000.000100", "who met Jared Kushner")

        assert first.thread_question("C0NEWS", "1700000000.000100") == "who met Jared Kushner"
        assert first.thread_question("C0NEWS", "1700000000.000999") is None  # another thread
        assert first.thread_question("C0OTHER", "1700000000.000100") is None  # same ts elsewhere


def test_a_long_question_is_kept_to_what_an_answer_reads(db_url: str) -> None:
    with open_store(db_url) as store:
        store.remember_thread("C0NEWS", "1.1", "who met " + "x" * 2000)

        kept = store.thread_question("C0NEWS", "1.1")

    assert kept is not None and len(kept) == MAX_THREAD_QUESTION_CHARS


def test_threads_are_forgotten_after_a_week(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = freeze(monkeypatch, FakeClock(START))
    with open_store(db_url) as store:
        store.remember_thread("C0OLD", "1.1", "who met Witkoff")
        clock.advance(days=3)
        store.remember_thread("C0NEW", "2.2", "who is Umerov")

        clock.set(START + THREAD_MEMORY + timedelta(minutes=1))
        assert store.thread_question("C0OLD", "1.1") is None  # too old to be found
        assert store.thread_question("C0NEW", "2.2") == "who is Umerov"

        store.remember_thread("C0LATER", "3.3", "who met Putin")  # forgets the expired ones
        assert store.forget_threads(START + timedelta(days=30)) == 2  # C0NEW and C0LATER left
