"""Tests for knowledge.query: fuzzy names, intents, filters, citations and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.answer import (
    MAX_FACTS,
    MAX_QUESTION_CHARS,
    Answer,
    FactIndex,
    answer_question,
    index_for,
    neutralize_markup,
)
from knowledge.facts import Actor, FactBase, Figure, Meeting, Quote, Role, Source, Statement

ROOT = Path(__file__).resolve().parents[2]
T_FLORIDA = "U.S. and Ukrainian officials are holding a second day of talks in Florida"
T_PUTIN = "Russian President Vladimir Putin says foreign troops would be legitimate targets"
T_WHITE_HOUSE = "Trump and Zelensky hold talks, with U.S. leader showing hesitance"
T_LIVE = "Ukraine war live: Kremlin yet to confirm Putin has agreed to meet Zelenskyy"
T_EUROPE = "U.S. President Donald Trump and Ukrainian President Volodymyr Zelenskyy have concluded"


def src(article: str, title: str, paragraph: int, sentence: str) -> Source:
    return Source(article, title, paragraph, sentence, 0, len(sentence))


def role(title: str, of: str | None, sentence: str) -> Role:
    return Role(title, of, [src("001_c4cbbd1f81462633", T_FLORIDA, 1, sentence)])


def make_facts() -> FactBase:
    """A fact base shaped like the one `knowledge.resolve.consolidate` builds from the seeds."""
    s_florida = src(
        "001_c4cbbd1f81462633",
        T_FLORIDA,
        1,
        "One of the officials said U.S. special envoy Steve Witkoff and Trump's son-in-law Jared "
        "Kushner's meeting in Florida on Thursday with Rustem Umerov, Ukraine's lead negotiator, "
        'was "productive."',
    )
    s_florida_2 = src(
        "004_96cdc663a64940dc",
        T_LIVE,
        14,
        "Witkoff and Kushner met Umerov in Florida on Thursday.",
    )
    s_kremlin = src(
        "001_c4cbbd1f81462633",
        T_FLORIDA,
        2,
        "Putin met U.S. President Donald Trump's envoy Steve Witkoff and son-in-law Jared Kushner "
        "as part of a renewed push to broker a peace deal.",
    )
    s_budapest = src(
        "004_96cdc663a64940dc",
        T_LIVE,
        20,
        "Trump said his planned summit with Putin in Budapest was on hold.",
    )
    s_call = src(
        "004_96cdc663a64940dc",
        T_LIVE,
        8,
        "Trump spoke with Putin by phone on Thursday, the Kremlin said.",
    )
    s_white_house = src(
        "003_993aa865e363be5a",
        T_WHITE_HOUSE,
        3,
        "President Trump is hosting Ukrainian President Volodymyr Zelensky for talks at the White "
        "House on Friday.",
    )
    s_istanbul = src(
        "004_96cdc663a64940dc",
        T_LIVE,
        31,
        "Russian and Ukrainian delegations held direct talks in Istanbul on 16 May.",
    )
    s_trilateral = src(
        "001_c4cbbd1f81462633",
        T_FLORIDA,
        3,
        "Trump suggested he might meet with Russian President Vladimir Putin and Ukrainian "
        "President Volodymyr Zelenskyy once negotiations progress.",
    )
    s_video = src(
        "002_b60141dac85df701",
        T_EUROPE,
        1,
        "Zelenskyy joined a video call with European leaders on Monday.",
    )
    s_ankara = src(
        "004_96cdc663a64940dc",
        T_LIVE,
        40,
        "Zelenskyy is due to meet Turkish President Recep Tayyip Erdoğan in Ankara on Wednesday.",
    )
    s_geneva = src(
        "001_c4cbbd1f81462633",
        T_FLORIDA,
        3,
        "Talks have been ongoing, with Rustem Umerov and U.S. officials meeting in Geneva.",
    )
    s_moscow = src(
        "004_96cdc663a64940dc",
        T_LIVE,
        52,
        "Hungarian Prime Minister Viktor Orbán met Putin in Moscow.",
    )
    s_tusk = src(
        "004_96cdc663a64940dc",
        T_LIVE,
        60,
        "Polish Prime Minister Donald Tusk spoke to Zelenskyy by phone.",
    )
    s_declined = src(
        "000_ad308a82dda61741",
        T_PUTIN,
        5,
        "The Kremlin said Putin declined to meet Zelenskyy in person.",
    )
    actors = [
        Actor(
            "Donald Trump",
            "person",
            aliases=["Trump", "President Trump"],
            roles=[role("president", "United States", s_call.sentence)],
            affiliation="United States",
            mentions=40,
        ),
        Actor(
            "Melania Trump",
            "person",
            aliases=["Melania"],
            roles=[role("first lady", "United States", "First lady Melania Trump wrote.")],
            mentions=3,
        ),
        Actor(
            "Donald Tusk",
            "person",
            aliases=["Tusk"],
            roles=[role("prime minister", "Poland", s_tusk.sentence)],
            affiliation="Poland",
            mentions=4,
        ),
        Actor(
            "Steve Witkoff",
            "person",
            aliases=["Witkoff"],
            roles=[role("special envoy", "United States", s_florida.sentence)],
            affiliation="United States",
            mentions=20,
        ),
        Actor(
            "Volodymyr Zelenskyy",
            "person",
            aliases=["Zelensky", "Zelenskyy"],
            roles=[role("president", "Ukraine", s_trilateral.sentence)],
            affiliation="Ukraine",
            mentions=30,
        ),
        Actor(
            "Recep Tayyip Erdoğan",
            "person",
            roles=[role("president", "Turkey", s_ankara.sentence)],
            affiliation="Turkey",
            mentions=5,
        ),
        Actor(
            "Viktor Orbán",
            "person",
            roles=[role("prime minister", "Hungary", s_moscow.sentence)],
            affiliation="Hungary",
            mentions=4,
        ),
        Actor(
            "Rustem Umerov",
            "person",
            aliases=["Umerov"],
            roles=[
                role("lead negotiator", "Ukraine", s_florida.sentence),
                role(
                    "secretary of the National Security and Defense Council",
                    "Ukraine",
                    "Umerov, secretary of Ukraine's National Security and Defense Council.",
                ),
            ],
            affiliation="Ukraine",
            mentions=10,
        ),
        Actor(
            "Vladimir Putin",
            "person",
            aliases=["Putin"],
            roles=[role("president", "Russia", s_trilateral.sentence)],
            affiliation="Russia",
            mentions=35,
        ),
        Actor(
            "Jared Kushner",
            "person",
            aliases=["Kushner"],
            roles=[role("son-in-law", "Donald Trump", s_florida.sentence)],
            mentions=8,
        ),
        Actor(
            "Yuri Ushakov",
            "person",
            roles=[role("senior adviser", "Vladimir Putin", "Yuri Ushakov, a senior adviser.")],
            affiliation="Russia",
            mentions=3,
        ),
        Actor("Emmanuel Macron", "person", mentions=2),
        Actor("European leaders", "group", mentions=6),
        Actor("U.S. officials", "group", mentions=5),
        Actor("Russia", "country", mentions=25),
        Actor("Ukraine", "country", mentions=28),
        Actor("NATO", "organization", mentions=4),
        Actor("Kremlin", "organization", aliases=["the Kremlin"], mentions=9),
    ]
    meetings = [
        Meeting(
            ["Steve Witkoff", "Jared Kushner", "Rustem Umerov"],
            "in person",
            "held",
            place="Florida",
            time="Thursday",
            sources=[s_florida, s_florida_2],
        ),
        Meeting(
            ["Vladimir Putin", "Steve Witkoff", "Jared Kushner"],
            "talks",
            "held",
            place="the Kremlin",
            time="Tuesday",
            sources=[s_kremlin],
        ),
        Meeting(
            ["Donald Trump", "Vladimir Putin"],
            "summit",
            "on hold",
            place="Budapest",
            sources=[s_budapest],
        ),
        Meeting(
            ["Donald Trump", "Vladimir Putin"],
            "call",
            "held",
            time="Thursday",
            sources=[s_call],
        ),
        Meeting(
            ["Donald Trump", "Volodymyr Zelenskyy"],
            "in person",
            "held",
            place="the White House",
            time="Friday",
            date="2025-10-17",
            sources=[s_white_house],
        ),
        Meeting(
            ["Russia", "Ukraine"],
            "talks",
            "held",
            place="Istanbul",
            time="16 May",
            sources=[s_istanbul],
        ),
        Meeting(
            ["Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy"],
            "in person",
            "proposed",
            time="once negotiations progress",
            sources=[s_trilateral],
        ),
        Meeting(
            ["Volodymyr Zelenskyy", "European leaders"],
            "video",
            "held",
            time="Monday",
            sources=[s_video],
        ),
        Meeting(
            ["Volodymyr Zelenskyy", "Recep Tayyip Erdoğan"],
            "in person",
            "planned",
            place="Ankara",
            time="Wednesday",
            sources=[s_ankara],
        ),
        Meeting(
            ["Rustem Umerov", "U.S. officials"],
            "talks",
            "held",
            place="Geneva",
            sources=[s_geneva],
        ),
        Meeting(
            ["Viktor Orbán", "Vladimir Putin"],
            "in person",
            "held",
            place="Moscow",
            sources=[s_moscow],
        ),
        Meeting(
            ["Donald Tusk", "Volodymyr Zelenskyy"],
            "call",
            "held",
            sources=[s_tusk],
        ),
        Meeting(
            ["Vladimir Putin", "Volodymyr Zelenskyy"],
            "in person",
            "declined",
            sources=[s_declined],
        ),
    ]
    figures = [
        Figure(
            90,
            "$bn",
            "loan for Ukraine agreed by EU leaders",
            "$90bn",
            sources=[src("004_96cdc663a64940dc", T_LIVE, 70, "EU leaders agreed a $90bn loan.")],
        ),
        Figure(
            28,
            "points",
            "points in the U.S. peace plan",
            "28-point",
            sources=[
                src("001_c4cbbd1f81462633", T_FLORIDA, 4, "Washington's 28-point plan."),
                src("002_b60141dac85df701", T_EUROPE, 6, "The 28-point plan was crafted."),
            ],
        ),
        Figure(
            653,
            "drones",
            "drones launched overnight",
            "653 drones",
            subject="Russia",
            sources=[
                src("004_96cdc663a64940dc", T_LIVE, 9, "Russia launched 653 drones overnight.")
            ],
        ),
        Figure(
            51,
            "missiles",
            "missiles launched overnight",
            "51 missiles",
            subject="Russia",
            sources=[src("004_96cdc663a64940dc", T_LIVE, 9, "Russia also fired 51 missiles.")],
        ),
        Figure(
            7,
            "people",
            "people killed in strikes on Kyiv",
            "seven people",
            qualifier="at least",
            sources=[src("004_96cdc663a64940dc", T_LIVE, 11, "At least seven people were killed.")],
        ),
        Figure(
            30,
            "people",
            "people injured in Ternopil",
            "30 people",
            sources=[src("004_96cdc663a64940dc", T_LIVE, 12, "Some 30 people were injured.")],
        ),
        Figure(
            20,
            "percent",
            "of Ukraine's territory occupied by Russia",
            "20%",
            qualifier="about",
            sources=[src("002_b60141dac85df701", T_EUROPE, 9, "Russia occupies about 20%.")],
        ),
    ]
    quotes = [
        Quote(
            "Donald Trump",
            "something good just may be happening",
            "says",
            topics=["peace talks"],
            sources=[
                src(
                    "001_c4cbbd1f81462633",
                    T_FLORIDA,
                    4,
                    'Trump now says that "something good just may be happening" in peace talks.',
                )
            ],
        ),
        Quote(
            "Donald Trump",
            "Tomahawks are a big step, they are a very aggressive weapon",
            "said",
            topics=["Tomahawks", "weapons"],
            sources=[
                src(
                    "003_993aa865e363be5a",
                    T_WHITE_HOUSE,
                    6,
                    'Trump said: "Tomahawks are a big step, they are a very aggressive weapon."',
                )
            ],
        ),
        Quote(
            "Donald Trump",
            "Ukraine is not going to be in NATO, that was never going to happen",
            "told",
            topics=["NATO", "Ukraine"],
            sources=[src("002_b60141dac85df701", T_EUROPE, 7, "Trump told reporters NATO...")],
        ),
        Quote(
            "Volodymyr Zelenskyy",
            "We would like to get Tomahawks, they would help us end this war",
            "said",
            topics=["Tomahawks"],
            sources=[
                src(
                    "003_993aa865e363be5a",
                    T_WHITE_HOUSE,
                    8,
                    'Zelensky said: "We would like to get Tomahawks."',
                )
            ],
        ),
        Quote(
            "Volodymyr Zelenskyy",
            "either losing dignity or risking losing a key partner",
            "said",
            topics=["dignity", "partner"],
            sources=[
                src("001_c4cbbd1f81462633", T_FLORIDA, 6, "Zelenskyy said Ukraine may face..."),
                src("002_b60141dac85df701", T_EUROPE, 3, "Ukraine may face a difficult choice."),
            ],
        ),
        Quote(
            "Vladimir Putin",
            "we assume that they will be legitimate targets",
            "said",
            topics=["foreign troops"],
            sources=[
                src(
                    "000_ad308a82dda61741",
                    T_PUTIN,
                    1,
                    'Putin said that "we assume that they will be legitimate targets" if any '
                    "foreign troops were deployed.",
                )
            ],
        ),
        Quote(
            "Donald Tusk",
            "Europe must have a seat at the table",
            "said",
            topics=["Europe"],
            sources=[src("004_96cdc663a64940dc", T_LIVE, 61, "Tusk said Europe must...")],
        ),
    ]
    statements = [
        Statement(
            "Melania Trump",
            "children deserve to grow up in peace",
            "wrote",
            sources=[src("004_96cdc663a64940dc", T_LIVE, 80, "Melania Trump wrote that ...")],
        ),
        Statement(
            "Kremlin",
            "it had not seen the changes to the U.S. plan",
            "said",
            sources=[src("001_c4cbbd1f81462633", T_FLORIDA, 4, "The Kremlin said it hadn't...")],
        ),
    ]
    return FactBase(actors, meetings, figures, quotes, statements)


FACTS = make_facts()


def ask(question: str) -> Answer:
    return answer_question(question, FACTS)


def matched_names(answer: Answer) -> list[str]:
    return [m.name for m in answer.matched]


def meeting_participants(answer: Answer) -> list[set[str]]:
    return [set(item.fact.participants) for item in answer.facts if isinstance(item.fact, Meeting)]


def fact_kinds(answer: Answer) -> list[str]:
    return [item.kind for item in answer.facts]


# --- Names ------------------------------------------------------------------------------------


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


# --- Meetings ---------------------------------------------------------------------------------


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


# --- Roles ------------------------------------------------------------------------------------


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


# --- Figures ----------------------------------------------------------------------------------


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


# --- Quotes and statements --------------------------------------------------------------------


def test_quotes_by_speaker_are_only_that_speakers() -> None:
    answer = ask("what did Zelenskyy say")

    assert answer.intent == "quote"
    assert len(answer.facts) == 2
    assert {item.fact.speaker for item in answer.facts} == {"Volodymyr Zelenskyy"}


def test_quotes_about_a_topic_all_mention_it() -> None:
    answer = ask("quotes about Tomahawks")

    assert {item.fact.speaker for item in answer.facts} == {"Donald Trump", "Volodymyr Zelenskyy"}
    assert all("Tomahawks" in item.fact.words for item in answer.facts)


def test_quotes_by_speaker_about_a_topic_filter_on_both() -> None:
    answer = ask("what did Trump say about NATO?")

    assert matched_names(answer) == ["Donald Trump", "NATO"]
    assert len(answer.facts) == 1
    assert "NATO" in answer.facts[0].fact.words
    assert answer.facts[0].fact.speaker == "Donald Trump"


def test_quotes_include_reported_statements() -> None:
    answer = ask("what did Melania say?")

    assert fact_kinds(answer) == ["statement"]
    assert "children deserve" in answer.to_text()


# --- Profiles ---------------------------------------------------------------------------------


def test_profile_of_a_name_alone_has_roles_meetings_and_a_quote() -> None:
    answer = ask("Zelenksy")

    assert answer.intent == "profile"
    kinds = fact_kinds(answer)
    assert kinds[0] == "actor"
    assert {"role", "meeting", "quote"} <= set(kinds)
    assert kinds.count("meeting") <= 3


# --- Nothing found ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["Boris Johnson", "who met Boris Johnson?", "who is Boris Johnson", "boris johnson"],
)
def test_nothing_found_says_so_and_suggests_questions(question: str) -> None:
    answer = ask(question)
    text = answer.to_text()

    assert answer.facts == []
    assert answer.total == 0
    assert "I found nothing about 'Boris Johnson'" in text.replace("boris johnson", "Boris Johnson")
    assert 2 <= len(answer.suggestions) <= 3
    assert "•" in text and "[" not in text


@pytest.mark.parametrize(
    "question",
    ["did Trump meet Tusk", "Melania Trump meetings", "did Trump meet Boris Johnson"],
)
def test_nothing_found_when_filters_exclude_everything(question: str) -> None:
    answer = ask(question)

    assert answer.facts == []
    assert answer.to_text().startswith("I found no")
    assert answer.suggestions


def test_nothing_found_suggestions_are_answerable() -> None:
    suggestions = ask("Boris Johnson").suggestions

    assert any("Donald Trump" in s or "Vladimir Putin" in s for s in suggestions)
    for suggestion in suggestions:
        assert ask(suggestion).facts, suggestion


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "?", "help", "<!channel>", "what"])
def test_input_empty_or_content_free_gets_help(question: str) -> None:
    answer = ask(question)

    assert answer.intent == "help"
    assert answer.facts == []
    assert answer.to_text().startswith("Ask me about")
    assert answer.suggestions


@pytest.mark.parametrize(
    "question",
    [
        "<!channel> who met Witkoff?",
        "<!here> who met <@U123ABC> Witkoff",
        "<@U123ABC|trump> <#C123|general> Witkoff <https://x.example|y>",
        "&lt;!everyone&gt; Witkoff <!subteam^S123|@ops>",
        "Boris Johnson <!channel>",
    ],
)
def test_input_slack_markup_is_never_echoed_live(question: str) -> None:
    answer = ask(question)
    rendered = answer.to_text() + json.dumps(answer.to_dict(), ensure_ascii=False)

    for live in ("<!", "<@", "<#", "<http", "&lt;"):
        assert live not in rendered
    assert "<" not in answer.question and ">" not in answer.question
    assert "Donald Trump" not in matched_names(answer)


def test_input_slack_user_and_channel_ids_never_match_names() -> None:
    answer = ask("<@UTRUMP01> <#CPUTIN01|putin> <@U0WITKOFF|witkoff>")

    assert answer.matched == []
    assert answer.intent == "help"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!channel> hi", "@channel hi"),
        ("<!here>", "@here"),
        ("<@U123ABC>", "@user"),
        ("<@U123ABC|bob>", "@bob"),
        ("<#C123|general>", "#general"),
        ("<https://x.example|y>", "y"),
        ("<https://x.example>", "https://x.example"),
        ("&lt;!channel&gt;", "@channel"),
        ("a < b > c", "a  b  c"),
    ],
)
def test_neutralize_markup_renders_plain_text(text: str, expected: str) -> None:
    assert neutralize_markup(text) == expected


def test_input_huge_question_is_truncated_quickly_with_a_note() -> None:
    question = "who met Witkoff " + "and also what about the talks " * 2000

    started = time.perf_counter()
    answer = ask(question)
    elapsed = time.perf_counter() - started

    assert elapsed < 1.0
    assert len(answer.question) <= MAX_QUESTION_CHARS
    assert f"first {MAX_QUESTION_CHARS} characters" in answer.to_text()
    assert matched_names(answer) == ["Steve Witkoff"]


# --- Output -----------------------------------------------------------------------------------


def test_text_cites_each_fact_with_article_paragraph_and_sentence() -> None:
    answer = ask("who met Witkoff")
    lines = [line for line in answer.to_text().splitlines() if line.startswith("• ")]

    assert len(lines) == len(answer.facts) == 2
    assert lines[0].startswith("• Jared Kushner and Rustem Umerov — meeting in Florida, Thursday")
    assert f'{T_FLORIDA} [001_c4cbbd1f81462633 ¶1] "One of the officials said' in lines[0]
    assert "(+1 more source)" in lines[0]


@pytest.mark.parametrize(
    "question",
    ["who met Witkof", "who is Umerov", "how many drones", "what did Trump say", "Boris Johnson"],
)
def test_to_dict_is_json_serializable_with_question_text_and_facts(question: str) -> None:
    answer = ask(question)
    data = json.loads(json.dumps(answer.to_dict()))

    assert data["question"] == question
    assert data["text"] == answer.to_text()
    assert data["intent"] == answer.intent
    assert len(data["facts"]) == len(answer.facts)
    for fact in data["facts"]:
        assert fact["kind"] in {"actor", "role", "meeting", "figure", "quote", "statement"}
        assert "sources" in fact["fact"]


def test_to_dict_matched_names_the_term_and_score() -> None:
    data = ask("who met Witkof").to_dict()

    assert data["matched"] == [{"term": "Witkof", "name": "Steve Witkoff", "score": 86}]
    assert data["facts"][0]["kind"] == "meeting"
    assert data["facts"][0]["fact"]["kind"] == "in person"
    assert data["facts"][0]["fact"]["sources"][0]["article_id"] == "001_c4cbbd1f81462633"


# --- Index ------------------------------------------------------------------------------------


def test_index_is_built_once_per_fact_base_and_rebuilt_when_facts_are_added() -> None:
    facts = make_facts()
    first = index_for(facts)

    assert index_for(facts) is first
    facts.actors.append(Actor("Boris Johnson", "person", mentions=1))
    assert index_for(facts) is not first
    assert matched_names(answer_question("Boris Johnson", facts)) == ["Boris Johnson"]


def test_index_can_be_passed_in_explicitly() -> None:
    index = FactIndex(FACTS)

    assert matched_names(answer_question("Witkof", FACTS, index=index)) == ["Steve Witkoff"]


def test_answer_path_never_imports_spacy() -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests/knowledge');"
        "from test_query import FACTS; from knowledge.answer import answer_question;"
        "answer_question('who met Witkof', FACTS).to_text();"
        "assert 'spacy' not in sys.modules, 'spacy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --- More names and topics --------------------------------------------------------------------


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


def test_quotes_need_every_topic_word() -> None:
    answer = ask("quotes about Tomahawks as a weapon")

    assert len(answer.facts) == 1
    assert answer.facts[0].fact.speaker == "Donald Trump"


def test_nothing_found_names_the_kind_when_the_words_exist_elsewhere() -> None:
    answer = ask("summits mentioning Tomahawks")

    assert answer.facts == []
    assert answer.to_text().startswith("I found no summits mentioning 'Tomahawks'")


def test_match_two_prominent_names_beat_an_obscure_merged_one() -> None:
    facts = make_facts()
    facts.actors.append(Actor("Putin-Zelenskyy", "person", mentions=0))

    answer = answer_question("Putin Zelenskyy meeting", facts)

    assert matched_names(answer) == ["Vladimir Putin", "Volodymyr Zelenskyy"]
    assert matched_names(answer_question("Melania Trump", facts)) == ["Melania Trump"]
