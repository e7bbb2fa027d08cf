"""Actors in one document: who is named, under which name, and which roles they hold.

The small English model labels names unreliably ("Zelenskyy" as GPE or ORG, "Kyiv" as PERSON),
so a name is judged by evidence from the whole document: a name seen in full as a person makes
its surname a person everywhere; a personal title before a name makes it a person; places,
outlets and weapons named in the lexicon never are.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from knowledge.extract.doc import MEDIA_KEYS, DocActor, DocActors, article_context
from knowledge.extract.roles import find_roles, is_title_complement
from knowledge.facts import ActorKind
from knowledge.lexicon import (
    COUNTRIES,
    DEMONYMS,
    GROUP_DROP_WORDS,
    GROUP_NOUNS,
    INSTITUTION_WORDS,
    MEDIA,
    NAME_TITLES,
    PLACE_ALIASES,
    PLACES,
    PRODUCTS,
    ROLE_NOUNS,
    TIME_ZONES,
)
from knowledge.names import (
    PARTICLES,
    canonical_place,
    clean_name,
    fold,
    same_person,
    split_person_name,
    surname_key,
    surname_of,
)

_PLACE_KEYS = frozenset(fold(p) for p in PLACES)
_PRODUCT_KEYS = frozenset(fold(p) for p in PRODUCTS)
_COUNTRY_KEYS = frozenset(fold(c) for c in COUNTRIES)
_PERSON_SPLITTERS = frozenset({",", "and", "&", "/", "or"})
_ALIAS_KEYS = frozenset(PLACE_ALIASES)
_TIME_ZONE_KEYS = frozenset(fold(z) for z in TIME_ZONES)
# First words of longer names that are no names alone: "United" of "United States".
_NAME_STARTS = frozenset(
    fold(name.split()[0])
    for name in [*COUNTRIES, *PLACES, *MEDIA, *PLACE_ALIASES.values()]
    if len(name.split()) > 1
) - frozenset(fold(name) for name in [*COUNTRIES, *PLACES, *MEDIA])
_POSSESSOR = re.compile(r"^[A-Z][\w.-]*['’]s\s+(?=[A-Z])")


def _is_name_word(token: Token) -> bool:
    text = token.text
    return (
        text[:1].isupper()
        and not (text.isupper() and len(text) > 3)
        and all(ch.isalpha() or ch in "-'’." for ch in text)
        and fold(text) not in NAME_TITLES
    )


def _parts(span: Span) -> list[Span]:
    """A span split at commas (and, for people, conjunctions): "Trump, Zelenskyy" → two names."""
    doc = span.doc
    splitters = _PERSON_SPLITTERS if span.label_ == "PERSON" else frozenset({","})
    parts: list[Span] = []
    start = span.start
    for token in span:
        if token.text.lower() in splitters or "\n" in token.text:
            if token.i > start:
                parts.append(doc[start : token.i])
            start = token.i + 1
    if start < span.end:
        parts.append(doc[start : span.end])
    return parts


def _country_and_holder(span: Span, label: str) -> list[tuple[Span, str]]:
    """ "President of [Ukraine Volodymyr Zelensky]": the model may take a country and the name
    after it for one entity; after a title and "of", that is the country and a person."""
    doc = span.doc
    if (
        len(span) >= 3
        and span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and fold(doc[span.start - 2].text) in ROLE_NOUNS
        and fold(span[0].text) in _COUNTRY_KEYS
        and all(_is_name_word(t) for t in span[1:])
    ):
        return [(span[:1], "GPE"), (span[1:], "PERSON")]
    return [(span, label)]


def _with_particles(ent: Span) -> Span:
    """A person's name the model cut at a particle, joined again: "Ursula von der" + "Leyen"."""
    doc = ent.doc
    end = ent.end
    while (
        end + 1 < len(doc)
        and doc[end - 1].lower_ in PARTICLES
        and (doc[end].text[:1].isupper() or doc[end].lower_ in PARTICLES)
        and doc[end].is_alpha
    ):
        end += 1
    if end == ent.end:
        return ent
    return Span(doc, ent.start, end, label="PERSON")


def _trim(span: Span) -> Span | None:
    """Drop leading titles, affiliations and possessives; trailing possessive marks."""
    doc = span.doc
    start, end = span.start, span.end
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    # Skip anything up to a possessive inside the span ("Ukraine’s Volodymyr Zelenskyy").
    for i in range(end - 1, start - 1, -1):
        if doc[i].tag_ == "POS":
            start = i + 1
            break
    while start < end and (
        doc[start].is_punct
        or fold(doc[start].text).rstrip(".") in NAME_TITLES
        or fold(doc[start].text) == "the"
    ):
        start += 1
    if start >= end:
        return None
    return doc[start:end]


