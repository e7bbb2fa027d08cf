"""Modality and negation: whether a clause reports what happened, what is planned or hoped
for, what was refused or put off, or nothing at all.

A meeting's status is read from the words that govern its trigger (`clause_scope`: the
trigger, the verbs above it up to its clause, and their auxiliaries, negations, adverbs and
prepositions), not from the whole sentence, so "on hold" in one clause does not put a call in
another on hold. A clause under a negated or pending verb of saying ("The Kremlin has yet to
confirm that Putin has agreed to meet …") is no report that it happened: at most a proposal.
The same test keeps such a clause from becoming a statement of the speaker (`is_asserted`).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from knowledge.facts import MeetingStatus
from knowledge.lexicon import (
    SPEECH_VERBS,
    STATUS_DECLINED,
    STATUS_ON_HOLD,
    STATUS_PLANNED,
    STATUS_PROPOSED,
    UNCONFIRMED_VERBS,
)

# The dependants of the trigger and its governing verbs that carry tense, mood and negation.
_SCOPE_DEPS = {
    "aux",
    "auxpass",
    "neg",
    "advmod",
    "amod",
    "mark",
    "prt",
    "acomp",
    "npadvmod",
    "prep",
    "det",
    "pobj",
}
_MODALS = {"may", "will", "can", "might", "could", "shall", "would"}
_FUTURE = {"wo", "will", "would", "'ll", "’ll"}
_PENDING = {"yet", "not", "never", "n't"}
_TRAVEL = {"go", "come", "fly", "travel"}
# Prepositions whose object has happened before the clause around it: "after a call".
_BEHIND = {"after", "following", "since"}
# Prepositions whose meeting object frames the clause: "during a meeting", "in a call".
_FRAMES = {"during", "in", "at", "on", "over"}
_NOT_RULED_OUT = ("not rule out", "not ruled out", "n't rule out")
# Clause boundaries the scope does not climb over.
_CLAUSE_DEPS = {"conj", "relcl", "advcl", "ccomp"}


def clause_scope(trigger: Token) -> list[Token]:
    """The trigger, the verbs governing it within its clause, and their auxiliaries, negations,
    adverbs and prepositional objects, in text order."""
    if is_framed(trigger):
        return _framed_scope(trigger)
    tokens: list[Token] = []
    node = trigger
    for _ in range(6):
        tokens.append(node)
        tokens.extend(c for c in node.children if c.dep_ in _SCOPE_DEPS)
        for c in node.children:
            if c.dep_ == "prep":
                tokens.extend(c.children)
        if node.dep_ == "ROOT" or node.head == node:
            break
        if node.dep_ in _CLAUSE_DEPS and node.pos_ in {"VERB", "AUX"} and not _purpose(node):
            break
        if node.dep_ == "pobj" and node.head.lower_ in _BEHIND:
            break  # "put on hold after a call": the call is behind the clause, whatever it says
        node = node.head
    return sorted(set(tokens), key=lambda t: t.i)


def is_framed(trigger: Token) -> bool:
    """A meeting noun framing its clause: "during a meeting", "in a phone call"."""
    return trigger.dep_ == "pobj" and trigger.head.lower_ in _FRAMES and trigger.pos_ == "NOUN"


def _framed_scope(trigger: Token) -> list[Token]:
    """A meeting framing the clause ("ruled out a ceasefire during a meeting with
    Zelenskyy", "discussed the plan in a call"): only the tense of the verb it frames
    counts, not what that verb says of its object."""
    tokens = [trigger, *(c for c in trigger.children if c.dep_ in _SCOPE_DEPS)]
    verb = trigger.head.head
    if verb.pos_ in {"VERB", "AUX"}:
        tokens.append(verb)
        tokens.extend(c for c in verb.children if c.dep_ in {"aux", "auxpass"})
    return sorted(set(tokens), key=lambda t: t.i)


def _purpose(verb: Token) -> bool:
    """An infinitive clause under another verb ("Plans are on hold for Trump to sit down",
    "will travel to London to meet Starmer"): the governing clause's mood is its own."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _topic(token: Token) -> bool:
    """What a clause is about, not how it stands: "talks … on peace plan"."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ in {"on", "about", "over"}
        and token.lower_ != "hold"
    )


def _scope_text(scope: list[Token]) -> str:
    words = [
        t.lower_
        for t in scope
        if t.ent_type_ not in {"DATE", "TIME"}
        and not (t.lower_ in _MODALS and t.tag_ != "MD")
        and not _topic(t)
    ]
    return " " + " ".join(words).replace("’", "'") + " "


def has_cue(text: str, cues: tuple[str, ...]) -> bool:
    """Whether `text` holds one of `cues` as whole words."""
    return any(re.search(r"(?<![\w'])" + re.escape(cue) + r"(?![\w'])", text) for cue in cues)


def _clause_head(trigger: Token) -> Token:
    """The verb that heads the trigger's clause (where `clause_scope` stops)."""
    node = trigger
    for _ in range(6):
        if node.dep_ == "ROOT" or node.head == node:
            return node
        if node.dep_ in _CLAUSE_DEPS and node.pos_ in {"VERB", "AUX"} and not _purpose(node):
            return node
        node = node.head
    return node


def _pending(verb: Token) -> bool:
    """A verb negated or still to happen: "did not confirm", "has yet to confirm"."""
    node = verb
    for _ in range(3):
        if any(c.lower_ in _PENDING and c.dep_ in {"neg", "advmod"} for c in node.children):
            return True
        if node.dep_ != "xcomp" or node.head == node:
            return False
        node = node.head  # "has yet to confirm": "yet" hangs on "has"
    return False


def unconfirmed(trigger: Token) -> bool:
    """Whether the trigger's clause is reported as not (yet) confirmed, or denied: the
    complement of a negated or pending verb of confirming, or of a verb of denying."""
    head = _clause_head(trigger)
    if head.dep_ != "ccomp":
        return False
    governor = head.head
    lemma = governor.lemma_.lower()
    if lemma in {"deny", "dispute", "reject"}:
        return True
    return lemma in UNCONFIRMED_VERBS and _pending(governor)


def is_asserted(verb: Token) -> bool:
    """Whether a verb of saying asserts what follows: not "has yet to confirm", "did not say",
    "declined to say", "would not say"."""
    if _pending(verb):
        return False
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in {"decline", "refuse", "fail"}:
        return False
    return not any(c.dep_ == "aux" and c.lower_ in _MODALS - {"will"} for c in verb.children)


def meeting_status(trigger: Token, scope: list[Token], sentence: Span) -> MeetingStatus | None:
    """The status the clause gives a meeting, or None for a meeting said not to have happened.

    on hold (on hold, postponed, called off …), declined (refused, won't, ruled out, no plans
    …), proposed (could, would, hope, willing, offered, not yet confirmed …), planned (will,
    expected to, agreed to, due to, an infinitive "to meet" …), else held.
    """
    text = _scope_text(scope)
    if _no_plans(trigger):
        return "declined"  # "There are no plans for the President to meet with Putin"
    if _behind_what_is_ahead(trigger):
        return "planned"  # "he would call Zelenskyy after his meeting with Putin": not yet
    if has_cue(text, _NOT_RULED_OUT):
        return "proposed"  # "He did not rule out a meeting between the two presidents"
    if _open_question(scope):
        return "proposed"  # "Asked whether a meeting between them was now closer": no report
    negated = any(t.dep_ == "neg" for t in scope) or has_cue(text, ("never",))
    if has_cue(text, STATUS_ON_HOLD) and not negated:
        return "on hold"
    if _declined(text, scope, negated, sentence):
        return "declined"
    if unconfirmed(trigger):
        return "proposed"
    if negated and any(t.lemma_.lower() in {"attend", "join"} for t in scope):
        return "declined"  # "Rubio did not attend Wednesday's meeting": he stayed away
    if negated and _fell_through(trigger, sentence):
        return "declined"  # "A meeting that was meant to prepare the summit never took place"
    if negated:
        return None
    if has_cue(text, STATUS_PROPOSED):
        return "proposed"
    if has_cue(text, ("would", "'d")):
        # Reported speech puts "will" into "would": "Trump said he would meet Zelensky on
        # Friday" is planned; elsewhere "would" is a hedge: "a meeting would be better". A
        # condition makes it an offer, said or not: "Putin would receive Zelenskyy only in
        # Moscow", "would meet him only after a deal".
        if _reported(trigger) and not has_cue(text, _CONDITIONS):
            return "planned"
        return "proposed"
    if has_cue(text, STATUS_PLANNED) or _infinitive_ahead(trigger):
        return "planned"
    if _undated(trigger):
        return None  # "No date was announced for a meeting between Trump and Putin"
    if _an_aim(trigger):
        return "proposed"  # "a meeting between Putin and Zelenskyy was now the next step"
    return "held"


# Words that make a "would" a condition, not a plan: "would receive him only in Moscow".
_CONDITIONS = ("only", "unless", "provided", "as long as", "on condition")


# What a meeting is said to be when it is still ahead: "the next step", "the goal", "unlikely".
_AIMS = frozenset(["step", "goal", "aim", "priority", "objective", "option", "likely", "unlikely"])


def _an_aim(trigger: Token) -> bool:
    """A meeting noun that a copula calls a step, goal or likelihood: "a meeting between Putin
    and Zelenskyy was now the next step", "such a meeting was unlikely"."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    verbs = [trigger.head] if trigger.dep_ == "nsubj" else []
    if trigger.dep_ == "dobj":
        # "said a meeting … was the next step" parsed with the meeting as what was said and
        # "was" a clause of its own with no subject.
        verbs = [
            c
            for c in trigger.head.children
            if c.dep_ == "ccomp"
            and c.i > trigger.i
            and not any("subj" in d.dep_ for d in c.children)
        ]
    return any(
        verb.lemma_.lower() == "be"
        and any(c.dep_ in {"attr", "acomp"} and c.lemma_.lower() in _AIMS for c in verb.children)
        for verb in verbs
    )


_WHEN_NOUNS = frozenset(["date", "time", "day", "timetable", "timeline"])


def _undated(trigger: Token) -> bool:
    """A meeting "for" which there is no date ("No date was announced for a meeting between
    Trump and Putin", "no date for the talks"): the sentence reports no meeting held."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ != "for":
        return False
    governor = prep.head
    nouns = [governor, *(c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"})]
    return any(
        t.lemma_.lower() in _WHEN_NOUNS
        and t.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)
        for t in nouns
    )


def _open_question(scope: list[Token]) -> bool:
    """A clause under "whether" or "if" ("asked whether a summit was closer", "if the two
    leaders meet"): a question or a condition, not a report that it happened."""
    return any(t.dep_ == "mark" and t.lower_ in {"whether", "if"} for t in scope)


_HAPPENING = {"happen", "occur", "materialize", "materialise"}
# What a meeting that then did not happen had been: arranged for, not merely hoped for.
_ARRANGED = {"plan", "mean", "suppose", "schedule", "expect", "due", "set", "arrange", "intend"}


def _fell_through(trigger: Token, sentence: Span) -> bool:
    """A meeting noun that did not take place although it had been arranged ("A meeting of
    Rubio and Lavrov that was meant to prepare the summit never took place", "A lunch was
    planned but did not happen"): declined, not nothing."""
    if trigger.pos_ not in {"NOUN", "PROPN"} or trigger.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = trigger.head
    lemma = verb.lemma_.lower()
    happened = lemma in _HAPPENING or (
        lemma == "take" and any(c.lower_ == "place" for c in verb.children)
    )
    if not happened or not any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return False
    return any(
        t.lemma_.lower() in _ARRANGED and t.pos_ in {"VERB", "ADJ", "AUX"}
        for t in sentence
        if t.i != verb.i
    )


def _no_plans(trigger: Token) -> bool:
    """ "no plans for X to meet Y": an infinitive under "no plans", "no intention"."""
    head = _clause_head(trigger)
    governor = head.head
    return (
        head.dep_ in {"acl", "relcl"}
        and governor.lemma_.lower() in {"plan", "intention", "intent"}
        and any(c.lower_ == "no" for c in governor.children)
    )


def _reported(trigger: Token) -> bool:
    """The trigger's clause is what someone said, wrote or announced."""
    head = _clause_head(trigger)
    return head.dep_ == "ccomp" and head.head.lemma_.lower() in SPEECH_VERBS


# Verbs of intending whose negation refuses what they govern: "is not planning to meet".
_INTENDING = frozenset(["plan", "intend"])


def _declined(text: str, scope: list[Token], negated: bool, sentence: Span) -> bool:
    if has_cue(text, _NOT_RULED_OUT):
        return False
    if has_cue(text, STATUS_DECLINED):
        return True
    if negated and any(t.lower_ in _FUTURE for t in scope):
        return True  # "won't meet", "would not meet"
    if negated and any(t.lemma_.lower() in _INTENDING and t.pos_ == "VERB" for t in scope):
        return True  # "Putin is not planning to meet Zelenskyy", "does not intend to meet"
    whole = " " + sentence.text.lower().replace("’", "'") + " "
    return has_cue(whole, ("stayed away", "declined", "refused", "rejected the invitation")) and (
        has_cue(text, ("challenged", "invited", "invitation", "proposed", "offered"))
    )


def _behind_what_is_ahead(trigger: Token) -> bool:
    """Whether a meeting "after" which something is still to happen is itself ahead: "Trump
    said he would call Zelenskyy after his meeting with Putin", "will fly home after the
    summit". (After what has happened, "announced after a call", it is held.)"""
    if trigger.dep_ != "pobj" or trigger.head.lower_ not in _BEHIND:
        return False
    verb = trigger.head.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    return any(
        c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll", "shall"} for c in verb.children
    )


def _infinitive_ahead(trigger: Token) -> bool:
    """ "to meet" (not "went to meet"): the meeting is ahead of the clause that mentions it."""
    for token in (trigger, trigger.head):
        if token.tag_ != "VB":
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            continue
        governor = token.head
        # "flew to Kyiv to meet Zelenskyy" happened.
        return not (governor.tag_ in {"VBD", "VBN"} and governor.lemma_.lower() in _TRAVEL)
    return False


def reported_held(trigger: Token, holders: list[Token] | None = None) -> bool:
    """Whether a meeting noun is reported as having happened: governed by a verb in the past
    (or by any verb of a headline, which tells the past in the present), dated ("Thursday's
    call"), or behind the clause ("after a call"). A verb trigger ("met") reports itself; a
    noun reached only through another noun ("asked about the location of a meeting") does not.
    """
    if trigger.pos_ in {"VERB", "AUX"}:
        return True
    if any(h.pos_ in {"VERB", "AUX"} and is_past(h) for h in holders or []):
        return True  # "discussed steps to end the war in a phone call"
    if any(h.dep_ == "pcomp" and h.head.lower_ in _BEHIND for h in holders or []):
        return True  # "after holding a call with Putin"
    if any(
        c.ent_type_ in {"DATE", "TIME"} and c.dep_ in {"poss", "compound"} for c in trigger.children
    ):
        return True
    node = trigger
    for _ in range(4):
        head = node.head
        if head == node:
            return False
        if node.dep_ == "pobj" and head.lower_ in _BEHIND:
            return True
        if node.dep_ == "dobj" and head.lemma_.lower() in {"follow", "succeed"}:
            return True  # "The talks follow discussions between Putin and the envoys"
        if head.pos_ in {"VERB", "AUX"}:
            return is_past(head) or _headline(trigger.sent)
        if head.pos_ in {"NOUN", "PROPN"}:
            return False
        node = head
    return False


def is_past(verb: Token) -> bool:
    if verb.tag_ in {"VBD", "VBN"}:
        return True
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(a.tag_ in {"VBD", "VBN"} or a.lower_ in {"has", "have", "had"} for a in auxiliaries)


def _headline(sentence: Span) -> bool:
    text = sentence.text.strip()
    return bool(text) and not text.endswith((".", "?", "!", '"', "”")) and len(text.split()) <= 25
