"""Merging every article's facts into one fact base.

Actors are merged across articles under one canonical name ("Witkoff" in one article,
"Steve Witkoff" in another); a fact reported in several articles becomes one fact with several
sources. The result is a pure function of the articles' facts, so the store can rebuild it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from knowledge.facts import (
    Actor,
    ActorKind,
    ArticleFacts,
    FactBase,
    Figure,
    Meeting,
    Quote,
    Role,
    Source,
    Statement,
)
from knowledge.lexicon import GROUP_DROP_WORDS
from knowledge.names import (
    canonical_place,
    fold,
    name_aliases,
    same_person,
    split_person_name,
)

MAX_ACTOR_SOURCES = 5


@dataclass
class _Cluster:
    kind: ActorKind
    members: list[tuple[str, Actor]] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)

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


def _person_compatible(cluster: _Cluster, name: str) -> bool:
    """Whether `name` can be the person every form in the cluster names."""
    return all(same_person(form, name) for form in cluster.forms)


def _group_key(name: str) -> str:
    words = [w for w in fold(name).split() if w not in GROUP_DROP_WORDS]
    return " ".join(words)


class _ActorMerger:
    def __init__(self, items: list[ArticleFacts]) -> None:
        self.items = items
        self.clusters: list[_Cluster] = []
        self.by_key: dict[str, _Cluster] = {}
        self.names: dict[tuple[str, str], str] = {}

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

    def _add_person(self, article_id: str, actor: Actor) -> None:
        candidates = [
            c for c in self.clusters if c.kind == "person" and _person_compatible(c, actor.name)
        ]
        if len(actor.name.split()) > 1:
            full = [c for c in candidates if any(len(f.split()) > 1 for f in c.forms)]
            candidates = full or candidates
        cluster = max(candidates, key=lambda c: c.mentions, default=None)
        if cluster is None:
            cluster = _Cluster(kind="person")
            self.clusters.append(cluster)
        cluster.members.append((article_id, actor))
        cluster.forms[actor.name] += max(actor.mentions, 1)
        for alias in actor.aliases:
            cluster.forms.setdefault(alias, 0)

    def _add_other(self, article_id: str, actor: Actor) -> None:
        key = _group_key(actor.name) if actor.kind == "group" else fold(canonical_place(actor.name))
        # An organization that is really a person named elsewhere ("Rustem Umerov" as ORG).
        if actor.kind in {"organization", "country"} and len(actor.name.split()) > 1:
            for person in self.clusters:
                if person.kind == "person" and any(
                    fold(f) == fold(actor.name) for f in person.forms
                ):
                    person.members.append((article_id, actor))
                    return
        found = self.by_key.get(f"{actor.kind}:{key}")
        if found is not None:
            cluster = found
        else:
            cluster = _Cluster(kind=actor.kind)
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


def _merge_meetings(meetings: list[Meeting]) -> list[Meeting]:
    merged: list[Meeting] = []
    for meeting in meetings:
        for existing in merged:
            if (
                set(existing.participants) == set(meeting.participants)
                and existing.kind == meeting.kind
                and existing.status == meeting.status
                and (not existing.place or not meeting.place or existing.place == meeting.place)
                and (
                    not existing.time
                    or not meeting.time
                    or fold(existing.time) == fold(meeting.time)
                )
            ):
                existing.sources = _unique_sources(existing.sources + meeting.sources)
                existing.place = existing.place or meeting.place
                existing.time = existing.time or meeting.time
                break
        else:
            merged.append(meeting)
    return merged


def _merge_quotes(quotes: list[Quote]) -> list[Quote]:
    merged: list[Quote] = []
    for quote in quotes:
        words = fold(quote.words)
        for existing in merged:
            if existing.speaker != quote.speaker:
                continue
            other = fold(existing.words)
            if (
                words == other
                or fuzz.ratio(words, other) >= 90
                or (len(words) > 20 and (words in other or other in words))
            ):
                if len(quote.words) > len(existing.words):
                    existing.words = quote.words
                existing.sources = _unique_sources(existing.sources + quote.sources)
                existing.topics = list(dict.fromkeys(existing.topics + quote.topics))
                break
        else:
            merged.append(quote)
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

    meetings: list[Meeting] = []
    figures: dict[tuple[float, str, str, str | None], Figure] = {}
    quotes: list[Quote] = []
    statements: dict[tuple[str, str], Statement] = {}
    for item in articles:
        aid = item.article_id
        for meeting in item.meetings:
            participants = list(dict.fromkeys(rename(aid, p) for p in meeting.participants))
            if len(participants) < 2 and not any(
                a.kind == "group" for a in actors if a.name in participants
            ):
                continue
            meetings.append(
                Meeting(
                    participants,
                    meeting.kind,
                    meeting.status,
                    meeting.place,
                    meeting.time,
                    meeting.date,
                    list(meeting.sources),
                )
            )
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
        meetings=_merge_meetings(meetings),
        figures=list(figures.values()),
        quotes=_merge_quotes(quotes),
        statements=list(statements.values()),
    )
