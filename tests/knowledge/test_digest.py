"""Digest content: what a window of ingested articles brought, ranked, bounded and cited."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge.digest import compose_digest
from knowledge.facts import Actor, Figure, Meeting, Quote
from knowledge.store import Store, open_store
from tests.factories import article, drones_facts, envoy_facts


@pytest.fixture
def two_days(tmp_path: Path) -> Iterator[tuple[Store, datetime]]:
    """A store where "envoy" came in first and "drones" after the returned moment."""
    with open_store(str(tmp_path / "digest.sqlite3")) as store:
        store.add_articles([(article("envoy"), envoy_facts())])
        time.sleep(0.01)
        between = datetime.now(UTC)
        time.sleep(0.01)
        store.add_articles([(article("drones"), drones_facts())])
        yield store, between


def now() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=1)


def test_a_window_after_an_ingest_shows_that_articles_facts_only(
    two_days: tuple[Store, datetime],
) -> None:
    store, between = two_days

    digest = compose_digest(store, between, now())

    assert [article_id for article_id, _ in digest.articles] == ["drones"]
    facts = [item.fact for section in digest.sections for item in section.items]
    assert any(isinstance(f, Figure) and f.value == 810 for f in facts)
    assert not any(isinstance(f, (Meeting, Quote)) for f in facts)  # the envoy's, older
    assert "Witkoff" not in digest.to_text()
    assert "at least 810 drones" in digest.to_text()


def test_every_item_cites_an_article_from_the_window(two_days: tuple[Store, datetime]) -> None:
    store, between = two_days

    digest = compose_digest(store, between, now())

    items = [item for section in digest.sections for item in section.items]
    assert items and all(item.fact.sources[0].article_id == "drones" for item in items)
    assert "[drones ¶2]" in digest.to_text()


def test_the_whole_history_has_both_articles_in_sections(two_days: tuple[Store, datetime]) -> None:
    store, _ = two_days

    digest = compose_digest(store, None, now())

    titles = [section.title for section in digest.sections]
    assert titles == ["Meetings held", "Key figures", "Notable quotes", "New in the news"]
    people = [
        item.fact for s in digest.sections if s.title == "New in the news" for item in s.items
    ]
    assert {a.name for a in people if isinstance(a, Actor)} >= {"Steve Witkoff"}
    assert "Steve Witkoff — special envoy (United States)" in digest.to_text()


def test_nothing_new_says_so_with_the_state_of_play(two_days: tuple[Store, datetime]) -> None:
    store, _ = two_days
    later = now()

    digest = compose_digest(store, later, later + timedelta(hours=1))

    assert digest.is_empty and not digest.articles
    text = digest.to_text()
    assert text.startswith("Nothing new in the fact base since ")
    assert "State of play" in text and digest.state_of_play
    assert len(digest.state_of_play) <= 3


def test_sections_are_bounded_and_say_how_many_more(two_days: tuple[Store, datetime]) -> None:
    store, _ = two_days
    base = store.load_factbase()
    base.figures = base.figures * 8  # as if eight figures had been reported

    digest = compose_digest(store, None, now(), facts=base, limit=3)

    figures = next(s for s in digest.sections if s.title == "Key figures")
    assert len(figures.items) == 3 and figures.total == 8
    assert "…and 5 more." in digest.to_text()


def test_facts_reported_more_widely_rank_first(two_days: tuple[Store, datetime]) -> None:
    store, _ = two_days
    base = store.load_factbase()
    once = base.figures[0]
    twice = replace(
        once, value=999.0, sources=[*once.sources, replace(once.sources[0], article_id="envoy")]
    )
    base.figures = [once, twice]

    digest = compose_digest(store, None, now(), facts=base)

    figures = next(s for s in digest.sections if s.title == "Key figures")
    assert [f.fact.value for f in figures.items] == [999.0, 810.0]  # type: ignore[union-attr]
    assert "(reported by 2 articles)" in digest.to_text()


def test_cli_digest_since_prints_the_window_and_json(two_days: tuple[Store, datetime]) -> None:
    store, between = two_days
    db = store.display_url
    runner = CliRunner()

    text = runner.invoke(main, ["digest", "--db", db, "--since", between.isoformat()])
    data = runner.invoke(main, ["digest", "--db", db, "--since", between.isoformat(), "--json"])

    assert text.exit_code == 0 and text.output.startswith("Digest: 1 new article since ")
    record = json.loads(data.output)
    assert record["articles"] == [{"id": "drones", "title": "Russia launches drones overnight"}]
    assert record["text"] == text.output.rstrip("\n")


@pytest.mark.parametrize("since", ["yesterday", "2026-13-01", ""])
def test_cli_digest_bad_since_is_one_clear_error(
    two_days: tuple[Store, datetime], since: str
) -> None:
    store, _ = two_days

    result = CliRunner().invoke(main, ["digest", "--db", store.display_url, "--since", since])

    assert result.exit_code == 2
    assert "is not an ISO-8601 time" in result.output


def test_cli_digest_for_a_channel_covers_what_came_in_since_its_last_digest(
    two_days: tuple[Store, datetime],
) -> None:
    store, between = two_days
    db = store.display_url
    store.subscribe("C0NEWS", "daily 09:00 UTC", "U0ALICE")
    store.mark_posted("C0NEWS", between)  # its last digest covered "envoy"

    result = CliRunner().invoke(main, ["digest", "--db", db, "--channel", "C0NEWS", "--json"])
    unknown = CliRunner().invoke(main, ["digest", "--db", db, "--channel", "C0NOPE"])

    assert result.exit_code == 0
    assert [a["id"] for a in json.loads(result.output)["articles"]] == ["drones"]
    assert unknown.exit_code == 2 and "C0NOPE has no digest subscription" in unknown.output
