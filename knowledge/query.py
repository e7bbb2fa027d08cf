"""Answer plain-English questions from the fact base, with every fact cited.

The answer path never loads spaCy: a question is tokenized with a regular expression, names are
matched against a small index of canonical names and aliases (exactly first, then fuzzily with
rapidfuzz under tight cut-offs), the intent comes from keywords, and the facts are filtered and
ranked in plain Python. The index is built once per `FactBase` and cached.

    answer = answer_question("who met Witkof?", facts)
    answer.to_text()   # what a person reads in Slack
    answer.to_dict()   # the same, JSON-serializable
"""

from __future__ import annotations

import bisect
import math
import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.facts import (
    Actor,
    FactBase,
    Figure,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Quote,
    Role,
    Source,
    Statement,
)

MAX_QUESTION_CHARS = 500
MAX_FACTS = 10
_MAX_SENTENCE_CHARS = 220
_MAX_TITLE_CHARS = 80
_MAX_PROFILES = 3

Fact = Actor | Role | Meeting | Figure | Quote | Statement


class Match(NamedTuple):
    """A name in the question and what it was matched to (100 = exact)."""

    term: str
    name: str
    score: int


@dataclass(frozen=True)
class AnswerFact:
    """One fact in an answer; `actor` names whose role it is when `kind` is "role"."""

    kind: str
    fact: Fact
    actor: str | None = None
    focus: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """`{"kind": ..., "fact": {every field, sources included}}`, plus `actor` for roles.

        A meeting asked about from one side ("who met Witkoff") has `focus`: the participants
        asked about, as written in the meeting; the others are its `counterparts`.
        """
        data: dict[str, Any] = {"kind": self.kind, "fact": asdict(self.fact)}
        if self.actor is not None:
            data["actor"] = self.actor
        if self.focus:
            data["focus"] = list(self.focus)
            data["counterparts"] = self.counterparts()
        return data

    def counterparts(self) -> list[str]:
        """A meeting's participants other than the ones asked about."""
        if not isinstance(self.fact, Meeting):
            return []
        return [p for p in self.fact.participants if p not in self.focus]


@dataclass
class Answer:
    """A question's answer: the facts found, what the question's names matched, and notes.

    `facts` holds at most `MAX_FACTS` facts, best first; `total` is how many were found.
    `suggestions` are questions worth asking instead, given when nothing was found.
    """

    question: str
    intent: str
    matched: list[Match] = field(default_factory=list)
    facts: list[AnswerFact] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    heading: str = ""
    notes: list[str] = field(default_factory=list)
    total: int = 0

    def to_text(self) -> str:
        """The answer as plain text for Slack: one line per fact, each with its source."""
        lines: list[str] = []
        if self.heading:
            lines.append(self.heading)
        lines.extend(self.notes)
        lines.extend(f"• {render_fact(item)}" for item in self.facts)
        if self.total > len(self.facts):
            lines.append(f"…and {self.total - len(self.facts)} more.")
        if self.suggestions:
            lines.append("You could ask:")
            lines.extend(f"• {suggestion}" for suggestion in self.suggestions)
        return neutralize_markup("\n".join(lines))

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON-serializable data: question, text, intent, matches and facts."""
        return {
            "question": self.question,
            "text": self.to_text(),
            "intent": self.intent,
            "matched": [m._asdict() for m in self.matched],
            "facts": [item.to_dict() for item in self.facts],
            "total": self.total,
            "suggestions": list(self.suggestions),
            "notes": list(self.notes),
        }


# --- Words ------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _words("""
    a an the and or nor but of to in on at by for from with without about between among into
    onto over under after before since during until than then as via per vs versus re is are
    was were be been being am do does did done doing has have had having will would shall
    should can could may might must who whom whose what which when where why how that this
    these those there here it its he him his she her hers they them their theirs we us our you
    your i me my mine any all some each every no not yes if so also just only very much many
    more most less least other another such up down out off again ever even yet still both
    either neither own same too please tell show list give find get got know let lets see want
    need like latest news recent recently now today yesterday tomorrow tonight week weeks month
    months year years day days time times ago next last soon far anything something everything
    nothing anyone someone everyone anybody one ones thing things happen happened happening
    going go went take took taken place way well really actually currently current new
    regarding concerning whether hi hello hey thanks thank bot ok okay info information detail
    details update updates whats whos mention mentions mentioned mentioning involving involve
    """)
_MEETING_CUES = _words("""
    meet meets met meeting meetings call calls called calling phone phoned phonecall telephone
    spoke speak video videoconference virtual online zoom summit summits talk talks talked
    negotiation negotiations negotiate negotiated negotiating visit visited visits held hold
    planned proposed propose declined decline refused rejected cancelled canceled paused
    postponed suspended shelved stalled upcoming scheduled future expected possible potential
    person face past sat discuss discussed discusses discussing
    """)
_STRONG_MEETING_CUES = _words(
    "meet meets met meeting meetings call calls called calling phone phoned spoke visit visited"
)
_QUOTE_CUES = _words("""
    say says said saying quote quotes quoted quotation statement statements told claim claims
    claimed comment comments commented remark remarks words think thinks thought stance view
    views warn warned
    """)
_FIGURE_CUES = _words(
    "how many much number numbers figure figures stat stats statistics total count"
)
_FIGURE_TOPICS = _words("""
    casualties casualty killed dead deaths death toll injured wounded drones drone missiles
    missile billion bn million percent cost costs dollars euros troops soldiers
    """)
# "how long", "what is the range": figures in units of a measure.
_MEASURES: dict[str, frozenset[str]] = {
    "distance": _words("mile miles km kilometre kilometres kilometer kilometers metre metres"),
    "duration": _words("day days week weeks month months year years hour hours minute minutes"),
    "money": _words("$ $bn $m $k € €bn €m £ £bn £m bn billion million dollars euros"),
    "share": _words("% percent per cent"),
}
_MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    "long": ("distance", "duration"),
    "far": ("distance",),
    "range": ("distance",),
    "distance": ("distance",),
    "length": ("distance",),
    "wide": ("distance",),
    "miles": ("distance",),
    "kilometres": ("distance",),
    "km": ("distance",),
    "duration": ("duration",),
    "money": ("money",),
    "worth": ("money",),
    "cost": ("money",),
    "costs": ("money",),
    "percent": ("share",),
    "percentage": ("share",),
    "share": ("share",),
}
_MEASURE_NOUNS = _words("range distance length duration percentage")
_HOW_WORDS = _words("many much long far big large")
_ROLE_CUES = _words("role roles title titles job jobs position positions post")
_PROFILE_CUES = _words("profile about")
_HELP_WORDS = _words("help usage commands examples")
_DOMAIN_WORDS = _words("""
    peace war deal plan plans leader leaders president minister envoy official officials
    people drones missiles killed attack attacks army troops security guarantees guarantee
    ceasefire territory sanctions negotiator negotiators adviser advisor secretary spokesman
    spokesperson chief head foreign defense defence prime lead senior special state
    """)
_WEEKDAYS_MONTHS = _words("""
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december weekend
    """)
_GENERIC_NOUNS = _words("""
    state states army energy commission council treasury united union security service
    government ministry department office congress senate house parliament team delegation
    allies west east north south independent times post channel news media press court
    military navy forces force police bank central national federal republic kingdom
    """)
_NO_FUZZY = (
    _GENERIC_NOUNS | _STOPWORDS | _MEETING_CUES | _QUOTE_CUES | _FIGURE_CUES | _FIGURE_TOPICS
)
_NO_FUZZY |= _ROLE_CUES | _HELP_WORDS | _DOMAIN_WORDS | _WEEKDAYS_MONTHS
_NAME_SUFFIXES = _words("jr sr ii iii iv")
_HONORIFICS = _words("mr mrs ms dr sir president prime minister")

_STATUS_WORDS: dict[str, frozenset[MeetingStatus]] = {
    "held": frozenset({"held"}),
    "happened": frozenset({"held"}),
    "past": frozenset({"held"}),
    "planned": frozenset({"planned"}),
    "scheduled": frozenset({"planned"}),
    "upcoming": frozenset({"planned", "proposed"}),
    "future": frozenset({"planned", "proposed"}),
    "expected": frozenset({"planned", "proposed"}),
    "proposed": frozenset({"proposed"}),
    "propose": frozenset({"proposed"}),
    "possible": frozenset({"proposed", "planned"}),
    "potential": frozenset({"proposed", "planned"}),
    "declined": frozenset({"declined"}),
    "decline": frozenset({"declined"}),
    "refused": frozenset({"declined"}),
    "rejected": frozenset({"declined"}),
    "cancelled": frozenset({"declined"}),
    "canceled": frozenset({"declined"}),
    "paused": frozenset({"on hold"}),
    "postponed": frozenset({"on hold"}),
    "suspended": frozenset({"on hold"}),
    "shelved": frozenset({"on hold"}),
    "stalled": frozenset({"on hold"}),
}
_KIND_WORDS: dict[str, frozenset[MeetingKind]] = {
    "call": frozenset({"call"}),
    "calls": frozenset({"call"}),
    "called": frozenset({"call"}),
    "calling": frozenset({"call"}),
    "phone": frozenset({"call"}),
    "phoned": frozenset({"call"}),
    "phonecall": frozenset({"call"}),
    "telephone": frozenset({"call"}),
    "video": frozenset({"video"}),
    "videoconference": frozenset({"video"}),
    "virtual": frozenset({"video"}),
    "online": frozenset({"video"}),
    "zoom": frozenset({"video"}),
    "summit": frozenset({"summit"}),
    "summits": frozenset({"summit"}),
    "visit": frozenset({"in person"}),
    "visited": frozenset({"in person"}),
}

_SYNONYM_GROUPS = [
    "killed kill dead death deaths died fatalities fatality lives toll",
    "injured injuries wounded hurt",
    "drone drones uav uavs shahed shaheds",
    "missile missiles rocket rockets",
    "dollars dollar usd bn billion billions money funding aid cost costs",
    "euros euro eur",
    "people persons civilians",
    "soldiers troops army personnel servicemen",
]
_CASUALTIES = "casualties casualty killed dead deaths died injured injuries wounded"
_DEMONYMS = {
    "russian": "russia",
    "russians": "russia",
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
    "american": "united states",
    "americans": "united states",
    "european": "europe",
    "europeans": "europe",
    "turkish": "turkey",
    "hungarian": "hungary",
    "french": "france",
    "british": "britain",
    "german": "germany",
    "polish": "poland",
}

_NO_FUZZY |= frozenset(_DEMONYMS)

_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_NUMBER_RE = re.compile(
    r"(?<![\w.])([$€£])?\s?(\d+(?:[,.]\d+)*)\s?"
    r"(k|thousand|mn|m|million|bn|b|billion|tn|trillion|%|percent)?(?![a-z])",
    re.IGNORECASE,
)
_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*")
_WORD_RE = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower-case ASCII folding: "Erdoğan" → "erdogan", curly quotes → straight ones."""
    return str(anyascii(text)).lower()


