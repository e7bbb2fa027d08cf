"""Questions answered from real extractions: the seed articles, and a short article of our own.

test_query.py checks the answer logic on hand-built facts; these check the whole path (spaCy
extraction, consolidation, index, answer) on the kinds of questions users ask.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from knowledge.articles import make_article
from knowledge.extract import extract_articles
from knowledge.facts import Actor, FactBase, Figure, Meeting, Quote, Role, Statement
from knowledge.query import MAX_FACTS, Answer, answer_question, fold

GENEVA = """\
Geneva talks on a prisoner exchange move ahead as Russia keeps up drone attacks

Ukrainian Foreign Minister Andrii Sybiha met Swiss Foreign Minister Peter Weber in Geneva on \
Monday to prepare a new round of talks on a prisoner exchange.

Sybiha later spoke by phone with French envoy Paul Martin, who is coordinating European support \
for the exchange.

“We are ready for a full exchange of all for all,” Sybiha said after the meeting.

Weber will host the Ukrainian and Russian delegations in Geneva next week, the Swiss foreign \
ministry said.

Swiss mediator Anna Martin, who has led earlier humanitarian talks, said both sides had agreed to \
an agenda. “Nothing is signed until everything is signed,” Anna Martin said.

Paul Martin said Europe would fund the transport of released prisoners.

Meanwhile, Russia launched 140 drones and five missiles overnight, Ukraine's air force said. Air \
defences shot down 120 drones.

