"""find_facts: facts of one kind involving a name, however it is written."""

from __future__ import annotations

import pytest

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
