"""Tests for knowledge.answer.kinds.roles: who is who, by actor or by title."""

from __future__ import annotations

import pytest

from knowledge.facts import FactBase, Role
from tests.knowledge.answer.asking import ask, fact_kinds, matched_names

# --- On the hand-built fact base ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "actor", "title"),
    [
        ("who is Umerov", "Rustem Umerov", "lead negotiator"),
        ("who's Umerov?", "Rustem Umerov", "lead negotiator"),
        ("what is Witkoff's role", "Steve Witkoff", "special envoy"),
        ("who is the lead negotiator", "Rustem Umerov", "lead negotiator"),
        ("who is the special envoy", "Steve Witkoff", "special envoy"),
        ("who is Putin's adviser", "Yuri Ushakov", "senior adviser"),
    ],
)
def test_roles_found_by_actor_or_by_title(question: str, actor: str, title: str) -> None:
    answer = ask(question)

    assert answer.intent == "role"
    assert answer.facts
    assert all(item.kind == "role" for item in answer.facts)
    assert (actor, title) in [(item.actor, item.fact.title) for item in answer.facts]


def test_roles_of_an_actor_without_roles_fall_back_to_a_profile() -> None:
    answer = ask("who is Macron")

    assert matched_names(answer) == ["Emmanuel Macron"]
    assert fact_kinds(answer) == ["actor"]


# --- On the seeds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "actor", "titles"),
    [
        ("who is Umerov", "Rustem Umerov", {"lead negotiator", "defense minister"}),
        ("who is umerof", "Rustem Umerov", {"lead negotiator"}),
        ("what is Lavrov's role", "Sergey Lavrov", {"foreign minister"}),
        ("who is grynkevich", "Alexus Grynkewich", {"general"}),
        ("who is Leavitt Karoline", "Karoline Leavitt", {"press secretary"}),
        ("who is the president of Ukraine", "Volodymyr Zelenskyy", {"president"}),
        ("Who is ZELENSKIJ", "Volodymyr Zelenskyy", {"president"}),
        ("who is Erdogan", "Tayyip Erdoğan", {"president"}),
        ("who is Erdoğan", "Tayyip Erdoğan", {"president"}),
        ("who is Orban", "Victor Orbán", {"prime minister"}),
    ],
)
def test_who_is_gives_roles_with_sources(
    seed_base: FactBase, question: str, actor: str, titles: set[str]
) -> None:
    answer = ask(question, seed_base)

    roles = [item for item in answer.facts if isinstance(item.fact, Role)]
    assert roles and {item.actor for item in roles} == {actor}
    assert titles <= {item.fact.title for item in roles if isinstance(item.fact, Role)}
    assert all(item.fact.sources for item in roles)