At least three people were killed in the city of Odesa, regional officials said.
"""


@pytest.fixture(scope="module")
def geneva_base(nlp: Language) -> FactBase:
    from knowledge.consolidate import consolidate

    return consolidate(extract_articles([make_article("geneva", GENEVA)], nlp))


def ask(base: FactBase, question: str) -> Answer:
    return answer_question(question, base)


def meetings(answer: Answer) -> list[Meeting]:
    found = [item.fact for item in answer.facts if isinstance(item.fact, Meeting)]
    assert len(found) == len(answer.facts), answer.to_text()
    return found


def figures(answer: Answer) -> list[Figure]:
    found = [item.fact for item in answer.facts if isinstance(item.fact, Figure)]
    assert len(found) == len(answer.facts), answer.to_text()
    return found


def speakers(answer: Answer) -> set[str]:
    return {item.fact.speaker for item in answer.facts if isinstance(item.fact, (Quote, Statement))}


def matched(answer: Answer) -> list[str]:
    return [m.name for m in answer.matched]


def is_nothing_found(answer: Answer) -> bool:
    return not answer.facts and answer.heading.startswith("I found no") and bool(answer.suggestions)


# --- Meetings ---------------------------------------------------------------------------------


def test_who_met_names_each_meetings_counterparts_with_place_time_and_status(
    seed_base: FactBase,
) -> None:
    answer = ask(seed_base, "who met Witkoff")

    found = meetings(answer)
    assert all("Steve Witkoff" in m.participants for m in found)
    counterparts = [set(item.counterparts()) for item in answer.facts]
    assert {"Rustem Umerov", "Jared Kushner"} in counterparts
    assert any("Vladimir Putin" in c for c in counterparts)
    assert all("Steve Witkoff" not in c for c in counterparts)
    line = next(x for x in answer.to_text().splitlines() if "Rustem Umerov" in x)
    head = line.split(" — ")[0]
    assert head in {"• Rustem Umerov and Jared Kushner", "• Jared Kushner and Rustem Umerov"}
    assert " — meeting in Florida, Thursday (held) — " in line


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("who did Zelensky meet", {"Volodymyr Zelenskyy"}),
        ("meetings between Trump and Putin", {"Donald Trump", "Vladimir Putin"}),
        ("did Witkoff meet Umerov", {"Steve Witkoff", "Rustem Umerov"}),
        ("did Putin and Trump talk", {"Donald Trump", "Vladimir Putin"}),
        ("who met Vladmir Putin", {"Vladimir Putin"}),
    ],
)
def test_meetings_all_include_every_actor_asked_about(
    seed_base: FactBase, question: str, names: set[str]
) -> None:
    found = meetings(ask(seed_base, question))

    assert found
    assert all(names <= set(m.participants) for m in found)


def test_meetings_many_are_bounded_with_and_n_more(seed_base: FactBase) -> None:
    answer = ask(seed_base, "who did Zelensky meet")

    assert len(answer.facts) == MAX_FACTS < answer.total
    assert answer.to_text().splitlines()[-1] == f"…and {answer.total - MAX_FACTS} more."


def test_calls_are_marked_as_calls(seed_base: FactBase) -> None:
    answer = ask(seed_base, "did Trump call Putin")

    assert {m.kind for m in meetings(answer)} == {"call"}
    assert all("— phone call" in line for line in answer.to_text().splitlines()[1:])


def test_where_lists_the_places_first(seed_base: FactBase) -> None:
    answer = ask(seed_base, "where was the meeting between Trump and Putin")

    found = meetings(answer)
    assert found and all(m.place for m in found)
    assert "Alaska (held)" in answer.heading and "Budapest, Hungary (planned)" in answer.heading


def test_when_will_puts_planned_meetings_first(seed_base: FactBase) -> None:
    found = meetings(ask(seed_base, "when will Trump meet Putin"))

    assert found[0].status == "planned" and found[0].place == "Budapest, Hungary"
    statuses = [m.status for m in found]
    assert statuses.index("held") > max(i for i, s in enumerate(statuses) if s == "planned")


def test_a_summit_asked_for_where_only_a_meeting_is_reported_says_so(seed_base: FactBase) -> None:
    answer = ask(seed_base, "where is the summit in Budapest")

    assert answer.heading.startswith("No summits in Budapest, Hungary found. Meetings in Budapest")
    assert [m.place for m in meetings(answer)] == ["Budapest, Hungary"]


def test_what_did_two_people_discuss_gives_their_call(seed_base: FactBase) -> None:
    found = meetings(ask(seed_base, "what did Erdogan discuss with Rutte"))

    assert found and all({"Tayyip Erdoğan", "Mark Rutte"} <= set(m.participants) for m in found)
    assert found[0].kind == "call"


# --- Who is who ---------------------------------------------------------------------------------


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
    answer = ask(seed_base, question)

    roles = [item for item in answer.facts if isinstance(item.fact, Role)]
    assert roles and {item.actor for item in roles} == {actor}
    assert titles <= {item.fact.title for item in roles if isinstance(item.fact, Role)}
    assert all(item.fact.sources for item in roles)


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
    answer = ask(seed_base, question)

    assert matched(answer) == [name]
    assert f"({term} → {name})" in answer.to_text()


@pytest.mark.parametrize("question", ["who is Trump", "what did Trump say", "who met Trump"])
def test_a_surname_shared_with_a_far_less_reported_actor_is_not_ambiguous(
    seed_base: FactBase, question: str
) -> None:
    answer = ask(seed_base, question)

    assert answer.intent != "clarify" and matched(answer) == ["Donald Trump"]
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
    answer = ask(geneva_base, question)

    assert answer.intent == "clarify" and not answer.facts
    assert answer.heading in {
        "Did you mean Anna Martin or Paul Martin?",
        "Did you mean Paul Martin or Anna Martin?",
    }
    assert sorted(answer.suggestions) == expected


# --- Quotes -------------------------------------------------------------------------------------


def test_what_did_x_say_gives_only_their_quotes(seed_base: FactBase) -> None:
    answer = ask(seed_base, "what did Zelenskyy say")

    assert answer.facts and speakers(answer) == {"Volodymyr Zelenskyy"}
    assert any(isinstance(item.fact, Quote) for item in answer.facts)


def test_what_did_x_say_about_y_mentions_y(seed_base: FactBase) -> None:
    answer = ask(seed_base, "what did Trump say about Putin")

    assert answer.facts and speakers(answer) == {"Donald Trump"}
    for item in answer.facts:
        words = item.fact.words if isinstance(item.fact, Quote) else ""
        text = " ".join([words, *(s.sentence for s in item.fact.sources)])
        assert "Putin" in text or "Russian leader" in text or "Russian president" in text


def test_what_did_x_say_about_a_topic_ranks_the_topic(seed_base: FactBase) -> None:
    answer = ask(seed_base, "what did Zelenskyy say about security guarantees")

    assert answer.facts and speakers(answer) == {"Volodymyr Zelenskyy"}
    first = answer.facts[0].fact
    assert isinstance(first, (Quote, Statement))
    assert "guarantee" in fold(first.sources[0].sentence)


# --- Figures ------------------------------------------------------------------------------------


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
    found = figures(ask(seed_base, question))

    assert {f.value for f in found[: len(values)]} == values, [f.text for f in found]


def test_figures_of_another_action_are_left_out(seed_base: FactBase) -> None:
    found = figures(ask(seed_base, "how many drones did Russia launch"))

    assert {f.value for f in found} == {270, 10}
    assert {f.unit for f in found} == {"drones", "missiles"}


def test_figures_of_killed_people(seed_base: FactBase) -> None:
    found = figures(ask(seed_base, "how many people were killed"))

    assert found[0].value == 21 and found[0].qualifier == "at least"
    assert {f.counts for f in found[:3]} == {"people killed"}
    assert all(f.unit in {"people", "others"} for f in found)


# --- Search, help, nothing found ----------------------------------------------------------------


def test_free_words_search_the_fact_sentences(seed_base: FactBase) -> None:
    answer = ask(seed_base, "sanctions")

    assert answer.facts
    assert all("sanction" in fold(item.fact.sources[0].sentence) for item in answer.facts)


@pytest.mark.parametrize("question", ["", "help", "  ? "])
def test_help_and_empty_questions_get_usage_and_examples(
    seed_base: FactBase, question: str
) -> None:
    answer = ask(seed_base, question)

    assert answer.intent == "help" and not answer.facts and answer.suggestions
    assert "who met whom" in answer.heading


@pytest.mark.parametrize(
    "question",
    ["who is Angela Merkel", "what is the weather in Paris", "who met Boris Johnson"],
)
def test_nothing_found_says_so_and_suggests_instead_of_padding(
    seed_base: FactBase, question: str
) -> None:
    answer = ask(seed_base, question)

    assert is_nothing_found(answer), answer.to_text()
    assert all(s.endswith("?") for s in answer.suggestions)


# --- A short article of our own ----------------------------------------------------------------


def test_own_article_who_met(geneva_base: FactBase) -> None:
    answer = ask(geneva_base, "who met Sybiha")

    by_counterpart = {tuple(item.counterparts()): item.fact for item in answer.facts}
    assert set(by_counterpart) == {("Peter Weber",), ("Paul Martin",)}
    call = by_counterpart[("Paul Martin",)]
    assert isinstance(call, Meeting) and call.kind == "call" and call.status == "held"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who is sibiha", "Andrii Sybiha — foreign minister (Ukraine)"),
        ("what did Sybiha say", '"We are ready for a full exchange of all for all"'),
        ("where will the delegations meet", "meeting in Geneva, next week (planned)"),
        ("when did Sybiha meet Weber", "Andrii Sybiha and Peter Weber — meeting"),
        ("how many people were killed", "At least three people — people killed"),
        ("prisoners", "Europe would fund the transport of released prisoners"),
    ],
)
def test_own_article_answers(geneva_base: FactBase, question: str, expected: str) -> None:
    text = ask(geneva_base, question).to_text()

    assert expected in text, text


def test_own_article_figures_of_the_launch_not_the_shooting_down(geneva_base: FactBase) -> None:
    found = figures(ask(geneva_base, "how many drones did Russia launch"))

    assert [f.value for f in found] == [140, 5]


@pytest.mark.parametrize("question", ["who is Putin", "who met Witkoff", "how many tanks"])
def test_own_article_nothing_found_for_what_it_does_not_hold(
    geneva_base: FactBase, question: str
) -> None:
    assert is_nothing_found(ask(geneva_base, question))


def test_profiles_never_mix_in_other_actors(geneva_base: FactBase) -> None:
    answer = ask(geneva_base, "Peter Weber")

    actors = [item.fact for item in answer.facts if isinstance(item.fact, Actor)]
    assert [a.name for a in actors] == ["Peter Weber"]
