"""Tests for knowledge.answer.kinds.meetings: who met whom, filtered by place, status and
kind, ranked, with the places or times asked for."""

from __future__ import annotations

import pytest

from knowledge.answer import MAX_FACTS
from knowledge.facts import FactBase, Meeting
from tests.knowledge.answer.asking import ask, fact_kinds, meeting_participants, meetings
from tests.knowledge.answer.facts_data import FACTS

# --- On the hand-built fact base ---------------------------------------------------------------


def test_meetings_who_met_lists_only_meetings_with_that_actor() -> None:
    answer = ask("who met Witkof?")

    assert answer.intent == "meeting"
    assert answer.total == 2
    assert all("Steve Witkoff" in people for people in meeting_participants(answer))


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("calls between Trump and Putin", {"Donald Trump", "Vladimir Putin"}),
        ("did Zelensky meet Erdogan", {"Volodymyr Zelenskyy", "Recep Tayyip Erdoğan"}),
        ("meetings with Witkoff and Umerov", {"Steve Witkoff", "Rustem Umerov"}),
        ("meetings with European leaders", {"European leaders"}),
    ],
)
def test_meetings_include_every_named_participant(question: str, names: set[str]) -> None:
    participants = meeting_participants(ask(question))

    assert participants
    assert all(names <= people for people in participants)


@pytest.mark.parametrize(
    ("question", "field", "allowed", "count"),
    [
        ("talks in Istanbul", "place", {"Istanbul"}, 1),
        ("meetings in Istambul", "place", {"Istanbul"}, 1),
        ("talks at the Kremlin", "place", {"the Kremlin"}, 1),
        ("planned meetings", "status", {"planned"}, 1),
        ("meetings on hold", "status", {"on hold"}, 1),
        ("declined meetings", "status", {"declined"}, 1),
        ("video calls", "kind", {"video"}, 1),
        ("summits", "kind", {"summit"}, 1),
        ("phone calls", "kind", {"call"}, 2),
        ("did Trump call Putin", "kind", {"call"}, 1),
        ("meetings in Florida on Thursday", "place", {"Florida"}, 1),
    ],
)
def test_meetings_filter_by_place_status_and_kind(
    question: str, field: str, allowed: set[str], count: int
) -> None:
    answer = ask(question)

    assert fact_kinds(answer) == ["meeting"] * count
    assert {getattr(item.fact, field) for item in answer.facts} <= allowed


def test_meetings_with_a_role_resolve_to_its_holder() -> None:
    answer = ask("who met Ukraine's lead negotiator?")

    assert answer.total == 2
    assert all("Rustem Umerov" in people for people in meeting_participants(answer))


def test_meetings_rank_facts_with_more_sources_first() -> None:
    answer = ask("who met Witkoff")

    counts = [len(item.fact.sources) for item in answer.facts]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == 2


def test_meetings_cap_the_list_and_say_how_many_more() -> None:
    answer = ask("meetings")

    assert len(answer.facts) == MAX_FACTS
    assert answer.total == len(FACTS.meetings)
    assert f"…and {len(FACTS.meetings) - MAX_FACTS} more." in answer.to_text()


# --- On the seeds and our own article ----------------------------------------------------------


def test_who_met_names_each_meetings_counterparts_with_place_time_and_status(
    seed_base: FactBase,
) -> None:
    answer = ask("who met Witkoff", seed_base)

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
    found = meetings(ask(question, seed_base))

    assert found
    assert all(names <= set(m.participants) for m in found)


def test_meetings_many_are_bounded_with_and_n_more(seed_base: FactBase) -> None:
    answer = ask("who did Zelensky meet", seed_base)

    assert len(answer.facts) == MAX_FACTS < answer.total
    lines = answer.to_text().splitlines()
    more = lines.index(f"…and {answer.total - MAX_FACTS} more.")
    # After the facts, before the evidence that follows them.
    assert more == MAX_FACTS + 1 + len(answer.notes)
    assert lines[more + 1 :][:1] in ([], ["From the articles:"])


def test_calls_are_marked_as_calls(seed_base: FactBase) -> None:
    answer = ask("did Trump call Putin", seed_base)

    assert {m.kind for m in meetings(answer)} == {"call"}
    fact_lines = answer.to_text().splitlines()[1 : 1 + len(answer.facts)]
    assert fact_lines and all("— phone call" in line for line in fact_lines)


def test_where_lists_the_places_first(seed_base: FactBase) -> None:
    answer = ask("where was the meeting between Trump and Putin", seed_base)

    found = meetings(answer)
    assert found and all(m.place for m in found)
    # The Budapest summit is one event: planned in one seed, on hold in a later one.
    assert "Alaska (held)" in answer.heading and "Budapest, Hungary (on hold)" in answer.heading


def test_when_will_puts_planned_meetings_first(seed_base: FactBase) -> None:
    found = meetings(ask("when will Trump meet Putin", seed_base))

    # The seeds' planned Budapest summit is one event with its later reports, on hold: what
    # is still ahead (planned, proposed, on hold) comes before what was held.
    ahead = {"planned", "proposed", "on hold"}
    assert found[0].status in ahead
    statuses = [m.status for m in found]
    assert statuses.index("held") > max(i for i, s in enumerate(statuses) if s in ahead)


def test_a_summit_asked_for_where_only_a_meeting_is_reported_says_so(seed_base: FactBase) -> None:
    answer = ask("where is the summit in Budapest", seed_base)

    assert answer.heading.startswith("No summits in Budapest found. Meetings in Budapest")
    found = meetings(answer)
    assert sorted(m.place or "" for m in found) == ["Budapest", "Budapest, Hungary"]
    # Held first, then planned, proposed, on hold, declined.
    order = ["held", "planned", "proposed", "on hold", "declined"]
    assert [order.index(m.status) for m in found] == sorted(order.index(m.status) for m in found)


def test_what_did_two_people_discuss_gives_their_call(seed_base: FactBase) -> None:
    found = meetings(ask("what did Erdogan discuss with Rutte", seed_base))

    assert found and all({"Tayyip Erdoğan", "Mark Rutte"} <= set(m.participants) for m in found)
    assert found[0].kind == "call"


def test_own_article_who_met(geneva_base: FactBase) -> None:
    answer = ask("who met Sybiha", geneva_base)

    by_counterpart = {tuple(item.counterparts()): item.fact for item in answer.facts}
    assert set(by_counterpart) == {("Peter Weber",), ("Paul Martin",)}
    call = by_counterpart[("Paul Martin",)]
    assert isinstance(call, Meeting) and call.kind == "call" and call.status == "held"


def test_did_they_meet_says_yes_first_when_one_was_held(seed_base: FactBase) -> None:
    answer = ask("did Trump meet Putin in Alaska", seed_base)

    assert answer.heading.startswith("Yes, held. ")
    assert meetings(answer)[0].status == "held"


def test_did_they_meet_says_so_when_none_was_held(geneva_base: FactBase) -> None:
    answer = ask("did Weber meet Paul Martin", geneva_base)

    assert not answer.heading.startswith("Yes")


def test_each_counterpart_before_any_repeat_and_held_first(seed_base: FactBase) -> None:
    answer = ask("who met Putin", seed_base)
    found = [frozenset(item.counterparts()) for item in answer.facts]

    first_repeat = next((i for i, c in enumerate(found) if c in found[:i]), len(found))
    assert len(set(found[:first_repeat])) == first_repeat
    assert all(c in found[:first_repeat] for c in found[first_repeat:])
    assert meetings(answer)[0].status == "held"
