"""Meetings, calls, summits and talks: participants, place, time, kind and status."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from knowledge.extract.clauses import (
    infinitive_subject,
    is_infinitive,
    is_role_possessor,
    parallel_subject_of,
    subject_heads,
)
from knowledge.extract.coref import coreference_of
from knowledge.extract.doc import DocActor, DocActors
from knowledge.extract.mentions import DraftMeeting, later_mentions
from knowledge.extract.modality import (
    clause_scope,
    is_framed,
    is_past,
    meeting_status,
    reported_held,
)
from knowledge.extract.placetime import PLACE_ORGS, PlaceTime
from knowledge.facts import MeetingKind
from knowledge.lexicon import (
    ARRANGING_VERBS,
    CONTROL_VERBS,
    GROUP_NOUNS,
    HOLDING_VERBS,
    MEETING_NOUNS,
    NEGOTIATING_GROUPS,
    ROLE_NOUNS,
)
from knowledge.names import fold

_VERB_KINDS: dict[str, MeetingKind] = {
    "meet": "in person",
    "host": "in person",
    "receive": "in person",
    "sit": "in person",
    "greet": "in person",
    "visit": "in person",
}


class _MeetingReader:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.found: DocActors = doc._.actors
        self.coref = coreference_of(doc)
        self.where = PlaceTime(doc, self.found)

    # -- participants ---------------------------------------------------------------------
    def actors_in(self, token: Token, exclude: set[str]) -> list[str]:
        """The actors a noun phrase headed by `token` names, with its conjuncts (but not one
        that is the subject of an infinitive of its own: "… and Driscoll to meet …")."""
        names: list[str] = []
        for head in [token, *token.conjuncts]:
            if head is not token and parallel_subject_of(head) is not None:
                continue
            names.extend(self._np_actors(head, exclude))
        return names

    def _np_actors(self, head: Token, exclude: set[str]) -> list[str]:
        pair = self.coref.the_two(head)
        if pair:
            return [a.name for a in pair if a.name not in exclude]
        named = [
            a.name
            for child in head.children
            if child.dep_ == "appos"
            and (a := self.found.actor_at(child)) is not None
            and a.kind == "person"
        ]
        if named and fold(head.text) in ROLE_NOUNS:
            return named  # "Turkey's president Tayyip Erdoğan and … Mark Rutte"
        actor = self.coref.resolve(head, exclude)
        if actor is not None and not actor.is_media:
            if actor.kind == "person":
                return [*self._coordinated_in_modifiers(head, actor), actor.name]
            if actor.kind == "group":
                return [actor.name]
            if head.dep_ != "compound" or head.head.lower_ not in GROUP_NOUNS:
                return [actor.name]
        found: list[str] = []
        for child in head.children:
            if child.dep_ in {"appos", "compound", "flat", "nmod"}:
                inner = self.found.actor_at(child)
                if inner is not None and inner.kind == "person":
                    found.append(inner.name)
        # "delegations led by X and Y"
        for child in head.children:
            if child.dep_ == "acl" and child.lemma_ in {"lead", "head"}:
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            if pobj.dep_ == "pobj":
                                found.extend(self.actors_in(pobj, exclude))
        if not found and actor is not None and not actor.is_media:
            found.append(actor.name)
        if not found and fold(head.text) in ROLE_NOUNS:
            # "the U.S. envoy for peace talks, Steve Witkoff": the name after the comma.
            after = head.right_edge.i + 1
            if after + 1 < len(self.doc) and self.doc[after].text == ",":
                after_name = self.found.actor_at(self.doc[after + 1])
                if after_name is not None and after_name.kind == "person":
                    found.append(after_name.name)
        return found

    def _coordinated_in_modifiers(self, head: Token, actor: DocActor) -> list[str]:
        """People coordinated with a name but parsed into its modifiers.

        In "Turkish foreign minister Hakan Fidan and US secretary of state Marco Rubio" the
        parser may hang "Hakan Fidan and US secretary of state" under "Marco Rubio" as one
        long modifier; a person there who heads a coordination ("and …") is a conjunct too.
        """
        names: list[str] = []
        for left in head.lefts:
            for token in left.subtree:
                other = self.found.actor_at(token)
                if other is None or other.kind != "person" or other is actor:
                    continue
                if other.name in names or is_role_possessor(self.doc, token.i + 1):
                    continue
                if any(
                    c.dep_ == "conj" or (c.dep_ == "cc" and c.lower_ in {"and", "&"})
                    for c in token.children
                ):
                    names.append(other.name)
        return names

    def _named_by(self, heads: Iterable[Token], exclude: set[str]) -> list[str]:
        """The actors the noun phrases headed by `heads` name, in order (see `actors_in`)."""
        names: list[str] = []
        for head in heads:
            names.extend(self.actors_in(head, exclude))
        return names

    def _with_objects(self, token: Token, exclude: set[str], to: bool = False) -> list[str]:
        """The actors after "with", "between", "among" (and "to", after a noun or when `to`):
        the other side."""
        objects = (
            pobj
            for child in token.children
            if child.dep_ == "prep"
            and child.lower_ in {"with", "between", "among", "to"}
            and (child.lower_ != "to" or token.pos_ == "NOUN" or to)
            for pobj in child.children
            if pobj.dep_ == "pobj"
        )
        names = self._named_by(objects, exclude)
        if token.pos_ != "NOUN" or not any(c.lower_ == "to" for c in token.children):
            return names
        # "a visit to Ireland": a country visited is where, not whom, the visit was with.
        return [n for n in names if self._kind(n) != "country"]

    def _to_objects(self, verb: Token, exclude: set[str], prep: str = "to") -> list[str]:
        """The actors after "to" (whom someone spoke to), or after `prep`."""
        objects = (
            pobj
            for child in verb.children
            if child.dep_ == "prep" and child.lower_ == prep
            for pobj in child.children
            if pobj.dep_ == "pobj"
        )
        return self._named_by(objects, exclude)

    def _of_objects(self, noun: Token, exclude: set[str]) -> list[str]:
        return self._to_objects(noun, exclude, prep="of")

    def _object_interlocutors(self, verb: Token, exclude: set[str]) -> list[str]:
        """People a verb's object is shared with: "discussed the plan with Macron in a call".

        The parser often attaches "with …" to the object rather than the verb; only people and
        groups count there, since "the deal with Russia" names a party, not an interlocutor.
        """
        names: list[str] = []
        for child in verb.children:
            if child.dep_ != "dobj":
                continue
            for name in self._with_objects(child, exclude):
                actor = self.found.actors.get(name)
                if actor is not None and actor.kind in {"person", "group"}:
                    names.append(name)
        return names

    def _subjects(self, verb: Token, exclude: set[str]) -> list[str]:
        """Who does what `verb` says: its subjects, a passive's agent, else its governor's."""
        names = self._named_by(subject_heads(verb), exclude)
        if not names and verb.dep_ in {"pcomp", "acomp"} and verb.head.head != verb.head:
            # "after holding a call with Putin": whoever the clause is about held it; "was due
            # to meet": the subject of "was".
            governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
            return self._subjects(governor, exclude) if governor.pos_ in {"VERB", "AUX"} else []
        if not names and verb.dep_ in {"xcomp", "conj", "advcl", "relcl", "acl"}:
            governor = verb.head
            parallel = infinitive_subject(verb)
            if parallel is not None:  # "… and Army Secretary Dan Driscoll to meet …"
                return self._np_actors(parallel, exclude)
            infinitive = is_infinitive(verb)
            if verb.dep_ == "xcomp" or (infinitive and governor.lemma_ in CONTROL_VERBS):
                objects = [c for c in governor.children if c.dep_ == "dobj"]
                if objects and governor.lemma_ not in {"have", "take"}:
                    return self.actors_in(objects[0], exclude)
            if verb.dep_ == "relcl" or (
                verb.dep_ == "acl" and infinitive and governor.pos_ in {"NOUN", "PROPN"}
            ):
                # "no plans for Trump to meet Putin": the object of "for" does it.
                for_objects = [
                    pobj
                    for prep in governor.children
                    if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i < verb.i
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                ]
                named = self._named_by(for_objects, exclude) or self.actors_in(governor, exclude)
                if not named and governor.dep_ == "dobj" and governor.lemma_ in _INVITATIONS:
                    # "Putin has refused every invitation to meet Zelenskyy": whoever refused.
                    return self._subjects(governor.head, exclude)
                return named
            return self._subjects(governor, exclude)
        return names

    def _objects(self, verb: Token, exclude: set[str]) -> list[str]:
        return self._named_by((c for c in verb.children if c.dep_ in {"dobj", "attr"}), exclude)

    # -- triggers ---------------------------------------------------------------------------
    def read(self) -> list[DraftMeeting]:
        drafts: list[DraftMeeting] = []
        for sentence in self.doc.sents:
            sentence_drafts: list[DraftMeeting] = []
            for token in sentence:
                draft = self._from_trigger(token, sentence)
                if draft is None:
                    continue
                if any(set(d.participants) >= set(draft.participants) for d in sentence_drafts):
                    continue
                sentence_drafts = [
                    d for d in sentence_drafts if not set(draft.participants) >= set(d.participants)
                ]
                sentence_drafts.append(draft)
            delegations = self._delegations(sentence)
            if delegations is not None and not any(
                set(delegations.participants) <= set(d.participants) for d in sentence_drafts
            ):
                sentence_drafts.append(delegations)
            for draft in sentence_drafts:
                draft.event = f"e{len(drafts)}"
                drafts.append(draft)
            declined = self._declined_invitation(sentence, drafts)
            if declined is not None:
                declined.event = declined.event or f"e{len(drafts)}"
                drafts.append(declined)
            triggers = {d.trigger for d in sentence_drafts}
            drafts.extend(later_mentions(sentence, drafts, triggers, self.where))
        return drafts

    def _delegations(self, sentence: Span) -> DraftMeeting | None:
        """ "X led the Ukrainian delegation, while Y headed the Russian team": talks."""
        leaders: list[str] = []
        verbs: list[Token] = []
        for token in sentence:
            if token.lemma_ not in {"lead", "head"} or token.pos_ != "VERB":
                continue
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if objects and objects[0].lemma_ in {"delegation", "team", "talks", "negotiation"}:
                leaders.extend(self._subjects(token, set(leaders)))
                verbs.append(token)
        unique = list(dict.fromkeys(leaders))
        if len(unique) < 2:
            return None
        return self._draft(verbs[0], verbs, unique, "talks", sentence)

    def _declined_invitation(
        self, sentence: Span, earlier: list[DraftMeeting]
    ) -> DraftMeeting | None:
        """ "Zelenskyy declined the invitation": the last proposal to them was declined."""
        for token in sentence:
            if token.lemma_ not in {"decline", "reject", "refuse", "turn"}:
                continue
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if not objects or objects[0].lemma_ not in {"invitation", "offer", "proposal"}:
                continue
            subjects = self._subjects(token, set())
            for draft in reversed(earlier[-6:]):
                if draft.status == "proposed" and set(subjects) & set(draft.participants):
                    return DraftMeeting(
                        participants=list(draft.participants),
                        kind=draft.kind,
                        status="declined",
                        sentence=sentence,
                        place=draft.place,
                        time=draft.time,
                        trigger=token.i,
                    )
        return None

    def _from_trigger(self, token: Token, sentence: Span) -> DraftMeeting | None:
        lemma = token.lemma_.lower()
        lower = token.lower_
        if token.pos_ in {"VERB", "AUX"} and lemma in _VERB_KINDS:
            if lemma == "sit" and not any(c.lower_ == "down" for c in token.children):
                return None
            if lemma in {"receive", "greet", "visit"} and not self._objects(token, set()):
                return None
            if any(c.dep_ == "dobj" and c.lower_ in MEETING_NOUNS for c in token.children):
                return None  # "to host the Trump-Putin summit": the noun says who meets
            exclude: set[str] = set()
            subjects = self._subjects(token, exclude)
            others = self._objects(token, set(subjects)) + self._with_objects(token, set(subjects))
            deps = {c.dep_ for c in token.children}
            if token.dep_ == "conj" and "agent" in deps and "nsubjpass" not in deps:
                # "arrived in New Delhi and was met at the airport by Modi": who arrived.
                others += self._subjects(token.head, set(subjects + others))
            kind = _VERB_KINDS[lemma]
            if any(c.lower_ in {"virtually", "online"} for c in token.subtree):
                kind = "video"
            return self._draft(token, [token], subjects + others, kind, sentence)
        if lemma in {"speak", "talk"} and token.pos_ == "VERB":
            # "spoke by phone with X"; "had spoken to Lavrov the day before": a person spoken
            # to, in the past, is a call too ("spoke with" may be anywhere, a group spoken to
            # is an audience).
            by_phone = any(t.lower_ in {"phone", "telephone", "phoned"} for t in token.subtree)
            subjects = self._subjects(token, set())
            if by_phone:
                others = self._with_objects(token, set(subjects), to=True)
            elif is_past(token):
                others = [
                    o for o in self._to_objects(token, set(subjects)) if self._kind(o) == "person"
                ]
                if not others:
                    return None
            else:
                return None
            return self._draft(token, [token], subjects + others, "call", sentence)
        if lower in MEETING_NOUNS and token.pos_ in {"NOUN", "PROPN"}:
            return self._from_noun(token, sentence)
        return None

    def _from_noun(self, token: Token, sentence: Span) -> DraftMeeting | None:
        kind = _noun_kind(token)
        if kind is None:
            return None
        exclude: set[str] = set()
        participants: list[str] = []
        for child in token.children:
            if child.dep_ == "poss":
                participants.extend(self.actors_in(child, exclude))
            elif child.dep_ in {"compound", "amod", "nmod"}:
                # "the Trump-Putin summit": the names joined by a hyphen before the noun.
                hyphened = (
                    [t for t in child.lefts if t.dep_ == "compound"]
                    if any(t.text in {"-", "–"} for t in child.subtree)
                    else []
                )
                for part in [*hyphened, child, *child.conjuncts]:
                    actor = self.coref.resolve(part) if part.lower_ not in {"phone"} else None
                    if actor is not None and actor.kind in {"person", "group"}:
                        participants.append(actor.name)
        participants += self._with_objects(token, set(participants))
        participants += [  # "a meeting of Rubio and Lavrov", "the meeting of Nato ministers"
            name
            for name in self._of_objects(token, set(participants))
            if self._kind(name) in {"person", "group"}
        ]
        scope = [token]
        verb = token.head
        behind = token.dep_ == "pobj" and verb.lower_ in {"after", "following", "since"}
        if behind and verb.head.pos_ in {"VERB", "AUX"}:
            # "announced by Trump after a phone call with Putin": who acted after the call
            # had it, whatever the clause says of the act.
            participants = self._subjects(verb.head, set(participants)) + participants
        elif behind and not any(
            c.dep_ == "poss" and c.ent_type_ not in {"DATE", "TIME"} for c in token.children
        ):
            # "… ruled out troops in his first interview since the meeting with Zelenskyy":
            # the person the clause is about had the meeting the phrase dates it by.
            participants = self._people_acting(verb.head, set(participants)) + participants
        elif token.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj", "attr"}:
            holder = verb.head if token.dep_ == "pobj" else verb
            if token.dep_ == "pobj" and verb.lower_ in {"in", "during", "on", "over"}:
                for _ in range(4):
                    if holder.pos_ in {"VERB", "AUX"} or holder.head == holder:
                        break
                    holder = holder.head
            # "talks between Russia and Ukraine", "the Trump-Putin summit": a meeting that
            # names its own sides is not its host's or proposer's ("offered to host …").
            between = any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children) or (
                len(set(participants)) >= 2 and holder.lemma_ in {"host", *ARRANGING_VERBS}
            )
            framed = token.dep_ == "pobj" and verb.lower_ in {"in", "during", "on", "over"}
            if (
                (holder.lemma_ in ARRANGING_VERBS and not between)
                or (holder.lemma_ in HOLDING_VERBS and not between)
                or _cancelling(holder)
                or (framed and not between and holder.pos_ in {"VERB", "AUX"})
                or (token.dep_ in {"nsubj", "nsubjpass"} and holder.pos_ in {"VERB", "AUX"})
            ):
                scope.append(holder)
                if token.dep_ in {"dobj", "attr"} or (token.dep_ == "pobj" and holder != token):
                    subjects = self._subjects(holder, set())
                    governor = holder
                    while framed and not subjects and governor.head != governor:
                        governor = governor.head  # "discussed steps to end the war in a call"
                        if governor.pos_ in {"VERB", "AUX"}:
                            subjects = self._subjects(governor, set())
                    if governor != holder and subjects:
                        scope.append(governor)
                    participants = subjects + participants
                participants += self._with_objects(holder, set(participants))
                if framed:
                    participants += self._object_interlocutors(holder, set(participants))
        return self._draft(token, scope, participants, kind, sentence)

    def _people_acting(self, noun: Token, exclude: set[str]) -> list[str]:
        """The people subject of the verb a noun phrase hangs on through nouns and
        prepositions ("in his first interview since …": the one who gave the interview)."""
        node = noun
        for _ in range(4):
            if node.pos_ in {"VERB", "AUX"}:
                return [
                    name
                    for name in self._subjects(node, exclude)
                    if (a := self.found.actors.get(name)) is not None and a.kind == "person"
                ]
            if node.head == node or node.pos_ not in {"NOUN", "PROPN", "ADP"}:
                return []
            node = node.head
        return []

    def _kind(self, name: str) -> str:
        actor = self.found.actors.get(name)
        return actor.kind if actor is not None else ""

    def _negotiating(self, participants: list[str]) -> bool:
        """Whether a meeting is a round of talks by who takes part: a delegation, side or team
        of negotiators, or groups only ("U.S. and Ukrainian officials")."""
        kinds = [self.found.actors[p].kind if p in self.found.actors else "" for p in participants]
        if len(kinds) >= 2 and all(k == "group" for k in kinds):
            return True
        return any(
            k == "group" and fold(p).split()[-1] in NEGOTIATING_GROUPS
            for p, k in zip(participants, kinds, strict=True)
        )

    def _only_possessor(self, name: str, sentence: Span) -> bool:
        actor = self.found.actors[name]
        spans = [(a, b) for a, b in actor.mentions if sentence.start <= a < sentence.end]
        return bool(spans) and all(is_role_possessor(self.doc, b) for _, b in spans)

    def _draft(
        self,
        trigger: Token,
        scope: list[Token],
        participants: list[str],
        kind: MeetingKind,
        sentence: Span,
    ) -> DraftMeeting | None:
        unique = [
            p
            for p in dict.fromkeys(p for p in participants if p)
            if not self._only_possessor(p, sentence) and p not in PLACE_ORGS
        ]
        if len(unique) < 2 and not (
            len(unique) == 1 and self.found.actors[unique[0]].kind == "group"
        ):
            return None
        heads = [trigger] if is_framed(trigger) else scope
        clause = sorted({t for token in heads for t in clause_scope(token)}, key=lambda t: t.i)
        status = meeting_status(trigger, clause, sentence)
        if status is None or (status == "held" and not reported_held(trigger, scope)):
            return None
        if status == "held" and _asked(trigger, sentence):
            return None  # "Can you confirm he met Secretary Driscoll?" reports nothing
        if kind == "in person" and self._negotiating(unique):
            kind = "talks"
        place = self.where.place(trigger, clause, unique)
        if place is None and status == "held" and kind not in {"call", "video"}:
            # A call has no one place: the dateline is where the story was filed.
            place = self.where.dateline_place(trigger, clause, sentence)
        return DraftMeeting(
            participants=unique,
            kind=kind,
            status=status,
            sentence=sentence,
            place=place,
            time=self.where.time(trigger, clause, sentence),
            trigger=trigger.i,
        )


# Nouns whose infinitive ("an invitation to meet Z") is done by whoever has the noun's verb.
_INVITATIONS = frozenset(["invitation", "offer", "proposal", "request", "chance", "opportunity"])


def _noun_kind(token: Token) -> MeetingKind | None:
    """The kind of meeting a meeting noun names, by its modifiers ("phone call", "video
    conference", "summit meeting"), or None where it names none ("calls for a ceasefire")."""
    lower = token.lower_
    if lower in {"call", "calls"} and any(
        c.dep_ == "prep" and c.lower_ == "for" for c in token.children
    ):
        return None
    kind: MeetingKind = MEETING_NOUNS[lower]  # type: ignore[assignment]
    modifiers = {c.lower_ for c in token.children} | {
        t.lower_ for t in token.lefts for t in t.subtree
    }
    if lower == "conference" and "video" not in modifiers:
        return None
    if lower == "conversation" and not modifiers & {"phone", "telephone"}:
        return None
    if modifiers & {"video", "virtual", "videoconference", "online"}:
        return "video"
    if modifiers & {"phone", "telephone"}:
        return "call"
    if lower == "summit" or modifiers & {"summit"}:
        return "summit"
    return kind


def _asked(trigger: Token, sentence: Span) -> bool:
    """Whether the trigger is in a question: the first stop after it is a question mark."""
    stops = (t.text for t in sentence.doc[trigger.i : sentence.end] if t.text in {".", "!", "?"})
    return next(stops, "") == "?"


def _cancelling(verb: Token) -> bool:
    """ "called off a planned summit with Putin", "postponed the talks": its subject had
    the meeting planned, and the clause puts it on hold."""
    lemma = verb.lemma_.lower()
    if lemma in {"cancel", "postpone", "scrap", "shelve", "suspend", "delay"}:
        return True
    return lemma in {"call", "put"} and any(c.lower_ == "off" for c in verb.children)


def find_meetings(doc: Doc) -> list[DraftMeeting]:
    """Every meeting, call, summit or round of talks a sentence of `doc` reports."""
    return _MeetingReader(doc).read()
