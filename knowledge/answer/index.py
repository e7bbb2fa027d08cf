"""`FactIndex`: lookup tables over one `FactBase`, built once and cached by `index_for`.

Name keys (for the name matcher), places, facts by actor, and inverted lists of stems per fact
kind, so that a question looks at its candidate facts, not at every fact: what keeps answers
fast on a fact base hundreds of times the seeds.
"""

from __future__ import annotations

import json
import logging
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.answer.sentences import SavedSentences, SentenceIndex, save_folder
from knowledge.answer.text import fold, name_keys, name_words, stem, text_stems, with_prefix
from knowledge.answer.words import HONORIFICS, NAME_SUFFIXES
from knowledge.facts import Actor, FactBase, Figure, Meeting, Quote, Role, Source, Statement

_INDEXED_KINDS: tuple[type, ...] = (Meeting, Figure, Quote, Statement, Role)


@dataclass(frozen=True)
class Term:
    """A word or name to look for in facts.

    It is found when, for any one option, every word of the option is present, a word being
    present when any of its spellings (stems close to it in the fact base) is.
    """

    label: str
    options: tuple[tuple[frozenset[str], ...], ...]


def close(a: str, b: str) -> bool:
    """The same stem, or long words sharing most of a long prefix ("russian"/"russia")."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 6:
        return False
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= 6 and prefix >= 0.75 * shorter


def term_in(term: Term, stems: frozenset[str]) -> bool:
    """Whether a set of stems has `term` (every word of one of its options)."""
    return any(
        all(not spellings.isdisjoint(stems) for spellings in option) for option in term.options
    )


def in_measure(figure: Figure, units: frozenset[str]) -> bool:
    """Whether a figure's unit is, or has a word that is, one of `units`."""
    unit = fold(figure.unit)
    return unit in units or any(word in units for word in unit.split())


def acronym(name: str) -> str:
    """The initials of a name of three or more capitalized words ("International Atomic Energy
    Agency" → "iaea"), small words skipped; "" for other names."""
    words = [w for w in name.split() if w.lower() not in _SMALL_WORDS]
    if len(words) < 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return ""
    return fold("".join(w[0] for w in words))


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de"})


def counted_action(figure: Figure) -> frozenset[str]:
    """What a figure's counts says happened, without the noun: "drones launched" → launch."""
    return text_stems(figure.counts) - text_stems(figure.unit)


