"""Where and when a meeting is said to happen: the place and time expression attached to its
trigger, not to the verb that reports it ("He said Tuesday that he is sending Witkoff to meet
Putin": Tuesday is when he said it).

A place or time counts when the words carrying it hang, through their heads, on the trigger
or on the verbs that govern it in its clause (`clause_scope`), without passing a verb of
saying or a clause about someone else on the way; among those, the most closely attached and
nearest wins. A wire story's dateline place ("ABU DHABI —") is the place of a meeting its own
first sentence reports held without naming one, and of one said to happen "here".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from knowledge.extract.doc import DocActors, article_context, entity_of
from knowledge.extract.modality import clause_scope
from knowledge.lexicon import FACILITIES, MEETING_NOUNS, SEATS, SPEECH_VERBS
from knowledge.names import canonical_place, fold

_TIME_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|today|tonight|"
    r"yesterday|tomorrow|morning|evening|afternoon|night|week|month|year|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|earlier|later|"
    r"last|next|coming|day before|day after|\d{4}|\d{1,2}(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(r"\b(?:\w+-year|years|months|decades|hours|minutes|days|weeks)\b", re.I)
_SAME_DAY = re.compile(r"(?:the\s+)?(?:same|that|this)\s+day", re.IGNORECASE)
# A date that names a day: "Aug. 6", "Tuesday", "June 2".
_DAY_NAMED = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\b|"
    r"\b[a-z]{3,9}\.?\s+\d{1,2}\b|\b\d{1,2}\s+[a-z]{3,9}\b",
    re.IGNORECASE,
)
_DAY_PARTS = frozenset(["morning", "afternoon", "evening", "night", "tonight"])
_AHEAD = re.compile(r"\b(?:last|coming|next)\b", re.I)  # "in the coming days" is a time
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels the model gives a town it does not know: "in Linkoping" as a work of art.
_MISLABELLED = {"", "WORK_OF_ART", "PRODUCT"}
# Seats of government and venues the model labels as organizations: places where met.
PLACE_ORGS = frozenset(
    {
        "White House",
        "Kremlin",
        "Oval Office",
        "Pentagon",
        "Elysee Palace",
        "Élysée Palace",
        "Downing Street",
        "United Nations",
        *FACILITIES,
    }
)
# Boundaries a place or time does not cross to reach the trigger: it belongs to something else.
_FOREIGN_DEPS = {"relcl", "appos", "acl", "parataxis"}
_MAX_CLIMB = 8
# Clauses that say when ("once negotiations progress"); not "until", which says on what
# condition ("refused to meet Zelenskyy until a peace agreement is ready to be signed").
_WHEN_MARKS = {"once", "soon", "after", "before"}
_TRAVEL_VERBS = {"travel", "fly", "go", "come", "head", "arrive", "return"}
# Verbs that put their subject at a place: "arrived in New Delhi", "visited Kyiv".
_ARRIVALS = frozenset(["arrive", "visit", "land"])


def attachment(
    token: Token, scope: set[int], trigger: Token, found: DocActors | None = None
) -> int | None:
    """How closely `token` hangs on the trigger's clause: the number of heads climbed to reach
    a token of `scope` (0 inside the trigger's own phrase), or None when it belongs elsewhere:
    to a verb of saying, a relative clause or appositive of another word, another clause, or a
    noun that is neither the trigger nor a participant ("the war in Ukraine")."""
    if token.i in {t.i for t in trigger.subtree} and trigger.pos_ in {"NOUN", "PROPN"}:
        return 0
    node = token
    for steps in range(_MAX_CLIMB):
        if node.i in scope:
            return steps
        if node.dep_ in _FOREIGN_DEPS and node.i != token.i:
            return None
        if node.dep_ == "ccomp" and node.i != token.i and _has_subject(node):
            # "met Vance at Chevening on Saturday, six days before Trump is due to meet
            # Putin": the parser may hang the clause with its own subject under the later one.
            return None
        head = node.head
        if head == node:
            return None
        if head.i not in scope and head.lemma_.lower() in SPEECH_VERBS and head.pos_ == "VERB":
            return None
        if (
            head.i not in scope
            and head.pos_ in {"NOUN", "PROPN"}
            and (found is None or found.actor_at(head) is None)
            and not _object_of(head, trigger)
            and head.lower_ not in MEETING_NOUNS  # "on the margins of the summit in Luanda"
        ):
            return None
        node = head
    return None


def _has_subject(verb: Token) -> bool:
    return verb.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children
    )


def _object_of(noun: Token, trigger: Token) -> bool:
    """A noun the trigger takes as object, directly or conjoined ("met Driscoll and his team
    in Abu Dhabi"): what is placed with it is placed with the meeting."""
    node = noun
    for _ in range(3):
        if node.head == trigger and node.dep_ in {"dobj", "pobj", "prep", "conj"}:
            return True
        if node.dep_ not in {"conj", "pobj", "prep"}:
            return False
        node = node.head
    return False


def _widened(scope: list[Token], trigger: Token) -> set[int]:
    """The scope, and for a trigger in the second of two conjoined clauses ("arrived in New
    Delhi on Thursday and was met by Modi") the verb of the first."""
    indices = {t.i for t in scope}
    verbs = [t for t in scope if t.pos_ in {"VERB", "AUX"}] or [trigger]
    top = max(verbs, key=lambda t: len(list(t.subtree)))
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in top.children)
    if top.head.pos_ in {"VERB", "AUX"} and (
        top.dep_ == "conj" or (top.dep_ in {"advcl", "xcomp"} and infinitive)
    ):
        indices.add(top.head.i)  # "will travel to London on Monday to meet Starmer"
    return indices


def _where_host(scope: list[Token]) -> Token | None:
    """The verb of the clause a "where" clause of the scope hangs on ("flew to Ankara on
    Thursday, where he met Erdoğan": flew)."""
    for token in scope:
        if token.dep_ != "relcl" or not any(c.lower_ == "where" for c in token.children):
            continue
        verb = token.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
            verb = verb.head
        return verb if verb.pos_ in {"VERB", "AUX"} else None
    return None


class PlaceTime:
    """Reads the place and time of meeting triggers in one document."""

    def __init__(self, doc: Doc, found: DocActors) -> None:
        self.doc = doc
        self.found = found
        self.context = article_context(doc)

    def place(self, trigger: Token, scope: list[Token], participants: list[str]) -> str | None:
        """ "in Florida", "at the White House", "Oval Office meeting": the closest attached."""
        for child in trigger.children:
            if child.dep_ == "compound":
                place = self._place_of(child, participants, compound=True)
                if place:
                    return place
        indices = _widened(scope, trigger)
        candidates: list[tuple[int, int, str]] = []
        for prep in trigger.sent:
            if prep.dep_ == "prep" and prep.lower_ == "on":
                # "met Rutte on the margins of the Brussels meeting": the meeting's place.
                score = attachment(prep, indices, trigger, self.found)
                place = self._margins_place(prep, participants) if score is not None else None
                if score is not None and place:
                    candidates.append((score, abs(prep.i - trigger.i), place))
                continue
            if prep.dep_ != "prep" or not (
                prep.lower_ in {"in", "at"}
                or (prep.lower_ == "to" and prep.head.lemma_.lower() in _TRAVEL_VERBS)
            ):
                continue
            score = attachment(prep, indices, trigger, self.found)
            if score is None:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                place = self._place_of(pobj, participants)
                if place is None and prep.lower_ == "in":
                    place = self._unlabelled_place(pobj)
                elif place is None and prep.lower_ == "at":
                    place = self._venue_in_place(pobj, participants)
                if place:
                    distance = abs(prep.i - trigger.i) + (0 if prep.i > trigger.i else 3)
                    candidates.append((score, distance, place))
        if not candidates:
            return self._where_clause_place(scope, participants)
        place = min(candidates)[2]
        city = self.context.place
        if city is not None and fold(SEATS.get(place, "")) == fold(city):
            return f"{place}, {city}"  # "at the Kremlin" in a story filed in Moscow
        return place

    def _unlabelled_place(self, pobj: Token) -> str | None:
        """A proper name after "in" that the model did not label a place (nor a person, group
        or date) and that names no actor: "hosted Zelenskiy in Linkoping on Wednesday" (a town
        the model does not know, or takes for a title)."""
        if pobj.pos_ != "PROPN" or pobj.ent_type_ not in _MISLABELLED or not pobj.is_title:
            return None
        words = [t for t in pobj.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        if any(t.ent_type_ not in _MISLABELLED or not t.is_title for t in words) or any(
            c.dep_ in {"prep", "appos", "conj"} for c in pobj.children
        ):
            return None
        span = self.doc[(words[0].i if words else pobj.i) : pobj.i + 1]
        if any(self.found.actor_at(t) is not None for t in span):
            return None
        return span.text

    def _venue_in_place(self, pobj: Token, participants: list[str]) -> str | None:
        """A venue the model does not know, placed by the place after it: "met Vance at
        Chevening in Kent on Saturday" is at "Chevening, Kent"."""
        if pobj.pos_ != "PROPN" or pobj.ent_type_ not in _MISLABELLED or not pobj.is_title:
            return None
        if self.found.actor_at(pobj) is not None or any(
            t.ent_type_ not in _MISLABELLED or not t.is_title or t.pos_ != "PROPN"
            for t in pobj.lefts
            if t.dep_ == "compound"
        ):
            return None
        words = [t for t in pobj.lefts if t.dep_ == "compound"]
        for prep in pobj.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for inner in prep.children:
                place = self._place_of(inner, participants) if inner.dep_ == "pobj" else None
                if place is None and inner.dep_ == "pobj":
                    place = self._unlabelled_place(inner)
                if place:
                    venue = self.doc[(words[0].i if words else pobj.i) : pobj.i + 1].text
                    return f"{venue}, {place}"
        return None

    def _margins_place(self, on: Token, participants: list[str]) -> str | None:
        """The place a meeting noun names before it in "on the margins (sidelines) of the
        Brussels meeting"."""
        for side in on.children:
            if side.dep_ != "pobj" or side.lemma_.lower() not in {"margin", "sideline", "side"}:
                continue
            for of in side.children:
                if of.dep_ != "prep" or of.lower_ != "of":
                    continue
                for noun in of.children:
                    if noun.dep_ != "pobj" or noun.lower_ not in MEETING_NOUNS:
                        continue
                    for compound in noun.children:
                        if compound.dep_ == "compound" and compound.ent_type_ in {"GPE", "LOC"}:
                            place = self._place_of(compound, participants)
                            if place:
                                return place
        return None

    def _where_clause_place(self, scope: list[Token], participants: list[str]) -> str | None:
        """ "flew to Ankara on Thursday, where he met Erdoğan": the place "where" refers to."""
        for token in scope:
            if token.dep_ != "relcl" or not any(c.lower_ == "where" for c in token.children):
                continue
            place = self._place_of(token.head, participants)
            verb = _where_host([token])  # "flew to Ankara on Thursday, where": the parser may
            if place is None and verb is not None:  # hang "where" on the day
                for prep in verb.children:
                    if prep.dep_ == "prep" and prep.lower_ in {"to", "in", "at"}:
                        pobjs = [c for c in prep.children if c.dep_ == "pobj"]
                        place = place or next(
                            (p for c in pobjs if (p := self._place_of(c, participants))), None
                        )
            return place
        return None

    def arrival_place(self, sentence: Span, participants: list[str]) -> str | None:
        """Where a participant is said to have arrived or to be visiting, in the meeting's
        sentence or the one before it in the same paragraph: "Driscoll visited Kyiv on Thursday
        and met Zelenskyy"; "Putin arrived in New Delhi … The two will hold formal talks
        today"."""
        spans = [sentence]
        if sentence.start > 0:
            before = self.doc[sentence.start - 1].sent
            if "\n" not in self.doc.text[before.end_char : sentence.start_char]:
                spans.append(before)
        for span in spans:
            for verb in span:
                if verb.lemma_.lower() not in _ARRIVALS or verb.pos_ != "VERB":
                    continue
                subjects = {
                    self.found.token_actor.get(c.i) for c in verb.children if c.dep_ == "nsubj"
                }
                if not subjects & set(participants):
                    continue
                for child in verb.children:
                    if verb.lemma_.lower() == "visit" and child.dep_ == "dobj":
                        objects = [child]
                    elif child.dep_ == "prep" and child.lower_ in {"in", "to"}:
                        objects = [c for c in child.children if c.dep_ == "pobj"]
                    else:
                        continue
                    for obj in objects:
                        place = self._place_of(obj, participants)
                        if place:
                            return place
        return None

    def dateline_place(self, trigger: Token, scope: list[Token], sentence: Span) -> str | None:
        """The dateline's place for a meeting of the dateline's sentence or one said to be
        "here"."""
        place = self.context.place
        if place is None:
            return None
        here = any(t.lower_ == "here" and t.dep_ == "advmod" for t in scope)
        dateline = self.context.dateline
        # The dateline is blanked for the parser: its sentence is the one it opens.
        first = False
        if dateline is not None:
            text = self.doc.text
            opening = len(text) - len(text[dateline[1] :].lstrip())  # its first word after
            first = sentence.start_char <= opening < sentence.end_char
        return place if here or first else None

    def _place_of(
        self, token: Token, participants: list[str], compound: bool = False
    ) -> str | None:
        ent = entity_of(token)
        if ent is None:
            return None
        text = canonical_place(ent.text)
        if ent.label_ not in _PLACE_LABELS and text not in PLACE_ORGS:
            return None
        if text in participants and text not in PLACE_ORGS:
            return None
        if compound and ent.label_ == "GPE" and text not in PLACE_ORGS:
            actor = self.found.actors.get(text)
            if actor is not None and actor.kind == "country":
                return None
        # "in Budapest, Hungary"
        after = ent.end
        doc = self.doc
        if after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].ent_type_ == "GPE":
            nxt = entity_of(doc[after + 1])
            if nxt is not None:
                return f"{text}, {nxt.text}"
        return text

    def time(self, trigger: Token, scope: list[Token], sentence: Span) -> str | None:
        """The time expression attached to the trigger's clause, as written ("Monday and
        Tuesday" when two days are joined)."""
        indices = _widened(scope, trigger)
        candidates: list[tuple[int, int, int, int]] = []
        ents = [e for e in sentence.ents if e.label_ in {"DATE", "TIME"}]
        for index, ent in enumerate(ents):
            text = ent.text.split(",")[0].strip()
            if (
                _SAME_DAY.fullmatch(text)
                and attachment(ent.root, indices, trigger, self.found) is not None
            ):
                earlier = self._earlier_day(ent, sentence)
                if earlier is not None:
                    return earlier
            if not _TIME_WORDS.search(text) or (_DURATION.search(text) and not _AHEAD.search(text)):
                continue
            if ent.start > 0 and self.doc[ent.start - 1].lower_ in {"since", "until", "for"}:
                continue
            score = attachment(ent.root, indices, trigger, self.found)
            if score is None:
                continue
            candidates.append((score, abs(ent.start - trigger.i), index, index))
        if not candidates:
            host = _where_host(scope)
            if host is not None:  # "was in Abu Dhabi yesterday, where he met …"
                return self.time(host, clause_scope(host), sentence)
            return self._clause_time(trigger, scope)
        _score, _distance, first, last = min(candidates)
        # A day and its part of the day are one time: "on Thursday evening", "Thursday night".
        while first > 0 and self._day_and_part(ents[first - 1], ents[first]):
            first -= 1
        while last + 1 < len(ents) and (
            self._joined(ents[last], ents[last + 1])
            or self._day_and_part(ents[last], ents[last + 1])
        ):
            last += 1
        if first == last:
            return ents[first].text.split(",")[0].strip()
        return self.doc[ents[first].start : ents[last].end].text

    def _earlier_day(self, ent: Span, sentence: Span) -> str | None:
        """The day "the same day" or "that day" refers to: the last date named before it, in
        its sentence or the one before ("on Aug. 6 he raised tariffs … Witkoff met Putin in
        Moscow the same day")."""
        start = sentence.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        for earlier in reversed([e for e in self.doc[start : ent.start].ents]):
            text = earlier.text.split(",")[0].strip()
            if earlier.label_ == "DATE" and _DAY_NAMED.search(text):
                return text
        return None

    def _clause_time(self, trigger: Token, scope: list[Token]) -> str | None:
        """A time told by a clause or phrase rather than a date: "once negotiations
        progress", "as soon as we can set it up", "after the talks", "in the coming days"."""
        for token in [trigger, *scope]:
            for child in token.children:
                marks = {c.lower_ for c in child.children if c.dep_ in {"mark", "advmod"}}
                if child.dep_ == "advcl" and marks & _WHEN_MARKS:
                    return self.doc[child.left_edge.i : child.right_edge.i + 1].text
                if child.dep_ == "prep" and child.lower_ in {"after", "before"}:
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and objects[0].lower_ in {*MEETING_NOUNS, "election"}:
                        return self.doc[child.i : objects[0].right_edge.i + 1].text
        return None

    def _day_and_part(self, day: Span, part: Span) -> bool:
        """ "Thursday" right before "evening" or "night": one time, the day's part."""
        return (
            day.end == part.start
            and bool(_DAY_NAMED.search(day.text))
            and part.text.lower() in _DAY_PARTS
        )

    def _joined(self, left: Span, right: Span) -> bool:
        between = self.doc[left.end : right.start]
        return len(between) == 1 and between[0].lower_ in {"and", "-", "–", "to", "or"}
