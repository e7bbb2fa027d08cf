"""The consolidated fact base to rows and back.

A fact and its row name their plain fields alike (a figure's `value`, a quote's `speaker`), so
one `_columns` copies them both ways for every kind; what differs per kind is only what has rows
of its own (aliases, roles, participants, sources) and the keys and actor links the store adds
to names, so that `find_facts` matches them however they were written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from functools import partial
from operator import attrgetter
from typing import Any, Literal, TypeVar, get_origin, get_type_hints

from sqlalchemy import insert, select
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
    the names in the facts after them can be linked to the actors they name."""
    actor_rows = [_actor_row(position, actor) for position, actor in enumerate(fact_base.actors)]
    session.add_all(actor_rows)
    link = ActorLinks(actor_rows)
    for position, meeting in enumerate(fact_base.meetings):
        session.add(_meeting_row(position, meeting, link))
    for position, figure in enumerate(fact_base.figures):
        session.add(_row(FigureRow, position, figure, **_linked("subject", figure.subject, link)))
    said: list[tuple[type[QuoteRow | StatementRow], Sequence[Quote | Statement]]] = [
        (QuoteRow, fact_base.quotes),
        (StatementRow, fact_base.statements),
    ]
    for row_type, facts in said:
        for position, fact in enumerate(facts):
            session.add(_row(row_type, position, fact, **_linked("speaker", fact.speaker, link)))
    if fact_base.sentences:
        # Many plain rows, no relationships: one executemany, not an ORM object each.
        session.flush()
        session.execute(
            insert(SentenceRow),
            [
                {"position": position, **_columns(sentence, Sentence)}
                for position, sentence in enumerate(fact_base.sentences)
            ],
        )


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


def _meeting_row(position: int, meeting: Meeting, link: ActorLinks) -> MeetingRow:
    participants = [
        ParticipantRow(position=i, name=name, name_key=name_key(name), actor=link(name))
        for i, name in enumerate(meeting.participants)
    ]
    return _row(MeetingRow, position, meeting, participants=participants)


def _linked(field: str, name: str | None, link: ActorLinks) -> dict[str, Any]:
    """The key and the actor link kept beside a name in a fact (`<field>_key`, `<field>_actor`),
    so `find_facts` matches the name however it was written."""
    if name is None:
        return {f"{field}_key": None, f"{field}_actor": None}
    return {f"{field}_key": name_key(name), f"{field}_actor": link(name)}


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
    """Finds the actor a name in a fact refers to: by canonical name first, then by alias."""

    def __init__(self, actors: Sequence[ActorRow]) -> None:
        self._by_name: dict[str, ActorRow] = {}
        by_alias: dict[str, list[ActorRow]] = {}
        for actor in actors:
            self._by_name.setdefault(actor.name_key, actor)
            for alias in actor.aliases:
                by_alias.setdefault(alias.alias_key, []).append(actor)
        # An alias shared by two actors ("Trump" for two Trumps) identifies neither.
        self._by_alias = {key: rows[0] for key, rows in by_alias.items() if len(rows) == 1}

    def __call__(self, name: str) -> ActorRow | None:
        key = name_key(name)
        return self._by_name.get(key) or self._by_alias.get(key)


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
