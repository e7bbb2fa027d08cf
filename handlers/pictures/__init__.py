"""Pictures of the fact base: who met whom around an actor, and the dated timeline of their
meetings and calls, as PNG files the bot uploads to Slack.

    network = meeting_network(facts, "Steve Witkoff")     # data.py: nodes and edges, from facts
    png = render_network(network)                           # render.py: bytes of a PNG
    timeline = meeting_timeline(facts, "Steve Witkoff")
    png = render_timeline(timeline)

The data is read from the `FactBase` alone (meetings, their participants, places, dates and
status), so a test can check that the picture's nodes and edges are the facts'. The drawing is
matplotlib's Agg backend, imported only when a picture is drawn: the app starts, and `ask`
answers, without it. Nothing here knows of Slack; the listener is handlers/pictures_command.py.
"""

from handlers.pictures.data import (
    Edge,
    MeetingNetwork,
    TimelineEntry,
    meeting_network,
    meeting_timeline,
    resolve_actor,
)
from handlers.pictures.render import PICTURE_SIZE, render_network, render_timeline

__all__ = [
    "PICTURE_SIZE",
    "Edge",
    "MeetingNetwork",
    "TimelineEntry",
    "meeting_network",
    "meeting_timeline",
    "render_network",
    "render_timeline",
    "resolve_actor",
]
