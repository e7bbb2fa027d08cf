"""Roles of a person in one document: titles before the name, appositives around it."""

from __future__ import annotations

import pytest

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