@lru_cache(maxsize=65536)
def _cached_stem(word: str) -> str:
    return stem(word)


def stem(word: str) -> str:
    """A crude English stem, enough to match "drones"/"drone" and "killed"/"kill"."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    return word


def _norm_token(surface: str) -> str:
    token = fold(surface)
    token = re.sub(r"'s$", "", token)
    return token.replace("'", "")


def _name_tokens(name: str) -> list[str]:
    return [_norm_token(t) for t in _TOKEN_RE.findall(name)]


@lru_cache(maxsize=65536)
def _text_stems(text: str) -> frozenset[str]:
    """Stems of every word in a text; possessives and contractions leave harmless fragments."""
    return frozenset(_cached_stem(word) for word in _WORD_RE.findall(fold(text)))


_SYNONYMS: dict[str, frozenset[str]] = {}
for _group in _SYNONYM_GROUPS:
    _stems_of_group = frozenset(stem(w) for w in _group.split())
    for _s in _stems_of_group:
        _SYNONYMS[_s] = _SYNONYMS.get(_s, frozenset()) | _stems_of_group
_CASUALTY_STEMS = frozenset(stem(w) for w in _CASUALTIES.split())
for _s in ("casualty", "casualti"):
    _SYNONYMS[_s] = _CASUALTY_STEMS


# --- Slack markup and question clean-up -------------------------------------------------------

_MARKUP_RE = re.compile(r"<([^<>\n]{0,400})>")
_SPECIAL_MENTIONS = ("channel", "here", "everyone")


def _markup_replacement(inner: str, for_matching: bool) -> str:
    target, _, label = inner.partition("|")
    label = label.strip()
    if target.startswith("!"):
        name = target[1:].split("^", 1)[0]
        if for_matching:
            return " "
        if name in _SPECIAL_MENTIONS:
            return f"@{name}"
        if name == "subteam":
            return f"@{label.lstrip('@')}" if label else "@group"
        return label or name
    if target.startswith("@"):
        return " " if for_matching else f"@{label.lstrip('@')}" if label else "@user"
    if target.startswith("#"):
        return " " if for_matching else f"#{label.lstrip('#')}" if label else "#channel"
    if for_matching:
        return " "
    return label or target


def neutralize_markup(text: str, *, for_matching: bool = False) -> str:
    """Slack markup rendered as inert plain text: `<!channel>` → "@channel", `<@U1>` → "@user".

    Links keep their label. No angle brackets survive, so nothing echoed back can notify anyone.
    With `for_matching`, mentions and bare links are removed so that ids never match a name.
    """

    def replace(match: re.Match[str]) -> str:
        return _markup_replacement(match.group(1), for_matching)

    text = _MARKUP_RE.sub(replace, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = _MARKUP_RE.sub(replace, text)
    return text.replace("<", "").replace(">", "")


class _Cleaned(NamedTuple):
    display: str
    matching: str
    truncated: bool
    had_markup: bool


def _clean_question(raw: str) -> _Cleaned:
    """The question to show and the one to match, and whether it was truncated or had markup."""
    raw = raw[: MAX_QUESTION_CHARS * 8]
    raw = re.sub(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]", " ", raw)
    # Lone surrogates (a JSON "\ud800" decodes to one) are not text: U+FFFD, so that
    # every answer encodes as UTF-8.
    raw = raw.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    display = " ".join(neutralize_markup(raw).split())
    matching = " ".join(neutralize_markup(raw, for_matching=True).split())
    had_markup = bool(_MARKUP_RE.search(raw) or re.search(r"&lt;[!@#]", raw))
    truncated = False
    if len(display) > MAX_QUESTION_CHARS:
        display = _truncate_words(display, MAX_QUESTION_CHARS)
        truncated = True
    if len(matching) > MAX_QUESTION_CHARS:
        matching = _truncate_words(matching, MAX_QUESTION_CHARS).rstrip("…")
        truncated = True
    return _Cleaned(display, matching, truncated, had_markup)


def _truncate_words(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut + "…"


# --- Question tokens --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    surface: str
    norm: str
    stem: str
    index: int
    capitalized: bool


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN_RE.finditer(text):
        surface = match.group(0)
        folded = fold(surface)
        parts: list[tuple[str, str]]
        if folded in ("who's", "what's", "where's", "whos", "whats"):
            parts = [(surface, folded.replace("'", "").removesuffix("s")), ("is", "is")]
        else:
            parts = [(surface, _norm_token(surface))]
        for part_surface, norm in parts:
            if not norm:
                continue
            tokens.append(
                _Token(
                    surface=part_surface,
                    norm=norm,
                    stem=stem(norm),
                    index=len(tokens),
                    capitalized=part_surface[:1].isupper(),
                )
            )
    return tokens


# --- Fact index -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    """A word or name to look for in facts.

    It is found when, for any one option, every word of the option is present, a word being
    present when any of its spellings (stems close to it in the fact base) is.
    """

    label: str
    options: tuple[tuple[frozenset[str], ...], ...]


def _close(a: str, b: str) -> bool:
    """The same stem, or long words sharing most of a long prefix ("russian"/"russia")."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 6:
        return False
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    return prefix >= 6 and prefix >= 0.75 * shorter


def _term_in(term: _Term, stems: frozenset[str]) -> bool:
    return any(
        all(not spellings.isdisjoint(stems) for spellings in option) for option in term.options
    )


