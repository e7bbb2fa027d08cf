"""Actors in one document: which names are people, under which name, judged on the whole text."""

from __future__ import annotations

import pytest
from spacy.language import Language

from knowledge.articles import make_article
from knowledge.consolidate import consolidate
from knowledge.extract import extract_article
from knowledge.extract.actors import (
    _is_name_word,
    _looks_like_org_name,
    _parts,
    _split_hyphenated,
    _trim,
)
from knowledge.facts import Actor, FactBase
from tests.hand_docs import hand_doc, with_actors
from tests.knowledge.extract.news import TRUMPS


def _actor(base: FactBase, name: str) -> Actor:
    matches = [a for a in base.actors if a.name == name]
    assert matches, f"{name} not among {[a.name for a in base.actors]}"
    return matches[0]


def _kinds(words: str, ents: str, **parse: str) -> dict[str, str]:
    doc = with_actors(hand_doc(words, ents=ents, **parse))
    return {name: actor.kind for name, actor in doc._.actors.actors.items()}


# --- rules on hand-built documents ------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "name_word"),
    [("Zelenskyy", True), ("Kyiv’s", True), ("KYIV", False), ("President", False), ("met", False)],
)
def test_is_name_word_capitalized_and_no_title(word: str, name_word: bool) -> None:
    assert _is_name_word(hand_doc(word)[0]) is name_word


@pytest.mark.parametrize(
    ("words", "ents", "parts"),
    [
        (
            "Trump , Zelenskyy and Macron",
            "B-PERSON I-PERSON I-PERSON I-PERSON I-PERSON",
            ["Trump", "Zelenskyy", "Macron"],
        ),
        (
            "U.S. , Ukraine and France",
            "B-GPE I-GPE I-GPE I-GPE I-GPE",
            ["U.S.", "Ukraine and France"],
        ),
    ],
)
def test_parts_split_people_at_commas_and_conjunctions_others_at_commas(
    words: str, ents: str, parts: list[str]
) -> None:
    assert [part.text for part in _parts(hand_doc(words, ents=ents).ents[0])] == parts


@pytest.mark.parametrize(
    ("words", "tags", "name"),
    [
        ("President Vladimir Putin ’s", "NNP NNP NNP POS", "Vladimir Putin"),
        ("Ukraine ’s Volodymyr Zelenskyy", "NNP POS NNP NNP", "Volodymyr Zelenskyy"),
    ],
)
def test_trim_drops_titles_owners_and_possessives(words: str, tags: str, name: str) -> None:
    doc = hand_doc(words, ents=" ".join(["B-PERSON"] + ["I-PERSON"] * 3), tags=tags)
    trimmed = _trim(doc.ents[0])
    assert trimmed is not None and trimmed.text == name


@pytest.mark.parametrize(
    ("name", "organization"),
    [("European Commission", True), ("e", False), ("Reuters.", False), ("“Quote", False)],
)
def test_looks_like_org_name(name: str, organization: bool) -> None:
    assert _looks_like_org_name(name) is organization


def test_split_hyphenated_names() -> None:
    assert _split_hyphenated(hand_doc("Putin-Zelenskyy summit")[0]) == ["Putin", "Zelenskyy"]


def test_find_actors_never_takes_a_place_of_the_lexicon_for_a_person() -> None:
    assert _kinds("Kyiv said no .", ents="B-PERSON O O O") == {}


def test_find_actors_a_title_makes_a_lone_name_a_person() -> None:
    assert _kinds("President Zelenskyy spoke .", ents="O B-ORG O O") == {"Zelenskyy": "person"}


def test_find_actors_a_surname_mislabelled_joins_the_full_name() -> None:
    doc = with_actors(
        hand_doc(
            "Steve Witkoff arrived . Later Witkoff met Umerov .",
            ents="B-PERSON I-PERSON O O O B-ORG O B-PERSON O",
        )
    )
    witkoff = doc._.actors.actors["Steve Witkoff"]
    assert witkoff.mentions == [(0, 2), (5, 6)]
    assert set(witkoff.forms) == {"Steve Witkoff", "Witkoff"}
    assert set(doc._.actors.actors) == {"Steve Witkoff", "Umerov"}


def test_find_actors_keeps_namesakes_apart_and_gives_a_surname_to_one() -> None:
    doc = with_actors(
        hand_doc(
            "Donald Trump and Melania Trump met Donald Tusk . Trump spoke .",
            ents="B-PERSON I-PERSON O B-PERSON I-PERSON O B-PERSON I-PERSON O B-PERSON O O",
        )
    )
    mentions = {name: actor.mentions for name, actor in doc._.actors.actors.items()}
    assert mentions == {
        "Donald Trump": [(0, 2), (9, 10)],
        "Melania Trump": [(3, 5)],
        "Donald Tusk": [(6, 8)],
    }


def test_find_actors_outlets_are_organizations_that_are_media() -> None:
    doc = with_actors(
        hand_doc("Reuters reported that Politico erred .", ents="B-ORG O O B-PERSON O O")
    )
    assert {name: (a.kind, a.is_media) for name, a in doc._.actors.actors.items()} == {
        "Reuters": ("organization", True),
        "Politico": ("organization", True),
    }


