"""A hand-built fact base shaped like the one `consolidate()` builds from the seeds.

The facts are tables (one row a fact, its sources by article, paragraph and sentence);
`make_facts()` builds a fresh `FactBase` from them, since some tests add actors to theirs, and
`FACTS` is the one most tests ask.
"""

from __future__ import annotations

import copy
from typing import Any

from knowledge.facts import Actor, FactBase, Figure, Meeting, Quote, Role, Source, Statement

T_FLORIDA = "U.S. and Ukrainian officials are holding a second day of talks in Florida"
T_PUTIN = "Russian President Vladimir Putin says foreign troops would be legitimate targets"
T_WHITE_HOUSE = "Trump and Zelensky hold talks, with U.S. leader showing hesitance"
T_LIVE = "Ukraine war live: Kremlin yet to confirm Putin has agreed to meet Zelenskyy"
T_EUROPE = "U.S. President Donald Trump and Ukrainian President Volodymyr Zelenskyy have concluded"

FLORIDA = "001_c4cbbd1f81462633"
PUTIN = "000_ad308a82dda61741"
EUROPE = "002_b60141dac85df701"
WHITE_HOUSE = "003_993aa865e363be5a"
LIVE = "004_96cdc663a64940dc"
TITLES = {
    FLORIDA: T_FLORIDA,
    PUTIN: T_PUTIN,
    EUROPE: T_EUROPE,
    WHITE_HOUSE: T_WHITE_HOUSE,
    LIVE: T_LIVE,
}

# The sentences meetings are read in (and roles quote): name → (article, paragraph, sentence).
SENTENCES: dict[str, tuple[str, int, str]] = {
    "florida": (
        FLORIDA,
        1,
        "One of the officials said U.S. special envoy Steve Witkoff and Trump's son-in-law Jared "
        "Kushner's meeting in Florida on Thursday with Rustem Umerov, Ukraine's lead negotiator, "
        'was "productive."',
    ),
    "florida_2": (LIVE, 14, "Witkoff and Kushner met Umerov in Florida on Thursday."),
    "kremlin": (
        FLORIDA,
        2,
        "Putin met U.S. President Donald Trump's envoy Steve Witkoff and son-in-law Jared Kushner "
        "as part of a renewed push to broker a peace deal.",
    ),
    "budapest": (LIVE, 20, "Trump said his planned summit with Putin in Budapest was on hold."),
    "call": (LIVE, 8, "Trump spoke with Putin by phone on Thursday, the Kremlin said."),
    "white_house": (
        WHITE_HOUSE,
        3,
        "President Trump is hosting Ukrainian President Volodymyr Zelensky for talks at the White "
        "House on Friday.",
    ),
    "istanbul": (
        LIVE,
        31,
        "Russian and Ukrainian delegations held direct talks in Istanbul on 16 May.",
    ),
    "trilateral": (
        FLORIDA,
        3,
        "Trump suggested he might meet with Russian President Vladimir Putin and Ukrainian "
        "President Volodymyr Zelenskyy once negotiations progress.",
    ),
    "video": (EUROPE, 1, "Zelenskyy joined a video call with European leaders on Monday."),
    "ankara": (
        LIVE,
        40,
        "Zelenskyy is due to meet Turkish President Recep Tayyip Erdoğan in Ankara on Wednesday.",
    ),
    "geneva": (
        FLORIDA,
        3,
        "Talks have been ongoing, with Rustem Umerov and U.S. officials meeting in Geneva.",
    ),
    "moscow": (LIVE, 52, "Hungarian Prime Minister Viktor Orbán met Putin in Moscow."),
    "tusk": (LIVE, 60, "Polish Prime Minister Donald Tusk spoke to Zelenskyy by phone."),
    "declined": (PUTIN, 5, "The Kremlin said Putin declined to meet Zelenskyy in person."),
}


def said(name: str) -> str:
    """The text of a named sentence."""
    return SENTENCES[name][2]