class FactIndex:
    """Lookup tables over one `FactBase`, built once: name keys, places, facts by actor, stems."""

    def __init__(self, facts: FactBase) -> None:
        self.facts = facts
        self.actors: dict[str, Actor] = {}
        self.phrase_keys: dict[tuple[str, ...], dict[str, int]] = {}
        self.token_keys: dict[str, dict[str, int]] = {}
        self.place_keys: dict[tuple[str, ...], set[str]] = {}
        self.meetings_of: dict[str, list[Meeting]] = {}
        self.quotes_of: dict[str, list[Quote]] = {}
        self.statements_of: dict[str, list[Statement]] = {}
        self.figures_of: dict[str, list[Figure]] = {}
        self._participants: dict[int, frozenset[str]] = {}
        self._own: dict[int, frozenset[str]] = {}
        # Inverted indexes, stem → ids of the facts having it in their own fields (or in
        # their own fields or sentences), so a question looks at its candidates, not at
        # every fact: what keeps answers fast on a fact base hundreds of times the seeds.
        self._own_postings: dict[tuple[type, str], set[int]] = {}
        self._all_postings: dict[tuple[type, str], set[int]] = {}
        self._facts_by_id: dict[int, object] = {}
        self._position: dict[int, int] = {}
        self.figures_by_sentence: dict[str, list[Figure]] = {}
        self.suggestions: list[str] | None = None  # worked out on the first empty answer
        self._unit_stems: list[frozenset[str]] | None = None
        self._in_measure: dict[frozenset[str], list[Figure]] = {}
        self._actions: dict[int, frozenset[str]] = {}
        for actor in facts.actors:
            self._add_actor(actor)
        self.fuzzy_names = sorted(
            token
            for token, keys in self.token_keys.items()
            if len(token) >= 4 and token.isalpha() and max(keys.values()) >= 2
        )
        self.fuzzy_given_names = sorted(
            token
            for token, keys in self.token_keys.items()
            if len(token) >= 4 and token.isalpha() and max(keys.values()) == 1
        )
        for meeting in facts.meetings:
            self._add_meeting(meeting)
        self.fuzzy_places = sorted(
            key[0] for key in self.place_keys if len(key) == 1 and key[0].isalpha()
        )
        for quote in facts.quotes:
            speaker = self.canonical(quote.speaker)
            self.quotes_of.setdefault(speaker, []).append(quote)
            self._add_stems(quote, [quote.words, " ".join(quote.topics)], quote.sources)
        for statement in facts.statements:
            speaker = self.canonical(statement.speaker)
            self.statements_of.setdefault(speaker, []).append(statement)
            self._add_stems(statement, [statement.text], statement.sources)
        for figure in facts.figures:
            if figure.sources:
                sentence = figure.sources[0].sentence
                self.figures_by_sentence.setdefault(sentence, []).append(figure)
            if figure.subject:
                self.figures_of.setdefault(self.canonical(figure.subject), []).append(figure)
            own = [figure.text, figure.unit, figure.counts, figure.subject or ""]
            self._add_stems(figure, own, figure.sources)
        for actor in facts.actors:
            for role in actor.roles:
                self._add_stems(role, [role.title, role.of or ""], role.sources)
        self._vocabulary = sorted({word for _, word in self._all_postings})
        self._spellings: dict[str, frozenset[str]] = {}
        for facts_of_kind in (facts.meetings, facts.figures, facts.quotes, facts.statements):
            for position, fact in enumerate(facts_of_kind):
                self._position[id(fact)] = position
        self._role_holders: dict[int, str] = {}
        position = 0
        for actor in facts.actors:
            for role in actor.roles:
                self._position[id(role)] = position
                self._role_holders[id(role)] = actor.name
                position += 1

    # Building

    def _add_actor(self, actor: Actor) -> None:
        self.actors.setdefault(actor.name, actor)
        for index, name in enumerate([actor.name, *actor.aliases]):
            tokens = [t for t in _name_tokens(name) if t]
            if not tokens:
                continue
            for key in (tuple(tokens), tuple(sorted(tokens)), tuple(stem(t) for t in tokens)):
                self._add_key(self.phrase_keys.setdefault(key, {}), actor.name, 3)
            if len(tokens) == 1:
                self._add_key(self.token_keys.setdefault(tokens[0], {}), actor.name, 3)
                continue
            if actor.kind != "person":
                continue
            words = [t for t in tokens if t not in _HONORIFICS and len(t) > 1]
            while words and words[-1] in _NAME_SUFFIXES:
                words.pop()
            if not words:
                continue
            self._add_key(self.token_keys.setdefault(words[-1], {}), actor.name, 2)
            if index == 0:
                for given in words[:-1]:
                    self._add_key(self.token_keys.setdefault(given, {}), actor.name, 1)

    @staticmethod
    def _add_key(keys: dict[str, int], actor: str, priority: int) -> None:
        keys[actor] = max(priority, keys.get(actor, 0))

    def _add_meeting(self, meeting: Meeting) -> None:
        participants = frozenset(self.canonical(p) for p in meeting.participants)
        self._participants[id(meeting)] = participants
        for name in participants:
            self.meetings_of.setdefault(name, []).append(meeting)
        if meeting.place:
            for part in [meeting.place, *meeting.place.split(",")]:
                tokens = [t for t in _name_tokens(part) if t]
                if tokens and tokens[0] == "the":
                    tokens = tokens[1:]
                if tokens:
                    self.place_keys.setdefault(tuple(tokens), set()).add(meeting.place)
                    stems = tuple(stem(t) for t in tokens)
                    self.place_keys.setdefault(stems, set()).add(meeting.place)
        own = [
            meeting.place or "",
            meeting.time or "",
            meeting.date or "",
            meeting.kind,
            meeting.status,
            " ".join(meeting.participants),
        ]
        self._add_stems(meeting, own, meeting.sources)

    def _add_stems(self, fact: object, own: Iterable[str], sources: Sequence[Source]) -> None:
        key = id(fact)
        own_stems = _text_stems(" ".join(own))
        context_stems = _text_stems(" ".join(s.sentence for s in sources))
        self._own[key] = own_stems
        self._facts_by_id[key] = fact
        kind = type(fact)
        for word in own_stems:
            self._own_postings.setdefault((kind, word), set()).add(key)
            self._all_postings.setdefault((kind, word), set()).add(key)
        for word in context_stems - own_stems:
            self._all_postings.setdefault((kind, word), set()).add(key)

    # Lookups

    def canonical(self, name: str) -> str:
        """The canonical name for a name as written (itself when it names no known actor)."""
        if name in self.actors:
            return name
        tokens = tuple(t for t in _name_tokens(name) if t)
        for key in (tokens, tuple(sorted(tokens))):
            keys = self.phrase_keys.get(key)
            if keys:
                return self.best_actor(keys)
        return name

    def weight(self, name: str) -> int:
        """How prominent an actor is: its mentions, or failing that how many facts it is in."""
        actor = self.actors.get(name)
        mentions = actor.mentions if actor else 0
        facts = (
            len(self.meetings_of.get(name, []))
            + len(self.quotes_of.get(name, []))
            + len(self.statements_of.get(name, []))
            + (len(actor.roles) if actor else 0)
        )
        return mentions * 1000 + facts

    def best_actor(self, keys: dict[str, int]) -> str:
        """Among candidate actors with key priorities, the strongest key, then most prominent."""
        return max(keys, key=lambda name: (keys[name], self.weight(name), name))

    def participants(self, meeting: Meeting) -> frozenset[str]:
        """A meeting's participants under their canonical names."""
        return self._participants.get(id(meeting)) or frozenset(
            self.canonical(p) for p in meeting.participants
        )

    def own_stems(self, fact: object) -> frozenset[str]:
        """Stems of a fact's own fields (words, place, counts …)."""
        return self._own.get(id(fact), frozenset())

    def mentions(self, terms: Sequence[_Term]) -> bool:
        """Whether any one fact, with the sentence it was read in, has all of `terms`."""
        return bool(terms) and bool(self.having(terms))

    def with_term(
        self, term: _Term, own_only: bool = False, kind: type[Any] | None = None
    ) -> set[int]:
        """Ids of the facts (of `kind`: Meeting, Figure, Quote, Statement, Role; default all)
        with `term` in their own fields, or by default in their fields or sentences."""
        postings = self._own_postings if own_only else self._all_postings
        kinds = (kind,) if kind else _INDEXED_KINDS
        found: set[int] = set()
        for option in term.options:
            ids: set[int] | None = None
            for spellings in option:
                word_ids: set[int] = set()
                for spelling in spellings:
                    for one_kind in kinds:
                        word_ids |= postings.get((one_kind, spelling), set())
                ids = word_ids if ids is None else ids & word_ids
                if not ids:
                    break
            if ids:
                found |= ids
        return found

    def having(
        self, terms: Sequence[_Term], own_only: bool = False, kind: type[Any] | None = None
    ) -> set[int]:
        """Ids of the facts having every one of `terms` (see `with_term`)."""
        found: set[int] | None = None
        for term in terms:
            ids = self.with_term(term, own_only, kind)
            found = ids if found is None else found & ids
            if not found:
                return set()
        return found or set()

    def in_order(self, ids: Iterable[int], kind: type[Any]) -> list[Any]:
        """The facts of one type among `ids`, in fact base order."""
        by_id, position = self._facts_by_id, self._position
        found = [i for i in ids if isinstance(by_id.get(i), kind)]
        found.sort(key=lambda i: position.get(i, 0))
        return [by_id[i] for i in found]

    @property
    def unit_stems(self) -> list[frozenset[str]]:
        """The stems of each distinct figure unit ("drones", "$bn", "miles" …)."""
        if self._unit_stems is None:
            self._unit_stems = list({_text_stems(f.unit) for f in self.facts.figures})
        return self._unit_stems

    def figures_in_measure(self, units: frozenset[str]) -> list[Figure]:
        """Figures whose unit is one of `units` (miles and km for a distance …)."""
        found = self._in_measure.get(units)
        if found is None:
            found = [f for f in self.facts.figures if _in_measure(f, units)]
            self._in_measure[units] = found
        return found

    def counted_action(self, figure: Figure) -> frozenset[str]:
        """`_counted_action(figure)`, worked out once per figure."""
        found = self._actions.get(id(figure))
        if found is None:
            found = self._actions[id(figure)] = _counted_action(figure)
        return found

    def fact(self, fact_id: int) -> object:
        """The fact with this id (see `with_term`)."""
        return self._facts_by_id[fact_id]

    def role_holder(self, role_id: int) -> str:
        """The name of the actor a role (by id) belongs to."""
        return self._role_holders.get(role_id, "")

    def position(self, fact: object) -> int:
        """A fact's place in its list in the fact base (roles: across all actors)."""
        return self._position.get(id(fact), 0)

    def spellings(self, word: str) -> frozenset[str]:
        """A stem and the stems in the fact base close to it, worked out once per word."""
        found = self._spellings.get(word)
        if found is None:
            found = frozenset({word})
            if len(word) >= 6:
                # Close stems share a prefix of at least six letters: a slice of the
                # sorted vocabulary, found by bisection.
                start = bisect.bisect_left(self._vocabulary, word[:6])
                end = bisect.bisect_left(self._vocabulary, word[:6] + "\uffff")
                found |= {s for s in self._vocabulary[start:end] if _close(word, s)}
            self._spellings[word] = found
        return found

    def term(self, label: str, options: Iterable[Iterable[str]]) -> _Term:
        """A `_Term` whose options' words carry their spellings in this fact base."""
        return _Term(
            label,
            tuple(tuple(self.spellings(w) for w in option) for option in options if option),
        )


