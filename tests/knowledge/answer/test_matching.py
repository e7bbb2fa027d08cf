"""Tests for knowledge.answer.matching: names in a question matched to actors, exactly or
fuzzily, kept apart, or asked about when two fit."""

from __future__ import annotations

import pytest

from bench.behaviour import ABOUT_NAMES
from knowledge.answer import ActorMatch, answer_question, index_for, match_actors
from knowledge.facts import Actor, FactBase
from tests.knowledge.answer.asking import ask, matched_names
from tests.knowledge.answer.facts_data import make_facts

# --- On the hand-built fact base ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Witkof", "Steve Witkoff"),
        ("Steve Witkof", "Steve Witkoff"),
        ("witkoff", "Steve Witkoff"),
        ("Zelenksy", "Volodymyr Zelenskyy"),
        ("Zelensky", "Volodymyr Zelenskyy"),
        ("zelenskiy", "Volodymyr Zelenskyy"),
        ("Zelenskyy's", "Volodymyr Zelenskyy"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("erdoğan", "Recep Tayyip Erdoğan"),
        ("ERDOGAN", "Recep Tayyip Erdoğan"),
        ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"),
        ("Orban", "Viktor Orbán"),
        ("Trump Donald", "Donald Trump"),
        ("Putin's", "Vladimir Putin"),
        ("Putn", "Vladimir Putin"),
        ("Umarov", "Rustem Umerov"),
        ("Melania", "Melania Trump"),
        ("Tusk", "Donald Tusk"),
        ("European leaders", "European leaders"),
    ],
)
def test_match_finds_actor_by_typo_surname_diacritics_and_word_order(
    question: str, expected: str
) -> None:
    assert matched_names(ask(question)) == [expected]


def test_match_says_what_a_fuzzy_name_matched() -> None:
    fuzzy = ask("who met Witkof?")
    exact = ask("who met Witkoff?")

    assert fuzzy.matched[0].term == "Witkof"
    assert fuzzy.matched[0].score < 100
    assert "Witkof → Steve Witkoff" in fuzzy.to_text()
    assert exact.matched[0].score == 100
    assert "→" not in exact.to_text()


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        ("Trump", "Donald Trump", {"Donald Tusk", "Melania Trump"}),
        ("Donald Trump", "Donald Trump", {"Donald Tusk", "Melania Trump"}),
        ("Tusk", "Donald Tusk", {"Donald Trump", "Melania Trump"}),
        ("Donald Tusk", "Donald Tusk", {"Donald Trump", "Melania Trump"}),
        ("Melania Trump", "Melania Trump", {"Donald Trump", "Donald Tusk"}),
    ],
)
def test_match_keeps_similar_names_apart(
    question: str, expected: str, not_expected: set[str]
) -> None:
    answer = ask(question)
    names = matched_names(answer)

    assert names == [expected]
    mentioned = {item.fact.name for item in answer.facts if isinstance(item.fact, Actor)}
    assert mentioned == {expected}
    assert not not_expected & {item.actor for item in answer.facts if item.actor}


def test_match_ambiguous_given_name_says_who_else_it_could_be() -> None:
    answer = ask("Donald")

    assert matched_names(answer) == ["Donald Trump"]
    assert "could also be Donald Tusk" in answer.to_text()


@pytest.mark.parametrize(
    "question",
    [
        "who met whom",
        "what was said",
        "who said what when",
        "how many",
        "the peace talks",
        "meetings this week",
        "putting pressure on the talks",
        "urban areas",
        "planned calls",
        "Tell me the latest news",
    ],
)
def test_match_common_words_are_not_names(question: str) -> None:
    assert ask(question).matched == []


def test_match_one_word_names_that_are_common_words_need_a_capital() -> None:
    facts = make_facts()
    facts.actors.append(Actor("State", "organization", mentions=2))
    facts.actors.append(Actor("Army", "organization", mentions=1))

    assert answer_question("what did the state department say", facts).matched == []
    assert answer_question("russian army drones", facts).matched == []
    assert matched_names(answer_question("what did State say", facts)) == ["State"]


def test_match_given_name_alone_needs_a_capital() -> None:
    assert matched_names(ask("Steve")) == ["Steve Witkoff"]
    assert ask("steve").matched == []