class FactIndex:
    """Lookup tables over one `FactBase`, built once: name keys, places, facts by actor, stems."""

    def __init__(self, facts: FactBase, saved: SavedPostings | None = None) -> None:
        """`saved`: where the stem postings of this fact base are kept between processes; read
        from there when they were saved for it, else worked out and saved there."""
        self.facts = facts
        self.actors: dict[str, Actor] = {}
        self.phrase_keys: dict[tuple[str, ...], dict[str, int]] = {}
        self.token_keys: dict[str, dict[str, int]] = {}
        self.place_keys: dict[tuple[str, ...], set[str]] = {}
        self.meetings_of: dict[str, list[Meeting]] = {}
        self.quotes_of: dict[str, list[Quote]] = {}
        self.statements_of: dict[str, list[Statement]] = {}
        self.figures_of: dict[str, list[Figure]] = {}
        self._participants: dict[int, frozenset[str]] = {}
        self._own: dict[int, frozenset[str]] = {}
        # Inverted indexes, stem → ids of the facts having it in their own fields (or in
        # their own fields or sentences), so a question looks at its candidates, not at
        # every fact: what keeps answers fast on a fact base hundreds of times the seeds.
        self._own_postings: Mapping[tuple[type, str], set[int]] = {}
        self._all_postings: Mapping[tuple[type, str], set[int]] = {}
        self._facts_by_id: dict[int, object] = {}
        self._indexed: list[tuple[object, Sequence[Source]]] = []  # in the order added
        self._own_text: dict[int, str] = {}
        self._position: dict[int, int] = {}
        self.figures_by_sentence: dict[str, list[Figure]] = {}
        self.suggestions: list[str] | None = None  # worked out on the first empty answer
        self._unit_stems: list[frozenset[str]] | None = None
        self._in_measure: dict[frozenset[str], list[Figure]] = {}
        self._actions: dict[int, frozenset[str]] = {}
        self._spellings: dict[str, frozenset[str]] = {}
        self._role_holders: dict[int, str] = {}
        self._stems_of_sentence: dict[str, frozenset[str]] = {}  # while building
        self._index_names(facts)
        for meeting in facts.meetings:
            self._add_meeting(meeting)
        self.fuzzy_places = sorted(
            key[0] for key in self.place_keys if len(key) == 1 and key[0].isalpha()
        )
        self._index_sayings(facts)
        self._index_figures(facts)
        for actor in facts.actors:
            for role in actor.roles:
                self._add_stems(role, [role.title, role.of or ""], role.sources)
        loaded = saved.load(self._indexed) if saved else None
        if loaded is None:
            self._own_postings, self._all_postings = self._postings()
            if saved is not None:
                saved.save(self)
        else:
            self._own_postings, self._all_postings = loaded
        self._vocabulary = sorted({word for _, word in self._all_postings})
        self._index_positions(facts)
        self._stems_of_sentence = {}
        self._sentences: SentenceIndex | None = None
        # Where the sentence index may be kept between processes (knowledge/snapshot.py).
        self.saved_sentences: SavedSentences | None = None

    # Building

    def _index_names(self, facts: FactBase) -> None:
        """Every actor's name keys, then the words fuzzy matching may correct a typo to:
        surnames and one-word names (`fuzzy_names`) apart from given names."""
        for actor in facts.actors:
            self._add_actor(actor)
        self.fuzzy_names = sorted(
            token
            for token, keys in self.token_keys.items()
            if len(token) >= 4 and token.isalpha() and max(keys.values()) >= 2
        )
        self.fuzzy_given_names = sorted(
            token
            for token, keys in self.token_keys.items()
            if len(token) >= 4 and token.isalpha() and max(keys.values()) == 1
        )

    def _add_actor(self, actor: Actor) -> None:
        self.actors.setdefault(actor.name, actor)
        for index, name in enumerate([actor.name, *actor.aliases]):
            tokens = name_words(name)
            if not tokens:
                continue
            for key in name_keys(tokens):
                self._add_key(self.phrase_keys.setdefault(key, {}), actor.name, 3)
            if len(tokens) == 1:
                self._add_key(self.token_keys.setdefault(tokens[0], {}), actor.name, 3)
                continue
            if actor.kind != "person":
                short = acronym(name)
                if short:  # "International Atomic Energy Agency" is also "IAEA"
                    self._add_key(self.phrase_keys.setdefault((short,), {}), actor.name, 2)
                    self._add_key(self.token_keys.setdefault(short, {}), actor.name, 2)
                continue
            words = [t for t in tokens if t not in HONORIFICS and len(t) > 1]
            while words and words[-1] in NAME_SUFFIXES:
                words.pop()
            if not words:
                continue
            self._add_key(self.token_keys.setdefault(words[-1], {}), actor.name, 2)
            if index == 0:
                for given in words[:-1]:
                    self._add_key(self.token_keys.setdefault(given, {}), actor.name, 1)

    @staticmethod
    def _add_key(keys: dict[str, int], actor: str, priority: int) -> None:
        keys[actor] = max(priority, keys.get(actor, 0))

    def _add_meeting(self, meeting: Meeting) -> None:
        participants = frozenset(self.canonical(p) for p in meeting.participants)
        self._participants[id(meeting)] = participants
        for name in participants:
            self.meetings_of.setdefault(name, []).append(meeting)
        if meeting.place:
            for part in [meeting.place, *meeting.place.split(",")]:
                tokens = name_words(part)
                if tokens and tokens[0] == "the":
                    tokens = tokens[1:]
                if tokens:
                    self.place_keys.setdefault(tuple(tokens), set()).add(meeting.place)
                    stems = tuple(stem(t) for t in tokens)
                    self.place_keys.setdefault(stems, set()).add(meeting.place)
        own = [
            meeting.place or "",
            meeting.time or "",
            meeting.date or "",
            meeting.kind,
            meeting.status,
            " ".join(meeting.participants),
        ]
        self._add_stems(meeting, own, meeting.sources)

    def _index_sayings(self, facts: FactBase) -> None:
        """Quotes and statements by speaker, and their words' stems."""
        for quote in facts.quotes:
            speaker = self.canonical(quote.speaker)
            self.quotes_of.setdefault(speaker, []).append(quote)
            self._add_stems(quote, [quote.words, " ".join(quote.topics)], quote.sources)
        for statement in facts.statements:
            speaker = self.canonical(statement.speaker)
            self.statements_of.setdefault(speaker, []).append(statement)
            self._add_stems(statement, [statement.text], statement.sources)

    def _index_figures(self, facts: FactBase) -> None:
        """Figures by the sentence they were read in (for their companions) and by subject."""
        for figure in facts.figures:
            if figure.sources:
                sentence = figure.sources[0].sentence
                self.figures_by_sentence.setdefault(sentence, []).append(figure)
            if figure.subject:
                self.figures_of.setdefault(self.canonical(figure.subject), []).append(figure)
            own = [figure.text, figure.unit, figure.counts, figure.subject or ""]
            self._add_stems(figure, own, figure.sources)

    def _index_positions(self, facts: FactBase) -> None:
        """Each fact's place in its list (answers keep fact base order among equals), and whose
        role each role is."""
        for facts_of_kind in (facts.meetings, facts.figures, facts.quotes, facts.statements):
            for position, fact in enumerate(facts_of_kind):
                self._position[id(fact)] = position
        position = 0
        for actor in facts.actors:
            for role in actor.roles:
                self._position[id(role)] = position
                self._role_holders[id(role)] = actor.name
                position += 1

    def _add_stems(self, fact: object, own: Iterable[str], sources: Sequence[Source]) -> None:
        key = id(fact)
        self._own_text[key] = " ".join(own)
        self._facts_by_id[key] = fact
        self._indexed.append((fact, sources))

    def _postings(
        self,
    ) -> tuple[dict[tuple[type, str], set[int]], dict[tuple[type, str], set[int]]]:
        """Stem → ids of the facts with it in their own fields, and in their fields or
        sentences, per fact kind."""
        own_postings: dict[tuple[type, str], set[int]] = {}
        all_postings: dict[tuple[type, str], set[int]] = {}
        for fact, sources in self._indexed:
            key = id(fact)
            own_stems = self.own_stems(fact)
            # A source sentence's stems once per sentence (many facts share one): the words
            # of sentences joined by spaces are those of each sentence.
            context = frozenset().union(*(self._sentence_stems(s.sentence) for s in sources))
            kind = type(fact)
            for word in own_stems:
                own_postings.setdefault((kind, word), set()).add(key)
                all_postings.setdefault((kind, word), set()).add(key)
            for word in context - own_stems:
                all_postings.setdefault((kind, word), set()).add(key)
        return own_postings, all_postings

    def _sentence_stems(self, sentence: str) -> frozenset[str]:
        found = self._stems_of_sentence.get(sentence)
        if found is None:
            found = self._stems_of_sentence[sentence] = text_stems(sentence)
        return found

    def _save_postings(self, folder: Path) -> None:
        """Writes the postings into `folder` as `SavedPostings.load` reads them."""
        import numpy as np

        number = {id(fact): n for n, fact in enumerate(fact for fact, _ in self._indexed)}
        info: dict[str, Any] = {"facts": len(self._indexed)}
        for name, postings in (("own", self._own_postings), ("all", self._all_postings)):
            keys = sorted(postings, key=lambda key: (key[0].__name__, key[1]))
            rows = [sorted(number[i] for i in postings[key]) for key in keys]
            ends = np.cumsum([0, *(len(row) for row in rows)], dtype=np.int64)
            ids = np.fromiter((n for row in rows for n in row), dtype=np.int32, count=int(ends[-1]))
            np.save(folder / f"{name}.indptr.npy", ends)
            np.save(folder / f"{name}.ids.npy", ids)
            info[name] = [f"{kind.__name__} {word}" for kind, word in keys]
        (folder / "postings.json").write_text(json.dumps(info), encoding="utf-8")

    @property
    def sentences(self) -> SentenceIndex:
        """The fact base's sentences for evidence, indexed on first use (bm25s loads then)."""
        if self._sentences is None:
            saved = self.saved_sentences
            found = saved.load(self.facts.sentences, self.canonical) if saved else None
            if found is None:
                found = SentenceIndex.build(self.facts.sentences, self.canonical)
                if saved is not None:
                    saved.save(found)
            self._sentences = found
        return self._sentences

    # Lookups

    def canonical(self, name: str) -> str:
        """The canonical name for a name as written (itself when it names no known actor)."""
        if name in self.actors:
            return name
        tokens = tuple(name_words(name))
        # The first two of `name_keys`; a name as written in a fact is not looked up by stems.
        for key in (tokens, tuple(sorted(tokens))):
            keys = self.phrase_keys.get(key)
            if keys:
                return self.best_actor(keys)
        return name

    def weight(self, name: str) -> int:
        """How prominent an actor is: its mentions, or failing that how many facts it is in."""
        actor = self.actors.get(name)
        mentions = actor.mentions if actor else 0
        facts = (
            len(self.meetings_of.get(name, []))
            + len(self.quotes_of.get(name, []))
            + len(self.statements_of.get(name, []))
            + (len(actor.roles) if actor else 0)
        )
        return mentions * 1000 + facts

    def best_actor(self, keys: dict[str, int]) -> str:
        """Among candidate actors with key priorities, the strongest key, then most prominent."""
        return max(keys, key=lambda name: (keys[name], self.weight(name), name))

    def participants(self, meeting: Meeting) -> frozenset[str]:
        """A meeting's participants under their canonical names."""
        return self._participants.get(id(meeting)) or frozenset(
            self.canonical(p) for p in meeting.participants
        )

    def own_stems(self, fact: object) -> frozenset[str]:
        """Stems of a fact's own fields (words, place, counts …)."""
        key = id(fact)
        found = self._own.get(key)
        if found is None:
            text = self._own_text.get(key)
            if text is None:
                return frozenset()
            found = self._own[key] = text_stems(text)
        return found

    def mentions(self, terms: Sequence[Term]) -> bool:
        """Whether any one fact, with the sentence it was read in, has all of `terms`."""
        return bool(terms) and bool(self.having(terms))

    def with_term(
        self, term: Term, own_only: bool = False, kind: type[Any] | None = None
    ) -> set[int]:
        """Ids of the facts (of `kind`: Meeting, Figure, Quote, Statement, Role; default all)
        with `term` in their own fields, or by default in their fields or sentences."""
        postings = self._own_postings if own_only else self._all_postings
        kinds = (kind,) if kind else _INDEXED_KINDS
        found: set[int] = set()
        for option in term.options:
            ids: set[int] | None = None
            for spellings in option:
                word_ids: set[int] = set()
                for spelling in spellings:
                    for one_kind in kinds:
                        word_ids |= postings.get((one_kind, spelling), set())
                ids = word_ids if ids is None else ids & word_ids
                if not ids:
                    break
            if ids:
                found |= ids
        return found

    def having(
        self, terms: Sequence[Term], own_only: bool = False, kind: type[Any] | None = None
    ) -> set[int]:
        """Ids of the facts having every one of `terms` (see `with_term`)."""
        found: set[int] | None = None
        for term in terms:
            ids = self.with_term(term, own_only, kind)
            found = ids if found is None else found & ids
            if not found:
                return set()
        return found or set()

    def in_order(self, ids: Iterable[int], kind: type[Any]) -> list[Any]:
        """The facts of one type among `ids`, in fact base order."""
        by_id, position = self._facts_by_id, self._position
        found = [i for i in ids if isinstance(by_id.get(i), kind)]
        found.sort(key=lambda i: position.get(i, 0))
        return [by_id[i] for i in found]

    @property
    def unit_stems(self) -> list[frozenset[str]]:
        """The stems of each distinct figure unit ("drones", "$bn", "miles" …)."""
        if self._unit_stems is None:
            self._unit_stems = list({text_stems(f.unit) for f in self.facts.figures})
        return self._unit_stems

    def figures_in_measure(self, units: frozenset[str]) -> list[Figure]:
        """Figures whose unit is one of `units` (miles and km for a distance …)."""
        found = self._in_measure.get(units)
        if found is None:
            found = [f for f in self.facts.figures if in_measure(f, units)]
            self._in_measure[units] = found
        return found

    def counted_action(self, figure: Figure) -> frozenset[str]:
        """`counted_action(figure)`, worked out once per figure."""
        found = self._actions.get(id(figure))
        if found is None:
            found = self._actions[id(figure)] = counted_action(figure)
        return found

    def fact(self, fact_id: int) -> object:
        """The fact with this id (see `with_term`)."""
        return self._facts_by_id[fact_id]

    def role_holder(self, role_id: int) -> str:
        """The name of the actor a role (by id) belongs to."""
        return self._role_holders.get(role_id, "")

    def position(self, fact: object) -> int:
        """A fact's place in its list in the fact base (roles: across all actors)."""
        return self._position.get(id(fact), 0)

    def spellings(self, word: str) -> frozenset[str]:
        """A stem and the stems in the fact base close to it, worked out once per word."""
        found = self._spellings.get(word)
        if found is None:
            found = frozenset({word})
            if len(word) >= 6:
                # Close stems share a prefix of at least six letters.
                found |= {s for s in with_prefix(self._vocabulary, word[:6]) if close(word, s)}
            self._spellings[word] = found
        return found

    def term(self, label: str, options: Iterable[Iterable[str]]) -> Term:
        """A `Term` whose options' words carry their spellings in this fact base."""
        return Term(
            label,
            tuple(tuple(self.spellings(w) for w in option) for option in options if option),
        )