_INDEXED_KINDS: tuple[type, ...] = (Meeting, Figure, Quote, Statement, Role)

_INDEX_CACHE: dict[int, tuple[weakref.ref[FactBase], tuple[int, ...], FactIndex]] = {}
_INDEX_CACHE_SIZE = 8


def _fingerprint(facts: FactBase) -> tuple[int, ...]:
    lists = (facts.actors, facts.meetings, facts.figures, facts.quotes, facts.statements)
    return tuple(len(items) for items in lists) + tuple(id(items) for items in lists)


def index_for(facts: FactBase) -> FactIndex:
    """The `FactIndex` of a fact base, built on first use and cached while its lists are unchanged.

    Facts mutated in place (not added or removed) are not noticed: build a new `FactIndex`.
    """
    key = id(facts)
    fingerprint = _fingerprint(facts)
    cached = _INDEX_CACHE.get(key)
    if cached and cached[0]() is facts and cached[1] == fingerprint:
        return cached[2]
    index = FactIndex(facts)
    for stale in [k for k, (ref, _, _) in _INDEX_CACHE.items() if ref() is None]:
        del _INDEX_CACHE[stale]
    while len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
        del _INDEX_CACHE[next(iter(_INDEX_CACHE))]
    _INDEX_CACHE[key] = (weakref.ref(facts), fingerprint, index)
    return index


# --- Name matching ----------------------------------------------------------------------------


@dataclass
class _NameHit:
    start: int
    end: int
    name: str
    score: int
    is_place: bool
    term: str
    ambiguous_with: list[str] = field(default_factory=list)
    places: frozenset[str] = frozenset()
    also: list[str] = field(default_factory=list)


def _allowed_edits(a: str, b: str) -> int:
    longest = max(len(a), len(b))
    if longest < 5:
        return 0
    return 1 if longest < 8 else 2


def _fuzzy(word: str, vocabulary: Sequence[str]) -> list[tuple[str, int]]:
    """Sorted vocabulary's words within a small edit distance of `word`, same first letter, best
    first. Only the words with that first letter are compared (a slice of the sorted list)."""
    if len(word) < 4 or not word.isalpha() or word in _NO_FUZZY or not vocabulary:
        return []
    start = bisect.bisect_left(vocabulary, word[0])
    same_letter = vocabulary[start : bisect.bisect_left(vocabulary, word[0] + "\uffff", start)]
    found = process.extract(word, same_letter, scorer=OSA.distance, score_cutoff=2, limit=8)
    hits: list[tuple[str, int]] = []
    for candidate, distance, _ in found:
        if distance > _allowed_edits(word, candidate):
            continue
        score = round(100 * (1 - distance / max(len(word), len(candidate))))
        hits.append((candidate, int(score)))
    if not hits:
        return []
    best = max(score for _, score in hits)
    return [hit for hit in hits if hit[1] == best]


def _window_keys(tokens: Sequence[_Token]) -> list[tuple[str, ...]]:
    norms = tuple(t.norm for t in tokens)
    return [norms, tuple(sorted(norms)), tuple(t.stem for t in tokens)]


def _match_names(tokens: list[_Token], index: FactIndex) -> list[_NameHit]:
    """Actors and places named in the question, longest exact phrases first, then single words."""
    hits: list[_NameHit] = []
    used: set[int] = set()

    def after_preposition(position: int) -> bool:
        while position > 0 and tokens[position - 1].norm == "the":
            position -= 1
        return position > 0 and tokens[position - 1].norm in ("in", "at", "to", "near")

    for size in range(min(5, len(tokens)), 1, -1):
        for start in range(len(tokens) - size + 1):
            span = range(start, start + size)
            if used.intersection(span):
                continue
            window = tokens[start : start + size]
            if window[0].norm in _STOPWORDS or window[-1].norm in _STOPWORDS:
                continue
            keys = _window_keys(window)
            actors = next((index.phrase_keys[k] for k in keys if k in index.phrase_keys), None)
            places = next(
                (frozenset(index.place_keys[k]) for k in keys if k in index.place_keys), None
            )
            if actors and _splits_better(window, index.best_actor(actors), index):
                actors = None
            surface = " ".join(t.surface for t in window)
            if places and (not actors or after_preposition(start)):
                hits.append(
                    _NameHit(start, start + size, min(places), 100, True, surface, [], places)
                )
            elif actors:
                hits.append(
                    _NameHit(start, start + size, index.best_actor(actors), 100, False, surface)
                )
            else:
                continue
            used.update(span)

    candidates: dict[int, dict[str, tuple[int, int]]] = {}
    # Misspelt or lower-case given names ("Karolin", "steve") count only next to their surname.
    given_names: dict[int, dict[str, tuple[int, int]]] = {}
    place_candidates: dict[int, tuple[frozenset[str], int]] = {}
    for token in tokens:
        if token.index in used or token.norm in _STOPWORDS or len(token.norm) < 2:
            continue
        if token.norm.isdigit():
            continue
        options: dict[str, tuple[int, int]] = {}
        exact = index.token_keys.get(token.norm)
        if exact and not token.capitalized and _needs_capital(token, exact):
            given_names[token.index] = {name: (1, 100) for name in exact}
            exact = None
        if exact:
            options = {name: (priority, 100) for name, priority in exact.items()}
        else:
            for word, score in _fuzzy(token.norm, index.fuzzy_names):
                for name, priority in index.token_keys[word].items():
                    if priority >= 2:
                        options[name] = max(options.get(name, (0, 0)), (priority, score))
            if not options and token.index not in given_names:
                for word, score in _fuzzy(token.norm, index.fuzzy_given_names):
                    weak = given_names.setdefault(token.index, {})
                    for name in index.token_keys[word]:
                        weak[name] = max(weak.get(name, (0, 0)), (1, score))
        place = _place_for(token, index)
        if place and (not options or after_preposition(token.index)):
            place_candidates[token.index] = place
        elif options:
            candidates[token.index] = options
    for position, (place_set, score) in place_candidates.items():
        surface = tokens[position].surface
        hits.append(
            _NameHit(position, position + 1, min(place_set), score, True, surface, [], place_set)
        )

    for position, options in given_names.items():
        if position in candidates or position in place_candidates:
            continue
        beside = [candidates.get(position - 1, {}), candidates.get(position + 1, {})]
        shared = {name: score for name, score in options.items() if any(name in b for b in beside)}
        if shared:
            candidates[position] = shared
    positions = sorted(candidates)
    group: list[int] = []
    for position in [*positions, -1]:
        joined = [*group, position]
        if group and (position != group[-1] + 1 or not _shared(candidates, joined, tokens, index)):
            hits.append(_resolve_group(group, candidates, tokens, index))
            group = []
        if position >= 0:
            group.append(position)
    return sorted(hits, key=lambda hit: hit.start)


def _splits_better(window: Sequence[_Token], phrase_actor: str, index: FactIndex) -> bool:
    """Whether "Putin Zelenskyy" names two prominent actors, not an obscure "Putin-Zelenskyy"."""
    singles: list[str] = []
    for token in window:
        keys = index.token_keys.get(token.norm, {})
        named = [name for name, priority in keys.items() if priority == 3]
        if not named:
            return False
        singles.append(index.best_actor({name: 3 for name in named}))
    if len(set(singles)) < len(singles) or phrase_actor in singles:
        return False
    return index.weight(phrase_actor) * 20 < min(index.weight(name) for name in singles)


def _needs_capital(token: _Token, keys: dict[str, int]) -> bool:
    """Given names alone, and names that are common words ("State", "Army"), need a capital."""
    return max(keys.values()) == 1 or token.norm in _NO_FUZZY


def _place_for(token: _Token, index: FactIndex) -> tuple[frozenset[str], int] | None:
    for key in ((token.norm,), (token.stem,)):
        if key in index.place_keys:
            return frozenset(index.place_keys[key]), 100
    for word, score in _fuzzy(token.norm, index.fuzzy_places):
        return frozenset(index.place_keys[(word,)]), score
    return None


def _shared(
    candidates: dict[int, dict[str, tuple[int, int]]],
    group: list[int],
    tokens: list[_Token],
    index: FactIndex,
) -> bool:
    """Whether adjacent words name one actor together ("Donald" "Trump")."""
    names = set(candidates[group[0]])
    for position in group[1:]:
        names &= set(candidates[position])
    if not names:
        return False
    best = max(names, key=lambda name: (index.weight(name), name))
    return not _splits_better([tokens[p] for p in group], best, index)


