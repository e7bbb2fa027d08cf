"""A fact's stable id: what a "Report a wrong fact" click names, and `facts --flagged` reads back.

The consolidated tables are rebuilt whenever articles come in, so their row ids change; a fact
is instead named by its kind and a hash of what it says (its fields without its sources, which
grow as more articles report it, and without extraction bookkeeping such as `event` or
`mentions`). The same fact keeps its id across rebuilds and processes; a fact whose content a
later article changes (a meeting's status going from planned to held) is a new fact, and a
report on the old one is listed as no longer in the fact base.

    fact_id(meeting)            # "meeting:3f2a9c0d1e4b"
    facts_by_id(fact_base)      # {"meeting:3f2a9c0d1e4b": ("meeting", meeting), ...}
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from knowledge.facts import Actor, FactBase, Figure, Meeting, Quote, Role, Statement

Fact = Actor | Role | Meeting | Figure | Quote | Statement

_KINDS: tuple[tuple[type, str], ...] = (
    (Actor, "actor"),
    (Role, "role"),
    (Meeting, "meeting"),
    (Figure, "figure"),
    (Quote, "quote"),
    (Statement, "statement"),
)
# Fields that say how a fact was found, not what it says.
_BOOKKEEPING = frozenset({"sources", "event", "mentions", "roles", "aliases"})
_HASH_CHARS = 12
MAX_FACT_ID_CHARS = 24


def kind_of(fact: Fact) -> str:
    """ "meeting" for a Meeting, and so on."""
    for cls, kind in _KINDS:
        if isinstance(fact, cls):
            return kind
    raise TypeError(f"not a fact: {type(fact).__name__}")


def fact_id(fact: Fact, actor: str | None = None) -> str:
    """ "kind:hash" naming `fact` by what it says; a role also by whose it is (`actor`)."""
    content: dict[str, Any] = {
        key: value for key, value in asdict(fact).items() if key not in _BOOKKEEPING
    }
    if actor is not None:
        content["_actor"] = actor
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha1(encoded.encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{kind_of(fact)}:{digest[:_HASH_CHARS]}"


def facts_by_id(facts: FactBase) -> dict[str, tuple[Fact, str | None]]:
    """Every fact of the base (roles too, with their actor) by its id."""
    found: dict[str, tuple[Fact, str | None]] = {}
    for actor in facts.actors:
        found[fact_id(actor)] = (actor, None)
        for role in actor.roles:
            found[fact_id(role, actor.name)] = (role, actor.name)
    group: list[Meeting] | list[Figure] | list[Quote] | list[Statement]
    for group in (facts.meetings, facts.figures, facts.quotes, facts.statements):
        for fact in group:
            found[fact_id(fact)] = (fact, None)
    return found


def is_fact_id(text: str) -> bool:
    """Whether `text` has the shape of a fact id (what a click may carry back)."""
    kind, _, digest = text.partition(":")
    return (
        len(text) <= MAX_FACT_ID_CHARS
        and kind in {k for _, k in _KINDS}
        and len(digest) == _HASH_CHARS
        and all(c in "0123456789abcdef" for c in digest)
    )
