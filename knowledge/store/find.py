"""Facts of one kind involving a name, for `ukraine-bot facts --about`: the name matched against
actor names and aliases (and names in facts that are no actor), exactly, as a surname, or else
fuzzily, in SQL over the folded keys the store keeps beside every name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

from knowledge.names import name_key
from knowledge.store.rows import Fact, select_facts, to_fact
from knowledge.store.schema import (
    FACT_ROWS,
    ActorRow,
    AliasRow,
    FigureRow,
    MeetingRow,
    ParticipantRow,
    QuoteRow,
    StatementRow,
)

_FUZZY_CUTOFF = 85.0


@dataclass
class FactMatches:
    """What `Store.find_facts` found: the facts, and which names `about` was matched to."""

    kind: str
    about: str | None
    facts: list[Fact]
    total: int
    matched: list[str] = field(default_factory=list)
    fuzzy: bool = False


def find_facts(session: Session, kind: str, about: str | None, limit: int | None) -> FactMatches:
    """Facts of one kind, in stored order; with `about`, only those involving that name (see
    `Store.find_facts`). `total` counts them all, `limit` or not."""
    if kind not in FACT_ROWS:
        raise ValueError(f"unknown fact kind {kind!r}; one of {', '.join(FACT_ROWS)}")
    statement = select_facts(kind)
    matched: list[str] = []
    fuzzy = False
    if about is not None and about.strip():
        names = _match_names(session, about)
        matched, fuzzy = names.display, names.fuzzy
        if not names.keys and not names.actor_ids:
            return FactMatches(kind=kind, about=about, facts=[], total=0)
        statement = statement.where(_involving(kind, names.actor_ids, names.keys))
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    if limit is not None:
        statement = statement.limit(limit)
    facts = [to_fact(kind, row) for row in session.scalars(statement)]
    return FactMatches(
        kind=kind, about=about, facts=facts, total=total or 0, matched=matched, fuzzy=fuzzy
    )


@dataclass
class _MatchedNames:
    actor_ids: set[int] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    display: list[str] = field(default_factory=list)
    fuzzy: bool = False


def _match_names(session: Session, about: str) -> _MatchedNames:
    """The actors (and other named participants) that `about` names."""
    key = name_key(about)
    result = _MatchedNames()
    if not key:
        return result

    exact_ids = set(session.scalars(select(ActorRow.id).where(ActorRow.name_key == key))) | set(
        session.scalars(select(AliasRow.actor_id).where(AliasRow.alias_key == key))
    )
    other_keys = _other_name_keys(session)
    if exact_ids or key in other_keys:
        return _collect(session, result, exact_ids, {key} & set(other_keys), about, fuzzy=False)

    # A surname or other trailing part of a name: "Witkoff" for "Steve Witkoff".
    names = _all_actor_names(session)
    partial_ids = {
        actor_id
        for actor_id, name in names
        if len(key) >= 3 and (name.endswith(" " + key) or name.startswith(key + " "))
    }
    if partial_ids:
        return _collect(session, result, partial_ids, set(), about, fuzzy=False)

    choices: dict[str, tuple[set[int], set[str]]] = {}
    for actor_id, name in names:
        choices.setdefault(name, (set(), set()))[0].add(actor_id)
    for other_key in other_keys:
        choices.setdefault(other_key, (set(), set()))[1].add(other_key)
    found = process.extract(
        key, list(choices), scorer=fuzz.WRatio, score_cutoff=_FUZZY_CUTOFF, limit=None
    )
    if not found:
        return result
    best = max(score for _, score, _ in found)
    fuzzy_ids: set[int] = set()
    fuzzy_keys: set[str] = set()
    for choice, score, _ in found:
        if score >= best:
            fuzzy_ids |= choices[choice][0]
            fuzzy_keys |= choices[choice][1]
    return _collect(session, result, fuzzy_ids, fuzzy_keys, about, fuzzy=True)


def _all_actor_names(session: Session) -> list[tuple[int, str]]:
    """(actor id, folded name) for every canonical name and alias."""
    names = [
        (actor_id, key) for actor_id, key in session.execute(select(ActorRow.id, ActorRow.name_key))
    ]
    names += [
        (actor_id, key)
        for actor_id, key in session.execute(select(AliasRow.actor_id, AliasRow.alias_key))
    ]
    return names


def _other_name_keys(session: Session) -> dict[str, str]:
    """Folded → written names of participants, speakers and subjects that are no actor."""
    found: dict[str, str] = {}
    for table_key, table_name, table_actor in (
        (ParticipantRow.name_key, ParticipantRow.name, ParticipantRow.actor_id),
        (QuoteRow.speaker_key, QuoteRow.speaker, QuoteRow.speaker_id),
        (StatementRow.speaker_key, StatementRow.speaker, StatementRow.speaker_id),
        (FigureRow.subject_key, FigureRow.subject, FigureRow.subject_id),
    ):
        query = select(table_key, table_name).where(table_actor.is_(None)).distinct()
        for key, name in session.execute(query):
            if key and name:
                found.setdefault(key, name)
    return found


def _collect(
    session: Session,
    result: _MatchedNames,
    actor_ids: set[int],
    other_keys: set[str],
    about: str,
    fuzzy: bool,
) -> _MatchedNames:
    """Adds the names and aliases of the matched actors, so facts naming them any way match."""
    result.actor_ids = set(actor_ids)
    result.fuzzy = fuzzy
    if actor_ids:
        actors = session.scalars(
            select(ActorRow)
            .where(ActorRow.id.in_(actor_ids))
            .options(selectinload(ActorRow.aliases))
            .order_by(ActorRow.mentions.desc(), ActorRow.position)
        )
        for actor in actors:
            result.display.append(actor.name)
            result.keys.add(actor.name_key)
            result.keys.update(alias.alias_key for alias in actor.aliases)
    others = _other_name_keys(session) if other_keys else {}
    for key in sorted(other_keys):
        result.keys.add(key)
        result.display.append(others.get(key, about))
    return result


def _involving(kind: str, actor_ids: set[int], keys: set[str]) -> ColumnElement[bool]:
    ids = sorted(actor_ids)
    names = sorted(keys)
    if kind == "actor":
        return ActorRow.id.in_(ids)
    if kind == "meeting":
        participant = select(ParticipantRow.meeting_id).where(
            or_(ParticipantRow.actor_id.in_(ids), ParticipantRow.name_key.in_(names))
        )
        return MeetingRow.id.in_(participant)
    if kind == "figure":
        return or_(FigureRow.subject_id.in_(ids), FigureRow.subject_key.in_(names))
    if kind == "quote":
        return or_(QuoteRow.speaker_id.in_(ids), QuoteRow.speaker_key.in_(names))
    return or_(StatementRow.speaker_id.in_(ids), StatementRow.speaker_key.in_(names))