def _resolve_group(
    group: list[int],
    candidates: dict[int, dict[str, tuple[int, int]]],
    tokens: list[_Token],
    index: FactIndex,
) -> _NameHit:
    names = set(candidates[group[0]])
    for position in group[1:]:
        names &= set(candidates[position])

    def strength(name: str) -> tuple[int, int, int]:
        priority = max(candidates[p][name][0] for p in group)
        score = min(candidates[p][name][1] for p in group)
        return (score, priority if len(group) == 1 else 3, index.weight(name))

    ranked = sorted(names, key=lambda name: (strength(name), name), reverse=True)
    best = ranked[0]
    top = strength(best)
    # A surname written as an alias ("Martin" of Anna Martin, 3) and the surname of a full
    # name (Paul Martin, 2) fit equally well.
    alike = [
        name
        for name in ranked[1:]
        if strength(name)[0] == top[0]
        and (strength(name)[1] == top[1] or min(strength(name)[1], top[1]) >= 2)
        and not set(_name_tokens(name)) < set(_name_tokens(best))
    ]
    # About as prominent: ask which one. Much less prominent: answer, and say who else it
    # could be when the word was only a given name ("Donald").
    close = [name for name in alike if 2 * index.weight(name) >= index.weight(best)]
    also = [name for name in alike if name not in close] if top[1] == 1 else []
    term = " ".join(tokens[p].surface for p in group)
    hit = _NameHit(group[0], group[-1] + 1, best, strength(best)[0], False, term, close)
    hit.also = also
    return hit


# --- Question analysis ------------------------------------------------------------------------


@dataclass
class _Query:
    display: str
    tokens: list[_Token]
    hits: list[_NameHit]
    actors: list[str]
    places: list[str]
    place_set: frozenset[str]
    leftover: list[_Token]
    numbers: list[_Number]
    intent: str


def _analyze(display: str, matching: str, index: FactIndex) -> _Query:
    tokens = _tokenize(matching)
    hits = _match_names(tokens, index)
    used = {i for hit in hits for i in range(hit.start, hit.end)}
    actors: list[str] = []
    places: list[str] = []
    for hit in hits:
        target = places if hit.is_place else actors
        if hit.name not in target:
            target.append(hit.name)
    leftover = [
        t for t in tokens if t.index not in used and t.norm not in _STOPWORDS and len(t.norm) > 1
    ]
    numbers = _numbers(matching)
    return _Query(
        display=display,
        tokens=tokens,
        hits=hits,
        actors=actors,
        places=places,
        place_set=frozenset(p for hit in hits if hit.is_place for p in hit.places),
        leftover=leftover,
        numbers=numbers,
        intent=_intent(tokens, actors, places, numbers),
    )


class _Number(NamedTuple):
    text: str
    written: float
    scaled: float


def _numbers(text: str) -> list[_Number]:
    """Numbers in the question: as written, their value, and their value times a multiplier."""
    found: list[_Number] = []
    for match in _NUMBER_RE.finditer(text):
        digits = match.group(2)
        digits = digits.replace(",", "") if re.search(r",\d{3}\b", digits) else digits
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            continue
        if not math.isfinite(value):
            continue
        suffix = (match.group(3) or "").lower()
        multiplier = _MULTIPLIERS.get(suffix, 1.0)
        found.append(_Number(match.group(0).strip(), value, value * multiplier))
    return found


def _intent(
    tokens: list[_Token],
    actors: list[str],
    places: list[str],
    numbers: list[_Number],
) -> str:
    norms = [t.norm for t in tokens]
    words = set(norms)
    if not tokens or (words <= _HELP_WORDS | _STOPWORDS and not actors and not places):
        return "help"
    how_many = any(a == "how" and b in _HOW_WORDS for a, b in zip(norms, norms[1:], strict=False))
    if how_many or (words & _MEASURE_NOUNS and not words & _STRONG_MEETING_CUES):
        return "figure"
    if words & _QUOTE_CUES:
        return "quote"
    figure_words = words & (_FIGURE_CUES - {"how", "many", "much"} | _FIGURE_TOPICS)
    if (numbers or figure_words) and not words & _STRONG_MEETING_CUES:
        return "figure"
    who_is = any(
        a == "who" and b in ("is", "are", "was") for a, b in zip(norms, norms[1:], strict=False)
    )
    if words & _ROLE_CUES:
        return "role"
    if who_is and not words & _STRONG_MEETING_CUES and (actors or not places):
        return "role"
    if words & _MEETING_CUES or places:
        return "meeting"
    return "profile" if actors else "search"


# --- Answering --------------------------------------------------------------------------------


@dataclass
class _Ranked:
    key: tuple[float, ...]
    item: AnswerFact


def answer_question(question: str, facts: FactBase, *, index: FactIndex | None = None) -> Answer:
    """Answer a plain-English question from the fact base, citing each fact's source.

    Names are matched fuzzily (typos, surnames, aliases, diacritics, word order), the intent
    comes from keywords (meetings, roles, figures, quotes, or a profile of the actors named),
    and the facts are filtered, ranked by relevance and capped at `MAX_FACTS`. When nothing is
    found the answer says so and suggests questions the fact base can answer. Slack markup in
    the question is neutralized and never echoed back live.
    """
    index = index or index_for(facts)
    display, matching, truncated, had_markup = _clean_question(question or "")
    query = _analyze(display, matching, index)
    answer = Answer(question=display, intent=query.intent)
    answer.matched = [Match(hit.term, hit.name, hit.score) for hit in query.hits]
    for hit in query.hits:
        if hit.score < 100 or hit.also:
            note = f"({hit.term} → {hit.name}"
            if hit.also:
                note += f"; could also be {_join(hit.also)}"
            answer.notes.append(note + ")")
    if had_markup:
        answer.notes.append("(I left out the Slack mentions and links in your question.)")
    if truncated:
        answer.notes.append(
            f"(Your question was long, so I read only its first {MAX_QUESTION_CHARS} characters.)"
        )
    unsure = next((hit for hit in query.hits if hit.ambiguous_with), None)
    if unsure is not None and query.intent != "help":
        names = [unsure.name, *unsure.ambiguous_with]
        answer.intent = "clarify"
        answer.heading = f"Did you mean {_join(names, 'or')}?"
        answer.suggestions = [_rephrase(display, unsure.term, name) for name in names]
        return answer
    if query.intent == "help":
        answer.heading = (
            "Ask me about the Russia–Ukraine peace talks: who met whom, who is who, "
            "what was said, and the numbers reported."
        )
        answer.suggestions = suggest_questions(index)
        return answer

    answerer = {
        "meeting": _answer_meetings,
        "role": _answer_roles,
        "figure": _answer_figures,
        "quote": _answer_quotes,
        "profile": _answer_profile,
        "search": _answer_search,
    }[query.intent]
    heading, ranked, empty_message = answerer(query, index)
    ranked.sort(key=lambda r: r.key)
    answer.total = len(ranked)
    answer.facts = [r.item for r in ranked[:MAX_FACTS]]
    if answer.facts:
        answer.heading = heading
    else:
        answer.heading = empty_message
        answer.suggestions = suggest_questions(index)
    return answer


def _rephrase(question: str, term: str, name: str) -> str:
    """The question with `term` (as the user wrote it) replaced by a full name."""
    pattern = r"\s+".join(re.escape(word) for word in term.split())
    rephrased, count = re.subn(pattern, name, question, count=1, flags=re.IGNORECASE)
    return rephrased if count else f"{question} ({name})"


_CUE_WORDS = _MEETING_CUES | _QUOTE_CUES | _FIGURE_CUES | _ROLE_CUES | _PROFILE_CUES | _HELP_WORDS


def _unknown_words(query: _Query) -> str:
    words = [t.surface for t in query.leftover if t.norm not in _CUE_WORDS]
    return " ".join(words or [t.surface for t in query.leftover])


def _nothing_about(index: FactIndex, query: _Query, description: str) -> str:
    """Why the answer is empty: unknown words, or no facts of the kind asked for."""
    if not query.actors and not query.places and query.leftover:
        unknown = [t for t in query.leftover if t.norm not in _CUE_WORDS] or query.leftover
        terms = [_term_for_word(t, index) for t in unknown]
        if not description or not index.mentions(terms):
            return f"I found nothing about '{_unknown_words(query)}' in the fact base."
    if not description:
        return f"I found nothing about '{query.display}' in the fact base."
    return f"I found no {description} in the fact base."


def _term_for_word(token: _Token, index: FactIndex) -> _Term:
    if token.norm in _DEMONYMS:
        country = [stem(w) for w in _DEMONYMS[token.norm].split()]
        return index.term(token.surface, [[token.stem], country])
    synonyms = _SYNONYMS.get(token.stem, frozenset({token.stem}))
    return index.term(token.surface, [[s] for s in sorted(synonyms)])


def _term_for_actor(name: str, index: FactIndex) -> _Term:
    actor = index.actors.get(name)
    names = [name, *(actor.aliases if actor else [])]
    options = {tuple(sorted({stem(t) for t in _name_tokens(n) if t})) for n in names}
    for token in {t for n in names for t in _name_tokens(n) if t}:
        keys = index.token_keys.get(token, {})
        if keys.get(name, 0) >= 2 and index.best_actor(keys) == name:
            options.add((stem(token),))
    return index.term(name, sorted(options))


