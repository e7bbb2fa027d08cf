"""Reported numbers: value, qualifier, unit and what they count."""

from __future__ import annotations

import pytest
from spacy.language import Language

from knowledge.extract.figures import _past, find_figures, parse_number
from knowledge.facts import FactBase
from tests.hand_docs import hand_doc, with_actors

# --- rules on hand-built documents ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("$90bn", (90.0, "$", "bn")),
        ("1,500", (1500.0, None, None)),
        ("two", (2.0, None, None)),
        ("2½", (2.5, None, None)),
        ("three million", (3.0, None, "million")),
        ("€5 billion", (5.0, "€", "billion")),
        ("US$3m", (3.0, "$", "m")),
        ("1.5", (1.5, None, None)),
    ],
)
def test_parse_number_value_currency_and_multiplier(
    text: str, parsed: tuple[float, str | None, str | None]
) -> None:
    assert parse_number(text) == parsed


def test_parse_number_of_no_number_is_none() -> None:
    assert parse_number("nothing") is None


@pytest.mark.parametrize(
    ("word", "tag", "lemma", "past"),
    [
        ("launched", "VBD", "launch", "launched"),
        ("launch", "VB", "launch", "launched"),
        ("damage", "VB", "damage", "damaged"),
    ],
)
def test_past_of_a_verb_for_what_a_figure_counts(
    word: str, tag: str, lemma: str, past: str
) -> None:
    assert _past(hand_doc(word, tags=tag, lemmas=lemma)[0]) == past


def test_find_figures_a_count_with_qualifier_unit_and_subject() -> None:
    doc = with_actors(
        hand_doc(
            "Russia launched at least 810 drones .",
            ents="B-GPE O B-CARDINAL I-CARDINAL I-CARDINAL O O",
            tags="NNP VBD IN JJS CD NNS .",
            pos="PROPN VERB ADP ADJ NUM NOUN PUNCT",
            lemmas="Russia launch at least 810 drone .",
            deps="nsubj ROOT advmod advmod nummod dobj punct",
            heads="1 1 3 4 5 1 1",
        )
    )
    [figure] = find_figures(doc)
    assert (figure.value, figure.unit, figure.counts, figure.qualifier, figure.subject) == (
        810.0,
        "drones",
        "drones launched",
        "at least",
        "Russia",
    )
    assert figure.text == "at least 810 drones" and figure.sentence.text == doc.text


def test_find_figures_a_year_is_no_figure() -> None:
    doc = with_actors(
        hand_doc(
            "The war began in 2022 .",
            ents="O O O O B-CARDINAL O",  # a year the model took for a number
            tags="DT NN VBD IN CD .",
            pos="DET NOUN VERB ADP NUM PUNCT",
            deps="det nsubj ROOT prep pobj punct",
            heads="1 2 2 2 3 2",
        )
    )
    assert find_figures(doc) == []


# --- with the real pipeline -------------------------------------------------------------------


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


@pytest.mark.parametrize(
    "text",
    [
        "Putin suggested a meeting, according to two sources familiar with a phone call.",
        "They hoped the gathering would lead to three-way talks with Vladimir Putin.",
        "The two sides have drafted an updated peace framework.",
        "Washington sanctioned Russia's two largest oil companies.",
        "The loan would cover two-thirds of its needs.",
        # a number denied
        "“My task is simple: a just peace, and not one day of war longer than necessary,” "
        "Budanov wrote.",
    ],
)
def test_extract_figures_need_a_counted_noun(nlp: Language, text: str) -> None:
    assert nlp(text)._.figures == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("At least seven people were killed in Kyiv.", 7, "people"),
        ("The conversation lasted nearly two and a half hours.", 2.5, "hours"),
        # a spell of time the model labels a cardinal, "and a half" included
        ("The talks in Istanbul lasted about three and a half hours.", 3.5, "hours"),
        # the bodies of N people are N bodies, as the container is itself a counted noun
        ("Kyiv received the bodies of 909 people in the latest exchange.", 909, "bodies"),
        ("The EU failed to agree on a plan to lend Ukraine 140 billion euros.", 140, "€bn"),
        (
            "Rosneft and Lukoil export about 3.1 million barrels of oil a day.",
            3.1,
            "million barrels",
        ),
    ],
)
def test_extract_figures_counted_and_measured(
    nlp: Language, text: str, value: float, unit: str
) -> None:
    assert [(f.value, f.unit) for f in nlp(text)._.figures] == [(value, unit)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare number counts what the number before it counts, through "of which", "of
        # them", "including", "down to", "of" after a noun
        (
            "The army launched 140 drones at the port, of which 95 were shot down.",
            [(140, "drones"), (95, "drones")],
        ),
        (
            "Its forces destroyed 210 Russian drones overnight, 45 of them over the capital.",
            [(210, "drones"), (45, "drones")],
        ),
        ("The draft was cut from 30 points to 21.", [(30, "points"), (21, "points")]),
        # what the noun a number is given for counts
        ("The death toll from the attack on the market had risen to 41.", [(41, "people")]),
        ("The treaty would cap Moldova's army at 40,000.", [(40_000, "troops")]),
        # money with a sign the model reads as no entity; a currency named after the number
        ("The Commission proposed lending Kyiv €45bn for its budget.", [(45, "€bn")]),
        # a number and "more" before the counted noun
        ("We need at least 12 more air defence systems.", [(12, "systems")]),
        # a bare number after a comma, of the figure before it: "N on each side", "N of them"
        (
            "“We agreed on the exchange of 314 prisoners, 157 on each side, and we will meet "
            "again soon,” Witkoff wrote on social media.",
            [(314, "prisoners"), (157, "prisoners")],
        ),
        (
            "Macron said some 35 countries had taken part, 27 of them at the level of heads of "
            "state or government.",
            [(35, "countries"), (27, "countries")],
        ),
        # a counted thing written with "a" in a list with a number of things is one of them
        (
            "Ukraine's air force said Russia launched 85 drones and a ballistic missile "
            "overnight into the Sumy region.",
            [(85, "drones"), (1, "missiles")],
        ),
    ],
)
def test_extract_figures_numbers_without_a_noun_of_their_own(
    nlp: Language, text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(f.value, f.unit) for f in nlp(text)._.figures] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv called for a 60-day truce along the front.", (60, "days", "truce")),
        ("The meeting in Riyadh ended in under three hours.", (3, "hours", "under")),
        ('He said the repairs would take "eight months to a year."', (8, "months", None)),
    ],
)
def test_extract_figures_spells_of_time(
    nlp: Language, text: str, expected: tuple[float, str, str | None]
) -> None:
    [figure] = nlp(text)._.figures
    value, unit, detail = expected
    assert (figure.value, figure.unit) == (value, unit)
    assert detail is None or detail in (figure.counts, figure.qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "Modi welcomed Putin for a two-day visit to New Delhi.",
        "Talks on ending the nearly four-year war resumed.",
    ],
)
def test_extract_figures_what_merely_lasts_is_no_figure(nlp: Language, text: str) -> None:
    assert nlp(text)._.figures == []
