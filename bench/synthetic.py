"""A synthetic fact base N times the size of a real one, for benchmarks of the answer path.

    from bench.synthetic import scale_factbase, synthetic_copies
    big = scale_factbase(seed_base, 200)        # one FactBase, copies concatenated in order
    copies = synthetic_copies(seed_base, 3)     # the same copies, one FactBase each

Copy 0 is the base itself, unchanged (a deep copy). Copies 1..N-1 are the same facts about
other, made-up actors: every name in the base (actor names and aliases, meeting participants,
quote and statement speakers, figure subjects, role `of`, affiliations) and every given name or
surname of a person is renamed, and each occurrence of them (as a whole word, case-sensitive)
is replaced in every text field: aliases, participants, places, figure text and counts, quote
words and topics, statement text, role titles, source sentences and titles. Article ids get
"-k" and titles " (k)" appended, so the sources of copy k are distinct articles.

Names are rewritten word by word, each word (folded to lower-case ASCII) to one made-up word
per copy, so a surname alias follows its full name ("Steve Witkoff" → "Drova Kelnick",
"Witkoff" → "Kelnick"), "NATO"/"Nato", "U.S."/"US" and "Erdoğan"/"Erdogan" keep their shapes
(the second with an accent), and lower-case joining words ("of", "the", "and", "'s") are kept.
Made-up words are built from syllables with one seeded `random.Random`, so the same base, scale
and seed always give the same copies; no made-up word is an original word or repeats another,
so copies are distinct facts about distinct actors.
"""

from __future__ import annotations

import copy
import dataclasses
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from knowledge.facts import (
    Actor,
    ActorKind,
    FactBase,
    Figure,
    Meeting,
    Quote,
    Role,
    Sentence,
    Source,
    Statement,
)
from knowledge.names import ascii_fold

__all__ = ["scale_factbase", "synthetic_copies", "Copier", "Renamer"]

# A word of a name: a dotted acronym ("U.S.") or a run of letters.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+")
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Lower-case words kept as they are in names: "Coalition of the Willing", "Trump's".
_KEPT = frozenset(_words("of the and for de del der di da von van la le al el y s"))
# Syllables of made-up words; repeats make a letter likelier.
_ONSETS = _words("b br d dr f g gr h j k kr l m n p r s sh st t tr v z zh b d k l m n r s t v")
_VOWELS = _words("a e i o u a e i o a e o ai ou")
_CODAS = ("",) * 6 + _words("n r l s k m v nd rk sk")
_SURNAME_ENDINGS = ("",) * 4 + _words("ov enko son ez ski er ani ic")
_COUNTRY_ENDINGS = _words("ia land stan ova ania ora")
_ACCENTS = str.maketrans("aeiouAEIOU", "áéíöüÁÉÍÖÜ")
_ACRONYM_MAX = 5


