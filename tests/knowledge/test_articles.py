from __future__ import annotations

import pytest

from knowledge.articles import (
    furniture,
    is_boilerplate,
    make_article,
    split_front_matter,
    split_paragraphs,
)

WIRE = (
    "Driscoll holds talks with Russian officials in Abu Dhabi\n"
    "By Karim Haddad and Laura Pennington\n"
    "ABU DHABI — U.S. Army Secretary Dan Driscoll held talks with a Russian delegation.\n"
    "Haddad reported from Abu Dhabi and Pennington from Washington. Oleksandr Hrytsenko in Kyiv "
    "contributed to this report.\n"
)


def test_front_matter_gives_title_outlet_url_and_date_and_is_not_text() -> None:
    text = (
        "---\ntitle: Talks in Geneva\noutlet: The Guardian\nurl: https://example.com/a\n"
        "published: 2025-11-23\n---\nGeneva talks end\nRubio met Yermak in Geneva.\n"
    )
    article = make_article("geneva", text)
    assert article.title == "Talks in Geneva"
    assert (article.outlet, article.url) == ("The Guardian", "https://example.com/a")
    assert article.published == "2025-11-23"
    assert article.text == "Geneva talks end\nRubio met Yermak in Geneva.\n"


def test_front_matter_needs_key_value_lines() -> None:
    text = "---\nnot front matter at all\n---\nText.\n"
    assert split_front_matter(text) == ({}, text)


def test_a_leading_date_line_is_the_publication_date_and_boilerplate() -> None:
    text = "Ukraine morning briefing\nFriday 5 December 2025\nGood morning. Putin met Modi.\n"
    article = make_article("briefs", text)
    assert article.published == "2025-12-05"
    assert [p.boilerplate for p in split_paragraphs(text)] == [False, True, False]


def test_published_given_wins_over_the_text() -> None:
    text = "Briefing\nFriday 5 December 2025\nPutin met Modi.\n"
    assert make_article("b", text, published="2025-12-06").published == "2025-12-06"


def test_no_date_known_leaves_published_empty() -> None:
    assert make_article("a", "Putin met Modi on Thursday.\n").published is None


@pytest.mark.parametrize(
    "line",
    [
        "By Karim Haddad and Laura Pennington",
        "By Thomas Brennan, Natalia Vorobyova and Keith Lamont",
        "By Hannah Whitfield, diplomatic correspondent",
        "Interview by Daniel Kerr",
        "Reporting by Anton Sorokin and Gleb Vasiliev; additional reporting by Maria Kostenko",
        "Additional reporting by Jana Novakova in Brussels; Editing by Alex Richardson",
        "22.10 GMT",
        "1:07 P.M. EST",
        "END 1:38 P.M. EST",
        "Updated at 20.55 GMT",
        "You can reach me at tom.ellery@example.co.uk with news, comments and tips.",
    ],
)
def test_bylines_credits_and_time_stamps_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line", ["By Friday, the talks had ended.", "Putin met Trump in Alaska.", "Opinion polls show"]
)
def test_news_is_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_a_line_of_names_under_the_headline_is_a_byline() -> None:
    text = "Ukraine war live: Geneva talks\nTom Ellery and Lucy Marsh\nRubio met Yermak.\n"
    assert [p.boilerplate for p in split_paragraphs(text)] == [False, True, False]


def test_a_line_about_a_writer_of_the_byline_is_boilerplate() -> None:
    text = (
        "Opinion: Trump was right\nBy Margaret Ellison\nPutin got the red carpet.\n"
        "Margaret Ellison is a senior fellow at the Centre for Transatlantic Security.\n"
    )
    assert [p.boilerplate for p in split_paragraphs(text)] == [False, True, False, True]


def test_furniture_reads_the_dateline_place_and_the_staff() -> None:
    layout = furniture(WIRE)
    assert layout.place == "Abu Dhabi"
    assert layout.staff == ("Karim Haddad", "Laura Pennington", "Oleksandr Hrytsenko")
    assert layout.dateline is not None and layout.spans == ()
    start, end = layout.dateline
    assert WIRE[start:end] == "ABU DHABI — "


@pytest.mark.parametrize(
    ("first", "place"),
    [
        ("KYIV, Ukraine (AP) — Zelenskyy met Driscoll on Thursday.", "Kyiv, Ukraine"),
        ("MOSCOW (Reuters) - Putin met Witkoff at the Kremlin.", "Moscow"),
        ("ANCHORAGE, Alaska (AP) — Trump and Putin met.", "Anchorage, Alaska"),
    ],
)
def test_furniture_datelines_of_wire_stories(first: str, place: str) -> None:
    assert furniture(f"Headline of the story here\n{first}\n").place == place


def test_furniture_kickers_of_a_roundup_only() -> None:
    roundup = "Morning briefing: talks go on\n" + "".join(
        f"{kicker} Ukraine received the bodies of 1,003 people in an exchange on Friday.\n"
        for kicker in ("Bodies returned.", "Overnight attacks.", "Quote of the day.")
    )
    spans = furniture(roundup).spans
    assert [roundup[a:b] for a, b in spans] == [
        "Bodies returned.",
        "Overnight attacks.",
        "Quote of the day.",
    ]
    prose = "Opinion\nNone of this is glamorous. A phone call between foreign ministers helps.\n"
    assert furniture(prose).spans == ()