# Roles are (title, of, sentence), all read in the Florida article's first paragraph.
ACTORS: list[dict[str, Any]] = [
    {
        "name": "Donald Trump",
        "aliases": ["Trump", "President Trump"],
        "roles": [("president", "United States", said("call"))],
        "affiliation": "United States",
        "mentions": 40,
    },
    {
        "name": "Melania Trump",
        "aliases": ["Melania"],
        "roles": [("first lady", "United States", "First lady Melania Trump wrote.")],
        "mentions": 3,
    },
    {
        "name": "Donald Tusk",
        "aliases": ["Tusk"],
        "roles": [("prime minister", "Poland", said("tusk"))],
        "affiliation": "Poland",
        "mentions": 4,
    },
    {
        "name": "Steve Witkoff",
        "aliases": ["Witkoff"],
        "roles": [("special envoy", "United States", said("florida"))],
        "affiliation": "United States",
        "mentions": 20,
    },
    {
        "name": "Volodymyr Zelenskyy",
        "aliases": ["Zelensky", "Zelenskyy"],
        "roles": [("president", "Ukraine", said("trilateral"))],
        "affiliation": "Ukraine",
        "mentions": 30,
    },
    {
        "name": "Recep Tayyip Erdoğan",
        "roles": [("president", "Turkey", said("ankara"))],
        "affiliation": "Turkey",
        "mentions": 5,
    },
    {
        "name": "Viktor Orbán",
        "roles": [("prime minister", "Hungary", said("moscow"))],
        "affiliation": "Hungary",
        "mentions": 4,
    },
    {
        "name": "Rustem Umerov",
        "aliases": ["Umerov"],
        "roles": [
            ("lead negotiator", "Ukraine", said("florida")),
            (
                "secretary of the National Security and Defense Council",
                "Ukraine",
                "Umerov, secretary of Ukraine's National Security and Defense Council.",
            ),
        ],
        "affiliation": "Ukraine",
        "mentions": 10,
    },
    {
        "name": "Vladimir Putin",
        "aliases": ["Putin"],
        "roles": [("president", "Russia", said("trilateral"))],
        "affiliation": "Russia",
        "mentions": 35,
    },
    {
        "name": "Jared Kushner",
        "aliases": ["Kushner"],
        "roles": [("son-in-law", "Donald Trump", said("florida"))],
        "mentions": 8,
    },
    {
        "name": "Yuri Ushakov",
        "roles": [("senior adviser", "Vladimir Putin", "Yuri Ushakov, a senior adviser.")],
        "affiliation": "Russia",
        "mentions": 3,
    },
    {"name": "Emmanuel Macron", "mentions": 2},
    {"name": "European leaders", "kind": "group", "mentions": 6},
    {"name": "U.S. officials", "kind": "group", "mentions": 5},
    {"name": "Russia", "kind": "country", "mentions": 25},
    {"name": "Ukraine", "kind": "country", "mentions": 28},
    {"name": "NATO", "kind": "organization", "mentions": 4},
    {"name": "Kremlin", "kind": "organization", "aliases": ["the Kremlin"], "mentions": 9},
]

