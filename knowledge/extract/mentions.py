"""Meetings as drafts read from one sentence, and later mentions of them ("The meeting had
been announced last week", "It was supposed to take place in Budapest"): one more source of a
meeting reported shortly before, under the same event key."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from knowledge.extract.modality import clause_scope, meeting_status
from knowledge.extract.placetime import PlaceTime
from knowledge.facts import Meeting
from knowledge.lexicon import MEETING_NOUNS
from knowledge.names import fold


@dataclass(kw_only=True)
class DraftMeeting(Meeting):
    """A meeting as read from one sentence: the schema's fields (actor names the document's
    own, no sources yet), the sentence, which becomes its source, and the trigger token."""

    sentence: Span
    trigger: int = 0


_DEFINITE = {"the", "their", "this", "that", "these", "those", "its"}
# Words that make a meeting noun a new event, not a later mention of one: "the next meeting".
_NEW_EVENT = {"next", "new", "another", "future", "possible", "first", "second", "third", "last"}
_FAMILY = {"in person": "meet", "talks": "meet", "summit": "meet", "call": "call", "video": "call"}
_ANAPHORA_SENTENCES = 4  # how far back "the meeting" may look for what it refers to


def _locating_verb(token: Token) -> Token | None:
    """The verb that places an event "it" is the subject of: "It will take place in P", "It
    was supposed to take place in P", "It will be held in P"."""
    if token.lower_ != "it" or token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    verb = token.head
    for candidate in [verb, *(c for c in verb.children if c.dep_ == "xcomp")]:
        lemma = candidate.lemma_.lower()
        if lemma == "take" and any(c.lower_ == "place" for c in candidate.children):
            return candidate
        if lemma == "hold" and any(c.dep_ == "auxpass" for c in candidate.children):
            return candidate
    return None


def _sentence_starts(doc: Doc) -> list[int]:
    """Where each sentence of `doc` starts, worked out once per document."""
    starts: list[int] | None = doc.user_data.get("sentence_starts")
    if starts is None:
        starts = [s.start for s in doc.sents]
        doc.user_data["sentence_starts"] = starts
    return starts


def _antecedent(earlier: list[DraftMeeting], token: Token, kind: str) -> DraftMeeting | None:
    """The last meeting of `kind`'s family reported in the few sentences before `token`; for
    "the Budapest meeting", the last one placed there, further back too. What someone took
    part in ("also took part in the meeting") is the last one held, if one was."""
    if _attended_in_the_past(token):
        found = _antecedent_of(
            [d for d in earlier if d.status == "held"], token, kind
        ) or _antecedent_of(earlier, token, kind)
        return found
    return _antecedent_of(earlier, token, kind)


def _attended_in_the_past(noun: Token) -> bool:
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "in":
        verb = verb.head
        if verb.lemma_.lower() != "take" or not any(c.lower_ == "part" for c in verb.children):
            return False
    elif noun.dep_ != "dobj" or verb.lemma_.lower() not in {"attend", "join"}:
        return False
    return verb.tag_ == "VBD"


def _antecedent_of(earlier: list[DraftMeeting], token: Token, kind: str) -> DraftMeeting | None:
    sentences = _sentence_starts(token.doc)
    here = bisect_right(sentences, token.i) - 1
    named = {fold(c.text) for c in token.children if c.dep_ == "compound" and c.ent_type_ == "GPE"}
    if named:
        window = sentences[max(0, here - 3 * _ANAPHORA_SENTENCES)]
        for draft in reversed(earlier):
            if draft.sentence.start < window:
                break
            place = fold(draft.place or "")
            if _FAMILY[draft.kind] == _FAMILY[kind] and any(n in place for n in named):
                return draft
    # A meeting the same sentence reports is not what its other meeting nouns refer back to
    # ("A meeting of A and B that was meant to prepare the summit").
    # The last meeting named is the one nearest before in the text (a sentence's drafts come
    # before its mentions in `earlier`, whatever their order in it).
    before = sorted(
        (d for d in earlier if d.sentence.start < sentences[here]),
        key=lambda d: d.trigger,
        reverse=True,
    )
    if kind != "in person":
        # "the talks", "the call": the last of that kind, from further back than a meeting of
        # another kind mentioned since; "the summit" of a story is its summit, however far back.
        wide = 0 if kind == "summit" else sentences[max(0, here - 3 * _ANAPHORA_SENTENCES)]
        same = next((d for d in before if d.sentence.start >= wide and d.kind == kind), None)
        if same is not None:
            return same
    window = sentences[max(0, here - _ANAPHORA_SENTENCES)]
    return next(
        (d for d in before if d.sentence.start >= window and _FAMILY[d.kind] == _FAMILY[kind]),
        None,
    )


def later_mentions(
    sentence: Span, earlier: list[DraftMeeting], triggers: set[int], where: PlaceTime
) -> list[DraftMeeting]:
    """ "The meeting had been announced last week.", "the talks went on into the early
    hours": a meeting noun with a definite article and no participants of its own is a
    later mention of the last meeting of its family reported shortly before: one more
    source of it, under the same event key, that may put it on hold."""
    mentions: list[DraftMeeting] = []
    for token in sentence:
        if token.i in triggers:
            continue  # a meeting the sentence reports with participants of its own
        if triggers and token.lower_ == "it":
            continue
        locating = _locating_verb(token)
        if locating is not None:
            # "It was supposed to take place in Budapest": where the meeting is to be.
            antecedent = _antecedent(earlier, token, "in person")
            if antecedent is None:
                continue
            clause = clause_scope(locating)
            mentions.append(
                DraftMeeting(
                    participants=list(antecedent.participants),
                    kind=antecedent.kind,
                    status=antecedent.status,
                    place=antecedent.place
                    or where.place(locating, clause, antecedent.participants),
                    time=antecedent.time,
                    sentence=sentence,
                    trigger=token.i,
                    event=antecedent.event,
                )
            )
            break
        if token.lower_ not in MEETING_NOUNS or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if not any(c.dep_ in {"det", "poss"} and c.lower_ in _DEFINITE for c in token.children):
            continue
        if any(c.lower_ in _NEW_EVENT for c in token.children):
            continue
        antecedent = _antecedent(earlier, token, MEETING_NOUNS[token.lower_])
        if antecedent is None:
            continue
        clause = clause_scope(token)
        # Its own clause may put the meeting off; anything else it says ("The Kremlin
        # declined to comment on the meetings") leaves the meeting as reported.
        own = meeting_status(token, clause, sentence)
        status = "on hold" if own == "on hold" else antecedent.status
        mentions.append(
            DraftMeeting(
                participants=list(antecedent.participants),
                kind=antecedent.kind,
                status=status,
                place=antecedent.place,
                time=antecedent.time,
                sentence=sentence,
                trigger=token.i,
                event=antecedent.event,
            )
        )
        break
    return mentions
