"""Names in a question → actors and places: the one name matcher.

Exact first: the longest phrase of up to five words that is an actor's name or alias (as written,
in any word order, or by stems) or a meeting's place. Then word by word: a surname or one-word
name exactly, else fuzzily (rapidfuzz's OSA distance, same first letter, one edit for 5–7
letters, two above); a given name counts only next to its surname ("Karolin Levitt") or when
capitalized alone ("Steve"); adjacent words naming one actor together are one name. When two
actors fit a name equally well and neither is far more reported, the match says so
(`ambiguous_with`) so the answer can ask which was meant.

`match_actors(name, index)` is the public entry point for a name on its own (what `facts
--about` needs); `match_names(tokens, index)` is what question analysis calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.answer.index import FactIndex
from knowledge.answer.text import (
    Token,
    name_keys,
    name_tokens,
    neutralize_markup,
    tokenize,
    with_prefix,
)
from knowledge.answer.words import NO_FUZZY, STOPWORDS

# An actor a word may name, with (key priority, match score): priority 3 a whole name or alias,
# 2 a surname, 1 a given name; score 100 when exact.
_Options = dict[str, tuple[int, int]]


@dataclass
class NameHit:
    """Words `start`..`end` of the question name `name` (an actor, or a place when `is_place`).

    `term` is the words as written, `score` 100 when exact. `ambiguous_with`: actors that fit
    as well and are about as prominent; `also`: far less prominent ones a given name fits too.
    """

    start: int
    end: int
    name: str
    score: int
    is_place: bool
    term: str
    ambiguous_with: list[str] = field(default_factory=list)
    places: frozenset[str] = frozenset()
    also: list[str] = field(default_factory=list)


class ActorMatch(NamedTuple):
    """An actor a name was matched to.

    `term` is the words of the name as written, `actor` the canonical name, `score` 100 for an
    exact match and less for a fuzzy one (`fuzzy`). `ambiguous_with` holds the actors that fit
    equally well and are about as often reported (the answer then asks which one was meant).
    """

    term: str
    actor: str
    score: int
    fuzzy: bool
    ambiguous_with: tuple[str, ...] = ()


def match_actors(name: str, index: FactIndex) -> list[ActorMatch]:
    """The actors a name as a user types it refers to, matched exactly as `ask` matches them.

    Any case, with or without diacritics ("Erdogan" → Tayyip Erdoğan), a surname alone, a typo
    ("Lavrof" → Sergey Lavrov, "Kushnir" → Jared Kushner), any word order ("Leavitt Karoline");
    several names ("Trump and Putin") give one match each, in the order written. A name that is
    in no article gives no match; places and Slack mentions are not actors and are left out.
    """
    tokens = tokenize(" ".join(neutralize_markup(name, for_matching=True).split()))
    return [
        ActorMatch(hit.term, hit.name, hit.score, hit.score < 100, tuple(hit.ambiguous_with))
        for hit in match_names(tokens, index)
        if not hit.is_place
    ]


def match_names(tokens: list[Token], index: FactIndex) -> list[NameHit]:
    """Actors and places named in the question, longest exact phrases first, then single words."""
    used: set[int] = set()
    hits = _phrase_hits(tokens, index, used)
    candidates: dict[int, _Options] = {}
    # Misspelt or lower-case given names ("Karolin", "steve") count only next to their surname.
    given_names: dict[int, _Options] = {}
    place_candidates: dict[int, tuple[frozenset[str], int]] = {}
    for token in tokens:
        if token.index in used or token.norm in STOPWORDS or len(token.norm) < 2:
            continue
        if token.norm.isdigit():
            continue
        options, given = _actor_options(token, index)
        if given is not None:
            given_names[token.index] = given
        place = _place_for(token, index)
        if place and (not options or _after_preposition(tokens, token.index)):
            place_candidates[token.index] = place
        elif options:
            candidates[token.index] = options
    for position, (place_set, score) in place_candidates.items():
        surface = tokens[position].surface
        hits.append(
            NameHit(position, position + 1, min(place_set), score, True, surface, [], place_set)
        )
    _add_given_names(candidates, given_names, place_candidates)
    hits.extend(_group_hits(candidates, tokens, index))
    return sorted(hits, key=lambda hit: hit.start)


def _after_preposition(tokens: Sequence[Token], position: int) -> bool:
    """Whether a word follows "in", "at", "to" or "near" (with any "the" between): a place."""
    while position > 0 and tokens[position - 1].norm == "the":
        position -= 1
    return position > 0 and tokens[position - 1].norm in ("in", "at", "to", "near")


def _phrase_hits(tokens: list[Token], index: FactIndex, used: set[int]) -> list[NameHit]:
    """Phrases of five words down to two that are exactly an actor's name or a place; their
    positions go into `used`, so the word-by-word pass leaves them alone."""
    hits: list[NameHit] = []
    for size in range(min(5, len(tokens)), 1, -1):
        for start in range(len(tokens) - size + 1):
            span = range(start, start + size)
            if used.intersection(span):
                continue
            window = tokens[start : start + size]
            if window[0].norm in STOPWORDS or window[-1].norm in STOPWORDS:
                continue
            keys = name_keys([t.norm for t in window])
            actors = next((index.phrase_keys[k] for k in keys if k in index.phrase_keys), None)
            places = next(
                (frozenset(index.place_keys[k]) for k in keys if k in index.place_keys), None
            )
            if actors and _splits_better(window, index.best_actor(actors), index):
                actors = None
            surface = " ".join(t.surface for t in window)
            if places and (not actors or _after_preposition(tokens, start)):
                hits.append(
                    NameHit(start, start + size, min(places), 100, True, surface, [], places)
                )
            elif actors:
                hits.append(
                    NameHit(start, start + size, index.best_actor(actors), 100, False, surface)
                )
            else:
                continue
            used.update(span)
    return hits


def _actor_options(token: Token, index: FactIndex) -> tuple[_Options, _Options | None]:
    """The actors one word may name, and those it names only as a given name (or None).

    A given name alone, or a name that is a common word, written in lower case counts only as
    a given name; a word that is no name is corrected to a surname first, to a given name
    only when no surname is close.
    """
    given: _Options | None = None
    exact = index.token_keys.get(token.norm)
    if exact and not token.capitalized and _needs_capital(token, exact):
        given, exact = {name: (1, 100) for name in exact}, None
    if exact:
        return {name: (priority, 100) for name, priority in exact.items()}, given
    options: _Options = {}
    for word, score in _fuzzy(token.norm, index.fuzzy_names):
        for name, priority in index.token_keys[word].items():
            if priority >= 2:
                options[name] = max(options.get(name, (0, 0)), (priority, score))
    if not options and given is None:
        weak: _Options = {}
        for word, score in _fuzzy(token.norm, index.fuzzy_given_names):
            for name in index.token_keys[word]:
                weak[name] = max(weak.get(name, (0, 0)), (1, score))
        given = weak or None
    return options, given


def _add_given_names(
    candidates: dict[int, _Options],
    given_names: dict[int, _Options],
    place_candidates: dict[int, tuple[frozenset[str], int]],
) -> None:
    """A given name becomes a candidate where a word beside it may name the same actor."""
    for position, options in given_names.items():
        if position in candidates or position in place_candidates:
            continue
        beside = [candidates.get(position - 1, {}), candidates.get(position + 1, {})]
        shared = {name: score for name, score in options.items() if any(name in b for b in beside)}
        if shared:
            candidates[position] = shared


def _group_hits(
    candidates: dict[int, _Options], tokens: list[Token], index: FactIndex
) -> list[NameHit]:
    """Runs of adjacent candidate words that name one actor together, each one hit."""
    hits: list[NameHit] = []
    group: list[int] = []
    for position in [*sorted(candidates), -1]:
        joined = [*group, position]
        if group and (position != group[-1] + 1 or not _shared(candidates, joined, tokens, index)):
            hits.append(_resolve_group(group, candidates, tokens, index))
            group = []
        if position >= 0:
            group.append(position)
    return hits


def _allowed_edits(a: str, b: str) -> int:
    longest = max(len(a), len(b))
    if longest < 5:
        return 0
    return 1 if longest < 8 else 2


def _fuzzy(word: str, vocabulary: Sequence[str]) -> list[tuple[str, int]]:
    """Sorted vocabulary's words within a small edit distance of `word`, same first letter, best
    first. Only the words with that first letter are compared (a slice of the sorted list)."""
    if len(word) < 4 or not word.isalpha() or word in NO_FUZZY or not vocabulary:
        return []
    same_letter = list(with_prefix(vocabulary, word[0]))
    if word[0] in _SOUNDS_ALIKE:  # "Karney" for Carney: the same sound, another first letter
        same_letter += with_prefix(vocabulary, _SOUNDS_ALIKE[word[0]])
    found = process.extract(word, same_letter, scorer=OSA.distance, score_cutoff=2, limit=8)
    hits: list[tuple[str, int]] = []
    for candidate, distance, _ in found:
        if distance > _allowed_edits(word, candidate):
            continue
        score = round(100 * (1 - distance / max(len(word), len(candidate))))
        hits.append((candidate, int(score)))
    if not hits:
        return []
    best = max(score for _, score in hits)
    return [hit for hit in hits if hit[1] == best]


# First letters a misspelt name may start with instead of the right one.
_SOUNDS_ALIKE = {"c": "k", "k": "c"}


def _splits_better(window: Sequence[Token], phrase_actor: str, index: FactIndex) -> bool:
    """Whether "Putin Zelenskyy" names two prominent actors, not an obscure "Putin-Zelenskyy"."""
    singles: list[str] = []
    for token in window:
        keys = index.token_keys.get(token.norm, {})
        named = [name for name, priority in keys.items() if priority == 3]
        if not named:
            return False
        singles.append(index.best_actor({name: 3 for name in named}))
    if len(set(singles)) < len(singles) or phrase_actor in singles:
        return False
    return index.weight(phrase_actor) * 20 < min(index.weight(name) for name in singles)


def _needs_capital(token: Token, keys: dict[str, int]) -> bool:
    """Given names alone, and names that are common words ("State", "Army"), need a capital."""
    return max(keys.values()) == 1 or token.norm in NO_FUZZY


def _place_for(token: Token, index: FactIndex) -> tuple[frozenset[str], int] | None:
    for key in ((token.norm,), (token.stem,)):
        if key in index.place_keys:
            return frozenset(index.place_keys[key]), 100
    for word, score in _fuzzy(token.norm, index.fuzzy_places):
        return frozenset(index.place_keys[(word,)]), score
    return None


def _common_names(candidates: dict[int, _Options], group: list[int]) -> set[str]:
    """The actors every word of a group may name."""
    names = set(candidates[group[0]])
    for position in group[1:]:
        names &= set(candidates[position])
    return names


def _shared(
    candidates: dict[int, _Options],
    group: list[int],
    tokens: list[Token],
    index: FactIndex,
) -> bool:
    """Whether adjacent words name one actor together ("Donald" "Trump")."""
    names = _common_names(candidates, group)
    if not names:
        return False
    best = max(names, key=lambda name: (index.weight(name), name))
    return not _splits_better([tokens[p] for p in group], best, index)


def _resolve_group(
    group: list[int],
    candidates: dict[int, _Options],
    tokens: list[Token],
    index: FactIndex,
) -> NameHit:
    names = _common_names(candidates, group)

    def strength(name: str) -> tuple[int, int, int]:
        priority = max(candidates[p][name][0] for p in group)
        score = min(candidates[p][name][1] for p in group)
        return (score, priority if len(group) == 1 else 3, index.weight(name))

    ranked = sorted(names, key=lambda name: (strength(name), name), reverse=True)
    best = ranked[0]
    top = strength(best)
    # A surname written as an alias ("Martin" of Anna Martin, 3) and the surname of a full
    # name (Paul Martin, 2) fit equally well.
    alike = [
        name
        for name in ranked[1:]
        if strength(name)[0] == top[0]
        and (strength(name)[1] == top[1] or min(strength(name)[1], top[1]) >= 2)
        and not set(name_tokens(name)) < set(name_tokens(best))
    ]
    # About as prominent: ask which one. Much less prominent: answer, and say who else it
    # could be when the word was only a given name ("Donald").
    close = [name for name in alike if 2 * index.weight(name) >= index.weight(best)]
    also = [name for name in alike if name not in close] if top[1] == 1 else []
    term = " ".join(tokens[p].surface for p in group)
    hit = NameHit(group[0], group[-1] + 1, best, strength(best)[0], False, term, close)
    hit.also = also
    return hit
