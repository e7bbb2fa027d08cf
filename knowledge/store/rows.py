"""The consolidated fact base to rows and back.

A fact and its row name their plain fields alike (a figure's `value`, a quote's `speaker`), so
one `_columns` copies them both ways for every kind; what differs per kind is only what has rows
of its own (aliases, roles, participants, sources) and the keys and actor links the store adds
to names, so that `find_facts` matches them however they were written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from functools import partial
from operator import attrgetter
from typing import Any, Literal, TypeVar, get_origin, get_type_hints

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session, selectinload

from knowledge.facts import (
    Actor,
    FactBase,
    Figure,
    Meeting,
    Quote,
    Role,
    Sentence,
    Source,
    Statement,
)
from knowledge.names import name_key
from knowledge.store.schema import (
    FACT_ROWS,
    ActorRow,
    AliasRow,
    Base,
    FigureRow,
    MeetingRow,
    ParticipantRow,
    QuoteRow,
    RoleRow,
    SentenceRow,
    SourceRow,
    StatementRow,
)

FactKind = Literal["actor", "meeting", "figure", "quote", "statement"]
Fact = Actor | Meeting | Figure | Quote | Statement

# Fields of the schema that are rows of their own, not columns of the fact's row.
_RELATED = frozenset({"aliases", "roles", "participants", "sources"})
_Row = TypeVar("_Row", bound=Base)
_Plain = TypeVar("_Plain", Figure, Quote, Statement)


# Each schema dataclass's plain fields: the columns of its row that bear the same names, read
# with one attrgetter; and which of them hold lists (a quote's topics), copied on the way.
_COLUMN_NAMES: dict[type[Any], tuple[str, ...]] = {
    schema: tuple(field.name for field in fields(schema) if field.name not in _RELATED)
    for schema in (Actor, Role, Meeting, Figure, Quote, Statement, Source, Sentence)
}
_READ_COLUMNS = {schema: attrgetter(*names) for schema, names in _COLUMN_NAMES.items()}
_LIST_COLUMNS = {
    schema: [name for name in names if get_origin(get_type_hints(schema)[name]) is list]
    for schema, names in _COLUMN_NAMES.items()
}


def _columns(item: object, schema: type[Any]) -> dict[str, Any]:
    """The values of `schema`'s plain fields, read by name from `item`: a fact or its row, which
    name them alike. Lists are copied, so neither shares one with the other."""
    values = dict(zip(_COLUMN_NAMES[schema], _READ_COLUMNS[schema](item), strict=True))
    for name in _LIST_COLUMNS[schema]:
        values[name] = list(values[name])
    return values


# --- writing -----------------------------------------------------------------------------------


def write_fact_base(session: Session, fact_base: FactBase) -> None:
    """Adds the rows of a consolidated fact base, each kind in its order: the actors first, so
    the names in the facts after them can be linked to the actors they name.

    Written as a few multi-row INSERTs (each returning the ids it made, in order), not as an ORM
    object a row: the sources alone are tens of thousands of rows in a large base. The rows are
    those `_actor_row` and `_row` describe, names linked as `ActorLinks` links them."""
    session.flush()
    sources: list[dict[str, Any]] = []
    actors = fact_base.actors
    actor_ids = _insert(
        session,
        ActorRow,
        [
            {"position": i, **_columns(actor, Actor), "name_key": name_key(actor.name)}
            for i, actor in enumerate(actors)
        ],
    )
    _insert(
        session,
        AliasRow,
        [
            {"actor_id": actor_id, "position": i, "alias": alias, "alias_key": name_key(alias)}
            for actor, actor_id in zip(actors, actor_ids, strict=True)
            for i, alias in enumerate(actor.aliases)
        ],
        ids=False,
    )
    roles = [
        (role, actor_id)
        for actor, actor_id in zip(actors, actor_ids, strict=True)
        for role in actor.roles
    ]
    positions = [i for actor in actors for i in range(len(actor.roles))]
    role_ids = _insert(
        session,
        RoleRow,
        [
            {"actor_id": actor_id, "position": i, **_columns(role, Role)}
            for (role, actor_id), i in zip(roles, positions, strict=True)
        ],
    )
    for actor, actor_id in zip(actors, actor_ids, strict=True):
        sources.extend(_source_dicts(actor.sources, "actor_id", actor_id))
    for (role, _), role_id in zip(roles, role_ids, strict=True):
        sources.extend(_source_dicts(role.sources, "role_id", role_id))

    link = _links(
        (actor_id, name_key(actor.name), [name_key(a) for a in actor.aliases])
        for actor, actor_id in zip(actors, actor_ids, strict=True)
    )
    meeting_ids = _insert(
        session,
        MeetingRow,
        [{"position": i, **_columns(m, Meeting)} for i, m in enumerate(fact_base.meetings)],
    )
    _insert(
        session,
        ParticipantRow,
        [
            {
                "meeting_id": meeting_id,
                "position": i,
                "name": name,
                "name_key": name_key(name),
                "actor_id": link(name),
            }
            for meeting, meeting_id in zip(fact_base.meetings, meeting_ids, strict=True)
            for i, name in enumerate(meeting.participants)
        ],
        ids=False,
    )
    for meeting, meeting_id in zip(fact_base.meetings, meeting_ids, strict=True):
        sources.extend(_source_dicts(meeting.sources, "meeting_id", meeting_id))
    figure_ids = _insert(
        session,
        FigureRow,
        [
            {
                "position": i,
                **_columns(figure, Figure),
                "subject_key": name_key(figure.subject) if figure.subject is not None else None,
                "subject_id": link(figure.subject) if figure.subject is not None else None,
            }
            for i, figure in enumerate(fact_base.figures)
        ],
    )
    for figure, figure_id in zip(fact_base.figures, figure_ids, strict=True):
        sources.extend(_source_dicts(figure.sources, "figure_id", figure_id))
    said: list[tuple[type[QuoteRow | StatementRow], Sequence[Quote | Statement], str]] = [
        (QuoteRow, fact_base.quotes, "quote_id"),
        (StatementRow, fact_base.statements, "statement_id"),
    ]
    for row_type, facts, owner in said:
        ids = _insert(
            session,
            row_type,
            [
                {
                    "position": i,
                    **_columns(fact, type(fact)),
                    "speaker_key": name_key(fact.speaker),
                    "speaker_id": link(fact.speaker),
                }
                for i, fact in enumerate(facts)
            ],
        )
        for fact, fact_id in zip(facts, ids, strict=True):
            sources.extend(_source_dicts(fact.sources, owner, fact_id))
    _insert(session, SourceRow, sources, ids=False)
    _insert(
        session,
        SentenceRow,
        [
            {"position": position, **_columns(sentence, Sentence)}
            for position, sentence in enumerate(fact_base.sentences)
        ],
        ids=False,
    )


_SOURCE_OWNERS = ("actor_id", "role_id", "meeting_id", "figure_id", "quote_id", "statement_id")


def _source_dicts(sources: Sequence[Source], owner: str, owner_id: int) -> list[dict[str, Any]]:
    """The values of a fact's source rows, in order, owned by `owner` = `owner_id`."""
    owners = dict.fromkeys(_SOURCE_OWNERS)
    owners[owner] = owner_id
    return [
        {"position": position, **_columns(source, Source), **owners}
        for position, source in enumerate(sources)
    ]