def _key(word: str) -> str:
    """A word folded for the mapping: lower-case ASCII letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(word))


def _accented(word: str) -> str:
    """The word with its first vowel accented ("Kelnick" → "Kélnick")."""
    for position, char in enumerate(word):
        accented = char.translate(_ACCENTS)
        if accented != char:
            return word[:position] + accented + word[position + 1 :]
    return word


def _shaped(word: str, made_up: str) -> str:
    """`made_up` (lower-case ASCII) written the way `word` is: dotted, upper, capitalized."""
    if _DOTTED.fullmatch(word):
        shaped = "".join(f"{char.upper()}." for char in made_up)
    elif len(word) > 1 and word.isupper():
        shaped = made_up.upper()
    elif word[:1].isupper():
        shaped = made_up.capitalize()
    else:
        shaped = made_up
    return shaped if word.isascii() else _accented(shaped)


@dataclass(frozen=True)
class _WordKind:
    """How to make up a replacement for one original word."""

    acronym: bool  # written in capitals somewhere ("NATO", "U.S."): made-up capitals
    actor_kind: ActorKind
    surname: bool  # the last word of a person's name


class _WordMaker:
    """Made-up words from syllables, none an original word, none made twice."""

    def __init__(self, rng: random.Random, taken: Iterable[str]) -> None:
        self._rng = rng
        self._taken = set(taken)

    def make(self, kind: _WordKind, length: int) -> str:
        for _ in range(1000):
            word = self._candidate(kind, length)
            if word not in self._taken:
                self._taken.add(word)
                return word
        raise RuntimeError("ran out of made-up words")  # pragma: no cover

    def _candidate(self, kind: _WordKind, length: int) -> str:
        rng = self._rng
        if kind.acronym:
            size = max(3, length)
            return "".join(rng.choice("bcdfghjklmnprstvwxz") for _ in range(size))
        syllables = 2 if kind.actor_kind == "person" else rng.choice((1, 2, 2, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        if kind.actor_kind == "person" and kind.surname:
            word += rng.choice(_SURNAME_ENDINGS)
        elif kind.actor_kind == "country":
            word = word.rstrip("aeiou") + rng.choice(_COUNTRY_ENDINGS)
        return word if len(word) >= 4 else word + rng.choice(("ra", "nik", "ov", "en"))


class Renamer:
    """Renames every name of one fact base, copy by copy, in every text field of its facts.

    Built once per base: the names and their words are collected, every text is split once at
    the names it contains, and each copy only joins the pieces back with its own names.
    """

    def __init__(self, base: FactBase, *, seed: int = 0) -> None:
        self.base = base
        self._rng = random.Random(seed)
        names, kinds = _names_and_kinds(base)
        self.names = frozenset(names)
        self._kinds = kinds
        self._words = sorted({word for name in names for word in _TOKEN.findall(name)})
        self._word_keys = {word: _key(word) for word in self._words}
        taken = set(_KEPT) | set(self._word_keys.values())
        taken |= {word.lower() for word in self._words}
        self._maker = _WordMaker(self._rng, taken)
        alternation = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
        self._pattern = re.compile(rf"(?<!\w)({alternation})(?!\w)") if alternation else None
        self._pieces: dict[str, tuple[str, ...]] = {}

    def word_map(self) -> dict[str, str]:
        """Made-up words for the next copy: original word (as written) → its replacement."""
        made_up: dict[str, str] = {}
        for key, kind in sorted(self._kinds.items()):
            made_up[key] = self._maker.make(kind, len(key))
        mapping: dict[str, str] = {}
        for word in self._words:
            key = self._word_keys[word]
            if (word in _KEPT or len(word) == 1 and word.islower()) or key not in made_up:
                mapping[word] = word
            else:
                mapping[word] = _shaped(word, made_up[key])
        return mapping

    def name_map(self, words: dict[str, str]) -> dict[str, str]:
        """Every name of the base → the name its words make in one copy."""
        return {name: _TOKEN.sub(lambda match: words[match.group()], name) for name in self.names}

    def pieces(self, text: str) -> tuple[str, ...]:
        """`text` split at the names it contains: text, name, text, name, …, text."""
        found = self._pieces.get(text)
        if found is None:
            found = (text,) if self._pattern is None else tuple(self._pattern.split(text))
            self._pieces[text] = found
        return found

    def copy(self, number: int) -> FactBase:
        """Copy `number` (1 or more) of the base, every name renamed and every article suffixed.

        Copies are made in order: copy k takes the next made-up words from the seeded random
        generator, so call this for 1, 2, 3 … to get the same copies every time.
        """
        return self.copier(number).fact_base()

    def copier(self, number: int) -> Copier:
        """What renames copy `number` (1 or more): its `fact_base()`, or any fact base or text of
        the base's articles renamed as that copy renames them. Takes the next made-up words,
        as `copy` does (which is `copier(number).fact_base()`)."""
        return Copier(self, self.name_map(self.word_map()), number)


class Copier:
    """Builds one renamed copy of the base, memoizing renamed texts and sources (made by
    `Renamer.copier`)."""

    def __init__(self, renamer: Renamer, names: dict[str, str], number: int) -> None:
        self._renamer = renamer
        self._names = names
        self._number = number
        self._texts: dict[str, str] = {}
        self._sources: dict[Source, Source] = {}

    def text(self, text: str) -> str:
        found = self._texts.get(text)
        if found is None:
            pieces = self._renamer.pieces(text)
            if len(pieces) == 1:
                found = text
            else:
                names = self._names
                found = "".join(
                    piece if i % 2 == 0 else names[piece] for i, piece in enumerate(pieces)
                )
            self._texts[text] = found
        return found

    def maybe(self, text: str | None) -> str | None:
        return None if text is None else self.text(text)

    def texts(self, texts: Iterable[str]) -> list[str]:
        return [self.text(text) for text in texts]

    def sources(self, sources: Iterable[Source]) -> list[Source]:
        copied: list[Source] = []
        for source in sources:
            found = self._sources.get(source)
            if found is None:
                found = dataclasses.replace(  # published, outlet and url kept
                    source,
                    article_id=f"{source.article_id}-{self._number}",
                    article_title=f"{self.text(source.article_title)} ({self._number})",
                    sentence=self.text(source.sentence),
                )
                self._sources[source] = found
            copied.append(found)
        return copied

    def actor(self, actor: Actor) -> Actor:
        return Actor(
            name=self.text(actor.name),
            kind=actor.kind,
            aliases=self.texts(actor.aliases),
            roles=[
                Role(self.text(r.title), self.maybe(r.of), self.sources(r.sources))
                for r in actor.roles
            ],
            affiliation=self.maybe(actor.affiliation),
            mentions=actor.mentions,
            sources=self.sources(actor.sources),
        )

    def meeting(self, meeting: Meeting) -> Meeting:
        return Meeting(
            participants=self.texts(meeting.participants),
            kind=meeting.kind,
            status=meeting.status,
            place=self.maybe(meeting.place),
            time=self.maybe(meeting.time),
            date=self.maybe(meeting.date),
            sources=self.sources(meeting.sources),
        )

    def figure(self, figure: Figure) -> Figure:
        return Figure(
            value=figure.value,
            unit=self.text(figure.unit),
            counts=self.text(figure.counts),
            text=self.text(figure.text),
            qualifier=self.maybe(figure.qualifier),
            subject=self.maybe(figure.subject),
            sources=self.sources(figure.sources),
        )

    def quote(self, quote: Quote) -> Quote:
        return Quote(
            speaker=self.text(quote.speaker),
            words=self.text(quote.words),
            cue=self.text(quote.cue),
            topics=self.texts(quote.topics),
            sources=self.sources(quote.sources),
        )

    def statement(self, statement: Statement) -> Statement:
        return Statement(
            speaker=self.text(statement.speaker),
            text=self.text(statement.text),
            cue=self.text(statement.cue),
            sources=self.sources(statement.sources),
        )

    def sentence(self, sentence: Sentence) -> Sentence:
        return Sentence(
            article_id=f"{sentence.article_id}-{self._number}",
            article_title=f"{self.text(sentence.article_title)} ({self._number})",
            paragraph=sentence.paragraph,
            index=sentence.index,
            text=self.text(sentence.text),
            start=sentence.start,
            end=sentence.end,
            published=sentence.published,
            actors=self.texts(sentence.actors),
            places=self.texts(sentence.places),
            dates=list(sentence.dates),
            numbers=list(sentence.numbers),
        )

    def fact_base(self) -> FactBase:
        return self.fact_base_of(self._renamer.base)

    def fact_base_of(self, base: FactBase) -> FactBase:
        """`base` (the renamer's base or any part of it) renamed."""
        return FactBase(
            actors=[self.actor(a) for a in base.actors],
            meetings=[self.meeting(m) for m in base.meetings],
            figures=[self.figure(f) for f in base.figures],
            quotes=[self.quote(q) for q in base.quotes],
            statements=[self.statement(s) for s in base.statements],
            sentences=[self.sentence(s) for s in base.sentences],
        )


def _names_and_kinds(base: FactBase) -> tuple[set[str], dict[str, _WordKind]]:
    """The names to rename, and how to make up a replacement for each word (by folded key).

    Names: actor names and aliases, participants, speakers, subjects, role `of`, affiliations,
    and the given names and surnames of persons on their own ("Vladimir" in "[Vladimir] Putin").
    """
    kind_of: dict[str, ActorKind] = {}
    for actor in base.actors:
        for name in [actor.name, *actor.aliases]:
            kind_of.setdefault(name, actor.kind)
    names: set[str] = set(kind_of)
    names.update(p for m in base.meetings for p in m.participants)
    names.update(q.speaker for q in base.quotes)
    names.update(s.speaker for s in base.statements)
    names.update(f.subject for f in base.figures if f.subject)
    names.update(r.of for a in base.actors for r in a.roles if r.of)
    names.update(a.affiliation for a in base.actors if a.affiliation)
    surnames: set[str] = set()
    for actor in base.actors:
        if actor.kind != "person":
            continue
        for index, name in enumerate([actor.name, *actor.aliases]):
            words = [w for w in _TOKEN.findall(name) if len(w) >= 3 and w[0].isupper()]
            names.update(words)
            if words and index == 0:
                surnames.add(_key(words[-1]))
    names = {name for name in names if name.strip() and _TOKEN.search(name)}

    kinds: dict[str, _WordKind] = {}
    acronyms: set[str] = set()
    # Persons first, so a word in a person's name and an organization's gets a name-like word.
    ordered = sorted(names, key=lambda n: (kind_of.get(n, "group") != "person", n))
    for name in ordered:
        for word in _TOKEN.findall(name):
            key = _key(word)
            if not key or word in _KEPT or (len(word) == 1 and word.islower()):
                continue
            if len(key) <= _ACRONYM_MAX and (
                _DOTTED.fullmatch(word) or (len(word) > 1 and word.isupper())
            ):
                acronyms.add(key)
            actor_kind = kind_of.get(name, "group")
            kinds.setdefault(key, _WordKind(False, actor_kind, key in surnames))
    for key in acronyms:
        kinds[key] = _WordKind(True, kinds[key].actor_kind, False)
    return names, kinds


def synthetic_copies(base: FactBase, scale: int, *, seed: int = 0) -> Iterator[FactBase]:
    """`scale` fact bases: the base itself (a deep copy), then scale - 1 renamed copies."""
    if scale < 1:
        raise ValueError(f"scale must be at least 1, not {scale}")
    yield copy.deepcopy(base)
    renamer = Renamer(base, seed=seed)
    for number in range(1, scale):
        yield renamer.copy(number)


def scale_factbase(base: FactBase, scale: int, *, seed: int = 0) -> FactBase:
    """One fact base `scale` times the size of `base`: its copies' facts, copy 0 first."""
    big = FactBase()
    for part in synthetic_copies(base, scale, seed=seed):
        big.actors.extend(part.actors)
        big.meetings.extend(part.meetings)
        big.figures.extend(part.figures)
        big.quotes.extend(part.quotes)
        big.statements.extend(part.statements)
        big.sentences.extend(part.sentences)
    return big