# Meetings: their sources are named sentences.
MEETINGS: list[dict[str, Any]] = [
    {
        "participants": ["Steve Witkoff", "Jared Kushner", "Rustem Umerov"],
        "kind": "in person",
        "status": "held",
        "place": "Florida",
        "time": "Thursday",
        "sources": ["florida", "florida_2"],
    },
    {
        "participants": ["Vladimir Putin", "Steve Witkoff", "Jared Kushner"],
        "kind": "talks",
        "status": "held",
        "place": "the Kremlin",
        "time": "Tuesday",
        "sources": ["kremlin"],
    },
    {
        "participants": ["Donald Trump", "Vladimir Putin"],
        "kind": "summit",
        "status": "on hold",
        "place": "Budapest",
        "sources": ["budapest"],
    },
    {
        "participants": ["Donald Trump", "Vladimir Putin"],
        "kind": "call",
        "status": "held",
        "time": "Thursday",
        "sources": ["call"],
    },
    {
        "participants": ["Donald Trump", "Volodymyr Zelenskyy"],
        "kind": "in person",
        "status": "held",
        "place": "the White House",
        "time": "Friday",
        "date": "2025-10-17",
        "sources": ["white_house"],
    },
    {
        "participants": ["Russia", "Ukraine"],
        "kind": "talks",
        "status": "held",
        "place": "Istanbul",
        "time": "16 May",
        "sources": ["istanbul"],
    },
    {
        "participants": ["Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy"],
        "kind": "in person",
        "status": "proposed",
        "time": "once negotiations progress",
        "sources": ["trilateral"],
    },
    {
        "participants": ["Volodymyr Zelenskyy", "European leaders"],
        "kind": "video",
        "status": "held",
        "time": "Monday",
        "sources": ["video"],
    },
    {
        "participants": ["Volodymyr Zelenskyy", "Recep Tayyip Erdoğan"],
        "kind": "in person",
        "status": "planned",
        "place": "Ankara",
        "time": "Wednesday",
        "sources": ["ankara"],
    },
    {
        "participants": ["Rustem Umerov", "U.S. officials"],
        "kind": "talks",
        "status": "held",
        "place": "Geneva",
        "sources": ["geneva"],
    },
    {
        "participants": ["Viktor Orbán", "Vladimir Putin"],
        "kind": "in person",
        "status": "held",
        "place": "Moscow",
        "sources": ["moscow"],
    },
    {
        "participants": ["Donald Tusk", "Volodymyr Zelenskyy"],
        "kind": "call",
        "status": "held",
        "sources": ["tusk"],
    },
    {
        "participants": ["Vladimir Putin", "Volodymyr Zelenskyy"],
        "kind": "in person",
        "status": "declined",
        "sources": ["declined"],
    },
]