class _Hits:
    """Counts, for a fact, the terms found in its own fields and those only in its sentences.

    The facts having each term are looked up once in the index's inverted lists, so counting
    is a few set lookups per fact, however many facts are ranked.
    """

    def __init__(
        self, terms: Sequence[_Term], index: FactIndex, kind: type[Any] | None = None
    ) -> None:
        self._sets = [
            (index.with_term(t, own_only=True, kind=kind), index.with_term(t, kind=kind))
            for t in terms
        ]

    def __call__(self, fact: object) -> tuple[int, int]:
        key = id(fact)
        own = context = 0
        for own_ids, all_ids in self._sets:
            if key in own_ids:
                own += 1
            elif key in all_ids:
                context += 1
        return own, context


def _content_words(query: _Query, ignore: frozenset[str]) -> list[_Token]:
    return [t for t in query.leftover if t.norm not in ignore and not t.norm[0].isdigit()]


def _sources_count(fact: Fact) -> int:
    return len(fact.sources)


def _actor_phrase(names: Sequence[str]) -> str:
    return _join(list(names))


# Meetings


_FUTURE_WORDS = _words("will next upcoming going shall planned scheduled expected future")
_PAST_WORDS = _words("did was were held last previous earlier happened past")
_FUTURE_ORDER: dict[str, int] = {"planned": 0, "proposed": 1, "on hold": 2, "held": 3}
_FUTURE_ORDER["declined"] = 4


def _answer_meetings(query: _Query, index: FactIndex) -> tuple[str, list[_Ranked], str]:
    norms = [t.norm for t in query.tokens]
    pairs = set(zip(norms, norms[1:], strict=False))
    called_off = ("called", "off") in pairs
    words = set(norms) - ({"called"} if called_off else set())
    statuses: set[MeetingStatus] = set()
    for word in words:
        statuses |= _STATUS_WORDS.get(word, frozenset())
    if ("on", "hold") in pairs:
        statuses.add("on hold")
    if called_off:
        statuses.add("declined")
    kinds: set[MeetingKind] = set()
    for word in words:
        kinds |= _KIND_WORDS.get(word, frozenset())
    if ("in", "person") in pairs or ("face", "to") in pairs:
        kinds = {"in person"}
    elif "video" in words:
        kinds = {"video"}
    elif not kinds and words & {"talks", "negotiations"}:
        kinds = {"talks", "in person", "summit"}
    # "where was …" / "when will …": meetings with a place (a time) first, in that tense.
    asks = "place" if "where" in words else "time" if "when" in words else ""
    tense = "" if statuses else "future" if words & _FUTURE_WORDS else ""
    tense = tense or ("past" if not statuses and words & _PAST_WORDS else "")
    order = _FUTURE_ORDER if tense == "future" else _STATUS_ORDER
    leftovers = _content_words(query, _MEETING_CUES | _TOPIC_OF_ALL_TALKS)
    wanted = set(query.actors)
    role_words = [t for t in leftovers if _matches_a_role(_term_for_word(t, index), index)]
    holders: set[str] = set()
    if role_words:
        qualifiers = [n for n in query.actors if _kind_of(n, index) != "person"]
        holders = _role_holders(role_words, qualifiers, index)
        if holders:
            wanted -= set(qualifiers)
        else:
            holders = _role_holders(role_words, [], index)
        if holders:
            leftovers = [t for t in leftovers if t not in role_words]
    terms = [_term_for_word(t, index) for t in leftovers]

    pool: list[Meeting] = index.facts.meetings
    if wanted or terms:
        ids: set[int] | None = index.having(terms, kind=Meeting) if terms else None
        for name in wanted:
            of_name = {id(m) for m in index.meetings_of.get(name, [])}
            ids = of_name if ids is None else ids & of_name
        pool = index.in_order(ids or set(), Meeting)

    hits = _Hits(terms, index, Meeting)

    def collect(kinds: set[MeetingKind]) -> list[_Ranked]:
        ranked: list[_Ranked] = []
        for meeting in pool:
            position = index.position(meeting)
            participants = index.participants(meeting)
            if not wanted <= participants or (holders and not holders & participants):
                continue
            if query.places and meeting.place not in query.place_set:
                continue
            if statuses and meeting.status not in statuses:
                continue
            if kinds and meeting.kind not in kinds:
                continue
            own, context = hits(meeting)
            if own + context < len(terms):
                continue
            focus: tuple[str, ...] = ()
            if len(wanted) == 1:
                focus = tuple(p for p in meeting.participants if index.canonical(p) in wanted)
            missing = int(bool(asks) and not getattr(meeting, asks))
            in_tense = order[meeting.status] if tense else 0
            sources = -_sources_count(meeting)
            key = (missing, -own, in_tense, sources, order[meeting.status], position)
            ranked.append(_Ranked(key, AnswerFact("meeting", meeting, focus=focus)))
        return ranked

    ranked = collect(kinds)
    relaxed = ""
    if not ranked and kinds and (wanted or query.places or holders):
        # "the summit in Budapest" when Budapest had a meeting, not a summit: say so, show it.
        ranked = collect(set())
        if ranked:
            relaxed = _meeting_description(query, [], statuses, kinds, [])
            kinds = set()
    if asks and any(not r.key[0] for r in ranked):
        ranked = [r for r in ranked if not r.key[0]]
    who = [n for n in query.actors if n in wanted]
    if holders:
        who.append(f"the {' '.join(t.surface for t in role_words)}")
    description = _meeting_description(query, who, statuses, kinds, leftovers)
    heading = f"{description[0].upper()}{description[1:]} — {len(ranked)} found"
    if asks and ranked and not ranked[0].key[0]:
        ranked.sort(key=lambda r: r.key)
        meetings = [r.item.fact for r in ranked if isinstance(r.item.fact, Meeting)]
        seen = dict.fromkeys(f"{getattr(m, asks)} ({m.status})" for m in meetings)
        shown = list(seen)[:4]
        more = f" and {len(seen) - len(shown)} more" if len(seen) > len(shown) else ""
        heading += f"; {'where' if asks == 'place' else 'when'}: {'; '.join(shown)}{more}"
    elif asks and ranked:
        heading += f"; no {asks} was reported for them"
    if relaxed:
        heading = f"No {relaxed} found. {heading}"
    return heading + ":", ranked, _nothing_about(index, query, description)


_TOPIC_OF_ALL_TALKS = _words("peace war deal plan plans proposal framework")


def _matches_a_role(term: _Term, index: FactIndex) -> bool:
    return bool(index.with_term(term, own_only=True, kind=Role))


def _role_holders(words: list[_Token], qualifiers: list[str], index: FactIndex) -> set[str]:
    """Actors holding a role whose title has every word (and is "of" every qualifier)."""
    terms = [_term_for_word(t, index) for t in words] + [
        _term_for_actor(n, index) for n in qualifiers
    ]
    holders: set[str] = set()
    titled = index.having(terms[:1], own_only=True, kind=Role)
    for role_id in titled:
        role = index.fact(role_id)
        actor = index.actors.get(index.role_holder(role_id))
        if actor is None or not isinstance(role, Role):
            continue
        stems = index.own_stems(role) | _text_stems(actor.affiliation or "")
        if all(_term_in(term, stems) for term in terms):
            holders.add(actor.name)
    return holders


_STATUS_ORDER: dict[str, int] = {"held": 0, "planned": 1, "proposed": 2, "on hold": 3}
_STATUS_ORDER["declined"] = 4
_KIND_NOUNS: dict[str, tuple[str, str]] = {
    "in person": ("meeting", "meetings"),
    "talks": ("talks", "talks"),
    "call": ("call", "calls"),
    "video": ("video call", "video calls"),
    "summit": ("summit", "summits"),
}


def _meeting_description(
    query: _Query,
    who: list[str],
    statuses: set[MeetingStatus],
    kinds: set[MeetingKind],
    extra: list[_Token],
) -> str:
    if len(kinds) == 1:
        noun = _KIND_NOUNS[next(iter(kinds))][1]
    elif kinds == {"talks", "in person", "summit"}:
        noun = "talks"
    else:
        noun = "meetings"
    parts = [f"{_join(sorted(statuses))} {noun}" if statuses else noun]
    if who:
        parts.append(f"with {_actor_phrase(who)}")
    if query.places:
        parts.append(f"in {_join(query.places, 'or')}")
    if extra:
        parts.append(f"mentioning '{' '.join(t.surface for t in extra)}'")
    return " ".join(parts)


# Roles


def _answer_roles(query: _Query, index: FactIndex) -> tuple[str, list[_Ranked], str]:
    words = _content_words(query, _ROLE_CUES | _HONORIFICS_AND_WHO)
    if words:
        found = _roles_by_title(words, query.actors, index)
        if found or not query.actors:
            label = " ".join(t.surface for t in words)
            if query.actors:
                label = f"{label} ({_actor_phrase(query.actors)})"
            empty = _nothing_about(index, query, f"role matching '{label}'")
            return f"Roles matching '{label}':", found, empty
    people = [n for n in query.actors if _kind_of(n, index) == "person"]
    ranked: list[_Ranked] = []
    for order, name in enumerate(people or query.actors):
        actor = index.actors.get(name)
        for position, role in enumerate(actor.roles if actor else []):
            key = (order, -_sources_count(role), position)
            ranked.append(_Ranked(key, AnswerFact("role", role, actor=name)))
    if not ranked:
        return _answer_profile(query, index)
    return f"Who is {_actor_phrase(people or query.actors)}:", ranked, ""