def _insert(
    session: Session, row_type: type[Base], values: list[dict[str, Any]], ids: bool = True
) -> list[int]:
    """Inserts rows of `row_type` in one statement; the ids they got, in order, if `ids`."""
    if not values:
        return []
    table: Table = row_type.__table__  # type: ignore[assignment]  # a mapped class's Table
    if not ids:
        session.execute(insert(table), values)
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.execute(statement, values).scalars())


_Target = TypeVar("_Target")


def _links(
    actors: Iterable[tuple[_Target, str, list[str]]],
) -> Callable[[str], _Target | None]:
    """Finds the actor a name refers to, from each actor's (target, name key, alias keys): by
    canonical name first, then by alias; an alias shared by two actors identifies neither."""
    by_name: dict[str, _Target] = {}
    by_alias: dict[str, list[_Target]] = {}
    for target, key, alias_keys in actors:
        by_name.setdefault(key, target)
        for alias_key in alias_keys:
            by_alias.setdefault(alias_key, []).append(target)
    unique = {key: targets[0] for key, targets in by_alias.items() if len(targets) == 1}

    def link(name: str) -> _Target | None:
        key = name_key(name)
        found = by_name.get(key)
        return found if found is not None else unique.get(key)

    return link


def _actor_row(position: int, actor: Actor) -> ActorRow:
    return _row(
        ActorRow,
        position,
        actor,
        name_key=name_key(actor.name),
        aliases=[
            AliasRow(position=i, alias=alias, alias_key=name_key(alias))
            for i, alias in enumerate(actor.aliases)
        ],
        roles=[_row(RoleRow, i, role) for i, role in enumerate(actor.roles)],
    )