# Figures, quotes and statements: their sources are (article, paragraph, sentence).
FIGURES: list[dict[str, Any]] = [
    {
        "value": 90,
        "unit": "$bn",
        "counts": "loan for Ukraine agreed by EU leaders",
        "text": "$90bn",
        "sources": [(LIVE, 70, "EU leaders agreed a $90bn loan.")],
    },
    {
        "value": 28,
        "unit": "points",
        "counts": "points in the U.S. peace plan",
        "text": "28-point",
        "sources": [
            (FLORIDA, 4, "Washington's 28-point plan."),
            (EUROPE, 6, "The 28-point plan was crafted."),
        ],
    },
    {
        "value": 653,
        "unit": "drones",
        "counts": "drones launched overnight",
        "text": "653 drones",
        "subject": "Russia",
        "sources": [(LIVE, 9, "Russia launched 653 drones overnight.")],
    },
    {
        "value": 51,
        "unit": "missiles",
        "counts": "missiles launched overnight",
        "text": "51 missiles",
        "subject": "Russia",
        "sources": [(LIVE, 9, "Russia also fired 51 missiles.")],
    },
    {
        "value": 7,
        "unit": "people",
        "counts": "people killed in strikes on Kyiv",
        "text": "seven people",
        "qualifier": "at least",
        "sources": [(LIVE, 11, "At least seven people were killed.")],
    },
    {
        "value": 30,
        "unit": "people",
        "counts": "people injured in Ternopil",
        "text": "30 people",
        "sources": [(LIVE, 12, "Some 30 people were injured.")],
    },
    {
        "value": 20,
        "unit": "percent",
        "counts": "of Ukraine's territory occupied by Russia",
        "text": "20%",
        "qualifier": "about",
        "sources": [(EUROPE, 9, "Russia occupies about 20%.")],
    },
]
QUOTES: list[dict[str, Any]] = [
    {
        "speaker": "Donald Trump",
        "words": "something good just may be happening",
        "cue": "says",
        "topics": ["peace talks"],
        "sources": [
            (
                FLORIDA,
                4,
                'Trump now says that "something good just may be happening" in peace talks.',
            )
        ],
    },
    {
        "speaker": "Donald Trump",
        "words": "Tomahawks are a big step, they are a very aggressive weapon",
        "cue": "said",
        "topics": ["Tomahawks", "weapons"],
        "sources": [
            (
                WHITE_HOUSE,
                6,
                'Trump said: "Tomahawks are a big step, they are a very aggressive weapon."',
            )
        ],
    },
    {
        "speaker": "Donald Trump",
        "words": "Ukraine is not going to be in NATO, that was never going to happen",
        "cue": "told",
        "topics": ["NATO", "Ukraine"],
        "sources": [(EUROPE, 7, "Trump told reporters NATO...")],
    },
    {
        "speaker": "Volodymyr Zelenskyy",
        "words": "We would like to get Tomahawks, they would help us end this war",
        "cue": "said",
        "topics": ["Tomahawks"],
        "sources": [(WHITE_HOUSE, 8, 'Zelensky said: "We would like to get Tomahawks."')],
    },
    {
        "speaker": "Volodymyr Zelenskyy",
        "words": "either losing dignity or risking losing a key partner",
        "cue": "said",
        "topics": ["dignity", "partner"],
        "sources": [
            (FLORIDA, 6, "Zelenskyy said Ukraine may face..."),
            (EUROPE, 3, "Ukraine may face a difficult choice."),
        ],
    },
    {
        "speaker": "Vladimir Putin",
        "words": "we assume that they will be legitimate targets",
        "cue": "said",
        "topics": ["foreign troops"],
        "sources": [
            (
                PUTIN,
                1,
                'Putin said that "we assume that they will be legitimate targets" if any '
                "foreign troops were deployed.",
            )
        ],
    },
    {
        "speaker": "Donald Tusk",
        "words": "Europe must have a seat at the table",
        "cue": "said",
        "topics": ["Europe"],
        "sources": [(LIVE, 61, "Tusk said Europe must...")],
    },
]
STATEMENTS: list[dict[str, Any]] = [
    {
        "speaker": "Melania Trump",
        "text": "children deserve to grow up in peace",
        "cue": "wrote",
        "sources": [(LIVE, 80, "Melania Trump wrote that ...")],
    },
    {
        "speaker": "Kremlin",
        "text": "it had not seen the changes to the U.S. plan",
        "cue": "said",
        "sources": [(FLORIDA, 4, "The Kremlin said it hadn't...")],
    },
]


def src(article: str, paragraph: int, sentence: str) -> Source:
    """A source in one of the five articles, its offsets spanning the whole sentence."""
    return Source(article, TITLES[article], paragraph, sentence, 0, len(sentence))


def _actor(row: dict[str, Any]) -> Actor:
    roles = [Role(title, of, [src(FLORIDA, 1, text)]) for title, of, text in row.pop("roles", [])]
    return Actor(**{"kind": "person", **row, "roles": roles})


def _cited(row: dict[str, Any], sources: list[tuple[str, int, str]]) -> dict[str, Any]:
    return {**row, "sources": [src(*source) for source in sources]}


def make_facts() -> FactBase:
    """A fresh fact base from the tables above: no list or fact shared with another one."""
    actors, meetings, figures, quotes, statements = copy.deepcopy(
        (ACTORS, MEETINGS, FIGURES, QUOTES, STATEMENTS)
    )
    return FactBase(
        [_actor(row) for row in actors],
        [Meeting(**_cited(row, [SENTENCES[s] for s in row["sources"]])) for row in meetings],
        [Figure(**_cited(row, row["sources"])) for row in figures],
        [Quote(**_cited(row, row["sources"])) for row in quotes],
        [Statement(**_cited(row, row["sources"])) for row in statements],
    )


FACTS = make_facts()