def test_match_two_prominent_names_beat_an_obscure_merged_one() -> None:
    facts = make_facts()
    facts.actors.append(Actor("Putin-Zelenskyy", "person", mentions=0))

    answer = answer_question("Putin Zelenskyy meeting", facts)

    assert matched_names(answer) == ["Vladimir Putin", "Volodymyr Zelenskyy"]
    assert matched_names(answer_question("Melania Trump", facts)) == ["Melania Trump"]


# --- On the seeds and our own article ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "term", "name"),
    [
        ("who met witkof", "witkof", "Steve Witkoff"),
        ("who is umerof", "umerof", "Rustem Umerov"),
        ("who is grynkevich", "grynkevich", "Alexus Grynkewich"),
        ("what did Karolin Levitt say", "Karolin Levitt", "Karoline Leavitt"),
        ("what did zelenski say", "zelenski", "Volodymyr Zelenskyy"),
    ],
)
def test_a_fuzzy_match_says_what_it_matched(
    seed_base: FactBase, question: str, term: str, name: str
) -> None:
    answer = ask(question, seed_base)

    assert matched_names(answer) == [name]
    assert f"({term} → {name})" in answer.to_text()


@pytest.mark.parametrize("question", ["who is Trump", "what did Trump say", "who met Trump"])
def test_a_surname_shared_with_a_far_less_reported_actor_is_not_ambiguous(
    seed_base: FactBase, question: str
) -> None:
    answer = ask(question, seed_base)

    assert answer.intent != "clarify" and matched_names(answer) == ["Donald Trump"]
    assert "Melania" not in answer.to_text()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who is Martin", ["who is Anna Martin", "who is Paul Martin"]),
        ("what did martin say", ["what did Anna Martin say", "what did Paul Martin say"]),
    ],
)
def test_two_actors_that_fit_equally_are_asked_about(
    geneva_base: FactBase, question: str, expected: list[str]
) -> None:
    answer = ask(question, geneva_base)

    assert answer.intent == "clarify" and not answer.facts
    assert answer.heading in {
        "Did you mean Anna Martin or Paul Martin?",
        "Did you mean Paul Martin or Anna Martin?",
    }
    assert sorted(answer.suggestions) == expected


# --- The name matcher on its own: match_actors ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("Lavrof", "Sergey Lavrov"),
        ("Kushnir", "Jared Kushner"),
        ("Umerof", "Rustem Umerov"),
        ("Makron", "Emmanuel Macron"),
        ("Sibiha", "Andrii Sybiha"),
        ("Ushakof", "Yuri Ushakov"),
    ],
)
def test_match_actors_resolves_a_misspelt_name_fuzzily(
    seed_base: FactBase, name: str, actor: str
) -> None:
    found = match_actors(name, index_for(seed_base))

    assert [(m.term, m.actor, m.fuzzy) for m in found] == [(name, actor, True)]
    assert 0 < found[0].score < 100


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("ERDOGAN", "Tayyip Erdoğan"),
        ("Erdoğan", "Tayyip Erdoğan"),
        ("leavitt karoline", "Karoline Leavitt"),
        ("Zelenskyy", "Volodymyr Zelenskyy"),
    ],
)
def test_match_actors_any_case_diacritics_surname_or_word_order_is_exact(
    seed_base: FactBase, name: str, actor: str
) -> None:
    assert match_actors(name, index_for(seed_base)) == [ActorMatch(name, actor, 100, False)]


@pytest.mark.parametrize("name", ["Merkel", "Xi Jinping", "Boris Johnson"])
def test_match_actors_finds_nobody_for_a_name_in_no_article(seed_base: FactBase, name: str) -> None:
    assert match_actors(name, index_for(seed_base)) == []


def test_match_actors_gives_one_match_per_name_in_order(seed_base: FactBase) -> None:
    found = match_actors("Trump and Putin", index_for(seed_base))

    assert [m.actor for m in found] == ["Donald Trump", "Vladimir Putin"]


def test_match_actors_says_when_two_actors_fit_equally(geneva_base: FactBase) -> None:
    (found,) = match_actors("Martin", index_for(geneva_base))

    assert {found.actor, *found.ambiguous_with} == {"Anna Martin", "Paul Martin"}


# The names bench/behaviour.py records `facts --about` and `ask` resolving, misspelt mostly.
@pytest.mark.parametrize("name", ABOUT_NAMES)
def test_match_actors_agrees_with_ask(seed_base: FactBase, name: str) -> None:
    asked = answer_question(f"who is {name}", seed_base)

    found = match_actors(name, index_for(seed_base))

    assert [(m.term, m.actor, m.score) for m in found] == [tuple(m) for m in asked.matched]
