"""consolidate(): one fact base from every article, actors merged, repeated facts merged."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from spacy.language import Language

from knowledge import consolidate as consolidation
from knowledge.articles import make_article
from knowledge.consolidate import _merge_roles, consolidate
from knowledge.extract import extract_articles
from knowledge.facts import Actor, ArticleFacts, FactBase, Figure, Meeting, Quote, Role, Source
from tests.factories import src


def _actor(base: FactBase, name: str) -> Actor:
    matches = [a for a in base.actors if a.name == name]
    assert matches, f"{name} not among {[a.name for a in base.actors]}"
    return matches[0]


# --- on hand-built facts ----------------------------------------------------------------------


def test_consolidate_a_surname_in_one_article_joins_the_full_name_in_another() -> None:
    full = ArticleFacts(
        "a", "A", actors=[Actor("Steve Witkoff", "person", ["Witkoff"], mentions=2)]
    )
    surname = ArticleFacts(
        "b",
        "B",
        actors=[Actor("Witkoff", "person", mentions=1), Actor("Vladimir Putin", "person")],
        meetings=[Meeting(["Witkoff", "Vladimir Putin"], "in person", "held", "Moscow")],
    )
    base = consolidate([full, surname])
    assert [(a.name, a.mentions) for a in base.actors] == [
        ("Steve Witkoff", 3),
        ("Vladimir Putin", 0),
    ]
    assert base.meetings[0].participants == ["Steve Witkoff", "Vladimir Putin"]


def test_consolidate_gives_a_shared_surname_to_the_most_mentioned() -> None:
    trumps = ArticleFacts(
        "c",
        "C",
        actors=[
            Actor("Donald Trump", "person", ["Trump"], mentions=3),
            Actor("Melania Trump", "person", ["Trump"], mentions=1),
            Actor("Donald Tusk", "person", mentions=1),
        ],
    )
    aliases = {a.name: a.aliases for a in consolidate([trumps]).actors}
    assert aliases == {"Donald Trump": ["Trump"], "Melania Trump": [], "Donald Tusk": ["Tusk"]}


def test_consolidate_an_organization_named_as_a_person_is_that_person() -> None:
    umerov = ArticleFacts(
        "o",
        "O",
        actors=[
            Actor("Rustem Umerov", "person", mentions=2),
            Actor("Rustem Umerov", "organization", mentions=1),
        ],
    )
    assert [(a.name, a.kind, a.mentions) for a in consolidate([umerov]).actors] == [
        ("Rustem Umerov", "person", 3)
    ]


def test_consolidate_a_figure_in_two_articles_is_one_figure_with_both_sources() -> None:
    first = Figure(150.0, "drones", "drones launched", "150 drones", sources=[src("a", 1, "One.")])
    second = Figure(150.0, "drones", "Drones launched", "150 drones", sources=[src("b", 2, "Two.")])
    base = consolidate(
        [ArticleFacts("a", "A", figures=[first]), ArticleFacts("b", "B", figures=[second])]
    )
    assert len(base.figures) == 1
    assert [s.article_id for s in base.figures[0].sources] == ["a", "b"]


def test_consolidate_near_identical_quotes_are_one_quote_with_their_topics() -> None:
    first = Quote("Trump", "You have my assurance and I am president", "said", ["assurance"])
    second = Quote("Trump", "You have my assurance, and I’m president", "said", ["president"])
    base = consolidate(
        [ArticleFacts("a", "A", quotes=[first]), ArticleFacts("b", "B", quotes=[second])]
    )
    assert [(q.words, q.topics) for q in base.quotes] == [
        ("You have my assurance and I am president", ["assurance", "president"])
    ]


def test_merge_roles_a_bare_title_joins_the_owned_one() -> None:
    bare = Role("president", None, [src("a", 1, "President Zelenskyy spoke.")])
    owned = Role("president", "Ukraine", [src("b", 1, "Ukraine's president spoke.")])
    assert [(r.title, r.of, len(r.sources)) for r in _merge_roles([bare, owned])] == [
        ("president", "Ukraine", 2)
    ]


# --- with the real pipeline -------------------------------------------------------------------


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


# --- events: mentions of one meeting --------------------------------------------------------


def _dated_src(article_id: str, sentence: str, published: str | None) -> Source:
    return replace(src(article_id, 1, sentence), published=published)


def _meetings_of(*articles: tuple[str, str | None, list[Meeting]]) -> list[Meeting]:
    items = []
    for article_id, published, meetings in articles:
        for number, meeting in enumerate(meetings):
            sentence = f"{article_id} {number}: {meeting.status}"
            meeting.sources = [_dated_src(article_id, sentence, published)]
        items.append(ArticleFacts(article_id, article_id, meetings=meetings))
    return consolidate(items).meetings


def test_merge_events_one_meeting_reported_twice_in_an_article_is_one_event() -> None:
    [summit] = _meetings_of(
        (
            "a",
            None,
            [
                Meeting(
                    ["Donald Trump", "Vladimir Putin"], "in person", "held", "Alaska", "Friday"
                ),
                Meeting(["Donald Trump", "Vladimir Putin"], "summit", "held", "Anchorage, Alaska"),
            ],
        )
    )
    assert (summit.kind, summit.place, summit.time, len(summit.sources)) == (
        "summit",
        "Anchorage, Alaska",
        "Friday",
        2,
    )


def test_merge_events_the_latest_report_decides_the_status() -> None:
    pair = ["Donald Trump", "Vladimir Putin"]
    [summit] = _meetings_of(
        ("early", "2025-10-17", [Meeting(list(pair), "summit", "planned", "Budapest")]),
        ("late", "2025-10-22", [Meeting(list(pair), "summit", "on hold", "Budapest, Hungary")]),
    )
    assert (summit.status, summit.place) == ("on hold", "Budapest, Hungary")


def test_merge_events_a_later_offer_does_not_undo_a_refusal_but_an_agreement_does() -> None:
    pair = ["Vladimir Putin", "Volodymyr Zelenskyy"]
    [offered] = _meetings_of(
        ("early", "2025-08-19", [Meeting(list(pair), "in person", "declined", "Moscow")]),
        ("late", "2026-01-23", [Meeting(list(pair), "in person", "proposed", "Moscow")]),
    )
    [agreed] = _meetings_of(
        ("early", "2025-08-19", [Meeting(list(pair), "in person", "declined", "Moscow")]),
        ("late", "2026-01-23", [Meeting(list(pair), "in person", "planned", "Moscow")]),
    )
    assert (offered.status, agreed.status) == ("declined", "planned")


def test_merge_events_hoped_for_meetings_of_two_articles_stay_apart() -> None:
    pair = ["Vladimir Putin", "Volodymyr Zelenskyy"]
    found = _meetings_of(
        ("a", "2025-08-16", [Meeting(list(pair), "in person", "proposed")]),
        ("b", "2025-12-03", [Meeting(list(pair), "in person", "declined")]),
    )
    assert [m.status for m in found] == ["proposed", "declined"]


def test_merge_events_a_later_mention_joins_by_its_key() -> None:
    [meeting] = _meetings_of(
        (
            "a",
            None,
            [
                Meeting(["Marco Rubio", "Sergei Lavrov"], "call", "held", event="e1"),
                Meeting(["Marco Rubio", "Sergei Lavrov"], "call", "on hold", event="e1"),
            ],
        )
    )
    assert meeting.status == "on hold" and meeting.event is None


def test_merge_events_different_days_are_different_meetings() -> None:
    pair = ["Donald Trump", "Volodymyr Zelenskyy"]
    found = _meetings_of(
        (
            "a",
            None,
            [
                Meeting(list(pair), "in person", "held", "White House", "Friday"),
                Meeting(list(pair), "in person", "held", "White House", "Monday"),
            ],
        )
    )
    assert len(found) == 2


def _typo(rng: random.Random, word: str) -> str:
    """`word` with one letter dropped, doubled or changed, or as it is."""
    i = rng.randrange(len(word))
    return rng.choice(
        [
            word,
            word[:i] + word[i + 1 :],
            word[:i] + word[i] + word[i:],
            word[:i] + "e" + word[i + 1 :],
        ]
    )


def test_consolidate_finds_the_same_people_as_comparing_every_cluster(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Person clusters are looked up by surname bucket; with every cluster in one bucket (each
    name compared with all of them, as before the buckets) the fact base is the same, over
    surnames short and long, with typos that `same_surname` forgives and ones it does not."""
    surnames = ["Putin", "Witkoff", "Zelenskyy", "Umerov", "Kushner", "Yermak", "Dmitriev"]
    given = ["Vladimir", "Steve", "Volodymyr", "Rustem", "Jared", "Andriy", "Kirill", "Anna"]
    for seed in range(5):
        rng = random.Random(seed)
        items = []
        for a in range(12):
            people = []
            for _ in range(8):
                surname = _typo(rng, rng.choice(surnames))
                name = surname if rng.random() < 0.3 else f"{rng.choice(given)} {surname}"
                people.append(Actor(name, "person", mentions=rng.randint(1, 4)))
            names = [p.name for p in people]
            items.append(
                ArticleFacts(
                    f"a{a}",
                    f"A{a}",
                    actors=people,
                    meetings=[Meeting(names[:2], "in person", "held", "Geneva")],
                    quotes=[Quote(names[2], "We will talk again.", "said")],
                )
            )
        bucketed = consolidate(items)
        assert len({a.name for a in bucketed.actors}) < sum(len(i.actors) for i in items)
        with monkeypatch.context() as patch:
            patch.setattr(consolidation, "_surname_bucket", lambda key: ("", 0))
            patch.setattr(consolidation, "_surname_buckets", lambda key: [("", 0)])
            assert consolidate(items) == bucketed, f"seed {seed}"


