"""Merging every article's facts into one fact base.

Actors are merged across articles under one canonical name ("Witkoff" in one article,
"Steve Witkoff" in another); a fact reported in several articles becomes one fact with several
sources. The result is a pure function of the articles' facts, so the store can rebuild it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from rapidfuzz import fuzz, process

from knowledge.dates import parse_iso
from knowledge.facts import (
    Actor,
    ActorKind,
    ArticleFacts,
    FactBase,
    Figure,
    Meeting,
    Quote,
    Role,
    Sentence,
    Source,
    Statement,
)
from knowledge.lexicon import COUNTRIES, GROUP_DROP_WORDS, SEATS
from knowledge.names import (
    canonical_place,
    fold,
    name_aliases,
    same_person,
    same_surname_key,
    split_person_name,
    surname_of,
)

MAX_ACTOR_SOURCES = 5


@dataclass
class _Cluster:
    kind: ActorKind
    members: list[tuple[str, Actor]] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    number: int = 0  # its position among the clusters: the order they were made in
    surname: str = ""  # a person cluster's first member's surname key (`surname_of`)

    @property
    def mentions(self) -> int:
        return sum(actor.mentions for _, actor in self.members)

    def canonical(self) -> str:
        if self.kind == "person":
            full = Counter(
                {f: n for f, n in self.forms.items() if len(f.split()) > 1} or self.forms
            )
            # The most used spelling among the fullest forms.
            longest = max(len(f.split()) for f in full)
            fullest = {f: n for f, n in full.items() if len(f.split()) >= min(longest, 2)}
            return max(fullest.items(), key=lambda kv: (kv[1], kv[0]))[0]
        return max(self.forms.items(), key=lambda kv: (kv[1], kv[0]))[0]


# `same_surname`: keys shorter than this match only when equal; longer ones also when they start
# alike and score `_NEAR_SURNAME` or more (`fuzz.ratio`: 200 * common letters / both lengths).
_SHORT_SURNAME = 6
_NEAR_SURNAME = 92


def _surname_bucket(key: str) -> tuple[str, int]:
    """Where person clusters whose first member has this surname key are kept: a short key on
    its own, a long one with the others of its initial and length."""
    return (key, 0) if len(key) < _SHORT_SURNAME else (key[0], len(key))


@cache
def _surname_buckets(key: str) -> list[tuple[str, int]]:
    """The buckets of every surname key `same_surname` can find equal to `key`: two names can be
    one person (`same_person`) only then, so clusters are looked up there, not compared with
    every name. A long key's near matches start alike and are of a length that can still
    score `_NEAR_SURNAME` (at best all of the shorter key's letters in common)."""
    if len(key) < _SHORT_SURNAME:
        return [_surname_bucket(key)]
    return [
        (key[0], length)
        for length in range(_SHORT_SURNAME, 2 * len(key) + 1)
        if 200 * min(length, len(key)) / (length + len(key)) >= _NEAR_SURNAME - 0.1
    ]


@dataclass
class _Bucket:
    """The person clusters of one surname bucket, by their first member's surname key, and
    those keys in the order first seen (what a new key is compared with, in one rapidfuzz call:
    the bucket of a common initial and length holds thousands of surnames in a year of news)."""

    keys: list[str] = field(default_factory=list)
    clusters: dict[str, list[_Cluster]] = field(default_factory=dict)

    def add(self, cluster: _Cluster) -> None:
        found = self.clusters.get(cluster.surname)
        if found is None:
            self.keys.append(cluster.surname)
            found = self.clusters[cluster.surname] = []
        found.append(cluster)

    def near(self, key: str) -> list[_Cluster]:
        """The clusters whose surname key `same_surname_key` finds equal to `key`."""
        if len(self.keys) < 8:
            keys = [k for k in self.keys if same_surname_key(k, key)]
        else:
            near = process.extract(
                key, self.keys, scorer=fuzz.ratio, score_cutoff=_NEAR_SURNAME, limit=None
            )
            keys = [k for k, _, _ in near if same_surname_key(k, key)]  # equal keys score 100
        return [c for k in keys for c in self.clusters[k]]


def _in_creation_order(clusters: list[_Cluster]) -> list[_Cluster]:
    """The clusters in the order they were made."""
    return sorted(clusters, key=lambda c: c.number)


def _group_key(name: str) -> str:
    words = [w for w in fold(name).split() if w not in GROUP_DROP_WORDS]
    return " ".join(words)


class _ActorMerger:
    def __init__(self, items: list[ArticleFacts]) -> None:
        self.items = items
        self.clusters: list[_Cluster] = []
        self.by_key: dict[str, _Cluster] = {}
        self.names: dict[tuple[str, str], str] = {}
        # Person clusters by the surname bucket of their first member (`_surname_bucket`): a
        # name joining a cluster is the same person as every form of it, the first included,
        # so only the clusters of its key's buckets whose key can match it can take it.
        self.by_surname: dict[tuple[str, int], _Bucket] = defaultdict(_Bucket)
        self._same: dict[tuple[str, str], bool] = {}
        # The first person cluster with each folded form, once every person is placed.
        self._person_forms: dict[str, _Cluster] | None = None

    def merge(self) -> tuple[list[Actor], dict[tuple[str, str], str]]:
        people = [
            (item.article_id, a) for item in self.items for a in item.actors if a.kind == "person"
        ]
        # Full names first, the most mentioned first, so surnames join the right person.
        people.sort(key=lambda pa: (-len(pa[1].name.split()), -pa[1].mentions))
        for article_id, actor in people:
            self._add_person(article_id, actor)
        for item in self.items:
            for actor in item.actors:
                if actor.kind != "person":
                    self._add_other(item.article_id, actor)
        canonical = {id(c): c.canonical() for c in self.clusters}
        for cluster in self.clusters:
            for article_id, actor in cluster.members:
                self.names[(article_id, actor.name)] = canonical[id(cluster)]
        actors = [self._actor(cluster, canonical[id(cluster)]) for cluster in self.clusters]
        return actors, self.names

    def _compatible(self, cluster: _Cluster, name: str) -> bool:
        """Whether `name` can be the person every form in the cluster names."""
        for form in cluster.forms:
            same = self._same.get((form, name))
            if same is None:
                same = self._same[(form, name)] = same_person(form, name)
            if not same:
                return False
        return True

    def _add_person(self, article_id: str, actor: Actor) -> None:
        key = surname_of(actor.name)
        # Its first member's surname first: a cheap test every form must pass anyway.
        found = [c for b in _surname_buckets(key) for c in self.by_surname[b].near(key)]
        candidates = [c for c in _in_creation_order(found) if self._compatible(c, actor.name)]
        if len(actor.name.split()) > 1:
            full = [c for c in candidates if any(len(f.split()) > 1 for f in c.forms)]
            candidates = full or candidates
        cluster = max(candidates, key=lambda c: c.mentions, default=None)
        if cluster is None:
            cluster = _Cluster(kind="person", number=len(self.clusters), surname=key)
            self.clusters.append(cluster)
            self.by_surname[_surname_bucket(key)].add(cluster)
        cluster.members.append((article_id, actor))
        cluster.forms[actor.name] += max(actor.mentions, 1)
        for alias in actor.aliases:
            cluster.forms.setdefault(alias, 0)

    def _add_other(self, article_id: str, actor: Actor) -> None:
        key = _group_key(actor.name) if actor.kind == "group" else fold(canonical_place(actor.name))
        # An organization that is really a person named elsewhere ("Rustem Umerov" as ORG).
        if actor.kind in {"organization", "country"} and len(actor.name.split()) > 1:
            if self._person_forms is None:  # every person is placed before any other actor
                self._person_forms = {}
                for person in self.clusters:
                    if person.kind == "person":
                        for form in person.forms:
                            self._person_forms.setdefault(fold(form), person)
            found_person = self._person_forms.get(fold(actor.name))
            if found_person is not None:
                found_person.members.append((article_id, actor))
                return
        found = self.by_key.get(f"{actor.kind}:{key}")
        if found is not None:
            cluster = found
        else:
            cluster = _Cluster(kind=actor.kind, number=len(self.clusters))
            self.by_key[f"{actor.kind}:{key}"] = cluster
            self.clusters.append(cluster)
        cluster.members.append((article_id, actor))
        cluster.forms[canonical_place(actor.name)] += max(actor.mentions, 1)

    def _actor(self, cluster: _Cluster, name: str) -> Actor:
        roles: dict[tuple[str, str | None], Role] = {}
        affiliations: Counter[str] = Counter()
        sources: list[Source] = []
        forms: list[str] = [name]
        for article_id, actor in cluster.members:
            forms.extend([actor.name, *actor.aliases])
            sources.extend(actor.sources)
            if actor.affiliation:
                affiliations[canonical_place(actor.affiliation)] += 1
            for role in actor.roles:
                of = self.names.get((article_id, role.of), role.of) if role.of else None
                if of == name:
                    continue
                merged = roles.setdefault((role.title.lower(), of), Role(role.title, of))
                merged.sources.extend(role.sources)
        if cluster.kind == "person" and len(name.split()) > 1:
            forms.append(split_person_name(name)[1])
        aliases = [a for a in name_aliases(forms) if a != name]
        return Actor(
            name=name,
            kind=cluster.kind,
            aliases=list(dict.fromkeys(aliases)),
            roles=_merge_roles(list(roles.values())),
            affiliation=affiliations.most_common(1)[0][0] if affiliations else None,
            mentions=cluster.mentions,
            sources=_unique_sources(sources)[:MAX_ACTOR_SOURCES],
        )


def _merge_roles(roles: list[Role]) -> list[Role]:
    """ "president" with no owner joins the one "president (X)" there is, if there is one."""
    by_title: dict[str, list[Role]] = defaultdict(list)
    for role in roles:
        by_title[role.title.lower()].append(role)
    merged: list[Role] = []
    for group in by_title.values():
        owned = [r for r in group if r.of]
        bare = [r for r in group if not r.of]
        if len(owned) >= 1 and bare:
            target = max(owned, key=lambda r: len(r.sources))
            for role in bare:
                target.sources.extend(role.sources)
            bare = []
        merged.extend(owned + bare)
    for role in merged:
        role.sources = _unique_sources(role.sources)
    merged.sort(key=lambda r: -len(r.sources))
    return merged


def _unique_sources(sources: Iterable[Source]) -> list[Source]:
    seen: dict[tuple[str, int, str], Source] = {}
    for source in sources:
        seen.setdefault((source.article_id, source.paragraph, source.sentence), source)
    return list(seen.values())


# --- events: mentions of one real meeting merged ------------------------------------------------

_IN_PERSON = frozenset({"in person", "summit", "talks"})
_KIND_RANK = {"summit": 3, "talks": 2, "in person": 1}
# Within one article, the status that overrides the others when mentions of one event differ:
# what was put off or refused outweighs what was planned (put off first: "called off" and
# "no plans" for the moment of a summit still said to be postponed, not cancelled), and a
# report that it happened outweighs a plan or a hope.
_STATUS_RANK = {"on hold": 5, "declined": 4, "held": 3, "planned": 2, "proposed": 1}
# Reports a later offer or hope does not override: a refusal. (A held meeting and a later
# proposal of the same pair at the same place are mostly a next round, kept as reported.)
_SETTLED = frozenset({"declined"})
_DAY_PRECISE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|"
    r"tonight|\d{1,2})\b",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_COUNTRY_KEYS = frozenset(fold(c) for c in COUNTRIES)
_SEAT_CITY = {fold(seat): fold(city) for seat, city in SEATS.items()}


@dataclass
class _Event:
    """Mentions of one meeting, each with the position of its article (for "latest")."""

    mentions: list[tuple[tuple[str, int], Meeting]] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None
    time: str | None = None
    sources_in: set[str] = field(default_factory=set)  # the articles of its mentions
    number: int = 0  # its position among the events

    def add(self, order: tuple[str, int], meeting: Meeting) -> None:
        self.mentions.append((order, meeting))
        self.sources_in.update(s.article_id for s in meeting.sources)
        self.participants = list(dict.fromkeys(self.participants + meeting.participants))
        self.place = _more_specific_place(self.place, meeting.place)
        if meeting.date and (self.date is None or _span_days(meeting.date) < _span_days(self.date)):
            self.date, self.time = meeting.date, meeting.time or self.time
        elif not self.date and _time_precision(meeting.time) > _time_precision(self.time):
            self.time = meeting.time

    def articles(self) -> set[str]:
        return self.sources_in

    def meeting(self) -> Meeting:
        meetings = [m for _, m in self.mentions]
        kinds = [m.kind for m in meetings]
        kind = (
            max(kinds, key=lambda k: _KIND_RANK.get(k, 0)) if set(kinds) <= _IN_PERSON else kinds[0]
        )
        # The latest report decides; without publication dates, what outranks the rest.
        dated = [order[0] for order, _ in self.mentions if order[0]]
        latest = max(dated, default="")
        reports = [m for order, m in self.mentions if order[0] == latest] if dated else meetings
        status = max((m.status for m in reports), key=lambda s: _STATUS_RANK[s])
        if status == "proposed":
            # An offer or a hope does not undo a refusal: a meeting declined stays declined
            # unless a later report says it was agreed (planned) or held ("Zelenskyy declined
            # the invitation to Moscow", later "Putin would receive Zelenskyy only in Moscow").
            settled = [(order, m.status) for order, m in self.mentions if m.status in _SETTLED]
            if settled:
                status = max(settled, key=lambda o: (o[0], _STATUS_RANK[o[1]]))[1]
        sources = _unique_sources(s for m in meetings for s in m.sources)
        return Meeting(self.participants, kind, status, self.place, self.time, self.date, sources)


def _time_precision(time: str | None) -> int:
    """How precisely a time expression without a date names a day: a day over a week, a
    week over a month, anything over nothing."""
    if not time:
        return 0
    if _DAY_PRECISE.search(time):
        return 3
    return 2 if re.search(r"\bweek(?:end)?\b", time, re.IGNORECASE) else 1


def _span_days(value: str) -> int:
    start, _, end = value.partition("/")
    first, last = parse_iso(start), parse_iso(end or start)
    return (last - first).days if first and last else 10_000


def _place_key(place: str) -> str:
    return fold(place).split(",")[0].strip()


def _places_compatible(a: str | None, b: str | None) -> bool:
    """Whether two places may be where one meeting was: one unknown, one inside the other
    ("Budapest, Hungary" and "Budapest"), or a seat and its city ("Kremlin", "Moscow")."""
    if not a or not b:
        return True
    fa, fb = fold(a), fold(b)
    if fa in fb or fb in fa:
        return True
    ka, kb = _place_key(a), _place_key(b)
    return _SEAT_CITY.get(ka, ka) == _SEAT_CITY.get(kb, kb)


def _more_specific_place(a: str | None, b: str | None) -> str | None:
    """Of two compatible places, the one that says more: the longer of nested names, a seat
    over its city, a city over its country."""
    if not a or not b:
        return a or b
    for seat, city in ((a, b), (b, a)):
        if _SEAT_CITY.get(_place_key(seat)) == _place_key(city) and "," not in seat:
            return f"{seat}, {city}"  # "Kremlin, Moscow"

    def rank(place: str) -> tuple[int, int]:
        key = _place_key(place)
        level = 0 if key in _COUNTRY_KEYS else 2 if key in _SEAT_CITY else 1
        return level, len(place)

    return max((a, b), key=rank)


def _dates_overlap(a: str, b: str) -> bool:
    a_start, _, a_end = a.partition("/")
    b_start, _, b_end = b.partition("/")
    return a_start <= (b_end or b_start) and b_start <= (a_end or a_start)


def _weekdays(value: str) -> set[str]:
    """The weekdays of an ISO date or interval (all seven for a week or more)."""
    start, _, end = value.partition("/")
    first, last = parse_iso(start), parse_iso(end or start)
    if not first or not last:
        return set(_WEEKDAYS)
    days = min(max((last - first).days, 0), 6)
    return {_WEEKDAYS[(first.weekday() + n) % 7] for n in range(days + 1)}


def _times_compatible(event: _Event, meeting: Meeting) -> bool:
    """Dates that overlap; without dates, time expressions that do not name two different
    days ("Friday" and "earlier this month" may be one day, "Friday" and "Tuesday" are not);
    a weekday named without a date and a date that is another weekday ("on Tuesday" in an
    undated story, and 2026-01-22, a Thursday) are not one day either."""
    if event.date and meeting.date:
        return _dates_overlap(event.date, meeting.date)
    a, b = event.time, meeting.time
    dated, named = (event.date, b) if event.date else (meeting.date, a)
    if dated and named:
        said = {day for day in _WEEKDAYS if re.search(rf"\b{day}\b", named, re.IGNORECASE)}
        return not said or bool(said & _weekdays(dated))
    if not a or not b or event.date or meeting.date:
        return True
    if _DAY_PRECISE.search(a) and _DAY_PRECISE.search(b):
        return fold(a).replace("on ", "") == fold(b).replace("on ", "")
    return True


def _anchored(event: _Event, meeting: Meeting) -> bool:
    """Whether two mentions agree on where or when, both saying it: "will meet in Budapest"
    and "met in Budapest", "talks on Friday" and "the summit on Friday"."""
    if event.place and meeting.place:
        return True
    if event.date and meeting.date:
        return True
    return bool(event.time and meeting.time) and fold(event.time or "") == fold(meeting.time or "")


def _planned_after_held(event: _Event, meeting: Meeting, published: str) -> bool:
    """Whether one side is a meeting held on a known date and the other one still ahead in an
    article published after that date: "Witkoff met Putin in Moscow on Aug. 6" and, in
    November, "Witkoff will travel to Moscow next week to meet Putin" are two meetings."""

    def last_day(value: str) -> str:
        return value.partition("/")[2] or value.partition("/")[0]

    if meeting.status != "held":
        held = [m.date for _, m in event.mentions if m.status == "held" and m.date]
        return bool(published) and any(published > last_day(d) for d in held)
    if not meeting.date:
        return False
    ahead = [order[0] for order, m in event.mentions if m.status != "held" and order[0]]
    return any(day > last_day(meeting.date) for day in ahead)


def _undated_far_from_date(event: _Event, meeting: Meeting, published: str) -> bool:
    """Whether one side says no time at all, the other a date, and the undated side's article
    came out more than `_UNDATED_REACH` days from that date: "Putin met Witkoff and Kushner"
    (at the Kremlin, in a story of 3 December) is not their Kremlin talks of 22 January, though
    the place agrees. Within the reach it may be (a story of the next day, undated)."""
    if event.date and not meeting.date and not meeting.time:
        dated, told = parse_iso(event.date), [parse_iso(published)]
    elif meeting.date and not event.date and not event.time:
        dated = parse_iso(meeting.date)
        told = [parse_iso(s.published) for _, m in event.mentions for s in m.sources]
    else:
        return False
    days = [abs((day - dated).days) for day in told if day is not None and dated is not None]
    return bool(days) and min(days) > _UNDATED_REACH


_UNDATED_REACH = 7


def _same_event(event: _Event, meeting: Meeting, published: str = "") -> bool:
    """Whether `meeting` reports the event the mentions so far report: a kind of the same
    family, the same participants (or more or fewer of them where both say where or when),
    compatible places and times, and a status on the same side of "held" unless anchored;
    across articles never a meeting held on a date and one still ahead after it (`published`:
    the date of `meeting`'s article)."""
    if not {s.article_id for s in meeting.sources} & event.articles() and _planned_after_held(
        event, meeting, published
    ):
        return False
    first = event.mentions[0][1]
    kinds = {first.kind, meeting.kind}
    if not (kinds <= _IN_PERSON or len(kinds) == 1):
        return False
    if not _places_compatible(event.place, meeting.place) or not _times_compatible(event, meeting):
        return False
    mine, theirs = set(event.participants), set(meeting.participants)
    anchored = _anchored(event, meeting)
    here = {s.article_id for s in meeting.sources}
    same_article = bool(here & event.articles())
    # Within an article, whether it reports the event held is its own mentions' say (another
    # article may report held what this one still has ahead).
    held = {
        m.status == "held"
        for _, m in event.mentions
        if not same_article or {s.article_id for s in m.sources} & here
    }
    # More or fewer participants: within one article, one event where both say where or when,
    # or both report it held ("Trump met Zelenskyy" and "… met Zelenskyy and European
    # leaders" in a story about that meeting).
    nested = len(mine & theirs) >= 2 and (mine <= theirs or theirs <= mine)
    together = same_article and (anchored or (held == {True} and meeting.status == "held"))
    if mine != theirs and not (nested and together):
        return False  # across articles, the same participants only
    if not same_article and _undated_far_from_date(event, meeting, published):
        return False
    if not same_article and not anchored:
        # Across articles, a meeting is the same event only where both agree on where or
        # when, or where three or more people are reported to have met: hoped-for meetings
        # of two leaders recur in every article and are not one event.
        # Not a mention that says neither where nor when with an event another article dates
        # ("Putin met Witkoff and Kushner", undated, and their Kremlin talks on Jan. 22): the
        # same three people meet again and again.
        if (event.date and not meeting.time) or (meeting.date and not event.time):
            return False
        return held == {True} and meeting.status == "held" and mine == theirs and len(mine) >= 3
    return held == {meeting.status == "held"} or anchored


def merge_events(meetings: list[tuple[tuple[str, int], Meeting]]) -> list[Meeting]:
    """Mentions of the same real meeting, within and across articles, as one event with all
    their sources: participants united, the most specific place and date kept, the status of
    the latest article's report (`order`: its publication date and position)."""
    events: list[_Event] = []
    keyed: dict[tuple[str, str], _Event] = {}
    by_participant: dict[str, set[int]] = defaultdict(set)  # events (by index) with a name
    by_article: dict[str, set[int]] = defaultdict(set)  # events with a mention in an article
    by_set: dict[frozenset[str], set[int]] = defaultdict(set)  # events by their participants
    for order, meeting in meetings:
        article = meeting.sources[0].article_id if meeting.sources else ""
        key = (article, meeting.event) if meeting.event else None
        found = keyed.get(key) if key else None
        if found is None:
            # Only events sharing a participant can be this meeting's; its own article's
            # first: a later sentence most likely reports the meeting the article is about.
            # Another article's event is this one only with the same participants
            # (`_same_event`), so only those are tried: looked up, not scanned.
            here = {s.article_id for s in meeting.sources}
            shared = {i for p in meeting.participants for i in by_participant[p]}
            own = sorted({i for a in here for i in by_article[a]} & shared)
            same = sorted((by_set[frozenset(meeting.participants)] & shared) - set(own))
            candidates = [events[i] for i in own + same]
            found = next(
                (event for event in candidates if _same_event(event, meeting, order[0])), None
            )
        if found is None:
            found = _Event(number=len(events))
            events.append(found)
        by_set[frozenset(found.participants)].discard(found.number)
        found.add(order, meeting)
        by_set[frozenset(found.participants)].add(found.number)
        for participant in found.participants:
            by_participant[participant].add(found.number)
        for source_article in found.articles():
            by_article[source_article].add(found.number)
        if key:
            keyed[key] = found
    return [event.meeting() for event in events]


def _merge_quotes(quotes: list[Quote]) -> list[Quote]:
    """Repeats of a quote (the same speaker, the same or nearly the same words) as one, in the
    order of their first report. Each quote is compared only with its speaker's, in that order,
    their folded words kept with them, not with every quote merged so far."""
    merged: list[Quote] = []
    by_speaker: dict[str, list[tuple[Quote, str]]] = defaultdict(list)
    for quote in quotes:
        words = fold(quote.words)
        said = by_speaker[quote.speaker]
        for i, (existing, other) in enumerate(said):
            if (
                words == other
                or fuzz.ratio(words, other) >= 90
                or (len(words) > 20 and (words in other or other in words))
            ):
                if len(quote.words) > len(existing.words):
                    existing.words = quote.words
                    said[i] = (existing, words)
                existing.sources = _unique_sources(existing.sources + quote.sources)
                existing.topics = list(dict.fromkeys(existing.topics + quote.topics))
                break
        else:
            merged.append(quote)
            said.append((quote, words))
    return merged


def _keep_shared_surnames_for_the_most_mentioned(actors: list[Actor]) -> None:
    """ "Trump" alone is Donald Trump's alias, not Melania Trump's (actors sorted by mentions)."""
    taken: set[str] = set()
    for actor in actors:
        if actor.kind != "person":
            continue
        single = [a for a in actor.aliases if len(a.split()) == 1]
        actor.aliases = [a for a in actor.aliases if a not in single or fold(a) not in taken]
        taken.update(fold(a) for a in single)


def consolidate(items: Iterable[ArticleFacts]) -> FactBase:
    """One fact base from every article's facts: canonical actors, merged repeated facts."""
    articles = list(items)
    actors, names = _ActorMerger(articles).merge()

    def rename(article_id: str, name: str) -> str:
        return names.get((article_id, name), name)

    groups = {a.name for a in actors if a.kind == "group"}
    meetings: list[tuple[tuple[str, int], Meeting]] = []
    figures: dict[tuple[float, str, str, str | None], Figure] = {}
    quotes: list[Quote] = []
    statements: dict[tuple[str, str], Statement] = {}
    sentences: list[Sentence] = []
    for position, item in enumerate(articles):
        aid = item.article_id
        for sentence in item.sentences:
            named = list(dict.fromkeys(rename(aid, name) for name in sentence.actors))
            sentences.append(replace(sentence, actors=named))
        for meeting in item.meetings:
            participants = list(dict.fromkeys(rename(aid, p) for p in meeting.participants))
            if len(participants) < 2 and not any(p in groups for p in participants):
                continue
            published = next((s.published for s in meeting.sources if s.published), "")
            copy = Meeting(
                participants,
                meeting.kind,
                meeting.status,
                meeting.place,
                meeting.time,
                meeting.date,
                list(meeting.sources),
                meeting.event,
            )
            meetings.append(((published or "", position), copy))
        for figure in item.figures:
            subject = rename(aid, figure.subject) if figure.subject else None
            key = (figure.value, figure.unit, fold(figure.counts), figure.qualifier)
            if key in figures:
                figures[key].sources = _unique_sources(figures[key].sources + figure.sources)
            else:
                figures[key] = Figure(
                    figure.value,
                    figure.unit,
                    figure.counts,
                    figure.text,
                    figure.qualifier,
                    subject,
                    list(figure.sources),
                )
        for quote in item.quotes:
            quotes.append(
                Quote(
                    rename(aid, quote.speaker),
                    quote.words,
                    quote.cue,
                    list(quote.topics),
                    list(quote.sources),
                )
            )
        for statement in item.statements:
            speaker = rename(aid, statement.speaker)
            skey = (speaker, fold(statement.text))
            if skey in statements:
                statements[skey].sources = _unique_sources(
                    statements[skey].sources + statement.sources
                )
            else:
                statements[skey] = Statement(
                    speaker, statement.text, statement.cue, list(statement.sources)
                )
    actors.sort(key=lambda a: (-a.mentions, a.name))
    _keep_shared_surnames_for_the_most_mentioned(actors)
    return FactBase(
        actors=actors,
        meetings=merge_events(meetings),
        figures=list(figures.values()),
        quotes=_merge_quotes(quotes),
        statements=list(statements.values()),
        sentences=sentences,
    )
