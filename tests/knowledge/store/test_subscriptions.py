"""Digest subscriptions and claims in the store, on SQLite and on PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text as sql_text

from knowledge.store import open_store


def test_subscribe_replace_and_unsubscribe(db_url: str) -> None:
    with open_store(db_url) as store:
        store.subscribe("C0NEWS", "daily 09:00 UTC", "U0ALICE")
        store.subscribe("C0WAR", "weekly mon 09:00 Europe/Kyiv", "U0BOB")
        store.subscribe("C0NEWS", "weekdays 08:30 UTC", "U0CAROL")

        news = store.subscription("C0NEWS")
        assert news is not None
        assert (news.schedule, news.subscribed_by) == ("weekdays 08:30 UTC", "U0CAROL")
        assert [s.channel for s in store.subscriptions()] == ["C0NEWS", "C0WAR"]
        assert store.unsubscribe("C0WAR") is True
        assert store.unsubscribe("C0WAR") is False
        assert store.subscription("C0WAR") is None


def test_posted_and_failing_marks(db_url: str) -> None:
    with open_store(db_url) as store:
        store.subscribe("C0NEWS", "daily 09:00 UTC")
        until = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

        store.mark_failing("C0NEWS", "not_in_channel")
        failing = store.subscription("C0NEWS")
        assert failing is not None and failing.failure == "not_in_channel"
        assert failing.failing_since is not None
        store.mark_failing("C0NEWS", "channel_not_found")
        again = store.subscription("C0NEWS")
        assert again is not None and again.failing_since == failing.failing_since

        store.subscribe("C0NEWS", "daily 09:00 UTC")  # subscribing again clears the mark
        cleared = store.subscription("C0NEWS")
        assert cleared is not None and cleared.failure is None and cleared.failing_since is None

        store.mark_posted("C0NEWS", until)
        posted = store.subscription("C0NEWS")
        assert posted is not None and posted.posted_until == until


def test_a_claim_succeeds_once_across_two_connections(db_url: str) -> None:
    with open_store(db_url) as first, open_store(db_url) as second:
        assert first.claim("digest", "C0NEWS@2026-11-22T09:00Z") is True
        assert second.claim("digest", "C0NEWS@2026-11-22T09:00Z") is False
        assert second.claim("digest", "C0NEWS@2026-11-23T09:00Z") is True
        assert first.claim("slack_event", "C0NEWS@2026-11-22T09:00Z") is True  # other scope

        forgotten = first.forget_claims("digest", datetime.now(UTC) + timedelta(seconds=1))
        assert forgotten == 2
        assert first.claim("digest", "C0NEWS@2026-11-22T09:00Z") is True


def test_an_older_subscriptions_table_gains_the_team_column(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with open_store(str(path)) as store:
        store.subscribe("C0NEWS", "daily 09:00 UTC", "U0ALICE")
    with sqlite3.connect(path) as connection:  # as the previous version created it
        connection.execute("ALTER TABLE subscriptions DROP COLUMN team_id")

    with open_store(str(path)) as store:
        before = store.subscription("C0NEWS")
        store.subscribe("C0NEWS", "weekdays 08:30 UTC", "U0ALICE", team_id="T0TEAM")
        after = store.subscription("C0NEWS")

    assert before is not None and before.team_id is None and before.schedule == "daily 09:00 UTC"
    assert after is not None and after.team_id == "T0TEAM"


def test_an_older_subscriptions_table_gains_the_enterprise_column(db_url: str) -> None:
    with open_store(db_url) as store:
        store.subscribe("C0NEWS", "daily 09:00 UTC", "U0ALICE", team_id="T0TEAM")
        with store.engine.begin() as connection:  # as the previous version created it
            connection.execute(sql_text("ALTER TABLE subscriptions DROP COLUMN enterprise_id"))

    with open_store(db_url) as store:
        before = store.subscription("C0NEWS")
        store.subscribe(
            "C0NEWS", "weekdays 08:30 UTC", "U0ALICE", team_id="T0TEAM", enterprise_id="E0GRID"
        )
        after = store.subscription("C0NEWS")
        store.subscribe("C0NEWS", "daily 10:00 UTC", "U0ALICE", team_id="T0TEAM")
        kept = store.subscription("C0NEWS")

    assert before is not None and before.enterprise_id is None and before.team_id == "T0TEAM"
    assert after is not None and (after.team_id, after.enterprise_id) == ("T0TEAM", "E0GRID")
    assert kept is not None and kept.enterprise_id == "E0GRID"  # a later subscribe keeps it


def test_this_process_hears_of_subscription_changes(db_url: str) -> None:
    heard: list[str] = []
    with open_store(db_url) as store:
        store.on_subscriptions_changed(lambda: heard.append("changed"))
        store.subscribe("C0NEWS", "daily 09:00 UTC")
        store.unsubscribe("C0NEWS")
        store.unsubscribe("C0NEWS")  # nothing to remove: nothing changed
        store.mark_posted("C0NEWS", datetime.now(UTC))

    assert heard == ["changed", "changed"]


def test_replicas_opening_an_empty_postgresql_database_at_once_do_not_race(
    postgres_url: str,
) -> None:
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            open_store(postgres_url).close()
        except BaseException as error:  # collected for the assertion below
            errors.append(error)

    threads = [threading.Thread(target=open_and_close) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with open_store(postgres_url) as store:
        assert store.subscriptions() == []
