"""Reported numbers: value, qualifier, unit and what they count ("at least 21 people killed")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from knowledge.extract.doc import DocActors
from knowledge.facts import Figure
from knowledge.lexicon import (
    COUNTED_IN,
    COUNTED_NOUNS,
    CURRENCIES,
    MEASURED_SPELLS,
    MONEY_MULTIPLIERS,
    MULTIPLIERS,
    NUMBER_WORDS,
    QUALIFIERS,
)

_NUMBER = re.compile(
    r"(?P<cur>[$€£])?\s*(?P<num>\d[\d,]*(?:\.\d+)?)(?P<frac>½|¼|¾)?\s*(?P<mult>[a-z]+)?", re.I
)
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_ENT_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
_SKIP_NOUNS = {"of", "percent", "%", "times", "time", "year", "years", "way", "ways"}
_SKIP_VERBS = {"accord", "say", "include", "be", "have", "tell", "report"}
_OTHERS = {"others", "more", "other"}
_QUALIFIER_WORDS = frozenset(w for phrase in QUALIFIERS for w in phrase.split())
_DURATION = re.compile(
    r"^(?P<number>[\w.,]+(?: and a half)?)(?P<joint> |-)"
    r"(?P<unit>hours?|days?|weeks?|months?|years?|minutes?)(?: (?:to|or) [\w ]+)?$"
)
# Money the model leaves out of its entities ("lending Ukraine €90bn"): a currency sign, a
# number and a multiplier written together.
_MONEY = re.compile(
    r"(?<![\w$€£])(?P<cur>[$€£])\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<mult>bn|billion|m|million|tn|trillion)?\b"
)
# Links by which a bare number counts what a number before it in the sentence counts: "116
# drones, of which 85 were shot down", "103 drones, including 32 over Moscow", "down from 28
# points to 19".
_SIBLING_LINKS = {"to", "including", "from", "of", "with", "than"}
_NOT_COUNTS = {"ways", "way", "thirds", "halves", "quarters", "fold", "times"}
_DEFINITE = {"the", "their", "both", "these", "those", "its", "his", "her", "our", "my"}
# Verbs that make people a source, not a count: "two people briefed on the talks".
_SOURCING = {"brief", "familiar", "know", "speak", "authorize", "decline", "ask", "insist"}


@dataclass(kw_only=True)
class DraftFigure(Figure):
    """A number as read from one sentence: the schema's fields (no sources yet) and the
    sentence, which becomes its source."""

    sentence: Span


def _negated(doc: Doc, start: int) -> bool:
    """ "not one day of war longer than necessary": a number denied is no figure (a qualifier
    in between, "not more than 100", still makes one)."""
    return start > 0 and doc[start - 1].lower_ in {"not", "never"}


def parse_number(text: str) -> tuple[float, str | None, str | None] | None:
    """ "$90bn" → (90.0, "$", "bn"); "1,500" → (1500.0, None, None); "two" → (2.0, None, None)."""
    cleaned = text.strip().lower().replace("us$", "$")
    if cleaned in NUMBER_WORDS:
        return float(NUMBER_WORDS[cleaned]), None, None
    words = cleaned.split()
    if len(words) == 4 and words[0] in NUMBER_WORDS and words[1:] == ["and", "a", "half"]:
        return NUMBER_WORDS[words[0]] + 0.5, None, None  # "two and a half"
    if words and words[0] in NUMBER_WORDS and len(words) <= 2:
        mult = words[1] if len(words) == 2 else None
        if mult is None or mult in MULTIPLIERS:
            return float(NUMBER_WORDS[words[0]]), None, mult
    match = _NUMBER.search(cleaned)
    if match is None:
        return None
    value = float(match.group("num").replace(",", ""))
    if match.group("frac"):
        value += _FRACTIONS[match.group("frac")]
    mult = match.group("mult")
    if mult is not None and mult not in MULTIPLIERS:
        mult = None
    currency = match.group("cur")
    for word in words:
        if word in CURRENCIES:
            currency = CURRENCIES[word]
    return value, currency, mult


def _past(token: Token) -> str:
    if token.tag_ in {"VBD", "VBN"}:
        return token.lower_
    lemma = token.lemma_.lower()
    if lemma.endswith("e"):
        return lemma + "d"
    return lemma + "ed"


def _noun_phrase(noun: Token, number_tokens: set[int]) -> str:
    words = [
        t
        for t in noun.lefts
        if t.dep_ in {"amod", "compound", "poss", "case"}
        and t.i not in number_tokens
        and not t.like_num
        and t.lower_ not in _QUALIFIER_WORDS
    ]
    parts = [t.text for t in sorted(words, key=lambda t: t.i)] + [noun.text]
    return " ".join(parts).replace(" ’s", "’s").replace(" 's", "'s")


class _FigureReader:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.found: DocActors = doc._.actors
        self.last_unit: dict[int, str] = {}
        self.counted: Token | None = None  # the noun the last number read counts
        self.text = doc.text

    def read(self) -> list[DraftFigure]:
        figures: list[DraftFigure] = []
        for ent in self.doc.ents:
            if ent.label_ in {"DATE", "TIME"}:
                duration = self._duration(ent)
                if duration is not None:
                    figures.append(duration)
                continue
            if ent.label_ not in _ENT_LABELS:
                continue
            # a spell of time the model labels a number: "about four and a half hours"
            figure = self._duration(ent) if ent.label_ in {"CARDINAL", "QUANTITY"} else None
            figure = figure or self._figure(ent)
            if figure is not None:
                figures.append(figure)
        figures.extend(self._unlabelled_money(figures))
        figures.extend(self._one_in_a_list())
        return figures

    def _one_in_a_list(self) -> list[DraftFigure]:
        """ "launched 85 drones and a ballistic missile": a counted thing written with "a",
        joined to a number of things, is one of them."""
        found: list[DraftFigure] = []
        for noun in self.doc:
            head = noun.head
            if (
                noun.dep_ != "conj"
                or noun.tag_ != "NN"
                or noun.lower_ not in COUNTED_NOUNS
                or head.pos_ != "NOUN"
                or not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)
                or not any(c.dep_ == "nummod" and c.like_num for c in head.children)
            ):
                continue
            lemma = noun.lemma_.lower()
            unit = lemma if lemma.endswith("s") else lemma + "s"
            phrase = _noun_phrase(noun, set())
            verb = self._verb_of(noun)
            counts = f"{phrase} {verb}".strip() if verb else phrase
            start = min(t.i for t in noun.subtree)
            text = self.doc[start : noun.i + 1].text
            subject = self._subject(self.doc[noun.i : noun.i + 1])
            found.append(DraftFigure(1.0, unit, counts, text, None, subject, sentence=noun.sent))
        return found

    def _unlabelled_money(self, figures: list[DraftFigure]) -> list[DraftFigure]:
        """Money written with a sign that no entity of the model covers: "€90bn"."""
        doc = self.doc
        taken = {(f.value, f.sentence.start) for f in figures}
        labelled = {t.i for ent in doc.ents if ent.label_ == "MONEY" for t in ent}
        found: list[DraftFigure] = []
        for match in _MONEY.finditer(self.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None or any(t.i in labelled for t in span):
                continue
            value = float(match["num"].replace(",", ""))
            if (value, span.sent.start) in taken:
                continue
            mult = match["mult"]
            unit = f"{match['cur']}{MONEY_MULTIPLIERS.get(mult or '', '')}"
            qualifier, _start = self._qualifier(span)
            counts = self._money_counts(span)
            subject = self._subject(span)
            found.append(
                DraftFigure(value, unit, counts, span.text, qualifier, subject, sentence=span.sent)
            )
        return found

    def _figure(self, ent: Span) -> DraftFigure | None:
        doc = self.doc
        qualifier, num_start = self._qualifier(ent)
        if _negated(doc, num_start):
            return None
        number_tokens = [t for t in doc[num_start : ent.end]]
        numeric = [
            i
            for i, t in enumerate(number_tokens)
            if t.like_num
            or t.lower_ in NUMBER_WORDS
            or t.lower_ in MULTIPLIERS
            or any(ch.isdigit() for ch in t.text)
        ]
        if not numeric:
            return None
        number_tokens = number_tokens[: numeric[-1] + 1]
        written = " ".join(t.text for t in number_tokens)
        if ent.text.lower().endswith(" and a half"):
            written += " and a half"  # "nearly two and a half (hours)"
        parsed = parse_number(written)
        if parsed is None:
            return None
        value, currency, mult = parsed
        if ent.start > 0 and doc[ent.start - 1].text in {"$", "€", "£"}:
            currency = doc[ent.start - 1].text
        if value == 1 and not currency:
            return None
        if not currency and not mult and 1900 <= value <= 2100 and "," not in ent.text:
            return None
        anchor = number_tokens[-1]
        if anchor.text.lower() in MULTIPLIERS and len(number_tokens) > 1:
            anchor = number_tokens[-2]
        sentence = anchor.sent
        after = doc[ent.end] if ent.end < len(doc) else None
        if after is not None and after.lower_ in CURRENCIES:
            currency = CURRENCIES[after.lower_]  # "140 billion euros"
        elif not currency:
            named = [t for t in doc[anchor.i + 1 : ent.end] if t.lower_ in CURRENCIES]
            if named:
                currency = CURRENCIES[named[0].lower_]  # "[Ukraine 140 billion euros] ("
        if currency or ent.label_ == "MONEY":
            unit = f"{currency or '$'}{MONEY_MULTIPLIERS.get(mult or '', mult or '')}"
            if mult is None and value >= 1e9:
                unit = f"{currency or '$'}"
            counts = self._money_counts(ent)
            start = (
                ent.start - 1 if ent.start > 0 and doc[ent.start - 1].text in "$€£" else (ent.start)
            )
            text = doc[start : ent.end].text
            subject = self._subject(ent)
            return DraftFigure(value, unit, counts, text, qualifier, subject, sentence=sentence)
        if ent.label_ == "PERCENT" or any(t.text in {"%", "percent"} for t in number_tokens):
            counts = self._money_counts(ent)
            return DraftFigure(value, "%", counts, ent.text, qualifier, sentence=sentence)
        self.counted = None
        noun, counts, end = self._unit(anchor, set(t.i for t in number_tokens))
        size = value * MULTIPLIERS[mult] if mult else value
        if noun is None or not self._counts_something(num_start, size, noun):
            return None
        if mult:
            noun = f"{mult} {noun}"  # "3.1 million barrels": 3.1 million barrels
        text = doc[ent.start : max(end, ent.end)].text
        subject = self._subject(ent)
        return DraftFigure(value, noun, counts, text, qualifier, subject, sentence=sentence)

    def _duration(self, ent: Span) -> DraftFigure | None:
        """ "nearly five hours", "within 100 days", "for 10 years", "six months": how long
        something lasts or may take; not a date ("two years ago", "the next two years", "in
        three years")."""
        qualifier, start = self._qualifier(ent)
        if _negated(self.doc, start):
            return None
        words = self.doc[start : ent.end].text.lower().strip('"“”‘’ ')
        found = _DURATION.match(words)
        before = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before == "in" and qualifier == "under":
            before = ""  # "ended in under two hours" measures; "in three years" dates
        if found is None or before in {"in", "the", "past", "last", "next", "first"}:
            return None
        parsed = parse_number(found["number"])
        after = self.doc[ent.end].lower_ if ent.end < len(self.doc) else ""
        if parsed is None or after in {"ago", "after", "before", "later", "earlier"}:
            return None  # "two days after Witkoff …" dates, it does not measure
        unit = found["unit"] if found["unit"].endswith("s") else found["unit"] + "s"
        root = ent.root
        of = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"]
        counts = unit
        if found["joint"] == "-" and root.head.lemma_.lower() in MEASURED_SPELLS:
            counts = root.head.text  # "a 30-day ceasefire", not "a two-day visit"
        elif found["joint"] == "-":
            return None
        elif of and any(c.dep_ == "pobj" for c in of[0].children):
            counts = next(c for c in of[0].children if c.dep_ == "pobj").text  # "hours of talks"
        elif root.head.pos_ == "VERB":
            counts = root.head.lemma_.lower()
        text = self.doc[ent.start : ent.end].text
        return DraftFigure(parsed[0], unit, counts, text, qualifier, sentence=ent.root.sent)

    def _counts_something(self, start: int, value: float, unit: str) -> bool:
        """Whether a number counts what the news is about: not "the two sides", "two
        sources", "three-way talks", "two-thirds", "the two largest oil companies", "two
        people briefed on the talks"; a small number must count a counted noun."""
        if unit in _NOT_COUNTS:
            return False
        noun = self.counted
        if value >= 10:
            return True
        before = self.doc[start - 1] if start > 0 else None
        if before is not None and before.lower_ in _DEFINITE:
            return False
        if unit not in COUNTED_NOUNS:
            return False
        if noun is None:
            return True
        if any(c.tag_ == "JJS" for c in noun.children):
            return False
        sourcing = any(
            c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in _SOURCING for c in noun.children
        )
        according = noun.head.lower_ == "to" and noun.head.head.lower_ == "according"
        return not (sourcing or according)

    def _qualifier(self, ent: Span) -> tuple[str | None, int]:
        doc = self.doc
        start = ent.start
        for phrase in sorted(QUALIFIERS, key=len, reverse=True):
            words = phrase.split()
            inside = " ".join(t.lower_ for t in doc[start : start + len(words)])
            if inside == phrase:
                return QUALIFIERS[phrase], start + len(words)
            before = " ".join(t.lower_ for t in doc[max(0, start - len(words)) : start])
            if before == phrase:
                return QUALIFIERS[phrase], start
        return None, start

    def _unit(self, anchor: Token, number_tokens: set[int]) -> tuple[str | None, str, int]:
        """The counted noun and a short phrase of what is counted."""
        doc = self.doc
        noun: Token | None = None
        # "28-point plan", "620-mile front line"
        if anchor.i + 2 < len(doc) and doc[anchor.i + 1].text == "-":
            measure = doc[anchor.i + 2]
            head = measure.head if measure.head.i > measure.i else None
            if head is not None and head.pos_ in {"NOUN", "PROPN"}:
                unit = measure.lemma_.lower()
                unit = unit if unit.endswith("s") else unit + "s"
                return unit, _noun_phrase(head, number_tokens | {measure.i}), head.i + 1
        if anchor.dep_ in {"nummod", "quantmod"} and anchor.head.pos_ in {"NOUN", "PROPN"}:
            noun = anchor.head
        elif anchor.dep_ in {"nsubj", "dobj", "pobj", "nsubjpass", "conj", "appos", "attr"}:
            of = [c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"]
            if of:
                pobjs = [c for c in of[0].children if c.dep_ == "pobj"]
                if pobjs and pobjs[0].pos_ == "PRON":
                    return self._sibling_unit(anchor) or (None, "", anchor.i + 1)  # "32 of them"
                if pobjs:
                    noun = pobjs[0]
            elif anchor.dep_ == "conj" or anchor.dep_ == "dobj":
                sibling = self._sibling_unit(anchor)
                if sibling is not None:
                    return sibling
        elif anchor.head.like_num and anchor.head.dep_ == "nummod":
            noun = anchor.head.head
        elif anchor.dep_ == "npadvmod" and anchor.head.lower_ in {"more", "fewer", "additional"}:
            noun = anchor.head.head  # "at least 10 more Patriot systems"
        elif anchor.dep_ == "npadvmod" and anchor.i > 0 and doc[anchor.i - 1].text == ",":
            # "314 prisoners, 157 on each side", "35 countries …, 27 of them at the level of …"
            sibling = self._sibling_unit(anchor)
            if sibling is not None:
                return sibling
        if noun is not None and noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
            noun = noun.head
        if noun is None and anchor.pos_ == "NUM":
            bare = self._bare_number_unit(anchor)
            if bare is not None:
                return bare
        if noun is None or noun.lower_ in _SKIP_NOUNS or noun.pos_ not in {"NOUN", "PROPN"}:
            return None, "", anchor.i + 1
        unit = noun.lower_ if noun.tag_ in {"NNS", "NNPS"} else noun.lemma_.lower()
        unit = "people" if noun.lower_ in _OTHERS else unit
        phrase = _noun_phrase(noun, number_tokens)
        if noun.head.lower_ == "of" and noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN":
            container = noun.head.head
            if container.i < anchor.i:
                phrase = f"{container.text} ({phrase})"
                if container.tag_ == "NNS" and container.lower_ in COUNTED_NOUNS:
                    unit = container.lower_  # "the bodies of 1,003 people": 1,003 bodies
        verb = self._verb_of(noun)
        counts = f"{phrase} {verb}".strip() if verb else phrase
        self.last_unit[noun.sent.start] = unit
        self.counted = noun
        return unit, counts, noun.i + 1

    def _bare_number_unit(self, anchor: Token) -> tuple[str, str, int] | None:
        """A number with no noun of its own: what the noun it is given for counts ("the death
        toll had risen to 33", "cap Ukraine's army at 600,000"), else what a number before it
        in the sentence counts, when a link ties them ("116 drones, of which 85 were shot
        down", "103 drones, including 32 over Moscow", "from 28 points to 19", "a current
        strength of 880,000")."""
        head = anchor.head
        if anchor.dep_ == "pobj" and head.dep_ in {"prep", "cc"}:
            governor = head.head
            nouns = [governor] if governor.pos_ == "NOUN" else []
            if governor.pos_ == "VERB":
                nouns = [c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
            for noun in nouns:
                unit = COUNTED_IN.get(noun.lower_) or COUNTED_IN.get(noun.lemma_.lower())
                if unit is not None:
                    self.last_unit[anchor.sent.start] = unit
                    return unit, _noun_phrase(noun, set()), anchor.i + 1
            if head.lower_ not in _SIBLING_LINKS:
                return None
        elif anchor.dep_ in {"nsubj", "nsubjpass"}:
            if (
                not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
                or head.dep_ != "relcl"
            ):
                return None  # "of which 85 were shot down"
        else:
            return None
        return self._sibling_unit(anchor)

    def _sibling_unit(self, anchor: Token) -> tuple[str, str, int] | None:
        """ "at least 21 people killed and 48 wounded": 48 counts people too."""
        unit = self.last_unit.get(anchor.sent.start)
        if unit is None:
            return None
        verb = anchor.head if anchor.head.pos_ == "VERB" else None
        counts = f"{unit} {_past(verb)}" if verb is not None else unit
        return unit, counts, anchor.i + 1

    def _verb_of(self, noun: Token) -> str:
        if noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
            return self._verb_of(noun.head)
        for child in noun.children:
            if child.dep_ == "acl" and child.tag_ in {"VBN", "VBD"}:
                return child.lower_
        if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ == "VERB":
            return "" if noun.head.lemma_ in _SKIP_VERBS else _past(noun.head)
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            verb = noun.head.head
            if verb.pos_ == "VERB" and verb.lemma_ not in _SKIP_VERBS:
                return f"{_past(verb)} {noun.head.lower_}".strip()
        return ""

    def _money_counts(self, ent: Span) -> str:
        root = ent.root
        head = root.head
        if head.lower_ == "worth" and head.head.pos_ == "NOUN":
            return _noun_phrase(head.head, set(range(ent.start, ent.end)))
        if root.dep_ == "pobj" and head.dep_ == "prep":
            target = head.head
            if target.pos_ == "NOUN":
                return _noun_phrase(target, set(range(ent.start, ent.end)))
        if head.pos_ == "NOUN" and head.i != root.i:
            return _noun_phrase(head, set(range(ent.start, ent.end)))
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobjs = [c for c in child.children if c.dep_ == "pobj"]
                if pobjs:
                    return _noun_phrase(pobjs[0], set())
        if head.pos_ == "VERB":
            return head.lemma_
        return ""

    def _subject(self, ent: Span) -> str | None:
        node = ent.root
        for _ in range(4):
            if node.pos_ == "VERB":
                for child in node.children:
                    if child.dep_ == "nsubj":
                        actor = self.found.actor_at(child)
                        if actor is not None and not actor.is_media:
                            return actor.name
                return None
            if node.head == node:
                return None
            node = node.head
        return None


def find_figures(doc: Doc) -> list[DraftFigure]:
    """Every reported number in `doc` with its unit, qualifier and what it counts."""
    return _FigureReader(doc).read()