def test_merge_events_a_weekday_and_a_date_that_is_another_weekday_are_two_meetings() -> None:
    """Seed 001 (undated) has Putin meet Witkoff and Kushner at the Kremlin "on Tuesday"; a
    dated story has them there on 2026-01-22, a Thursday: two meetings. On 2025-12-02, a
    Tuesday, it is the same one."""
    trio = ["Vladimir Putin", "Steve Witkoff", "Jared Kushner"]
    apart = _meetings_of(
        ("001", None, [Meeting(list(trio), "talks", "held", "Kremlin", "Tuesday")]),
        (
            "davos",
            "2026-01-24",
            [Meeting(list(trio), "talks", "held", "Kremlin", date="2026-01-22")],
        ),
    )
    together = _meetings_of(
        ("001", None, [Meeting(list(trio), "talks", "held", "Kremlin", "Tuesday")]),
        (
            "moscow",
            "2025-12-03",
            [Meeting(list(trio), "talks", "held", "Kremlin", date="2025-12-02")],
        ),
    )
    assert (len(apart), len(together)) == (2, 1)


def test_merge_events_an_undated_mention_does_not_join_a_dated_event_elsewhere() -> None:
    """ "Putin met … Witkoff and … Kushner" says neither where nor when: the same three people
    meet again and again, so it is no mention of the Kremlin talks another story dates."""
    trio = ["Vladimir Putin", "Steve Witkoff", "Jared Kushner"]
    found = _meetings_of(
        ("001", None, [Meeting(list(trio), "in person", "held")]),
        (
            "davos",
            "2026-01-24",
            [Meeting(list(trio), "talks", "held", "Kremlin", date="2026-01-22")],
        ),
    )
    undated = [(m.place, m.date) for m in found]
    assert undated == [(None, None), ("Kremlin", "2026-01-22")]


