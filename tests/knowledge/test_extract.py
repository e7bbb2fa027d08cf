"""Extraction on articles the rules were not written against, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from knowledge.articles import make_article
from knowledge.consolidate import consolidate
from knowledge.extract import extract_article, extract_articles
from knowledge.facts import ArticleFacts, FactBase

ANKARA = """\
Erdogan hosts Zelensky in Ankara as talks stall
Turkish President Recep Tayyip Erdoğan hosted Ukrainian President Volodymyr Zelensky in Ankara on Wednesday, days after talks in Istanbul stalled.
Hakan Fidan, Turkey's foreign minister, will meet Russian Foreign Minister Sergey Lavrov in Moscow next week.
Plans for a summit between Erdogan and Vladimir Putin in Istanbul are on hold, officials said.
Russia launched 150 drones and 12 missiles overnight, killing at least nine people and wounding 30, the air force said.
“We are ready to do whatever it takes to bring the parties together,” Erdogan told reporters in Kyiv.
Kremlin spokesman Dmitry Peskov said that a new round of talks was not planned.
Updated
Zelenskyy thanked his host after the meeting. He said:
We will not stop working for peace. Every day of this war costs lives.
"""

CALLS = """Nordic leaders weigh air defence for Kyiv
Finnish President Alexander Stubb and U.S. Secretary of Defense Pete Hegseth discussed air defence \
for Ukraine in a video call on Wednesday, Stubb's office said.
Hegseth later discussed the Patriot deliveries with Swedish Prime Minister Ulf Kristersson in a \
phone call on Thursday.
"""

TRUMPS = """Donald Trump spoke with Donald Tusk on Monday.
Melania Trump wrote a letter to Vladimir Putin about children.
Trump later said the call with Tusk was productive.
"""


@pytest.fixture(scope="module")
def ankara(nlp: Language) -> ArticleFacts:
    return extract_article(make_article("ankara", ANKARA), nlp)


@pytest.fixture(scope="module")
def ankara_base(ankara: ArticleFacts) -> FactBase:
    return consolidate([ankara])


def _actor(base: FactBase, name: str):  # type: ignore[no-untyped-def]
    matches = [a for a in base.actors if a.name == name]
    assert matches, f"{name} not among {[a.name for a in base.actors]}"
    return matches[0]


def test_extract_merges_spelling_variants_and_diacritics(ankara_base: FactBase) -> None:
    people = {a.name for a in ankara_base.actors if a.kind == "person"}
    erdogan = [p for p in people if "Erdo" in p]
    zelensky = [p for p in people if "Zelensk" in p]
    assert len(erdogan) == 1 and len(zelensky) == 1, people
    erdogan_actor = _actor(ankara_base, erdogan[0])
    assert {"Erdogan", "Erdoğan"} <= set(erdogan_actor.aliases) | {erdogan_actor.name}


def test_extract_never_takes_a_city_for_a_person(ankara_base: FactBase) -> None:
    assert "Kyiv" not in {a.name for a in ankara_base.actors if a.kind == "person"}


@pytest.mark.parametrize(
    ("name", "title", "of"),
    [
        ("Hakan Fidan", "foreign minister", "Turkey"),
        ("Dmitry Peskov", "spokesman", "Kremlin"),
        ("Sergey Lavrov", "foreign minister", "Russia"),
    ],
)
def test_extract_roles_from_titles_and_appositives(
    ankara_base: FactBase, name: str, title: str, of: str
) -> None:
    roles = {(r.title, r.of) for r in _actor(ankara_base, name).roles}
    assert (title, of) in roles


def test_extract_held_meeting_with_place_and_time(ankara_base: FactBase) -> None:
    held = [m for m in ankara_base.meetings if m.status == "held"]
    meeting = next(m for m in held if any("Erdo" in p for p in m.participants))
    assert any("Zelensk" in p for p in meeting.participants)
    assert meeting.place == "Ankara"
    assert meeting.time == "Wednesday"
    assert {s.paragraph for s in meeting.sources} == {1, 2}  # headline and body, one meeting


def test_extract_planned_meeting(ankara_base: FactBase) -> None:
    planned = [m for m in ankara_base.meetings if m.status == "planned"]
    assert any(set(m.participants) == {"Hakan Fidan", "Sergey Lavrov"} for m in planned)
    meeting = next(m for m in planned if "Hakan Fidan" in m.participants)
    assert meeting.place == "Moscow" and meeting.time == "next week"


def test_extract_on_hold_is_not_held(ankara_base: FactBase) -> None:
    summit = [m for m in ankara_base.meetings if "Vladimir Putin" in m.participants]
    assert summit and all(m.status == "on hold" for m in summit)
    assert summit[0].kind == "summit" and summit[0].place == "Istanbul"


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "counts_word"),
    [
        (150, "drones", None, "launched"),
        (12, "missiles", None, "missiles"),
        (9, "people", "at least", "killed"),
        (30, "people", None, "wounding"),
    ],
)
def test_extract_figures(
    ankara_base: FactBase, value: float, unit: str, qualifier: str | None, counts_word: str
) -> None:
    figures = [f for f in ankara_base.figures if f.value == value and f.unit == unit]
    assert figures, [(f.value, f.unit) for f in ankara_base.figures]
    assert figures[0].qualifier == qualifier
    assert counts_word.rstrip("ing") in figures[0].counts


def test_extract_quote_with_speaker_and_cue(ankara_base: FactBase) -> None:
    quote = next(q for q in ankara_base.quotes if q.words.startswith("We are ready"))
    assert "Erdo" in quote.speaker and quote.cue == "told"
    assert quote.sources[0].paragraph == 6


def test_extract_live_blog_quote_after_he_said(ankara_base: FactBase) -> None:
    quote = next(q for q in ankara_base.quotes if q.words.startswith("We will not stop"))
    assert "Zelensk" in quote.speaker
    assert "Every day of this war costs lives." in quote.words


def test_extract_statement_without_quotation_marks(ankara_base: FactBase) -> None:
    statement = next(s for s in ankara_base.statements if s.speaker == "Dmitry Peskov")
    assert "new round of talks was not planned" in statement.text


def test_extract_ignores_boilerplate(ankara: ArticleFacts) -> None:
    sentences = [
        s.sentence
        for fact in [*ankara.meetings, *ankara.figures, *ankara.quotes, *ankara.statements]
        for s in fact.sources
    ]
    assert sentences and all(s != "Updated" for s in sentences)


def test_extract_calls_where_two_people_discussed_something(nlp: Language) -> None:
    base = consolidate([extract_article(make_article("calls", CALLS), nlp)])
    calls = {(frozenset(m.participants), m.kind, m.status, m.time) for m in base.meetings}
    assert (frozenset({"Alexander Stubb", "Pete Hegseth"}), "video", "held", "Wednesday") in calls
    assert (frozenset({"Pete Hegseth", "Ulf Kristersson"}), "call", "held", "Thursday") in calls
    hegseth = _actor(base, "Pete Hegseth")
    assert ("secretary of defense", "United States") in {(r.title, r.of) for r in hegseth.roles}


def test_extract_keeps_namesakes_apart(nlp: Language) -> None:
    base = consolidate([extract_article(make_article("trumps", TRUMPS), nlp)])
    people = {a.name for a in base.actors if a.kind == "person"}
    assert {"Donald Trump", "Melania Trump", "Donald Tusk"} <= people
    donald = _actor(base, "Donald Trump")
    assert "Trump" in donald.aliases and "Trump" not in _actor(base, "Melania Trump").aliases
    assert donald.mentions >= 2


def test_extract_same_fact_in_two_articles_is_one_fact_with_two_sources(nlp: Language) -> None:
    first = make_article("first", "Russia launched 150 drones and 12 missiles overnight.\n")
    second = make_article(
        "second", "Officials said Russia launched 150 drones and 12 missiles overnight.\n"
    )
    base = consolidate(extract_articles([first, second], nlp))
    drones = [f for f in base.figures if f.unit == "drones"]
    assert len(drones) == 1
    assert {s.article_id for s in drones[0].sources} == {"first", "second"}


def test_extract_surname_in_one_article_joins_full_name_in_another(nlp: Language) -> None:
    first = make_article("a", "U.S. special envoy Steve Witkoff arrived in Moscow on Monday.\n")
    second = make_article("b", "Putin met Witkoff at the Kremlin for five hours.\n")
    base = consolidate(extract_articles([first, second], nlp))
    meeting = next(m for m in base.meetings if "Putin" in " ".join(m.participants))
    assert "Steve Witkoff" in meeting.participants
    assert meeting.place == "Kremlin"
    witkoff = _actor(base, "Steve Witkoff")
    assert ("special envoy", "United States") in {(r.title, r.of) for r in witkoff.roles}
