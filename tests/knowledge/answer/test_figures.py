"""Tests for knowledge.answer.kinds.figures: figures found by words, numbers, units and
measures, ranked by what they count."""

from __future__ import annotations

import pytest

from knowledge.facts import FactBase, Figure
from tests.knowledge.answer.asking import ask, fact_kinds, figures

# --- On the hand-built fact base ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "values"),
    [
        ("how many drones", {653}),
        ("How many drones did Russia launch?", {653}),
        ("how many people were killed", {7}),
        ("casualties", {7, 30}),
        ("$90bn", {90}),
        ("how much was the $90 billion loan", {90}),
        ("how many missiles did Russia fire", {51}),
        ("20%", {20}),
    ],
)
def test_figures_found_by_words_numbers_and_units(question: str, values: set[float]) -> None:
    answer = ask(question)

    assert answer.intent == "figure"
    assert {item.fact.value for item in answer.facts if isinstance(item.fact, Figure)} == values
    assert fact_kinds(answer) == ["figure"] * len(values)


# --- On the seeds and our own article ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "values"),
    [
        ("how many drones did Russia launch", {270, 10}),
        ("what is the range of Tomahawks", {995}),
        ("how long is the front line", {620}),
        ("how many allies pledged troops", {26}),
        ("how much is the package of proposals", {90}),
    ],
)
def test_figures_ranked_by_what_they_count(
    seed_base: FactBase, question: str, values: set[float]
) -> None:
    found = figures(ask(question, seed_base))

    assert {f.value for f in found[: len(values)]} == values, [f.text for f in found]


def test_figures_of_another_action_are_left_out(seed_base: FactBase) -> None:
    found = figures(ask("how many drones did Russia launch", seed_base))

    assert {f.value for f in found} == {270, 10}
    assert {f.unit for f in found} == {"drones", "missiles"}


def test_figures_of_killed_people(seed_base: FactBase) -> None:
    found = figures(ask("how many people were killed", seed_base))

    assert found[0].value == 21 and found[0].qualifier == "at least"
    assert {f.counts for f in found[:3]} == {"people killed"}
    assert all(f.unit in {"people", "others"} for f in found)


def test_own_article_figures_of_the_launch_not_the_shooting_down(geneva_base: FactBase) -> None:
    found = figures(ask("how many drones did Russia launch", geneva_base))

    assert [f.value for f in found] == [140, 5]
