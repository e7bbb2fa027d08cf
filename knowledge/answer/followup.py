"""A reply in a thread the bot answered, read in the context of the question answered there.

    follow_up("who met Witkoff", "and Kushner?", index)    # "who met Jared Kushner"
    follow_up("who met Witkoff", "Kushner too?", index)    # "who met Witkoff and Jared Kushner"
    follow_up("who met Witkoff", "what did Rubio say?", index)  # its own question, as written
    follow_up("who met Witkoff", "thanks!", index)         # None: not a question

A reply that only names people or places ("and Kushner?", "what about Rubio", "and in
Geneva?") asks the earlier question again about them: its names take the place of the earlier
question's last names (people for people, places for places: after "did Trump meet Putin",
"and Zelensky?" asks about Zelensky instead of Putin), or, with "too", "also" or "with", are
added to them. A reply with a question of its own (a kind's cue words, "who is",
more words than names) is answered as written when it reads as a question (a question word
first, or a "?"). Anything else (thanks, chatter) is no question: None, and the thread is left
alone.
"""

from __future__ import annotations

import re

from knowledge.answer.index import FactIndex
from knowledge.answer.matching import NameHit
from knowledge.answer.question import Question, analyze_question
from knowledge.answer.words import FOLLOW_UP_ADDING, MEETING_CUES, QUESTION_OPENERS

# The kinds a reply can ask by itself: a name alone asks for a profile, a place alone for the
# meetings there, which in a thread is the earlier question about them.
_OWN_KINDS = frozenset({"role", "quote", "figure"})


def follow_up(previous: str, reply: str, index: FactIndex) -> str | None:
    """The question `reply` asks after `previous` was answered in its thread; None when it
    asks none."""
    asked = analyze_question(reply, index)
    if not asked.tokens:
        return None
    if _asks_on_its_own(asked):
        return asked.display if _reads_as_question(asked, reply) else None
    if not asked.hits:
        return None
    before = analyze_question(previous, index)
    if before.intent == "help" or not before.tokens:
        return " ".join(hit.name for hit in asked.hits)
    adding = bool({t.norm for t in asked.tokens} & FOLLOW_UP_ADDING)
    people = [hit for hit in asked.hits if not hit.is_place]
    places = [hit for hit in asked.hits if hit.is_place]
    text = before.display
    if adding:
        if people:
            text = f"{text} and {_names(people)}"
        if places:
            text = f"{text} in {_names(places)}"
        return text
    text = _substitute(text, [h for h in before.hits if not h.is_place], people, "and")
    return _substitute(text, [h for h in before.hits if h.is_place], places, "in")


def _asks_on_its_own(asked: Question) -> bool:
    """The reply has a question of its own: a kind's cues, a meeting word, or words besides
    the names and the glue of a follow-up ("and", "what about")."""
    if asked.intent in _OWN_KINDS:
        return True
    if asked.intent == "meeting" and {t.norm for t in asked.tokens} & MEETING_CUES:
        return True
    return bool(asked.leftover) or (not asked.hits and asked.intent != "help")


def _reads_as_question(asked: Question, raw: str) -> bool:
    return raw.rstrip().endswith("?") or asked.tokens[0].norm in QUESTION_OPENERS


def _substitute(text: str, old: list[NameHit], new: list[NameHit], joiner: str) -> str:
    """`text` with its last names `old` replaced, in order, by `new` (after "did Trump meet
    Putin", "and Zelenskyy?" asks about Zelenskyy in Putin's place); more new names than old
    ones are added at the end, after `joiner` ("and", or "in" for places; "about" for people
    when `text` named nobody)."""
    replaced = old[-len(new) :] if new else []
    for was, now in zip(replaced, new, strict=False):
        pattern = r"\s+".join(re.escape(word) for word in was.term.split())
        text, count = re.subn(pattern, now.name, text, count=1, flags=re.IGNORECASE)
        if not count:
            text = f"{text} {joiner} {now.name}"
    extra = new[len(replaced) :]
    if extra:
        text = f"{text} {joiner if old or joiner == 'in' else 'about'} {_names(extra)}"
    return text


def _names(hits: list[NameHit]) -> str:
    return " and ".join(dict.fromkeys(hit.name for hit in hits))
