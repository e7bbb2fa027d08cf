"""find_facts: facts of one kind involving a name, however it is written."""

from __future__ import annotations

import pytest

from bench.behaviour import ABOUT_NAMES
from knowledge import consolidate
from knowledge.answer import answer_question
from knowledge.articles import make_article
from knowledge.facts import ArticleFacts, FactBase
from knowledge.locations import DEFAULT_SEEDS_DIR
from knowledge.store import Store
from tests.factories import rich_fact_base


def test_store_find_facts_without_about_lists_all_in_order(rich_store: Store) -> None:
    found = rich_store.find_facts("actor", limit=None)
    assert [a.name for a in found.facts] == [a.name for a in rich_fact_base().actors]
    assert found.total == 5 and found.matched == []


def test_store_find_facts_limit_keeps_the_total(rich_store: Store) -> None:
    found = rich_store.find_facts("meeting", limit=1)
    assert len(found.facts) == 1 and found.total == 3


@pytest.mark.parametrize("about", ["Vladimir Putin", "putin", "PUTIN", "  Putin’s "])
def test_store_find_facts_about_matches_name_alias_and_case(rich_store: Store, about: str) -> None:
    found = rich_store.find_facts("meeting", about=about)
    assert found.matched == ["Vladimir Putin"] and not found.fuzzy
    assert [m.place for m in found.facts] == ["Moscow", None]


@pytest.mark.parametrize("about", ["erdogan", "ERDOĞAN", "Tayyip Erdogan"])
def test_store_find_facts_about_ignores_diacritics(rich_store: Store, about: str) -> None:
    found = rich_store.find_facts("actor", about=about)
    assert [a.name for a in found.facts] == ["Recep Tayyip Erdoğan"]


def test_store_find_facts_about_matches_an_alias_in_another_script(rich_store: Store) -> None:
    found = rich_store.find_facts("statement", about="Зеленський")
    assert [s.text for s in found.facts] == ["Kyiv was ready for talks"]


def test_store_find_facts_about_surname_alone(rich_store: Store) -> None:
    # "Witkoff" is an alias; "Tayyip" is a given name only found inside the full name.
    assert rich_store.find_facts("quote", about="Witkoff").matched == ["Steve Witkoff"]
    assert rich_store.find_facts("actor", about="Recep").matched == ["Recep Tayyip Erdoğan"]


def test_store_find_facts_about_misspelling_matches_fuzzily(rich_store: Store) -> None:
    found = rich_store.find_facts("quote", about="Witkof")
    assert found.matched == ["Steve Witkoff"] and found.fuzzy
    assert [q.words for q in found.facts] == ["We had a productive meeting"]


def test_store_find_facts_about_a_group_that_is_no_actor(rich_store: Store) -> None:
    found = rich_store.find_facts("meeting", about="european leaders")
    assert found.matched == ["European leaders"]
    assert [m.kind for m in found.facts] == ["video"]


def test_store_find_facts_about_figure_subject(rich_store: Store) -> None:
    found = rich_store.find_facts("figure", about="russia")
    assert [f.text for f in found.facts] == ["at least 810 drones"]


def test_store_find_facts_about_unknown_name_finds_nothing(rich_store: Store) -> None:
    found = rich_store.find_facts("actor", about="Napoleon Bonaparte")
    assert found.facts == [] and found.total == 0 and found.matched == []


def test_store_find_facts_unknown_kind_raises(rich_store: Store) -> None:
    with pytest.raises(ValueError, match="unknown fact kind"):
        rich_store.find_facts("rumour")


# --- One name matcher: `facts --about` finds whom `ask` finds ----------------------------------

MISSPELT = (
    *ABOUT_NAMES,
    "Lavrov",
    "Witkoff Steve",
    "Rubiyo",
    "Macronn",
    "Zelenskyi",
    "Peskof",
    "Kushnr",
    "leavit",
    "Starmer",
    "von der leyen",
)


@pytest.fixture
def seeds_store(store: Store, seed_base: FactBase, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A store whose consolidated facts are the seeds' fact base."""
    monkeypatch.setattr(consolidate, "consolidate", lambda items: seed_base)
    seeds = [make_article(p.stem, p.read_text("utf-8")) for p in DEFAULT_SEEDS_DIR.glob("*.txt")]
    store.add_articles([(a, ArticleFacts(article_id=a.id, title=a.title)) for a in seeds])
    return store


@pytest.mark.parametrize("name", MISSPELT)
def test_store_find_facts_about_matches_whom_ask_matches(
    seeds_store: Store, seed_base: FactBase, name: str
) -> None:
    asked = answer_question(f"who is {name}", seed_base)

    found = seeds_store.find_facts("actor", about=name, limit=None)

    assert found.matched == [match.name for match in asked.matched]
    assert [actor.name for actor in found.facts] == sorted(
        found.matched, key=[a.name for a in seed_base.actors].index
    )


def _involves(fact: object, actor: str) -> bool:
    return actor == getattr(fact, "speaker", None) or actor in getattr(fact, "participants", ())


@pytest.mark.parametrize(
    ("kind", "about", "actor"),
    [
        ("quote", "Lavrof", "Sergey Lavrov"),
        ("meeting", "Kushnir", "Jared Kushner"),
        ("meeting", "Umerof", "Rustem Umerov"),
    ],
)
def test_store_find_facts_about_a_misspelt_name_finds_that_actors_facts(
    seeds_store: Store, kind: str, about: str, actor: str
) -> None:
    found = seeds_store.find_facts(kind, about=about, limit=None)

    assert found.matched == [actor]
    assert found.fuzzy
    assert found.facts
    assert all(_involves(fact, actor) for fact in found.facts)


def test_store_find_facts_about_a_misspelling_is_never_another_actor(seeds_store: Store) -> None:
    """Kushnir was once matched to the United States (its folded key shares letters)."""
    assert seeds_store.find_facts("actor", about="Kushnir").matched == ["Jared Kushner"]
    assert seeds_store.find_facts("actor", about="Ushakof").matched == ["Yuri Ushakov"]