def test_merge_events_an_undated_mention_at_the_place_joins_only_a_date_near_its_story() -> None:
    """ "Putin met Witkoff and Kushner at the Kremlin", undated, in a story of 3 December, is not
    their Kremlin talks of 22 January, though the place agrees (either story read first); in a
    story of 23 January it is."""
    trio = ["Vladimir Putin", "Steve Witkoff", "Jared Kushner"]

    def events(published: str, undated_first: bool) -> int:
        undated = ("seed", published, [Meeting(list(trio), "in person", "held", "Kremlin")])
        dated = (
            "davos",
            "2026-01-24",
            [Meeting(list(trio), "talks", "held", "Kremlin", date="2026-01-22")],
        )
        return len(_meetings_of(*((undated, dated) if undated_first else (dated, undated))))

    assert events("2025-12-03", undated_first=True) == 2
    assert events("2025-12-03", undated_first=False) == 2
    assert events("2026-01-23", undated_first=True) == 1


def test_merge_events_an_article_s_plan_joins_its_own_mention_of_a_summit_held_elsewhere() -> None:
    """Within an article, a planned mention ("after his meeting with Putin") joins the summit
    the article plans, even where another article (read first) reports that summit held."""
    pair = ["Donald Trump", "Vladimir Putin"]
    items = [
        ArticleFacts(
            "a", "a", meetings=[Meeting(list(pair), "summit", "held", "Alaska", date="2025-08-15")]
        ),
        ArticleFacts(
            "b",
            "b",
            meetings=[
                Meeting(list(pair), "summit", "planned", "Alaska", date="2025-08-15"),
                Meeting(list(pair), "in person", "planned"),
            ],
        ),
    ]
    for item, published in zip(items, ("2025-08-16", "2025-08-10"), strict=True):
        for number, meeting in enumerate(item.meetings):
            meeting.sources = [_dated_src(item.article_id, f"{number}", published)]
    assert len(consolidate(items).meetings) == 1
