"""Name forms: folding diacritics, stripping titles, and deciding when two names are one person.

The one home of name forms: every folding of text starts from `ascii_fold`; `fold` (the
extraction rules' word form), `name_key` (the store's lookup key) and `same_person` (the one
person-name compatibility check, for one document and across articles) are built on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from knowledge.lexicon import NAME_TITLES, PLACE_ALIASES

PARTICLES = _PARTICLES = frozenset(
    [
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "bin",
        "al",
        "el",
        "ter",
    ]
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# A possessive ending a word anywhere in a name ("Erdoğan’s visit"), for `name_key`.
_KEY_POSSESSIVE = re.compile(r"['’](?:s\b)?(?=\s|$)")


def ascii_fold(text: str) -> str:
    """Lower-case ASCII, everything else kept: "Erdoğan’s" → "erdogan's".

    The base of every other folding here (and of the answer path's); each keeps the output its
    callers were built on, so this is the one place that decides how a character folds.
    """
    if text.isascii():  # anyascii leaves ASCII as it is; most text is ASCII
        return text.lower()
    return str(anyascii(text)).lower()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII with punctuation dropped: "Erdoğan’s" → "erdogan s"."""
    return " ".join(re.sub(r"[^a-z0-9\- ]+", " ", ascii_fold(text)).split())


def name_key(text: str) -> str:
    """A name folded for lookup: ASCII, lower case, no possessive or punctuation.

    "Erdoğan’s" → "erdogan", "Jean-Noël Barrot" → "jean noel barrot".
    """
    ascii_text = ascii_fold(_KEY_POSSESSIVE.sub("", text.strip()))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


def clean_name(text: str) -> str:
    """A name as written, minus possessive, brackets, leading titles and stray punctuation."""
    text = text.replace("[", "").replace("]", "").strip(" ,.;:\"“”'‘’()")
    text = _POSSESSIVE.sub("", text).strip()
    words = text.split()
    while len(words) > 1 and fold(words[0]).replace("-", "") in NAME_TITLES | {"the"}:
        words = words[1:]
    while len(words) > 1 and fold(words[0]) in {"prime", "foreign", "defense", "minister"}:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=65536)
def surname_key(word: str) -> str:
    """A surname folded and with transliteration endings unified: Zelenskyy/Zelenskiy → zelensky."""
    key = fold(word).replace(" ", "")
    key = re.sub(r"(?:yy|iy|ii|ij|yi)$", "y", key)
    return key.replace("kh", "h")


def split_person_name(name: str) -> tuple[list[str], str]:
    """Given names and surname: "Ursula von der Leyen" → (["Ursula"], "von der Leyen")."""
    words = name.split()
    if len(words) == 1:
        return [], words[0]
    surname_start = len(words) - 1
    while surname_start > 0 and fold(words[surname_start - 1]) in _PARTICLES:
        surname_start -= 1
    return words[:surname_start], " ".join(words[surname_start:])


def surname_of(name: str) -> str:
    """The key of a person name's surname (its last word, particles aside)."""
    return surname_key(split_person_name(name)[1].split()[-1])


def given_names_compatible(a: list[str], b: list[str]) -> bool:
    """Whether two lists of given names can belong to one person (typos and variants allowed)."""
    if not a or not b:
        return True
    for x in a:
        for y in b:
            fx, fy = fold(x).rstrip("."), fold(y).rstrip(".")
            if fx == fy or fuzz.ratio(fx, fy) >= 80:
                return True
            if (len(fx) == 1 or len(fy) == 1) and fx[:1] == fy[:1]:
                return True
    return False


def same_surname(a: str, b: str) -> bool:
    """Surnames equal after folding and transliteration, or a near-certain typo of each other."""
    return same_surname_key(surname_key(a), surname_key(b))


def same_surname_key(ka: str, kb: str) -> bool:
    """`same_surname` of two surnames' keys (`surname_key`)."""
    if ka == kb:
        return True
    return min(len(ka), len(kb)) >= 6 and ka[0] == kb[0] and fuzz.ratio(ka, kb) >= 92


@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """Whether two cleaned person names can denote one person.

    Donald Trump ≠ Melania Trump (given names differ) ≠ Donald Tusk (surnames differ);
    "Vladmir Putin" = "Vladimir Putin"; "Zelensky" = "Volodymyr Zelenskyy".
    """
    given_a, sur_a = split_person_name(a)
    given_b, sur_b = split_person_name(b)
    return same_surname(sur_a.split()[-1], sur_b.split()[-1]) and given_names_compatible(
        given_a, given_b
    )


def canonical_place(text: str) -> str:
    """A country, bloc or institution under its one name: "U.S." → "United States"."""
    cleaned = _POSSESSIVE.sub("", text.strip(' ,.;:"“”')).strip()
    key = cleaned.lower()
    if key in PLACE_ALIASES:
        return PLACE_ALIASES[key]
    if key.startswith("the ") and key[4:] in PLACE_ALIASES:
        return PLACE_ALIASES[key[4:]]
    if key.startswith("the "):
        cleaned = cleaned[4:]
    return cleaned


def name_aliases(forms: list[str]) -> list[str]:
    """Every written form of a name plus its diacritic-free spelling, first-seen order kept."""
    seen: dict[str, None] = {}
    for form in forms:
        seen.setdefault(form, None)
        ascii_form = anyascii(form)
        if ascii_form != form:
            seen.setdefault(ascii_form, None)
    return list(seen)