def _row(row_type: type[_Row], position: int, fact: Any, **related: Any) -> _Row:
    """The row of `fact` at `position`: its columns, its sources, and what `related` adds."""
    return row_type(
        position=position,
        **_columns(fact, type(fact)),
        sources=source_rows(fact.sources),
        **related,
    )


def source_rows(sources: Sequence[Source]) -> list[SourceRow]:
    """The rows of a fact's sources, in order."""
    return [
        SourceRow(position=position, **_columns(source, Source))
        for position, source in enumerate(sources)
    ]


class ActorLinks:
    """Finds the actor row a name in a fact refers to: by canonical name first, then by alias
    (what `write_fact_base` links names with, by id)."""

    def __init__(self, actors: Sequence[ActorRow]) -> None:
        self._link = _links(
            (actor, actor.name_key, [alias.alias_key for alias in actor.aliases])
            for actor in actors
        )

    def __call__(self, name: str) -> ActorRow | None:
        return self._link(name)


# --- reading -----------------------------------------------------------------------------------


def read_fact_base(session: Session) -> FactBase:
    """The consolidated fact base, every field and every source in stored order."""
    return FactBase(
        actors=[_actor(row) for row in session.scalars(select_facts("actor"))],
        meetings=[_meeting(row) for row in session.scalars(select_facts("meeting"))],
        figures=[_plain(Figure, row) for row in session.scalars(select_facts("figure"))],
        quotes=[_plain(Quote, row) for row in session.scalars(select_facts("quote"))],
        statements=[_plain(Statement, row) for row in session.scalars(select_facts("statement"))],
        sentences=[
            Sentence(**_columns(row, Sentence))
            for row in session.scalars(select(SentenceRow).order_by(SentenceRow.position))
        ],
    )


def select_facts(kind: str) -> Any:
    """The query for every row of one fact kind, in order, with what it needs loaded."""
    row = FACT_ROWS[kind]
    statement = select(row)
    if row is ActorRow:
        return statement.options(
            selectinload(ActorRow.aliases),
            selectinload(ActorRow.roles).selectinload(RoleRow.sources),
            selectinload(ActorRow.sources),
        ).order_by(ActorRow.position)
    if row is MeetingRow:
        return statement.options(
            selectinload(MeetingRow.participants), selectinload(MeetingRow.sources)
        ).order_by(MeetingRow.position)
    return statement.options(selectinload(row.sources)).order_by(row.position)


def to_fact(kind: str, row: Any) -> Fact:
    """The fact a row of `kind` holds."""
    return _READERS[kind](row)


def _sources(rows: Sequence[SourceRow]) -> list[Source]:
    return [Source(**_columns(row, Source)) for row in rows]


def _actor(row: ActorRow) -> Actor:
    return Actor(
        **_columns(row, Actor),
        aliases=[alias.alias for alias in row.aliases],
        roles=[Role(**_columns(role, Role), sources=_sources(role.sources)) for role in row.roles],
        sources=_sources(row.sources),
    )


def _meeting(row: MeetingRow) -> Meeting:
    return Meeting(
        **_columns(row, Meeting),
        participants=[participant.name for participant in row.participants],
        sources=_sources(row.sources),
    )


def _plain(schema: type[_Plain], row: Any) -> _Plain:
    """A figure, quote or statement: its columns and its sources."""
    return schema(**_columns(row, schema), sources=_sources(row.sources))


_READERS: dict[str, Callable[[Any], Fact]] = {
    "actor": _actor,
    "meeting": _meeting,
    "figure": partial(_plain, Figure),
    "quote": partial(_plain, Quote),
    "statement": partial(_plain, Statement),
}
