"""What a picture shows, read from the fact base: the meeting network around an actor and the
dated timeline of their meetings and calls. Pure data, so tests compare it with the facts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from knowledge.answer import index_for, match_actors
from knowledge.facts import FactBase, Meeting

# Statuses as the picture draws them: held solid, planned or proposed dashed, declined or on
# hold dotted.
STYLE_OF_STATUS = {
    "held": "held",
    "planned": "planned",
    "proposed": "planned",
    "declined": "declined",
    "on hold": "declined",
}
MAX_NEIGHBOURS = 24  # beyond this a picture at Slack's preview size is unreadable


@dataclass(frozen=True)
class Edge:
    """Two actors who met (or planned to, or declined to), how, and where."""

    a: str
    b: str
    style: str  # held | planned | declined: the best status among their meetings
    places: tuple[str, ...] = ()
    meetings: int = 1


@dataclass(frozen=True)
class MeetingNetwork:
    """The actor at the centre, who they met, and who else was at those meetings."""

    center: str
    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]
    left_out: int = 0  # neighbours not drawn (past MAX_NEIGHBOURS)


@dataclass(frozen=True)
class TimelineEntry:
    """One meeting or call of the actor: on the time axis when its date was resolved, else
    listed beside it with the time expression the article gave ("Thursday")."""

    date: str | None  # ISO yyyy-mm-dd
    label: str  # "call with Vladimir Putin"
    style: str
    place: str | None = None
    others: tuple[str, ...] = field(default=())
    when: str | None = None


def resolve_actor(name: str, facts: FactBase) -> str | None:
    """The canonical actor `name` refers to, matched as `ask` matches names; None if none."""
    matches = match_actors(name, index_for(facts))
    return matches[0].actor if matches else None


def meeting_network(facts: FactBase, actor: str) -> MeetingNetwork:
    """Everyone `actor` met, each pair at one of their meetings an edge (held over planned over
    declined), the places of those meetings on the edge; the busiest `MAX_NEIGHBOURS` kept."""
    involved = [m for m in facts.meetings if actor in m.participants]
    pairs: dict[tuple[str, str], list[Meeting]] = {}
    for meeting in involved:
        people = sorted(set(meeting.participants))
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                pairs.setdefault((a, b), []).append(meeting)
    weight: dict[str, int] = {}
    for (a, b), meetings in pairs.items():
        for person in (a, b):
            if person != actor:
                weight[person] = weight.get(person, 0) + len(meetings)
    ranked = sorted(weight, key=lambda p: (-weight[p], p))
    kept = set(ranked[:MAX_NEIGHBOURS]) | {actor}
    edges = tuple(
        _edge(a, b, meetings)
        for (a, b), meetings in sorted(pairs.items())
        if a in kept and b in kept
    )
    nodes = (actor, *sorted(kept - {actor}))
    return MeetingNetwork(actor, nodes, edges, left_out=max(0, len(ranked) - MAX_NEIGHBOURS))


def _edge(a: str, b: str, meetings: Sequence[Meeting]) -> Edge:
    styles = {STYLE_OF_STATUS.get(m.status, "planned") for m in meetings}
    style = "held" if "held" in styles else "planned" if "planned" in styles else "declined"
    places = tuple(dict.fromkeys(m.place for m in meetings if m.place))
    return Edge(a, b, style, places, len(meetings))


def meeting_timeline(facts: FactBase, actor: str) -> list[TimelineEntry]:
    """`actor`'s meetings and calls: those with a resolved date oldest first, then the undated
    ones in the order the fact base holds them."""
    entries: list[TimelineEntry] = []
    for meeting in facts.meetings:
        if actor not in meeting.participants:
            continue
        others = tuple(p for p in meeting.participants if p != actor)
        what = {"in person": "meeting", "video": "video call"}.get(meeting.kind, meeting.kind)
        label = f"{what} with {', '.join(others)}" if others else what
        entries.append(
            TimelineEntry(
                meeting.date[:10] if meeting.date else None,
                label,
                STYLE_OF_STATUS.get(meeting.status, "planned"),
                meeting.place,
                others,
                meeting.time,
            )
        )
    dated = sorted((e for e in entries if e.date), key=lambda e: (e.date or "", e.label))
    return dated + [e for e in entries if not e.date]