def test_find_actors_countries_under_one_name() -> None:
    assert _kinds("The U.S. backed Ukraine .", ents="O B-GPE O B-GPE O") == {
        "United States": "country",
        "Ukraine": "country",
    }


def test_find_actors_a_collective_noun_with_a_capitalized_modifier_is_a_group() -> None:
    parse = {"pos": "ADJ NOUN VERB PROPN PUNCT", "deps": "amod nsubj ROOT dobj punct"}
    words, ents = "European leaders met Zelenskyy .", "B-NORP O O B-PERSON O"
    kinds = _kinds(words, ents, **parse, heads="1 2 2 2 2")
    assert kinds == {"European leaders": "group", "Zelenskyy": "person"}


def test_find_actors_a_hyphenated_pair_mentions_both_people() -> None:
    doc = with_actors(
        hand_doc(
            "A Putin-Zelenskyy summit . Vladimir Putin and Volodymyr Zelenskyy agreed .",
            ents="O O O O B-PERSON I-PERSON O B-PERSON I-PERSON O O",
            tags="DT NNP NN . NNP NNP CC NNP NNP VBD .",
        )
    )
    actors = doc._.actors.actors
    assert (1, 2) in actors["Vladimir Putin"].mentions
    assert (1, 2) in actors["Volodymyr Zelenskyy"].mentions


# --- with the real pipeline -------------------------------------------------------------------


def test_extract_merges_spelling_variants_and_diacritics(ankara_base: FactBase) -> None:
    people = {a.name for a in ankara_base.actors if a.kind == "person"}
    erdogan = [p for p in people if "Erdo" in p]
    zelensky = [p for p in people if "Zelensk" in p]
    assert len(erdogan) == 1 and len(zelensky) == 1, people
    erdogan_actor = _actor(ankara_base, erdogan[0])
    assert {"Erdogan", "Erdoğan"} <= set(erdogan_actor.aliases) | {erdogan_actor.name}


def test_extract_never_takes_a_city_for_a_person(ankara_base: FactBase) -> None:
    assert "Kyiv" not in {a.name for a in ankara_base.actors if a.kind == "person"}


def test_extract_keeps_namesakes_apart(nlp: Language) -> None:
    base = consolidate([extract_article(make_article("trumps", TRUMPS), nlp)])
    people = {a.name for a in base.actors if a.kind == "person"}
    assert {"Donald Trump", "Melania Trump", "Donald Tusk"} <= people
    donald = _actor(base, "Donald Trump")
    assert "Trump" in donald.aliases and "Trump" not in _actor(base, "Melania Trump").aliases
    assert donald.mentions >= 2


@pytest.mark.parametrize(
    ("text", "person", "country"),
    [
        (
            "President of Moldova Maia Sandu, speaking in Chisinau, said the country would "
            "not yield.",
            "Maia Sandu",
            "Moldova",
        ),
        (
            "President of Ukraine Volodymyr Zelensky met Prime Minister of Poland Donald Tusk "
            "in Warsaw on Monday.",
            "Volodymyr Zelensky",
            "Ukraine",
        ),
    ],
)
def test_extract_a_country_and_name_the_model_joins_after_a_title_of(
    nlp: Language, text: str, person: str, country: str
) -> None:
    """ "President of [Moldova Maia Sandu]" (one ORG or NORP entity to the model): the country,
    and a person who is its president."""
    doc = nlp(text)
    people = {a.name: a for a in doc._.actors.actors.values() if a.kind == "person"}
    assert person in people
    assert ("president", country) in [(title, of) for title, of, _ in people[person].roles]
    assert doc._.actors.actors[country].kind == "country"


@pytest.mark.parametrize(
    ("text", "person", "title"),
    [
        (
            "Briefing\nThe President has also directed Special Envoy Witkoff to travel to Moscow "
            "next week to meet with President Putin.\n",
            "Witkoff",
            "special envoy",
        ),
        (
            "Istanbul\nWho led Ukraine's team? Defence Minister Rustem Umerov headed the "
            "Ukrainian delegation, as he had in May.\n",
            "Rustem Umerov",
            "defence minister",
        ),
    ],
)
def test_extract_a_name_the_model_leaves_unlabelled_after_a_title_is_a_person(
    nlp: Language, text: str, person: str, title: str
) -> None:
    doc = nlp(text)
    people = {a.name: a for a in doc._.actors.actors.values() if a.kind == "person"}
    assert person in people
    assert title in [t for t, _of, _ in people[person].roles]


def test_extract_a_title_word_after_a_title_is_no_name(nlp: Language) -> None:
    doc = nlp("Istanbul\nHe was joined by Deputy Foreign Minister Mikhail Galuzin.\n")
    assert "Foreign" not in doc._.actors.actors


def test_extract_a_word_between_two_title_words_is_part_of_the_title(nlp: Language) -> None:
    """ "Deputy [Defence] Minister Alexander Fomin": the model may take the department for a
    name of its own; it is a word of the title."""
    doc = nlp(
        "Istanbul\nHe was joined by Deputy Foreign Minister Mikhail Galuzin, Deputy Defence "
        "Minister Alexander Fomin and Igor Kostyukov.\n"
    )
    actors = doc._.actors.actors
    assert "Defence" not in actors
    assert "deputy defence minister" in [t for t, _of, _ in actors["Alexander Fomin"].roles]
