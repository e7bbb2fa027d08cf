"""Facts of one kind involving a name, for `ukraine-bot facts --about`.

The name is matched by the one name matcher, `knowledge.answer.match_actors`, over the fact
base's index, so `facts --about Lavrof` finds the actor `ask "who is Lavrof"` finds. The facts
are then selected in SQL by the matched actors' ids and by the folded keys of all their names
(facts keep the name they were reported with beside the actor link). A name of a participant,
speaker or subject that is no actor ("European leaders" in a meeting) is matched by its folded
key when no actor is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

from knowledge.answer import ActorMatch
from knowledge.names import name_key
from knowledge.store.rows import Fact, select_facts, to_fact
from knowledge.store.schema import (
    FACT_ROWS,
    ActorRow,
    FigureRow,
    MeetingRow,
    ParticipantRow,
    QuoteRow,
    StatementRow,
)


@dataclass
class FactMatches:
    """What `Store.find_facts` found: the facts, and which names `about` was matched to."""

    kind: str
    about: str | None
    facts: list[Fact]
    total: int
    matched: list[str] = field(default_factory=list)
    fuzzy: bool = False


def find_facts(
    session: Session,
    kind: str,
    about: str | None,
    actors: Sequence[ActorMatch],
    limit: int | None,
) -> FactMatches:
    """Facts of one kind, in stored order; with `about`, only those involving the `actors` it
    was matched to (see `Store.find_facts`). `total` counts them all, `limit` or not."""
    if kind not in FACT_ROWS:
        raise ValueError(f"unknown fact kind {kind!r}; one of {', '.join(FACT_ROWS)}")
    statement = select_facts(kind)
    matched: list[str] = []
    fuzzy = False
    if about is not None and about.strip():
        names = _named(session, about, actors)
        matched, fuzzy = names.display, any(match.fuzzy for match in actors)
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


def _named(session: Session, about: str, actors: Sequence[ActorMatch]) -> _MatchedNames:
    """The stored actors the matches name, with every name they go by; failing any, the
    participants, speakers and subjects that are no actor but bear the name `about`."""
    result = _MatchedNames()
    wanted = list(dict.fromkeys(match.actor for match in actors))
    if wanted:
        rows = session.scalars(
            select(ActorRow)
            .where(ActorRow.name.in_(wanted))
            .options(selectinload(ActorRow.aliases))
        )
        by_name = {row.name: row for row in rows}
        for name in wanted:
            row = by_name.get(name)
            if row is None:
                continue
            result.actor_ids.add(row.id)
            result.display.append(row.name)
            result.keys.add(row.name_key)
            result.keys.update(alias.alias_key for alias in row.aliases)
        return result
    key = name_key(about)
    other = _other_name_keys(session).get(key) if key else None
    if other is not None:
        result.keys.add(key)
        result.display.append(other)
    return result


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