def _looks_like_org_name(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return (
        len(letters) >= 2
        and name[:1].isupper()
        and not any(ch in name for ch in '@“”"\n')
        and not name.endswith(".")
    )


def _split_hyphenated(token: Token) -> list[str]:
    return [p for p in token.text.replace("–", "-").split("-") if p]


class _Resolver:
    """Collects name evidence over a document, then assigns every mention to an actor."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.result = DocActors()
        self.full_names: Counter[str] = Counter()
        self.lone_names: Counter[str] = Counter()
        self.place_keys: set[str] = set()

    def run(self) -> DocActors:
        candidates: list[tuple[Span, str]] = []
        context = article_context(self.doc)
        staff = context.staff
        start, end = context.dateline or (0, 0)
        for ent in self.doc.ents:
            if start <= ent.start_char < end:
                continue  # "ABU DHABI —", "MOSCOW (Reuters) -": where it was filed
            if ent.label_ in {"GPE", "LOC", "FAC"}:
                self.place_keys.add(fold(ent.text))
            if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP"}:
                continue
            for whole in _parts(_with_particles(ent)):
                for part, label in _country_and_holder(whole, ent.label_):
                    trimmed = _trim(part)
                    if trimmed is not None and fold(trimmed.text) not in staff:
                        candidates.append((trimmed, label))
        candidates = [(span, label) for span, label in candidates if not self._in_title(span)]
        candidates += self._titled_unlabelled(candidates)
        for span, label in candidates:
            self._collect_evidence(span, label)
        self._build_people()
        for span, label in candidates:
            self._assign(span, label)
        self._catch_unlabelled_surnames()
        self._assign_groups()
        return self.result

    def _in_title(self, span: Span) -> bool:
        """ "Deputy [Defence] Minister Alexander Fomin": a word between two title words is
        part of the title, whatever the model labels it."""
        doc = self.doc
        if span.start == 0 or span.end >= len(doc):
            return False
        title_words = NAME_TITLES | ROLE_NOUNS
        before, after = doc[span.start - 1], doc[span.end]
        return (
            before.text[:1].isupper()
            and fold(before.text).rstrip(".") in title_words
            and fold(after.text).rstrip(".") in title_words
        )

    def _titled_unlabelled(self, candidates: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """Names the model labels as nothing after a capitalized title: "Special Envoy
        Witkoff", "Commissioner Kos" (a briefing's way of naming people)."""
        doc = self.doc
        covered = {t.i for ent in doc.ents for t in ent} | {
            t.i for span, _ in candidates for t in span
        }
        found: list[tuple[Span, str]] = []
        title_words = NAME_TITLES | ROLE_NOUNS
        i = 1
        while i < len(doc):
            title = doc[i - 1]
            token = doc[i]
            if (
                token.i in covered
                or token.tag_ != "NNP"
                or not _is_name_word(token)
                or not title.text[:1].isupper()
                or fold(title.text).rstrip(".") not in title_words
            ):
                i += 1
                continue
            end = i + 1
            while (
                end < len(doc)
                and end - i < 3
                and end not in covered
                and doc[end].tag_ == "NNP"
                and _is_name_word(doc[end])
            ):
                end += 1
            span = doc[i:end]
            key = fold(span.text)
            if not (
                key in _PLACE_KEYS
                or key in _COUNTRY_KEYS
                or key in _PRODUCT_KEYS
                or key in MEDIA_KEYS
                or key in _NAME_STARTS
                or any(fold(t.text) in ROLE_NOUNS | INSTITUTION_WORDS for t in span)
                or (end < len(doc) and doc[end].lower_ == "of")
                or (end < len(doc) and fold(doc[end].text).rstrip(".") in title_words)
            ):  # "Deputy [Foreign] Minister": part of a title
                found.append((span, "PERSON"))
            i = end
        return found

    # -- evidence -------------------------------------------------------------------------
    def _person_form(self, span: Span) -> str | None:
        words = [t for t in span if not t.is_punct or t.text == "-"]
        while words and fold(words[0].text) in DEMONYMS:
            words = words[1:]
        if words and words[0].ent_type_ == "NORP" and words[0].ent_iob_ == "B":
            # a nationality the model tagged before the name, "South Korean"; not the words
            # of a NORP entity split off a country ("of Ukraine Volodymyr Zelensky")
            words = words[1:]
            while words and words[0].ent_type_ == "NORP" and words[0].ent_iob_ == "I":
                words = words[1:]
            while words and fold(words[0].text) in DEMONYMS:
                words = words[1:]
        if len(words) == 1 and words[0].text.isupper():
            return None
        if not words or len(words) > 6:
            return None
        inner = words[1:-1]
        if not all(
            _is_name_word(t) or t.text == "-" or (t in inner and t.lower_ in PARTICLES)
            for t in words
        ):
            return None
        name = clean_name(" ".join(t.text for t in words).replace(" - ", "-"))
        key = fold(name)
        if not key or key in MEDIA_KEYS or key in _PRODUCT_KEYS or key in _ALIAS_KEYS:
            return None
        if key in _PLACE_KEYS or key in _COUNTRY_KEYS or key in DEMONYMS:
            return None
        if fold(name.split()[-1]) in INSTITUTION_WORDS:
            return None
        return name

    def _titled(self, span: Span) -> bool:
        """A personal title before the name, or a role appositive after it."""
        doc = self.doc
        if span.start > 0:
            before = doc[span.start - 1]
            if fold(before.text).rstrip(".") in NAME_TITLES | ROLE_NOUNS:
                return True
            if (
                before.text == ","
                and span.start >= 2
                and (fold(doc[span.start - 2].text) in ROLE_NOUNS)
            ):
                return True
        if span.end < len(doc) and doc[span.end].text == ",":
            for token in doc[span.end + 1 : span.end + 7]:
                if token.is_punct or token.is_sent_start:
                    break
                if fold(token.text) in ROLE_NOUNS:
                    return True
        return False

    def _collect_evidence(self, span: Span, label: str) -> None:
        name = self._person_form(span)
        if name is None:
            return
        words = name.split()
        if len(words) >= 2 and (label == "PERSON" or self._titled(span)):
            self.full_names[name] += 1
        elif len(words) == 1 and (label == "PERSON" or self._titled(span)):
            self.lone_names[name] += 1

    def _build_people(self) -> None:
        # Merge spelling variants of full names ("Vladmir Putin" into "Vladimir Putin").
        ordered = sorted(self.full_names.items(), key=lambda kv: -kv[1])  # stable: first seen
        for name, _count in ordered:
            if self._match_person(name) is None:
                self.result.actors[name] = DocActor(name=name, kind="person")
        for name in self.lone_names:
            if fold(name) in self.place_keys or self._match_person(name) is not None:
                continue
            self.result.actors[name] = DocActor(name=name, kind="person")

    def _people(self) -> list[DocActor]:
        return [a for a in self.result.actors.values() if a.kind == "person"]

    def _match_person(self, name: str) -> DocActor | None:
        given, surname = split_person_name(name)
        last = surname.split()[-1]
        best: DocActor | None = None
        best_score = -1
        for actor in self._people():
            if not same_person(actor.name, name):
                continue
            score = self.full_names.get(actor.name, 0) + sum(actor.forms.values())
            if score > best_score:
                best, best_score = actor, score
        if best is None and not given:
            # A lone given name ("his wife, Olena") for the one person of that given name.
            named = [a for a in self._people() if fold(a.name.split()[0]) == fold(last)]
            if len(named) == 1 and len(named[0].name.split()) > 1:
                return named[0]
        return best

    # -- assignment -----------------------------------------------------------------------
    def _assign(self, span: Span, label: str) -> None:
        name = self._person_form(span)
        key = fold(span.text)
        hyphenated = name is not None and "-" in name and " " not in name
        if hyphenated and self._assign_hyphenated(span):
            return
        if name is not None:
            actor = self._match_person(name)
            single = len(name.split()) == 1
            if actor is None and not single and (label == "PERSON" or self._titled(span)):
                actor = DocActor(name=name, kind="person")
                self.result.actors[name] = actor
            if actor is None and single and self._lone_name_is_person(span, label, key):
                actor = DocActor(name=name, kind="person")
                self.result.actors[name] = actor
            if actor is not None:
                self.result.add_mention(actor, span.start, span.end, name)
                return
        if label == "NORP" or is_title_complement(span):
            return
        if key in _PRODUCT_KEYS:
            return
        # "Trump's White House" is the White House.
        canonical = _POSSESSOR.sub("", canonical_place(span.text))
        ckey = fold(canonical)
        if ckey in _TIME_ZONE_KEYS or ckey in _NAME_STARTS:
            return  # "11am BST"; "United" cut from "United by Golf" or "United States"
        if ckey in _COUNTRY_KEYS:
            kind: ActorKind = "country"
        elif label == "ORG" or key in MEDIA_KEYS or canonical in PLACE_ALIASES.values():
            if ckey in _PLACE_KEYS or not _looks_like_org_name(canonical):
                return
            kind = "organization"
        else:
            return  # cities and regions are places, not actors
        actor = self.result.actors.get(canonical)
        if actor is None:
            actor = DocActor(name=canonical, kind=kind)
            self.result.actors[canonical] = actor
        self.result.add_mention(actor, span.start, span.end, span.text)

    def _assign_hyphenated(self, span: Span) -> bool:
        """ "Putin-Zelenskyy summit": a mention of each person, when each is known."""
        pieces = [t for t in span if t.text != "-"]
        actors = [self._match_person(t.text) for t in pieces]
        if len(pieces) < 2 or any(a is None for a in actors):
            return False
        for token, actor in zip(pieces, actors, strict=True):
            assert actor is not None
            self.result.add_mention(actor, token.i, token.i + 1, token.text)
        return True

    def _lone_name_is_person(self, span: Span, label: str, key: str) -> bool:
        if key in self.place_keys and label != "PERSON":
            return False
        if self._titled(span):
            return True
        return label == "PERSON" and key not in self.place_keys

    def _catch_unlabelled_surnames(self) -> None:
        """Mentions the model missed: a known surname anywhere, also in "Putin-Zelenskyy"."""
        by_surname: dict[str, DocActor] = {}

        def salience(actor: DocActor) -> tuple[int, int]:
            first = min((start for start, _ in actor.mentions), default=len(self.doc))
            return -len(actor.mentions), first

        for actor in sorted(self._people(), key=salience):
            by_surname.setdefault(surname_of(actor.name), actor)
        if not by_surname:
            return
        for token in self.doc:
            if token.i in self.result.token_actor or not token.text[:1].isupper():
                continue
            if token.tag_ not in {"NNP", "NNPS", "NN", "JJ"} and "-" not in token.text:
                continue
            for piece in _split_hyphenated(token):
                known = by_surname.get(surname_key(piece))
                if known is not None:
                    known.mentions.append((token.i, token.i + 1))
                    known.forms[piece] += 1
                    self.result.token_actor.setdefault(token.i, known.name)

    def _is_person_token(self, token: Token) -> bool:
        key = self.result.token_actor.get(token.i)
        return key is not None and self.result.actors[key].kind == "person"

    def _assign_groups(self) -> None:
        """Collective participants: "European leaders", "U.S. and Ukrainian officials"."""
        for token in self.doc:
            if token.lower_ not in GROUP_NOUNS or token.i in self.result.token_actor:
                continue
            nominal = token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr"}
            if token.pos_ not in {"NOUN", "PROPN"} and not nominal:
                continue
            words: list[Token] = []
            for left in token.lefts:
                if left.dep_ not in {"amod", "compound", "nmod", "nummod"}:
                    continue
                subtree = list(left.subtree)
                if any(self._is_person_token(t) for t in subtree):
                    continue
                words.extend(subtree)
            words = sorted({t.i: t for t in words}.values(), key=lambda t: t.i)
            kept = [
                t
                for t in words
                if fold(t.text) not in GROUP_DROP_WORDS
                and not t.like_num
                and t.dep_ != "poss"
                and t.tag_ != "POS"
                and not t.is_punct
            ]
            if not kept:
                continue
            name = " ".join([t.text for t in kept] + [token.text])
            if not any(t.text[:1].isupper() for t in kept):
                continue
            actor = self.result.actors.get(name)
            if actor is None:
                actor = DocActor(name=name, kind="group")
                self.result.actors[name] = actor
            self.result.add_mention(actor, token.i, token.i + 1, name)


def find_actors(doc: Doc) -> DocActors:
    """Every actor named in `doc`, with mentions mapped token by token."""
    found = _Resolver(doc).run()
    found.actors = {name: a for name, a in found.actors.items() if a.mentions}
    for actor in found.actors.values():
        if actor.kind == "person":
            find_roles(doc, actor, found)
    return found