def _roles_by_title(words: list[_Token], actors: list[str], index: FactIndex) -> list[_Ranked]:
    """Roles whose title (or whom they are "of") has every word; named actors rank them up."""
    terms = [_term_for_word(t, index) for t in words]
    actor_terms = [_term_for_actor(n, index) for n in actors]
    found: list[_Ranked] = []
    hits, qualifying = _Hits(terms, index, Role), _Hits(actor_terms, index, Role)
    for role in index.in_order(index.having(terms, own_only=True, kind=Role), Role):
        holder = index.role_holder(id(role))
        own, context = hits(role)
        if own < len(terms):
            continue
        qualified, _ = qualifying(role)
        if actors and not qualified and holder not in actors:
            continue
        key = (-qualified, -own * 2 - context, -_sources_count(role), index.position(role))
        found.append(_Ranked(key, AnswerFact("role", role, actor=holder)))
    return found


_HONORIFICS_AND_WHO = frozenset({"who", "is", "the"})


def _kind_of(name: str, index: FactIndex) -> str:
    actor = index.actors.get(name)
    return actor.kind if actor else "person"


# Figures


def _answer_figures(query: _Query, index: FactIndex) -> tuple[str, list[_Ranked], str]:
    norms = [t.norm for t in query.tokens]
    measures = {m for t in query.tokens for m in _MEASURE_WORDS.get(t.norm, ())}
    if "much" in norms and not measures:
        measures = {"money"}
    measure_units = frozenset().union(*(_MEASURES[m] for m in measures)) if measures else None
    words = _content_words(query, _FIGURE_CUES | frozenset(_MEASURE_WORDS) | _HOW_WORDS)
    measure_stems = frozenset(t.stem for t in query.tokens if t.norm in _MEASURE_NOUNS)
    terms = [_term_for_word(t, index) for t in words]
    wanted = set(query.actors)
    figures = index.facts.figures
    measured = False
    if measure_units is not None:
        in_measure = index.figures_in_measure(measure_units)
        if in_measure:
            figures, measured = in_measure, True
    if (terms or wanted) and not query.numbers and not measured:
        # Only figures with a word of the question, or about an actor named, can qualify.
        ids: set[int] = set()
        for term in terms:
            ids |= index.with_term(term, kind=Figure)
        for name in wanted:
            ids |= {id(f) for f in index.figures_of.get(name, [])}
        figures = index.in_order(ids, Figure)
    unit_terms = [t for t in terms if any(_term_in(t, stems) for stems in index.unit_stems)]
    scored: list[tuple[int, bool, int, bool, int, Figure]] = []
    hits = _Hits(terms, index, Figure)
    unit_fits: dict[str, bool] = {}
    for figure in figures:
        position = index.position(figure)
        if unit_terms:
            fits = unit_fits.get(figure.unit)
            if fits is None:
                stems = _text_stems(figure.unit)
                fits = unit_fits[figure.unit] = any(_term_in(t, stems) for t in unit_terms)
            if not fits:
                continue
        own, context = hits(figure)
        if measured and own + context < len(terms):
            # "the range of Tomahawks": the sentence says "the missiles"; the title names them.
            titles = _text_stems(" ".join(s.article_title for s in figure.sources))
            context += sum(1 for t in terms if _term_in(t, titles))
        number = any(_same_number(figure, n.written, n.scaled) for n in query.numbers)
        subject = figure.subject is not None and index.canonical(figure.subject) in wanted
        score = own * 2 + context + (4 if number else 0) + (2 if subject else 0)
        if measure_stems & index.own_stems(figure):
            score += 2
        relevant = number or own > 0 or subject or (measured and (context > 0 or not terms))
        scored.append((score, relevant, own, subject, position, figure))
    if terms or query.numbers or wanted:
        best = max((item[0] for item in scored), default=0)
        scored = [item for item in scored if item[1] and item[0] * 2 > best]
    ranked = [
        _Ranked(
            (-score, -own, -_sources_count(figure), position),
            AnswerFact("figure", figure),
        )
        for score, _, own, _, position, figure in scored
    ]
    asked = frozenset(t.stem for t in words)
    ranked += _companions(ranked, asked, index)
    label = " ".join([n.text for n in query.numbers] + [t.surface for t in words])
    about = label or _actor_phrase(query.actors) or _join(sorted(measures), "or")
    heading = f"Figures about '{about}':" if about else "Figures reported:"
    return (
        heading,
        ranked,
        _nothing_about(index, query, f"figures about '{about}'" if about else ""),
    )


def _in_measure(figure: Figure, units: frozenset[str]) -> bool:
    unit = fold(figure.unit)
    return unit in units or any(word in units for word in unit.split())


def _companions(ranked: list[_Ranked], asked: frozenset[str], index: FactIndex) -> list[_Ranked]:
    """Figures reported with the best ones in one clause: "launched 270 drones and 10 missiles".

    When the question names what happened ("how many drones did Russia launch"), a figure read
    in the same sentence as a best-ranked one, counting something else with that same verb,
    ranks right after it.
    """
    if not ranked:
        return []
    best_key = min(r.key for r in ranked)[0]
    shown = {id(r.item.fact) for r in ranked}
    found: list[_Ranked] = []
    groups: dict[str, dict[tuple[frozenset[str], str | None], list[Figure]]] = {}
    for r in ranked:
        top = r.item.fact
        if r.key[0] != best_key or not isinstance(top, Figure) or not top.sources:
            continue
        action = index.counted_action(top)
        if not action & asked:
            continue
        sentence = top.sources[0].sentence
        group = groups.get(sentence)
        if group is None:
            group = groups[sentence] = {}
            for figure in index.figures_by_sentence.get(sentence, []):
                what = (index.counted_action(figure), figure.subject)
                group.setdefault(what, []).append(figure)
        for figure in group.pop((action, top.subject), []):
            if id(figure) in shown:
                continue
            shown.add(id(figure))
            key = (*r.key[:-1], r.key[-1] + 0.5, index.position(figure))
            found.append(_Ranked(key, AnswerFact("figure", figure)))
    return found


def _counted_action(figure: Figure) -> frozenset[str]:
    """What a figure's counts says happened, without the noun: "drones launched" → launch."""
    return _text_stems(figure.counts) - _text_stems(figure.unit)


def _same_number(figure: Figure, written: float, scaled: float) -> bool:
    candidates = {scaled} if scaled != written else {written}
    unit = figure.unit.lower()
    multiplier = next(
        (m for suffix, m in _MULTIPLIERS.items() if re.search(rf"(?<![a-z]){suffix}$", unit)), 1.0
    )
    values = {figure.value, figure.value * multiplier}
    return any(math.isclose(v, c, rel_tol=1e-6) for v in values for c in candidates)


# Quotes and statements


def _answer_quotes(query: _Query, index: FactIndex) -> tuple[str, list[_Ranked], str]:
    about_at = next(
        (
            t.index
            for t in query.tokens
            if t.norm in ("about", "on", "regarding", "concerning", "re") and t.index > 0
        ),
        len(query.tokens),
    )
    speakers = [h.name for h in query.hits if not h.is_place and h.start < about_at]
    topic_actors = [h.name for h in query.hits if not h.is_place and h.start > about_at]
    speakers = list(dict.fromkeys(speakers))
    words = _content_words(query, _QUOTE_CUES | _WEEKDAYS_MONTHS)
    terms = [_term_for_word(t, index) for t in words]
    terms += [_term_for_actor(n, index) for n in dict.fromkeys(topic_actors) if n not in speakers]
    wanted = set(speakers)
    quotes: list[Quote] = index.facts.quotes
    statements: list[Statement] = index.facts.statements
    if wanted:
        quotes = [q for name in speakers for q in index.quotes_of.get(name, [])]
        statements = [st for name in speakers for st in index.statements_of.get(name, [])]
    elif terms:
        # Every topic must be there (or all but one of three or more): candidates first.
        ids: set[int] = set()
        for term in terms:
            ids |= index.with_term(term, kind=Quote) | index.with_term(term, kind=Statement)
        quotes, statements = index.in_order(ids, Quote), index.in_order(ids, Statement)
    found: list[tuple[int, int, AnswerFact]] = []
    hits = _Hits(terms, index)
    for quote in sorted(quotes, key=index.position):
        own, context = hits(quote)
        found.append((own, context, AnswerFact("quote", quote)))
    for statement in sorted(statements, key=index.position):
        own, context = hits(statement)
        found.append((own, context, AnswerFact("statement", statement)))
    if terms:
        # Every topic must be there; with three or more, one may be missing.
        needed = len(terms) - (1 if len(terms) >= 3 else 0)
        found = [f for f in found if f[0] + f[1] >= needed]
    ranked = [
        _Ranked(
            (-(own * 2 + context), int(item.kind == "statement"), -_sources_count(item.fact), i),
            item,
        )
        for i, (own, context, item) in enumerate(found)
    ]
    topic = " ".join(t.surface for t in words)
    topic = _join([x for x in [topic, *dict.fromkeys(topic_actors)] if x])
    description = "quotes"
    if speakers:
        description += f" from {_actor_phrase(speakers)}"
    if topic:
        description += f" about '{topic}'"
    heading = f"{description[0].upper()}{description[1:]}:"
    if not speakers and not terms:
        return "Quotes:", ranked, _nothing_about(index, query, "quotes")
    return heading, ranked, _nothing_about(index, query, description)


