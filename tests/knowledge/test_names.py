"""Name forms: folding, cleaning, surnames and the one person-name compatibility check."""

from __future__ import annotations

import pytest

from knowledge.names import (
    ascii_fold,
    canonical_place,
    clean_name,
    fold,
    given_names_compatible,
    name_aliases,
    name_key,
    same_person,
    same_surname,
    split_person_name,
    surname_key,
    surname_of,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Erdoğan’s", "erdogan’s"), ("ZELENSKYY", "zelenskyy"), ("Jean-Noël", "jean-noel")],
)
def test_ascii_fold_lowers_and_drops_diacritics_only(text: str, folded: str) -> None:
    assert ascii_fold(text).replace("'", "’") == folded


def test_ascii_fold_transliterates_other_scripts() -> None:
    assert ascii_fold("Зеленський") == "zelens'kiy"


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Erdoğan’s", "erdogan s"), ("  Jean-Noël  Barrot ", "jean-noel barrot"), ("U.S.", "u s")],
)
def test_fold_drops_punctuation_but_hyphens(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_name_key_folds_case_diacritics_and_punctuation() -> None:
    assert name_key("Erdoğan’s") == "erdogan"
    assert name_key("Jean-Noël Barrot") == "jean noel barrot"
    assert name_key("  ZELENSKYY ") == "zelenskyy"
    assert name_key("Зеленський") == "zelens kiy"


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("President Vladimir Putin’s", "Vladimir Putin"),
        ("[Steve Witkoff]", "Steve Witkoff"),
        ("the Prime Minister Keir Starmer,", "Keir Starmer"),
        ("“Lavrov”", "Lavrov"),
        ("President", "President"),
    ],
)
def test_clean_name_drops_titles_possessives_and_punctuation(written: str, clean: str) -> None:
    assert clean_name(written) == clean


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Ursula von der Leyen", (["Ursula"], "von der Leyen")),
        ("Recep Tayyip Erdoğan", (["Recep", "Tayyip"], "Erdoğan")),
        ("Zelensky", ([], "Zelensky")),
    ],
)
def test_split_person_name_keeps_particles_with_the_surname(
    name: str, parts: tuple[list[str], str]
) -> None:
    assert split_person_name(name) == parts


@pytest.mark.parametrize("spelling", ["Zelenskyy", "Zelenskiy", "Zelensky", "ZELENSKYI"])
def test_surname_key_unifies_transliteration_endings(spelling: str) -> None:
    assert surname_key(spelling) == "zelensky"


def test_surname_of_is_the_key_of_the_last_word() -> None:
    assert surname_of("Volodymyr Zelenskyy") == surname_key("Zelensky")
    assert surname_of("Ursula von der Leyen") == "leyen"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Zelenskyy", "Zelensky", True),
        ("Witkoff", "Witkof", True),
        ("Rutte", "Rute", False),
        ("Trump", "Tusk", False),
    ],
)
def test_same_surname_allows_transliteration_and_long_typos(a: str, b: str, same: bool) -> None:
    assert same_surname(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [([], ["Donald"], True), (["Vladmir"], ["Vladimir"], True), (["J."], ["Jared"], True)],
)
def test_given_names_compatible_allows_initials_and_typos(
    a: list[str], b: list[str], compatible: bool
) -> None:
    assert given_names_compatible(a, b) is compatible


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Vladmir Putin", "Vladimir Putin", True),
        ("Zelensky", "Volodymyr Zelenskyy", True),
        ("Donald Trump", "Melania Trump", False),
        ("Donald Trump", "Donald Tusk", False),
    ],
)
def test_same_person_needs_one_surname_and_compatible_given_names(
    a: str, b: str, same: bool
) -> None:
    assert same_person(a, b) is same


@pytest.mark.parametrize(
    ("written", "place"),
    [("U.S.", "United States"), ("the Kremlin", "Kremlin"), ("Ukraine’s", "Ukraine")],
)
def test_canonical_place_gives_one_name(written: str, place: str) -> None:
    assert canonical_place(written) == place


def test_name_aliases_adds_the_ascii_spelling_once() -> None:
    assert name_aliases(["Erdoğan", "Erdogan", "Erdoğan"]) == ["Erdoğan", "Erdogan"]
    assert name_aliases(["Orbán"]) == ["Orbán", "Orban"]
