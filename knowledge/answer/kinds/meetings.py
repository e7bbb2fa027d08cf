"""Meeting questions: who met whom, calls, summits, talks; where, when, in which status.

"who met Witkoff", "did Trump call Putin", "meetings in Florida", "planned summits", "where was
the meeting between Trump and Putin", "who met Ukraine's lead negotiator". The question's words
give statuses, kinds, the tense and whether a place or a time is asked for; its actors (or the
holders of a role it names) must all take part; other words must be in the meeting or its
sentence. When a kind asked for ("summit") finds nothing where something else happened, the
answer says so and shows what did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from knowledge.answer.index import FactIndex, term_in
from knowledge.answer.model import AnswerFact
from knowledge.answer.question import Question
from knowledge.answer.ranking import (
    STATUS_ORDER,
    Found,
    Hits,
    Ranked,
    content_words,
    kind_of,
    sources_count,
    term_for_actor,
    term_for_word,
)
from knowledge.answer.suggestions import nothing_about
from knowledge.answer.text import Token, fold, join, text_stems, upper_first
from knowledge.answer.words import (
    FUTURE_WORDS,
    HELD_VERBS,
    KIND_NOUNS,
    KIND_WORDS,
    MEETING_CUES,
    MODAL_WORDS,
    PARTICIPATION_WORDS,
    PAST_WORDS,
    STATUS_WORDS,
    TOPIC_OF_ALL_TALKS,
    YES_NO_WORDS,
)
from knowledge.facts import Meeting, MeetingKind, MeetingStatus, Role

# Meetings in the order a question about the future wants them (planned ones first).
_FUTURE_ORDER: dict[str, int] = {"planned": 0, "proposed": 1, "on hold": 2, "held": 3}
_FUTURE_ORDER["declined"] = 4
_WORD_RE = re.compile(r"[A-Za-z]+")
YES_HELD = "Yes, held. "  # how a yes/no answer a held meeting confirms begins


@dataclass
class _Asked:
    """What a meeting question asks for, from its words alone (names aside).

    `asks` is "place" for "where …", "time" for "when …", else empty; `tense` is "future" or
    "past" when the question says so and names no status.
    """

    statuses: set[MeetingStatus]
    kinds: set[MeetingKind]
    asks: str
    tense: str

    @property
    def order(self) -> dict[str, int]:
        return _FUTURE_ORDER if self.tense == "future" else STATUS_ORDER


class _Who(NamedTuple):
    """Whose meetings: the actors named (`wanted`), or the holders of a role the question names
    ("Ukraine's lead negotiator" → Rustem Umerov), and the words left to look for."""

    wanted: set[str]
    holders: set[str]
    role_words: list[Token]
    leftovers: list[Token]


def answer(question: Question, index: FactIndex) -> Found:
    """The meetings that fit the question, those with the place or time asked for first."""
    asked = _asked(question)
    who = _whose_meetings(question, index)
    search = _Search(question, index, asked, who)
    kinds = asked.kinds
    ranked = search.collect(kinds)
    relaxed = ""
    if not ranked and kinds and (who.wanted or question.places or who.holders):
        # "the summit in Budapest" when Budapest had a meeting, not a summit: say so, show it.
        ranked = search.collect(set())
        if ranked:
            relaxed = _description(question, [], asked.statuses, kinds, [])
            kinds = set()
    if asked.asks and any(not r.key[0] for r in ranked):
        ranked = [r for r in ranked if not r.key[0]]
    ranked = _counterparts_first(ranked, index, who.wanted)
    names = [n for n in question.actors if n in who.wanted]
    if who.holders:
        names.append(f"the {' '.join(t.surface for t in who.role_words)}")
    description = _description(question, names, asked.statuses, kinds, who.leftovers)
    heading = f"{upper_first(description)} — {len(ranked)} found"
    heading += _places_or_times(asked.asks, ranked)
    if relaxed:
        heading = f"No {relaxed} found. {heading}"
    if _is_yes_no(question, who):
        ahead = asked.tense == "future"
        ranked = _refusals_first(_reported_together(ranked, index, who.wanted), ahead)
        absent = _said_absent(question, index, who)
        answered = "" if absent else _yes_or_no(question, ranked, ahead)
        heading = answered + f"{upper_first(description)} — {len(ranked)} found"
    return Found(heading + ":", ranked, partial(nothing_about, index, question, description))


def _is_yes_no(question: Question, who: _Who) -> bool:
    """ "did Trump meet Putin", "is Zelenskyy meeting Putin": a yes/no question about two or
    more actors meeting, or about one at a place ("did Driscoll take part in the Abu Dhabi
    talks")."""
    first = question.tokens[0].norm if question.tokens else ""
    if first not in YES_NO_WORDS:
        return False
    return len(who.wanted) >= 2 or (len(who.wanted) == 1 and bool(question.places))


def _said_absent(question: Question, index: FactIndex, who: _Who) -> bool:
    """ "did Zelenskyy take part in the talks in Jeddah" when a sentence naming him there says
    he "did not take part": his other meetings there answer no "yes" (the sentence is shown)."""
    if len(who.wanted) != 1 or not question.places:
        return False
    sentences = index.sentences
    places = [fold(p) for place in question.places for p in place.split(",") if p.strip()]
    name = next(iter(who.wanted))
    for position in sentences.of_name(name, index.actors):
        text = sentences.sentences[position].text
        around = sentences.folded[position] + " | " + sentences.paragraph_folded(position)
        if _NOT_PRESENT_RE.search(text) and any(p in around for p in places):
            return True
    return False


def _reported_together(ranked: list[Ranked], index: FactIndex, wanted: set[str]) -> list[Ranked]:
    """For a yes/no question, the meetings a cited sentence reports with every actor asked
    ("Putin met Zelenskyy", "the two met"): a meeting read off a sentence that names only one
    of them is no answer to whether they met. All of them when none is, but those a sentence
    says one of them did not take part in."""
    sentences, actors = index.sentences, index.actors
    names = sorted(wanted)

    def together(meeting: Meeting) -> list[str]:
        """The cited sentences that report the meeting with every actor asked."""
        found: list[str] = []
        for source in meeting.sources:
            position = sentences.position_of(source)
            if position is not None and sentences.mentions_all(position, names, actors):
                found.append(sentences.sentences[position].text)
        return found

    kept: list[Ranked] = []
    present: list[Ranked] = []
    for r in ranked:
        meeting = r.item.fact
        assert isinstance(meeting, Meeting)
        told = together(meeting)
        if any(_NOT_PRESENT_RE.search(t) for t in told):
            # "Zelenskyy, who … met Crown Prince Mohammed bin Salman that evening, did not take
            # part in the talks": no answer "yes" to "did Zelenskyy take part in the talks"
            continue
        present.append(r)
        # "held" read off sentences that only plan or hope for it ("a meeting between Putin
        # and Zelenskyy was now the next step") is no "yes": such a meeting is left out.
        if told and (meeting.status != "held" or any(_says_held(t) for t in told)):
            kept.append(r)
    return kept or present


# "did Putin and Zelenskyy meet" when none was held: a refusal answers it best, a plan least.
_NOT_HELD_ORDER: dict[str, int] = {"declined": 0, "on hold": 1, "proposed": 2, "planned": 3}


def _refusals_first(ranked: list[Ranked], ahead: bool) -> list[Ranked]:
    """For a yes/no question no held meeting answers: declined, then on hold, proposed and
    planned meetings (a stable sort, so each status keeps its order). A question about the
    future ("will Trump meet Putin") is never answered by a held meeting: held ones last."""
    held = any(r.item.fact.status == "held" for r in ranked if isinstance(r.item.fact, Meeting))
    if held and not ahead:
        return ranked
    ranked.sort(key=lambda r: r.key)

    def order(r: Ranked) -> int:
        return _NOT_HELD_ORDER.get(getattr(r.item.fact, "status", ""), 4)

    return [Ranked((order(r), *r.key), r.item) for r in ranked]


_NOT_PRESENT_RE = re.compile(
    r"\b(?:did not|didn't|does not|doesn't|will not|won't|would not|not) "
    r"(?:take part|attend|join|participate)",
    re.IGNORECASE,
)


def _says_held(sentence: str) -> bool:
    """Whether a sentence says a meeting took place: a past meeting verb, no modal word."""
    words = {w.lower() for w in _WORD_RE.findall(sentence)}
    return bool(words & HELD_VERBS) and not words & MODAL_WORDS


def _yes_or_no(question: Question, ranked: list[Ranked], ahead: bool) -> str:
    """ "did Trump meet Putin": "Yes, held. " when a meeting of theirs was held; else say that
    none took place, and what the meetings found are (planned, proposed, declined …).

    "will Trump meet Putin" (`ahead`): a meeting held before answers no "yes"; what is ahead
    is told by the meetings not held (planned, proposed, declined …), and the evidence."""
    if not ranked:
        return ""
    statuses = [r.item.fact.status for r in ranked if isinstance(r.item.fact, Meeting)]
    names = join(question.actors)
    if ahead:
        ahead_statuses = sorted(set(statuses) - {"held"}, key=lambda s: STATUS_ORDER[s])
        if not ahead_statuses:
            return f"No meeting of {names} ahead that I found; only held ones. "
        found = join(ahead_statuses, "or")
        return f"Meetings of {names} ahead that I found: {found} ones, not held yet. "
    if "held" in statuses:
        return YES_HELD
    found = join(sorted(set(statuses), key=lambda s: STATUS_ORDER[s]), "or")
    return f"No meeting of {names} took place that I found; only {found} ones. "


def _asked(question: Question) -> _Asked:
    """Statuses ("planned", "on hold", "called off"), kinds, place or time, and tense."""
    norms = [t.norm for t in question.tokens]
    pairs = set(zip(norms, norms[1:], strict=False))
    called_off = ("called", "off") in pairs
    words = set(norms) - ({"called"} if called_off else set())
    statuses: set[MeetingStatus] = set()
    for word in words:
        statuses |= STATUS_WORDS.get(word, frozenset())
    if ("on", "hold") in pairs:
        statuses.add("on hold")
    if called_off:
        statuses.add("declined")
    kinds: set[MeetingKind] = set()
    for word in words:
        kinds |= KIND_WORDS.get(word, frozenset())
    if ("in", "person") in pairs or ("face", "to") in pairs:
        kinds = {"in person"}
    elif "video" in words:
        kinds = {"video"}
    elif not kinds and words & {"talks", "negotiations"}:
        kinds = {"talks", "in person", "summit"}
    # "where was …" / "when will …": meetings with a place (a time) first, in that tense.
    asks = "place" if "where" in words else "time" if "when" in words else ""
    tense = "" if statuses else "future" if words & FUTURE_WORDS else ""
    tense = tense or ("past" if not statuses and words & PAST_WORDS else "")
    return _Asked(statuses, kinds, asks, tense)


def _whose_meetings(question: Question, index: FactIndex) -> _Who:
    """The actors whose meetings are asked for; a role's words become its holders.

    "Ukraine's lead negotiator": the title's holder who is "of" the country named, which then
    need not take part itself; failing that, any holder of the title.
    """
    leftovers = content_words(question, MEETING_CUES | TOPIC_OF_ALL_TALKS | PARTICIPATION_WORDS)
    wanted = set(question.actors)
    role_words = [t for t in leftovers if _matches_a_role(t, index)]
    holders: set[str] = set()
    if role_words:
        qualifiers = [n for n in question.actors if kind_of(n, index) != "person"]
        holders = _role_holders(role_words, qualifiers, index)
        if holders:
            wanted -= set(qualifiers)
        else:
            holders = _role_holders(role_words, [], index)
        if holders:
            leftovers = [t for t in leftovers if t not in role_words]
    return _Who(wanted, holders, role_words, leftovers)


def _matches_a_role(word: Token, index: FactIndex) -> bool:
    return bool(index.with_term(term_for_word(word, index), own_only=True, kind=Role))


def _role_holders(words: list[Token], qualifiers: list[str], index: FactIndex) -> set[str]:
    """Actors holding a role whose title has every word (and is "of" every qualifier)."""
    terms = [term_for_word(t, index) for t in words] + [
        term_for_actor(n, index) for n in qualifiers
    ]
    holders: set[str] = set()
    titled = index.having(terms[:1], own_only=True, kind=Role)
    for role_id in titled:
        role = index.fact(role_id)
        actor = index.actors.get(index.role_holder(role_id))
        if actor is None or not isinstance(role, Role):
            continue
        stems = index.own_stems(role) | text_stems(actor.affiliation or "")
        if all(term_in(term, stems) for term in terms):
            holders.add(actor.name)
    return holders


class _Search:
    """The candidate meetings of a question (by actor and words, from the index), ranked on
    demand for a set of kinds, so a search for a kind that finds nothing can be relaxed."""

    def __init__(self, question: Question, index: FactIndex, asked: _Asked, who: _Who) -> None:
        self.question, self.index, self.asked, self.who = question, index, asked, who
        self.terms = [term_for_word(t, index) for t in who.leftovers]
        self.pool: list[Meeting] = index.facts.meetings
        if who.wanted or self.terms:
            ids: set[int] | None = index.having(self.terms, kind=Meeting) if self.terms else None
            for name in who.wanted:
                of_name = {id(m) for m in index.meetings_of.get(name, [])}
                ids = of_name if ids is None else ids & of_name
            self.pool = index.in_order(ids or set(), Meeting)
        self.hits = Hits(self.terms, index, Meeting)

    def collect(self, kinds: set[MeetingKind]) -> list[Ranked]:
        """The meetings of the pool that fit, each with its sort key."""
        ranked: list[Ranked] = []
        for meeting in self.pool:
            if not self._fits(meeting, kinds):
                continue
            own, context = self.hits(meeting)
            if own + context < len(self.terms):
                continue
            ranked.append(self._ranked(meeting, own))
        return ranked

    def _fits(self, meeting: Meeting, kinds: set[MeetingKind]) -> bool:
        """Whether a meeting has every actor asked about, the place, status and kind."""
        wanted, holders = self.who.wanted, self.who.holders
        participants = self.index.participants(meeting)
        if not wanted <= participants or (holders and not holders & participants):
            return False
        if self.question.places and meeting.place not in self.question.place_set:
            return False
        if self.asked.statuses and meeting.status not in self.asked.statuses:
            return False
        return not kinds or meeting.kind in kinds

    def _ranked(self, meeting: Meeting, own: int) -> Ranked:
        """A meeting's sort key: with the place or time asked for, then the words in its own
        fields, the tense asked, more sources, status, and fact base order."""
        index, asked, wanted = self.index, self.asked, self.who.wanted
        focus: tuple[str, ...] = ()
        if len(wanted) == 1:
            focus = tuple(p for p in meeting.participants if index.canonical(p) in wanted)
        missing = int(bool(asked.asks) and not getattr(meeting, asked.asks))
        order = asked.order
        in_tense = order[meeting.status] if asked.tense else 0
        sources = -sources_count(meeting)
        # Held before planned (or, for "will", planned before held), then the most reported.
        key = (missing, -own, in_tense, order[meeting.status], sources, index.position(meeting))
        return Ranked(key, AnswerFact("meeting", meeting, focus=focus))


def _counterparts_first(ranked: list[Ranked], index: FactIndex, wanted: set[str]) -> list[Ranked]:
    """Each distinct set of counterparts once before any repeat ("who met Putin": Witkoff,
    Trump, Orbán … before Witkoff again), so the list is not filled by one pair's meetings."""
    if not wanted:
        return ranked
    ranked.sort(key=lambda r: r.key)
    seen: set[frozenset[str]] = set()
    result: list[Ranked] = []
    for r in ranked:
        meeting = r.item.fact
        assert isinstance(meeting, Meeting)
        others = index.participants(meeting) - wanted
        repeat = int(others in seen)
        seen.add(others)
        result.append(Ranked((r.key[0], repeat, *r.key[1:]), r.item))
    return result


def _places_or_times(asks: str, ranked: list[Ranked]) -> str:
    """For "where" or "when": the places (times) of the meetings found, for the heading."""
    if asks and ranked and not ranked[0].key[0]:
        ranked.sort(key=lambda r: r.key)
        meetings = [r.item.fact for r in ranked if isinstance(r.item.fact, Meeting)]
        seen = dict.fromkeys(f"{getattr(m, asks)} ({m.status})" for m in meetings)
        shown = list(seen)[:4]
        more = f" and {len(seen) - len(shown)} more" if len(seen) > len(shown) else ""
        return f"; {'where' if asks == 'place' else 'when'}: {'; '.join(shown)}{more}"
    if asks and ranked:
        return f"; no {asks} was reported for them"
    return ""


def _description(
    question: Question,
    who: list[str],
    statuses: set[MeetingStatus],
    kinds: set[MeetingKind],
    extra: list[Token],
) -> str:
    """ "planned summits with Donald Trump in Budapest mentioning 'Tomahawks'"."""
    if len(kinds) == 1:
        noun = KIND_NOUNS[next(iter(kinds))][1]
    elif kinds == {"talks", "in person", "summit"}:
        noun = "talks"
    else:
        noun = "meetings"
    parts = [f"{join(sorted(statuses))} {noun}" if statuses else noun]
    if who:
        parts.append(f"with {join(who)}")
    if question.places:
        parts.append(f"in {join(question.places, 'or')}")
    if extra:
        parts.append(f"mentioning '{' '.join(t.surface for t in extra)}'")
    return " ".join(parts)
