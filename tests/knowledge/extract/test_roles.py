"""Roles of a person in one document: titles before the name, appositives around it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from knowledge.articles import make_article
from knowledge.extract import extract_article
from knowledge.extract.roles import _ends_in_title, _title_text, is_title_complement
from knowledge.facts import FactBase
from tests.hand_docs import hand_doc, with_actors


def _roles(words: str, **annotations: str) -> dict[str, list[tuple[str, str | None]]]:
    doc = with_actors(hand_doc(words, **annotations))
    return {
        name: [(title, of) for title, of, _sentence in actor.roles]
        for name, actor in doc._.actors.actors.items()
        if actor.kind == "person"
    }


# --- rules on hand-built documents ------------------------------------------------------------


def test_title_text_drops_articles_and_keeps_capitals_only_of_names() -> None:
    doc = hand_doc("the U.S. special envoy Steve Witkoff", ents="O B-GPE O O B-PERSON I-PERSON")
    assert _title_text(list(doc)[:4]) == "U.S. special envoy"


def test_title_text_needs_a_role_noun() -> None:
    assert _title_text(list(hand_doc("the new man"))) is None


@pytest.mark.parametrize(
    ("words", "ends"),
    [("special envoy", True), ("secretary of state", True), ("the talks", False)],
)
def test_ends_in_title_a_role_noun_or_its_complement(words: str, ends: bool) -> None:
    assert _ends_in_title(list(hand_doc(words))) is ends


def test_is_title_complement_the_department_after_of() -> None:
    doc = hand_doc("Secretary of State Marco Rubio", ents="O O B-ORG B-PERSON I-PERSON")
    assert is_title_complement(doc[2:3])
    assert not is_title_complement(doc[3:5])


def test_find_roles_title_before_a_name_with_its_country() -> None:
    roles = _roles(
        "U.S. special envoy Steve Witkoff met Putin .",
        ents="B-GPE O O B-PERSON I-PERSON O B-PERSON O",
        tags="NNP JJ NN NNP NNP VBD NNP .",
        pos="PROPN ADJ NOUN PROPN PROPN VERB PROPN PUNCT",
        deps="compound amod compound compound nsubj ROOT dobj punct",
        heads="2 2 4 4 5 5 5 5",
    )
    assert roles == {"Steve Witkoff": [("special envoy", "United States")], "Putin": []}


def test_find_roles_a_role_phrase_and_comma_before_the_name() -> None:
    roles = _roles(
        "Russia ’s top diplomat , Sergey Lavrov , spoke .",
        ents="B-GPE O O O O B-PERSON I-PERSON O O O",
        tags="NNP POS JJ NN , NNP NNP , VBD .",
        pos="PROPN PART ADJ NOUN PUNCT PROPN PROPN PUNCT VERB PUNCT",
        deps="poss case amod nsubj punct compound appos punct ROOT punct",
        heads="3 0 3 8 3 6 3 3 8 8",
    )
    assert roles == {"Sergey Lavrov": [("top diplomat", "Russia")]}


def test_find_roles_an_appositive_after_the_name() -> None:
    roles = _roles(
        "Zelenskyy , the Ukrainian president , met Trump .",
        ents="B-PERSON O O B-NORP O O O B-PERSON O",
        pos="PROPN PUNCT DET ADJ NOUN PUNCT VERB PROPN PUNCT",
        tags="NNP , DT JJ NN , VBD NNP .",
        deps="nsubj punct det amod appos punct ROOT dobj punct",
        heads="6 0 4 4 0 0 6 6 6",
    )
    assert roles == {"Zelenskyy": [("president", "Ukraine")], "Trump": []}


# --- with the real pipeline -------------------------------------------------------------------


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
    actor = next(a for a in ankara_base.actors if a.name == name)
    assert (title, of) in {(r.title, r.of) for r in actor.roles}


def _article_roles(nlp: Language, text: str) -> dict[str, set[tuple[str, str | None]]]:
    facts = extract_article(make_article("roles", text), nlp)
    return {a.name: {(r.title, r.of) for r in a.roles} for a in facts.actors}


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        # an appositive whose owner's name is several words, or comes first as a possessive
        (
            "The delegation included Jonathan Powell, Keir Starmer’s national security adviser.",
            "Jonathan Powell",
            ("national security adviser", "Keir Starmer"),
        ),
        (
            "Steve Witkoff flew to Miami with Jared Kushner, Donald Trump’s son-in-law, on Friday.",
            "Jared Kushner",
            ("son-in-law", "Donald Trump"),
        ),
        # the owner's own title is not the role's
        (
            "Vladimir Putin met Steve Witkoff and Jared Kushner, President Donald Trump's "
            "son-in-law, at the Kremlin on Tuesday.",
            "Jared Kushner",
            ("son-in-law", "Donald Trump"),
        ),
        # a role phrase before the name whose title has an "of" complement
        (
            "The US secretary of state, Marco Rubio, called the talks useful.",
            "Marco Rubio",
            ("secretary of state", "United States"),
        ),
        # "President of the United States" before the name
        (
            "Vladimir Putin had a telephone conversation with President of the United States "
            "Donald Trump on Thursday.",
            "Donald Trump",
            ("president", "United States"),
        ),
    ],
)
def test_extract_roles_appositives_and_titles(
    nlp: Language, sentence: str, name: str, role: tuple[str, str | None]
) -> None:
    assert role in _article_roles(nlp, f"Talks in Geneva\n{sentence}\n")[name]


def test_extract_roles_a_list_of_appositives_gives_each_person_their_own(nlp: Language) -> None:
    text = (
        "Advisers meet\nThe delegation included Jonathan Powell, Keir Starmer’s national "
        "security adviser, Emmanuel Bonne, Emmanuel Macron’s diplomatic adviser, and others.\n"
    )
    roles = _article_roles(nlp, text)
    assert roles["Emmanuel Bonne"] == {("diplomatic adviser", "Emmanuel Macron")}
    assert ("national security adviser", "Keir Starmer") in roles["Jonathan Powell"]


def test_extract_roles_a_rank_gives_way_to_an_office(nlp: Language) -> None:
    text = "Army talks\nGen. Randy George, the Army chief of staff, met Russian officials.\n"
    titles = {title for title, _of in _article_roles(nlp, text)["Randy George"]}
    assert "general" not in titles and "gen" not in titles
    assert "chief of staff" in titles


def test_extract_roles_a_bare_title_takes_the_owner_written_elsewhere(nlp: Language) -> None:
    text = (
        "Miami meeting\nUkraine's chief of the general staff, Andrii Hnatov, flew to Miami.\n"
        "Gen Andrii Hnatov, the chief of the general staff, met Steve Witkoff there on Thursday.\n"
    )
    assert _article_roles(nlp, text)["Andrii Hnatov"] == {("chief of the general staff", "Ukraine")}


@pytest.mark.parametrize(
    ("sentence", "name", "title"),
    [
        (
            "Since Andrii Yermak resigned as head of the presidential office in late November, "
            "Volodymyr Zelenskyy has rebuilt the circle around him.",
            "Andrii Yermak",
            "head of the presidential office",
        ),
        (
            "He replaced Denys Shmyhal, who became first deputy prime minister and energy "
            "minister at a time when Russian strikes left millions without heating.",
            "Denys Shmyhal",
            "energy minister",
        ),
        (
            "Zelenskyy appointed Mykhailo Fedorov as defence minister on 2 January.",
            "Mykhailo Fedorov",
            "defence minister",
        ),
    ],
)
def test_extract_roles_an_office_taken_or_left_by_a_verb(
    nlp: Language, sentence: str, name: str, title: str
) -> None:
    """ "resigned as …", "who became …", "appointed X as …": the office after the verb."""
    text = f"Zelenskyy's team\nUkrainian President Volodymyr Zelenskyy spoke.\n{sentence}\n"
    titles = {t for t, _of in _article_roles(nlp, text).get(name, set())}
    assert title in titles


def test_extract_roles_an_office_given_leaves_out_its_date(nlp: Language) -> None:
    text = (
        "Zelenskyy's team\nKyrylo Budanov, head of the presidential office.\nZelenskyy appointed "
        "Budanov, the long-serving chief of the HUR military intelligence agency, as head of "
        "the presidential office on 2 January.\n"
    )
    titles = {title for title, _of in _article_roles(nlp, text)["Kyrylo Budanov"]}
    assert "head of the presidential office" in titles
    assert not any("january" in title.lower() for title in titles)


def test_extract_roles_the_last_name_of_a_list_keeps_the_appositive_after_it(
    nlp: Language,
) -> None:
    """The parser hangs "NATO's supreme allied commander" on Driscoll, the list's first name;
    it follows Grynkewich's comma, and is his."""
    text = (
        "Abu Dhabi talks\nWitkoff and Jared Kushner led the American side, joined by Army "
        "Secretary Dan Driscoll and Gen. Alexus Grynkewich, NATO's supreme allied commander in "
        "Europe.\n"
    )
    roles = _article_roles(nlp, text)
    assert roles["Alexus Grynkewich"] == {("supreme allied commander in Europe", "NATO")}
    assert not any("commander" in title for title, _of in roles["Dan Driscoll"])


def test_extract_roles_a_second_appositive_after_and(nlp: Language) -> None:
    text = (
        "Istanbul talks\nRussia sent a team headed by Vladimir Medinsky, an aide to President "
        "Vladimir Putin and a former culture minister, who also led Moscow's negotiators.\n"
    )
    assert _article_roles(nlp, text)["Vladimir Medinsky"] == {
        ("aide", "Vladimir Putin"),
        ("former culture minister", None),
    }