@dataclass(frozen=True)
class SavedPostings:
    """Where the stem postings of one fact base's `FactIndex` are kept for other processes:
    `folder`, valid for the fact base `key` names (its store's revision and the code that
    indexed it), so a new process maps them instead of stemming every fact and sentence."""

    folder: Path
    key: str

    def load(
        self, indexed: Sequence[tuple[object, Sequence[Source]]]
    ) -> tuple[_MappedPostings, _MappedPostings] | None:
        """The saved postings (own, all) if they are this fact base's, else None; `indexed`
        is the facts in the order they were indexed (the ids saved are positions in it)."""
        try:
            if (self.folder / "key").read_text(encoding="utf-8") != self.key:
                return None
            info = json.loads((self.folder / "postings.json").read_text(encoding="utf-8"))
            if info.get("facts") != len(indexed):
                return None
            import numpy as np

            facts = [fact for fact, _ in indexed]
            return tuple(  # type: ignore[return-value]
                _MappedPostings(
                    info[name],
                    np.load(self.folder / f"{name}.indptr.npy", mmap_mode="r"),
                    np.load(self.folder / f"{name}.ids.npy", mmap_mode="r"),
                    facts,
                )
                for name in ("own", "all")
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            logging.getLogger(__name__).debug("%s not used: %s", self.folder, error)
            return None

    def save(self, index: FactIndex) -> bool:
        """Saves the postings of `index`; False when they could not be written."""
        return save_folder(self.folder, self.key, index._save_postings)


class _MappedPostings(Mapping[tuple[type, str], set[int]]):
    """(kind, stem) → ids of facts, read from memory-mapped arrays of positions in the order
    the facts were indexed, each entry worked out the first time it is looked up."""

    def __init__(self, keys: list[str], indptr: Any, ids: Any, facts: list[object]) -> None:
        self._rows = {key: row for row, key in enumerate(keys)}
        self._indptr = indptr
        self._ids = ids
        self._facts = facts
        self._found: dict[tuple[type, str], set[int]] = {}

    def __getitem__(self, key: tuple[type, str]) -> set[int]:
        found = self._found.get(key)
        if found is None:
            row = self._rows.get(f"{key[0].__name__} {key[1]}")
            if row is None:
                raise KeyError(key)
            start, end = int(self._indptr[row]), int(self._indptr[row + 1])
            facts = self._facts
            found = self._found[key] = {id(facts[p]) for p in self._ids[start:end].tolist()}
        return found

    def __iter__(self) -> Iterator[tuple[type, str]]:
        for key in self._rows:
            kind, word = key.split(" ", 1)
            yield _KINDS_BY_NAME[kind], word

    def __len__(self) -> int:
        return len(self._rows)


_KINDS_BY_NAME = {kind.__name__: kind for kind in _INDEXED_KINDS}


_INDEX_CACHE: dict[int, tuple[weakref.ref[FactBase], tuple[int, ...], FactIndex]] = {}
_INDEX_CACHE_SIZE = 8


def _fingerprint(facts: FactBase) -> tuple[int, ...]:
    lists = (
        facts.actors,
        facts.meetings,
        facts.figures,
        facts.quotes,
        facts.statements,
        facts.sentences,
    )
    return tuple(len(items) for items in lists) + tuple(id(items) for items in lists)


def index_for(facts: FactBase, saved: SavedPostings | None = None) -> FactIndex:
    """The `FactIndex` of a fact base, built on first use (its postings read from `saved` when
    they were saved for it) and cached while its lists are unchanged.

    Facts mutated in place (not added or removed) are not noticed: build a new `FactIndex`.
    """
    key = id(facts)
    fingerprint = _fingerprint(facts)
    cached = _INDEX_CACHE.get(key)
    if cached and cached[0]() is facts and cached[1] == fingerprint:
        return cached[2]
    index = FactIndex(facts, saved)
    for stale in [k for k, (ref, _, _) in _INDEX_CACHE.items() if ref() is None]:
        del _INDEX_CACHE[stale]
    while len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
        del _INDEX_CACHE[next(iter(_INDEX_CACHE))]
    _INDEX_CACHE[key] = (weakref.ref(facts), fingerprint, index)
    return index
