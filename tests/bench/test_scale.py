"""bench/scale.py's synthetic year: renamed copies of articles are distinct articles about
distinct actors, and the fact base it writes (the copies' consolidations one after another) is
what consolidating all the copied articles gives."""

from __future__ import annotations

from pathlib import Path

from bench.scale import Copies, write_big_store
from knowledge import consolidate
from knowledge.facts import FactBase
from knowledge.store import open_store
from tests.factories import article, drones_facts, envoy_facts


def copies() -> Copies:
    return Copies([article("envoy"), article("drones")], [envoy_facts(), drones_facts()])


def reprs(facts: FactBase) -> dict[str, list[str]]:
    """Each kind's facts as sorted reprs: the same facts whatever their order."""
    return {
        kind: sorted(repr(fact) for fact in getattr(facts, kind))
        for kind in ("actors", "meetings", "figures", "quotes", "statements", "sentences")
    }


def test_copies_are_distinct_articles_about_distinct_actors() -> None:
    made = list(copies().items(5))

    assert [number for number, _, _ in made] == [0, 1, 2]
    pairs = [pair for _, items, _ in made for pair in items]
    assert [a.id for a, _ in pairs] == [
        "envoy", "drones", "envoy-1", "drones-1", "envoy-2",
    ]  # fmt: skip
    assert len({a.sha256 for a, _ in pairs}) == 5
    assert all(facts.article_id == a.id for a, facts in pairs)
    names = [{actor.name for actor in facts.actors} for _, facts in pairs[::2]]
    assert names[0] and not (names[0] & names[1]) and not (names[1] & names[2])
    assert "Witkoff" in pairs[0][0].text and "Witkoff" not in pairs[2][0].text
    values = [{f.value for f in facts.figures} for _, facts in pairs[1::2]]
    assert values[0] and not values[0] & values[1]  # numbers changed too


def test_the_fact_base_written_is_the_consolidation_of_every_article(tmp_path: Path) -> None:
    db = str(tmp_path / "big.sqlite3")
    write_big_store(db, copies(), 6)

    with open_store(db) as store:
        stored = store.load_factbase()
        own = store.article_facts()
        assert store.stats()["articles"] == 6
    rebuilt = consolidate.consolidate(own)
    assert reprs(stored) == reprs(rebuilt)
    assert len(stored.actors) == 3 * len(consolidate.consolidate(own[:2]).actors)
