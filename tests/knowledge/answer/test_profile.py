"""Tests for knowledge.answer.kinds.profile: a name alone gives the actor's profile."""

from __future__ import annotations

from knowledge.facts import Actor, FactBase
from tests.knowledge.answer.asking import ask, fact_kinds


def test_profile_of_a_name_alone_has_roles_meetings_and_a_quote() -> None:
    answer = ask("Zelenksy")

    assert answer.intent == "profile"
    kinds = fact_kinds(answer)
    assert kinds[0] == "actor"
    assert {"role", "meeting", "quote"} <= set(kinds)
    assert kinds.count("meeting") <= 3


def test_profiles_never_mix_in_other_actors(geneva_base: FactBase) -> None:
    answer = ask("Peter Weber", geneva_base)

    actors = [item.fact for item in answer.facts if isinstance(item.fact, Actor)]
    assert [a.name for a in actors] == ["Peter Weber"]
