"""The examples the fact-base issue names, checked on the five seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.facts import Actor, FactBase

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def base(seed_base: FactBase) -> FactBase:
    return seed_base


def actor(base: FactBase, name: str) -> Actor:
    return next(a for a in base.actors if a.name == name)


def people(base: FactBase) -> set[str]:
    return {a.name for a in base.actors if a.kind == "person"}


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("Steve Witkoff", "Witkoff"),
        ("Vladimir Putin", "Vladmir Putin"),
        ("Volodymyr Zelenskyy", "Zelensky"),
        ("Volodymyr Zelenskyy", "Zelenskyy"),
        ("Tayyip Erdoğan", "Erdogan"),
        ("Victor Orbán", "Orban"),
    ],
)
def test_seeds_name_variants_merge(base: FactBase, name: str, alias: str) -> None:
    assert alias in actor(base, name).aliases


def test_seeds_no_false_merges(base: FactBase) -> None:
    assert {"Donald Trump", "Melania Trump", "Donald Tusk"} <= people(base)
    assert len([p for p in people(base) if "Zelensk" in p and "Olena" not in p]) == 1


@pytest.mark.parametrize("not_a_person", ["Kyiv", "Politico", "Tomahawks", "Tomahawk"])
def test_seeds_mislabelled_names_are_not_people(base: FactBase, not_a_person: str) -> None:
    assert not_a_person not in people(base)


@pytest.mark.parametrize(
    ("name", "title", "of"),
    [
        ("Steve Witkoff", "special envoy", "United States"),
        ("Rustem Umerov", "lead negotiator", "Ukraine"),
        ("Rustem Umerov", "defense minister", None),
        ("Yuri Ushakov", "foreign policy adviser", "Vladimir Putin"),
        ("Sergey Lavrov", "foreign minister", "Russia"),
        ("Marco Rubio", "secretary of state", "United States"),
        ("Mark Rutte", "secretary general", "NATO"),
        ("Dan Driscoll", "secretary", "Army"),
    ],
)
def test_seeds_roles(base: FactBase, name: str, title: str, of: str | None) -> None:
    assert (title, of) in {(r.title, r.of) for r in actor(base, name).roles}


def test_seeds_title_of_department_is_no_organization(base: FactBase) -> None:
    assert actor(base, "Marco Rubio").affiliation == "United States"
    assert "State" not in {a.name for a in base.actors}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Tayyip Erdoğan", "Mark Rutte"),  # "… discussed security guarantees … in a phone call"
        ("Hakan Fidan", "Marco Rubio"),  # "… discussed potential steps … in a phone call"
    ],
)
def test_seeds_pair_discussed_in_a_phone_call(base: FactBase, first: str, second: str) -> None:
    calls = [m for m in base.meetings if set(m.participants) == {first, second}]
    assert calls, [m.participants for m in base.meetings if first in m.participants]
    assert calls[0].kind == "call" and calls[0].status == "held"
    assert calls[0].time == "Tuesday"


def test_seeds_on_hold_meeting_is_not_held(base: FactBase) -> None:
    on_hold = [m for m in base.meetings if m.status == "on hold"]
    assert any(set(m.participants) == {"Donald Trump", "Vladimir Putin"} for m in on_hold)
    on_hold_sentence = "Plans are on hold for President Donald Trump to sit down"
    for meeting in base.meetings:
        if any(s.sentence.startswith(on_hold_sentence) for s in meeting.sources):
            assert meeting.status == "on hold"


def test_seeds_florida_meeting(base: FactBase) -> None:
    florida = [m for m in base.meetings if m.place == "Florida"]
    assert florida
    assert {"Steve Witkoff", "Jared Kushner", "Rustem Umerov"} <= set(florida[0].participants)
    assert florida[0].status == "held" and florida[0].time == "Thursday"


def test_seeds_group_participants(base: FactBase) -> None:
    assert any("European leaders" in m.participants for m in base.meetings)


def test_seeds_delegations_led_by_two_people(base: FactBase) -> None:
    talks = [m for m in base.meetings if m.place == "Istanbul" and m.kind == "talks"]
    assert any({"Rustem Umerov", "Vladimir Medinsky"} <= set(m.participants) for m in talks)


def test_seeds_proposed_then_declined_is_one_declined_event(base: FactBase) -> None:
    pair = {"Vladimir Putin", "Volodymyr Zelenskyy"}
    [invitation] = [m for m in base.meetings if m.place == "Moscow" and pair <= set(m.participants)]
    assert invitation.status == "declined"
    sentences = " ".join(s.sentence for s in invitation.sources)
    assert "proposed" in sentences and "declined" in sentences


@pytest.mark.parametrize(
    ("value", "unit", "qualifier"),
    [
        (270, "drones", None),
        (10, "missiles", None),
        (21, "people", "at least"),
        (48, "people", None),
        (90, "$bn", None),
        (28, "points", None),
        (995, "miles", "about"),
        (26, "allies", None),
    ],
)
def test_seeds_figures(base: FactBase, value: float, unit: str, qualifier: str | None) -> None:
    assert any(
        f.value == value and f.unit == unit and f.qualifier == qualifier for f in base.figures
    ), sorted((f.value, f.unit, f.qualifier) for f in base.figures)


def test_seeds_figure_counts_what(base: FactBase) -> None:
    killed = next(f for f in base.figures if f.value == 21 and f.qualifier == "at least")
    assert "killed" in killed.counts
    plan = next(f for f in base.figures if f.unit == "points")
    assert "plan" in plan.counts


def test_seeds_live_blog_quote(base: FactBase) -> None:
    quote = next(q for q in base.quotes if q.words.startswith("We’re not refusing"))
    assert quote.speaker == "Sergey Lavrov"


def test_seeds_same_quote_in_two_articles_is_one_quote(base: FactBase) -> None:
    quotes = [q for q in base.quotes if "You have my assurance" in q.words]
    assert len(quotes) == 1 and quotes[0].speaker == "Donald Trump"
    assert {s.article_id[:3] for s in quotes[0].sources} == {"000", "004"}


def test_seeds_boilerplate_is_no_source(base: FactBase) -> None:
    facts = [*base.meetings, *base.figures, *base.quotes, *base.statements]
    sentences = {s.sentence for fact in facts for s in fact.sources}
    assert not sentences & {"Updated", "Source link", "Read the full report here:"}
    assert not any(s.startswith("RELATED STORY") for s in sentences)


# --- issue 13's patterns, each on the seed sentence it quotes ----------------------------------


def sources_with(base: FactBase, kind: str, text: str) -> list[object]:
    facts = getattr(base, kind)
    return [f for f in facts if any(text in s.sentence for s in f.sources)]


def test_seeds_a_willingness_to_sit_down_is_no_held_meeting(base: FactBase) -> None:
    cited = sources_with(base, "meetings", "Both leaders have expressed a willingness to sit down")
    assert all(m.status != "held" for m in cited)  # type: ignore[attr-defined]


def test_seeds_yet_to_confirm_is_no_statement_and_no_held_meeting(base: FactBase) -> None:
    sentence = "the Kremlin has yet to publicly confirm that Putin has agreed to meet"
    assert not sources_with(base, "statements", sentence)
    assert all(m.status != "held" for m in sources_with(base, "meetings", sentence))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("Our top priorities are to stop the killing", "António Costa"),
        ("a truce, a ceasefire", "Emmanuel Macron"),
    ],
)
def test_seeds_quotes_credited_to_the_right_speaker(
    base: FactBase, words: str, speaker: str
) -> None:
    quotes = [q for q in base.quotes if words in q.words]
    assert quotes and {q.speaker for q in quotes} == {speaker}


def test_seeds_von_der_leyen_is_an_actor_with_her_quotes(base: FactBase) -> None:
    assert "Ursula von der Leyen" in people(base)
    assert any(q.speaker == "Ursula von der Leyen" for q in base.quotes)


def test_seeds_sending_two_envoys_is_two_planned_meetings(base: FactBase) -> None:
    cited = sources_with(base, "meetings", "he is sending envoy Steve Witkoff to meet with")
    pairs = {frozenset(m.participants) for m in cited if m.status == "planned"}  # type: ignore[attr-defined]
    assert frozenset({"Steve Witkoff", "Vladimir Putin"}) in pairs
    assert frozenset({"Dan Driscoll", "Ukrainian officials"}) in pairs
    assert all("Donald Trump" not in p for p in pairs)


def test_seeds_the_budapest_summit_is_on_hold_in_budapest(base: FactBase) -> None:
    [summit] = sources_with(base, "meetings", "Plans are on hold for President Donald Trump")
    assert summit.status == "on hold" and summit.place == "Budapest, Hungary"  # type: ignore[attr-defined]
    assert any("supposed to take place in Budapest" in s.sentence for s in summit.sources)  # type: ignore[attr-defined]


def test_seeds_the_alaska_summit_is_one_event(base: FactBase) -> None:
    alaska = [m for m in base.meetings if m.place and "Alaska" in m.place]
    assert len([m for m in alaska if m.status == "held"]) == 1
    assert len(alaska[0].sources) >= 3


def test_seeds_the_white_house_meeting_of_18_august_is_reported_once(base: FactBase) -> None:
    greeting = "Trump greeted Zelenskyy warmly on his arrival outside the White House"
    [meeting] = sources_with(base, "meetings", greeting)
    assert meeting.status == "held" and "White House" in (meeting.place or "")  # type: ignore[attr-defined]
    ceasefire = "ruled out a ceasefire in the Russia-Ukraine war during a meeting with Zelenskyy"
    assert sources_with(base, "meetings", ceasefire) == [meeting]
    # The same meeting as the other seeds report it: one event, with everyone who was there.
    for sentence in (
        "as he met with Ukraine's president and other European leaders",
        "have concluded their talks with European leaders",
        "in his first interview since yesterday’s White House meeting",
    ):
        assert sources_with(base, "meetings", sentence) == [meeting], sentence
    assert {"Donald Trump", "Volodymyr Zelenskyy", "European leaders"} <= set(
        meeting.participants  # type: ignore[attr-defined]
    )
    assert len({s.article_id for s in meeting.sources}) == 3  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "sentence",
    ["according to two sources familiar with a phone call", "would eventually lead to three-way"],
)
def test_seeds_counts_of_sources_and_three_way_talks_are_no_figures(
    base: FactBase, sentence: str
) -> None:
    assert not sources_with(base, "figures", sentence)


@pytest.mark.parametrize("name", ["BST", "United", "Jakub Krupa", "Charlie Moloney"])
def test_seeds_time_zones_brands_and_staff_are_no_actors(base: FactBase, name: str) -> None:
    assert name not in {a.name for a in base.actors}


def test_seeds_white_house_is_one_organization(base: FactBase) -> None:
    assert len([a for a in base.actors if "White House" in a.name]) == 1