# Profiles and free search


def _answer_profile(query: _Query, index: FactIndex) -> tuple[str, list[_Ranked], str]:
    words = _content_words(query, _PROFILE_CUES | _ROLE_CUES)
    if words:
        return _answer_search(query, index)
    ranked: list[_Ranked] = []
    for order, name in enumerate(query.actors[:_MAX_PROFILES]):
        actor = index.actors.get(name)
        if actor is None:
            continue
        ranked.append(_Ranked((order, 0, 0), AnswerFact("actor", actor)))
        for position, role in enumerate(actor.roles[:3]):
            ranked.append(_Ranked((order, 1, position), AnswerFact("role", role, actor=name)))
        meetings = sorted(
            index.meetings_of.get(name, []),
            key=lambda m: (-_sources_count(m), _STATUS_ORDER[m.status]),
        )
        for position, meeting in enumerate(meetings[:3]):
            ranked.append(_Ranked((order, 2, position), AnswerFact("meeting", meeting)))
        quotes = sorted(index.quotes_of.get(name, []), key=lambda q: -_sources_count(q))
        if quotes:
            ranked.append(_Ranked((order, 3, 0), AnswerFact("quote", quotes[0])))
    heading = f"About {_actor_phrase(query.actors[:_MAX_PROFILES])}:"
    return heading, ranked, _nothing_about(index, query, "")


def _answer_search(query: _Query, index: FactIndex) -> tuple[str, list[_Ranked], str]:
    words = _content_words(query, _PROFILE_CUES | _ROLE_CUES)
    terms = [_term_for_word(t, index) for t in words]
    wanted = set(query.actors)
    if not terms:
        return "", [], _nothing_about(index, query, "")
    candidates: list[tuple[AnswerFact, frozenset[str]]] = []
    having = index.having(terms)
    for quote in index.in_order(having, Quote):
        candidates.append((AnswerFact("quote", quote), frozenset({index.canonical(quote.speaker)})))
    for st in index.in_order(having, Statement):
        candidates.append((AnswerFact("statement", st), frozenset({index.canonical(st.speaker)})))
    for meeting in index.in_order(having, Meeting):
        candidates.append((AnswerFact("meeting", meeting), index.participants(meeting)))
    for figure in index.in_order(having, Figure):
        subject = frozenset({index.canonical(figure.subject)}) if figure.subject else frozenset()
        candidates.append((AnswerFact("figure", figure), subject))
    for role in index.in_order(having, Role):
        holder = index.role_holder(id(role))
        candidates.append((AnswerFact("role", role, actor=holder), frozenset({holder})))
    ranked: list[_Ranked] = []
    hits = _Hits(terms, index)
    for position, (item, involved) in enumerate(candidates):
        if wanted and not wanted & involved:
            continue
        own, context = hits(item.fact)
        if own and own + context == len(terms):
            key = (-(own * 2 + context), -_sources_count(item.fact), position)
            ranked.append(_Ranked(key, item))
    label = " ".join(t.surface for t in words)
    if wanted:
        heading = f"About {_actor_phrase(query.actors)} and '{label}':"
        empty = _nothing_about(
            index, query, f"facts about {_actor_phrase(query.actors)} and '{label}'"
        )
    else:
        heading = f"Facts mentioning '{label}':"
        empty = _nothing_about(index, query, "")
    return heading, ranked, empty


# --- Suggestions ------------------------------------------------------------------------------


def suggest_questions(index: FactIndex, limit: int = 3) -> list[str]:
    """Up to `limit` questions the fact base can answer, about its most-mentioned actors."""
    if index.suggestions is None or len(index.suggestions) < limit:
        index.suggestions = _suggestions(index, limit)
    return index.suggestions[:limit]


def _suggestions(index: FactIndex, limit: int) -> list[str]:
    people = sorted(
        (a for a in index.facts.actors if a.kind == "person"),
        key=lambda a: (-index.weight(a.name), a.name),
    )
    others = sorted(
        (a for a in index.facts.actors if a.kind != "person"),
        key=lambda a: (-index.weight(a.name), a.name),
    )
    templates = [
        ("meeting", "Who met {name}?"),
        ("quote", "What did {name} say?"),
        ("role", "Who is {name}?"),
    ]
    suggestions: list[str] = []
    used: set[str] = set()
    for kind, template in templates:
        for actor in [*people, *others]:
            if actor.name in used or not _has_facts(actor, kind, index):
                continue
            suggestions.append(template.format(name=actor.name))
            used.add(actor.name)
            break
    if len(suggestions) < limit and index.facts.figures:
        suggestions.append("What figures were reported?")
    if len(suggestions) < limit and index.facts.meetings:
        suggestions.append("Which meetings are planned?")
    return suggestions[:limit]


def _has_facts(actor: Actor, kind: str, index: FactIndex) -> bool:
    if kind == "meeting":
        return bool(index.meetings_of.get(actor.name))
    if kind == "quote":
        return bool(index.quotes_of.get(actor.name))
    return bool(actor.roles) and actor.kind == "person"


# --- Rendering --------------------------------------------------------------------------------


def _join(items: Sequence[str], conjunction: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


_KIND_LABELS: dict[str, str] = {
    "in person": "meeting",
    "talks": "talks",
    "call": "phone call",
    "video": "video call",
    "summit": "summit",
}


def _meeting_text(item: AnswerFact) -> str:
    """ "Rustem Umerov and Jared Kushner — meeting in Florida, Thursday (held)".

    With a focus (the actors asked about) the line names the counterparts; otherwise, or when
    every participant was asked about, all participants.
    """
    meeting = item.fact
    assert isinstance(meeting, Meeting)
    people = item.counterparts() or meeting.participants
    what = _KIND_LABELS[meeting.kind]
    if meeting.place:
        preposition = "at" if meeting.place.lower().startswith("the ") else "in"
        what += f" {preposition} {meeting.place}"
    when = [x for x in (meeting.time, meeting.date) if x]
    if len(when) == 2 and when[0] == when[1]:
        when.pop()
    details = ", ".join([what, *when])
    return f"{_join(people) or 'unnamed participants'} — {details} ({meeting.status})"


def _format_number(value: float) -> str:
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _figure_text(figure: Figure) -> str:
    if figure.text:
        head = figure.text
    else:
        number = _format_number(figure.value)
        if figure.unit[:1] in "$€£" and figure.unit:
            head = f"{figure.unit[0]}{number}{figure.unit[1:]}"
        else:
            head = f"{number} {figure.unit}"
        if figure.qualifier:
            head = f"{figure.qualifier} {head}"
    text = f"{head} — {figure.counts}" if figure.counts else head
    return f"{text} ({figure.subject})" if figure.subject else text


def _source_text(sources: Sequence[Source]) -> str:
    if not sources:
        return ""
    source = sources[0]
    title = _truncate_words(" ".join(source.article_title.split()), _MAX_TITLE_CHARS)
    sentence = _truncate_words(" ".join(source.sentence.split()), _MAX_SENTENCE_CHARS)
    text = f" — {title} [{source.article_id} ¶{source.paragraph}]"
    if sentence:
        text += f' "{sentence}"'
    if len(sources) > 1:
        more = len(sources) - 1
        text += f" (+{more} more source{'s' if more > 1 else ''})"
    return text


_CUE_DISPLAY = {"told": "said", "tells": "says", "tell": "say"}


def render_fact(item: AnswerFact) -> str:
    """One fact as a line of plain text, followed by its first source (title, id ¶, sentence)."""
    return describe_fact(item) + _source_text(item.fact.sources)


def describe_fact(item: AnswerFact) -> str:
    """One fact as a line of plain text, without its sources."""
    fact = item.fact
    if isinstance(fact, Meeting):
        text = _meeting_text(item)
    elif isinstance(fact, Figure):
        text = _figure_text(fact)
    elif isinstance(fact, Quote):
        text = f'{fact.speaker} {_CUE_DISPLAY.get(fact.cue, fact.cue or "said")}: "{fact.words}"'
    elif isinstance(fact, Statement):
        text = f"{fact.speaker} {_CUE_DISPLAY.get(fact.cue, fact.cue or 'said')}: {fact.text}"
    elif isinstance(fact, Role):
        text = f"{item.actor} — {fact.label()}" if item.actor else fact.label()
    else:
        details = ", ".join(x for x in (fact.kind, fact.affiliation) if x)
        aliases = [a for a in fact.aliases if fold(a) != fold(fact.name)][:3]
        text = f"{fact.name} ({details})"
        if aliases:
            text += f", also written {_join(aliases, 'or')}"
    return text
