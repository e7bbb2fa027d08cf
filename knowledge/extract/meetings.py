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
                return [
                    *self._coordinated_in_modifiers(head, actor),
                    actor.name,
                    *self._listed_after_role(head, actor, exclude),
                ]
            if actor.kind == "group":
                # "a Ukrainian delegation led by Umerov": the group and who leads it.
                return [actor.name, *self._leaders(head, exclude | {actor.name})]
            if head.dep_ != "compound" or head.head.lower_ not in GROUP_NOUNS:
                return [actor.name]
        found: list[str] = []
        for child in head.children:
            if child.dep_ in {"appos", "compound", "flat", "nmod"}:
                inner = self.found.actor_at(child)
                if inner is not None and inner.kind == "person":
                    found.append(inner.name)
        found.extend(self._leaders(head, exclude))  # "delegations led by X and Y"
        if not found and actor is not None and not actor.is_media:
            found.append(actor.name)
        if not found and head.pos_ == "PROPN" and fold(head.text) in ROLE_NOUNS:
            # "Secretary of the Army Driscoll": the name ends a title the parser cut at "of".
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        inner = self.found.actor_at(pobj) if pobj.dep_ == "pobj" else None
                        if inner is not None and inner.kind == "person":
                            found.append(inner.name)
        if not found and fold(head.text) in ROLE_NOUNS:
            # "the U.S. envoy for peace talks, Steve Witkoff": the name after the comma.
            after = head.right_edge.i + 1
            if after + 1 < len(self.doc) and self.doc[after].text == ",":
                after_name = self.found.actor_at(self.doc[after + 1])
                if after_name is not None and after_name.kind == "person":
                    found.append(after_name.name)
        return found

    def _included(self, sentence: Span, participants: list[str]) -> list[str]:
        """People a group of the participants is said to include: "with Zelenskyy and several
        European leaders, among them German Chancellor Friedrich Merz and NATO Secretary
        General Mark Rutte", "a lunch with economic advisers, including Scott Bessent"."""
        groups = {p for p in participants if self._kind(p) == "group"}
        if not groups:
            return []
        doc = self.doc
        names: list[str] = []
        for token in sentence:
            if self.found.token_actor.get(token.i) not in groups:
                continue
            at = token.i + 1
            if at + 1 >= sentence.end or doc[at].text != ",":
                continue
            cue = doc[at + 1].lower_
            if cue == "among" and at + 2 < sentence.end and doc[at + 2].lower_ == "them":
                at += 3
            elif cue == "including":
                at += 2
            else:
                continue
            for follower in doc[at : sentence.end]:
                if follower.text in {".", ";", ":", "(", ")"} or (
                    follower.text == ","
                    and follower.i + 1 < sentence.end
                    and doc[follower.i + 1].pos_ not in {"PROPN", "DET", "ADJ", "CCONJ"}
                ):
                    break
                actor = self.found.actor_at(follower)
                if actor is not None and actor.kind == "person" and actor.name not in names:
                    names.append(actor.name)
        return [n for n in names if n not in participants]

    def _leaders(self, head: Token, exclude: set[str]) -> list[str]:
        """The people "led by" or "headed by" says lead the group a noun names."""
        names: list[str] = []
        for child in head.children:
            if child.dep_ == "acl" and child.lemma_ in {"lead", "head"}:
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            if pobj.dep_ == "pobj":
                                names.extend(self.actors_in(pobj, exclude))
        return names

    def _listed_after_role(self, head: Token, actor: DocActor, exclude: set[str]) -> list[str]:
        """People listed inside a person's appositive.

        In "Jonathan Powell, Starmer's adviser, Emmanuel Bonne, the adviser to Macron, and
        Günter Sautter, …, met …" the parser may hang the next names on the first one's role
        ("adviser"), as its appositive and their conjuncts: a second person in apposition to
        the role of a first is another person of the list, never the first again."""
        names: list[str] = []
        for role in head.children:
            if role.dep_ != "appos" or fold(role.text) not in ROLE_NOUNS:
                continue
            for listed in role.children:
                if listed.dep_ != "appos":
                    continue
                for person in [listed, *listed.conjuncts]:
                    other = self.found.actor_at(person)
                    if (
                        other is not None
                        and other.kind == "person"
                        and other is not actor
                        and other.name not in exclude
                        and other.name not in names
                    ):
                        names.append(other.name)
        return names

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
        later = set(_later_withs(token))  # "with Xi and, separately, with Modi": other calls
        objects = (
            pobj
            for child in token.children
            if child.dep_ == "prep"
            and child.lower_ in {"with", "between", "among", "to"}
            and (child.lower_ != "to" or token.pos_ == "NOUN" or to)
            and child.i not in later
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
        if not names and (
            (verb.dep_ == "pcomp" and verb.head.head != verb.head) or verb.dep_ == "acomp"
        ):
            # "after holding a call with Putin": whoever the clause is about held it; "was due
            # to meet": the subject of "was" (the root of its sentence too).
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
                draft = self._from_trigger(token, sentence) or self._and_with(token, sentence)
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
            mentions = later_mentions(sentence, drafts, triggers, self.where)
            for mention in mentions:
                mention.participants.extend(
                    p for p in self._attendees(mention.trigger) if p not in mention.participants
                )
            drafts.extend(mentions)
        _headline_into_story(drafts)
        return drafts

    def _attendees(self, trigger: int) -> list[str]:
        """People a later mention of a meeting says took part in it: "Ushakov, who took part in
        the meeting along with Kirill Dmitriev, …", "Rubio attended the talks"."""
        token = self.doc[trigger]
        verb = token.head
        if token.dep_ == "pobj" and verb.lower_ == "in":
            verb = verb.head
            if verb.lemma_.lower() != "take" or not any(c.lower_ == "part" for c in verb.children):
                return []
        elif token.dep_ != "dobj" or verb.lemma_.lower() not in {"attend", "join"}:
            return []
        if verb.pos_ != "VERB" or not is_past(verb) or any(c.dep_ == "neg" for c in verb.children):
            return []
        along = (
            pobj
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "along"
            for with_ in prep.children
            if with_.dep_ == "prep" and with_.lower_ == "with"
            for pobj in with_.children
            if pobj.dep_ == "pobj"
        )
        names = self._subjects(verb, set()) + self._named_by(along, set())
        # People and groups: "National security advisers from France … also took part in the
        # meeting" (not "Russia", a side the meeting names its own way).
        return [n for n in dict.fromkeys(names) if self._kind(n) in {"person", "group"}]

    def _attended(self, noun: Token) -> bool:
        """Whether a definite meeting noun is what someone attended: "also took part in the
        meeting", "attended the talks" (a later mention of a meeting, see `_attendees`)."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return False
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "in":
            verb = verb.head
            return verb.lemma_.lower() == "take" and any(c.lower_ == "part" for c in verb.children)
        return noun.dep_ == "dobj" and verb.lemma_.lower() in {"attend", "join"}

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
            if token.dep_ == "relcl" and token.head.lemma_.lower() == "time":
                return None  # "the sixth time Witkoff had met Putin": a count, not a meeting
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
            elif _for_talks(token):
                kind = "talks"  # "met Witkoff at the Kremlin for five hours of talks"
            return self._draft(token, [token], subjects + others, kind, sentence)
        if lemma in {"call", "phone"} and token.pos_ == "VERB":
            return self._phoned(token, sentence)
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
                    return self._talked_at(token, subjects, sentence)
            else:
                return None
            return self._draft(token, [token], subjects + others, "call", sentence)
        if lower in MEETING_NOUNS and token.pos_ in {"NOUN", "PROPN"}:
            return self._from_noun(token, sentence)
        if token.pos_ == "VERB" and lemma in _HANDING | {"see"}:
            return self._placed_encounter(token, sentence)
        if token.pos_ == "VERB" and lemma not in {"speak", "talk"}:
            return self._journey(token, sentence)
        return None

    def _talked_at(self, verb: Token, subjects: list[str], sentence: Span) -> DraftMeeting | None:
        """ "The two men talked for about three hours at the Kremlin, joined by Yuri Ushakov …
        and Kirill Dmitriev": people who talked together at a place met there, with those who
        joined them."""
        people = [s for s in subjects if self._kind(s) == "person"]
        if len(people) < 2 or self.where.place(verb, clause_scope(verb), people) is None:
            return None
        joined = self._joined_by(verb, set(people))
        if joined:
            # The parser may hang the rest of the list on the verb: "…, and Kirill Dmitriev".
            joined += [
                name
                for c in verb.children
                if c.dep_ == "conj" and c.pos_ == "PROPN"
                for name in self.actors_in(c, set(people + joined))
                if self._kind(name) == "person"
            ]
        # "the two men" stand for people the sentence may name only as owners of a role
        # ("Putin's foreign policy aide"): they take part all the same.
        return self._draft(
            verb, [verb], people + joined, "in person", sentence, referred=frozenset(people)
        )

    def _joined_by(self, verb: Token, exclude: set[str]) -> list[str]:
        """Who ", joined by X and Y" says took part too."""
        return [
            name
            for child in verb.children
            if child.dep_ in {"advcl", "acl"} and child.lemma_.lower() == "join"
            for agent in child.children
            if agent.dep_ == "agent"
            for pobj in agent.children
            if pobj.dep_ == "pobj"
            for name in self.actors_in(pobj, exclude)
            if self._kind(name) in {"person", "group"}
        ]

    def _phoned(self, verb: Token, sentence: Span) -> DraftMeeting | None:
        """ "Trump said he would call Zelenskyy and the Europeans after his meeting with Putin",
        "when Trump called the Russian president yesterday": a call to the people it takes as
        object (not "called the talks productive", "called for a ceasefire", "called off")."""
        if any(
            c.dep_ in {"oprd", "xcomp", "ccomp", "attr", "prt"}
            or (c.dep_ == "prep" and c.lower_ in {"for", "off"})
            or (  # "called on Putin to stop", not "called him on Tuesday"
                c.dep_ == "prep"
                and c.lower_ == "on"
                and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)
            )
            for c in verb.children
        ):
            return None
        callers = self._subjects(verb, set())
        called = [
            name
            for name in self._objects(verb, set(callers))
            if self._kind(name) in {"person", "group"}
        ]
        if not callers or not called:
            return None
        return self._draft(verb, [verb], callers + called, "call", sentence)

    def _placed_encounter(self, verb: Token, sentence: Span) -> DraftMeeting | None:
        """People who saw a person, or handed something to one, at a place the clause names:
        "the two Americans saw Putin in Moscow on Tuesday", "who presented the draft to
        Zelenskyy in Kyiv on Thursday", "It was delivered to Zelenskyy in Kyiv by Driscoll".

        Only with the place: "sees Putin as a threat", "handed the plan to Zelenskyy" (by
        letter?) say no one met."""
        lemma = verb.lemma_.lower()
        if any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
            return None
        if lemma == "see" and not is_past(verb):
            return None
        actors = self._subjects(verb, set())
        if not actors:
            return None
        exclude = set(actors)
        named = self._objects(verb, exclude) if lemma == "see" else self._to_objects(verb, exclude)
        met = [name for name in named if self._kind(name) == "person"]
        if not met:
            return None
        clause = clause_scope(verb)
        if self.where.place(verb, clause, actors + met) is None:
            return None
        return self._draft(verb, [verb], actors + met, "in person", sentence)

    def _and_with(self, prep: Token, sentence: Span) -> DraftMeeting | None:
        """ "had spoken by phone with Starmer, and with the Polish president, Karol Nawrocki":
        a second "with" joined to the verb is a second call (or meeting) of its subject."""
        verb = prep.head
        if prep.lower_ != "with" or verb.pos_ != "VERB":
            return None
        if prep.dep_ != "conj" and prep.i not in _later_withs(verb):
            return None
        lemma = verb.lemma_.lower()
        if lemma in {"speak", "talk"}:
            if not any(t.lower_ in {"phone", "telephone"} for t in verb.subtree):
                return None
            kind: MeetingKind = "call"
        elif lemma == "meet":
            kind = "in person"
        else:
            return None
        subjects = self._subjects(verb, set())
        others = self._named_by((c for c in prep.children if c.dep_ == "pobj"), set(subjects))
        if not subjects or not others:
            return None
        return self._draft(verb, [verb], subjects + others, kind, sentence)

    def _journey(self, verb: Token, sentence: Span) -> DraftMeeting | None:
        """A journey made to see someone: "flew to Kyiv last week to present the plan to
        Zelenskyy", "could travel to the United States to discuss the points with Trump".

        The purpose infinitive of a verb of travel, done with or to a person, is a meeting of
        the traveller and that person, where the journey goes and when it is made."""
        journey = verb.head
        if (
            verb.dep_ not in {"advcl", "xcomp"}
            or not is_infinitive(verb)
            or journey.lemma_.lower() not in _JOURNEYS
            or journey.pos_ != "VERB"
        ):
            return None
        travellers = self._subjects(journey, set())
        if not travellers:
            return None
        exclude = set(travellers)
        heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        met = [
            name
            for head in heads
            for name in self._with_objects(head, exclude, to=True)
            if self._kind(name) == "person"
        ]
        if not met:
            return None
        return self._draft(verb, [verb, journey], travellers + met, "in person", sentence)

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
        if not participants and self._attended(token):
            return None  # "X also took part in the meeting": a later mention, X an attendee
        scope = [token]
        verb = token.head
        behind = token.dep_ == "pobj" and verb.lower_ in {"after", "following", "since"}
        if (
            token.dep_ == "pobj"
            and verb.lower_ == "for"
            and verb.head.lemma_.lower() in _DEPARTURES
            and verb.head.pos_ == "VERB"
        ):
            # "left shortly afterward for a meeting with his Polish counterpart": whoever left
            # goes to the meeting, which is ahead of the departure.
            scope.append(verb.head)
            participants = self._subjects(verb.head, set(participants)) + participants
            return self._draft(token, scope, participants, kind, sentence, ahead=True)
        if behind and verb.head.pos_ in {"VERB", "AUX"}:
            # "announced by Trump after a phone call with Putin": who acted after the call
            # had it, whatever the clause says of the act; "after his meeting with Putin": he
            # (not another person than those named, which is what excluding them would give).
            owned = any(
                c.dep_ == "poss" and self._kind(n) == "person"
                for c in token.children
                for n in self.actors_in(c, set())
            )
            if not owned:
                acting = self._subjects(verb.head, set())
                participants = acting + [p for p in participants if p not in acting]
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
        # Two groups, or one that names two sides: "U.S. and Ukrainian officials".
        two_sides = len(kinds) >= 2 or any(" and " in f" {fold(p)} " for p in participants)
        if kinds and all(k == "group" for k in kinds) and two_sides:
            return True
        return any(
            k == "group" and fold(p).split()[-1] in NEGOTIATING_GROUPS
            for p, k in zip(participants, kinds, strict=True)
        )

    def _group_meets_alone(self, name: str, trigger: Token, sentence: Span) -> bool:
        """Whether a group is a meeting's only known side: one naming two sides ("U.S. and
        Ukrainian officials meeting in Geneva") or told before the trigger, as who meets ("EU
        leaders are due to decide at their summit"); not one met by someone the text does not
        name ("We had a very productive first meeting with the American delegation")."""
        if " and " in f" {fold(name)} ":
            return True
        actor = self.found.actors[name]
        return any(sentence.start <= a and b <= trigger.i for a, b in actor.mentions)

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
        ahead: bool = False,
        referred: frozenset[str] = frozenset(),
    ) -> DraftMeeting | None:
        """The meeting of `participants` the trigger reports, its status from the clause of
        `scope` (a meeting `ahead` of what the clause reports is planned where it says held)."""
        participants = participants + self._included(sentence, participants)
        unique = [
            p
            for p in dict.fromkeys(p for p in participants if p)
            if (p in referred or not self._only_possessor(p, sentence)) and p not in PLACE_ORGS
        ]
        if len(unique) < 2 and not (
            len(unique) == 1 and self.found.actors[unique[0]].kind == "group"
        ):
            return None
        if len(unique) == 1 and not self._group_meets_alone(unique[0], trigger, sentence):
            return None
        heads = [trigger] if is_framed(trigger) else scope
        clause = sorted({t for token in heads for t in clause_scope(token)}, key=lambda t: t.i)
        status = meeting_status(trigger, clause, sentence)
        if ahead and status == "held":
            status = "planned"
        elif status is None or (status == "held" and not reported_held(trigger, scope)):
            return None
        if status == "held" and _asked(trigger, sentence):
            return None  # "Can you confirm he met Secretary Driscoll?" reports nothing
        if kind == "in person" and self._negotiating(unique):
            kind = "talks"
        place = None
        if kind not in {"call", "video"}:
            # A call has no one place: neither the dateline (where the story was filed) nor a
            # place the sentence names for someone ("according to officials in Washington").
            place = self.where.place(trigger, clause, unique)
            if place is None and status in {"held", "planned"}:
                place = self.where.arrival_place(sentence, unique)
            if place is None and status == "held":
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


# Verbs of handing something to someone, in person when at a place.
_HANDING = frozenset(["present", "deliver", "hand"])
# Verbs of leaving for something ahead: "left for a meeting with …".
_DEPARTURES = frozenset(["leave", "depart", "head", "set"])
# Verbs of a journey whose purpose infinitive may be done with someone there.
_JOURNEYS = frozenset(["travel", "fly", "go", "come", "head", "return", "journey"])


def _later_withs(verb: Token) -> list[int]:
    """A verb's second and later "with" phrases, each of its own: "spoke by phone with Xi and,
    separately, with Modi" (two calls), "met with Starmer and then with Macron"."""
    if verb.pos_ != "VERB":
        return []
    withs = [c.i for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    return withs[1:]


def _for_talks(verb: Token) -> bool:
    """ "met X for nearly five hours of talks": the meeting was a round of talks."""
    return any(
        t.lower_ in MEETING_NOUNS and MEETING_NOUNS[t.lower_] == "talks"
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "for"
        for t in prep.subtree
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


_FAMILIES = {
    "in person": "meet",
    "talks": "meet",
    "summit": "meet",
    "call": "call",
    "video": "call",
}


def _headline_into_story(drafts: list[DraftMeeting]) -> None:
    """A headline's meeting is the one the story then reports in full: "Driscoll holds talks
    with Russian officials in Abu Dhabi" over "Dan Driscoll held talks with a Russian
    delegation in Abu Dhabi on Monday and Tuesday". The headline becomes one more mention of
    the first later meeting of its family and status sharing a participant, with that
    meeting's participants (the body's fuller names), not an event of its own."""
    if not drafts:
        return
    first = drafts[0].sentence
    if first.start != 0 or not _is_headline(first):
        return
    for draft in (d for d in drafts if d.sentence == first):
        story = next(
            (
                d
                for d in drafts
                if d.sentence.start > first.start
                and _FAMILIES[d.kind] == _FAMILIES[draft.kind]
                and d.status == draft.status
                and set(d.participants) & set(draft.participants)
            ),
            None,
        )
        if story is None:
            continue
        draft.participants = list(story.participants)
        draft.event = story.event
        draft.kind = story.kind
        draft.place = draft.place or story.place


def _is_headline(sentence: Span) -> bool:
    text = sentence.text.strip()
    return bool(text) and not text.endswith((".", "?", "!", '"', "”")) and len(text.split()) <= 25


def find_meetings(doc: Doc) -> list[DraftMeeting]:
    """Every meeting, call, summit or round of talks a sentence of `doc` reports."""
    return _MeetingReader(doc).read()
