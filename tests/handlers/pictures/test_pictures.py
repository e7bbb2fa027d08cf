"""The pictures' data is the facts' (nodes, edges, their styles and places; the timeline's
order), and what is drawn is a valid PNG of the promised size."""

from __future__ import annotations

import gc
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from handlers.pictures import (
    PICTURE_SIZE,
    Edge,
    meeting_network,
    meeting_timeline,
    render_network,
    render_timeline,
    resolve_actor,
)
from handlers.pictures import render as render_module
from handlers.pictures.data import MAX_NEIGHBOURS
from knowledge.facts import FactBase, Meeting
from tests.factories import rich_fact_base, src
from tests.png import png_size


def meeting(
    people: list[str],
    status: str,
    place: str | None = None,
    day: str | None = None,
    kind: str = "in person",
) -> Meeting:
    return Meeting(
        participants=people,
        kind=kind,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        place=place,
        date=day,
        sources=[src("envoy", 2, f"{' and '.join(people)} met.")],
    )


def talks_base() -> FactBase:
    base = rich_fact_base()
    base.meetings = [
        meeting(["Steve Witkoff", "Vladimir Putin"], "held", "Moscow", "2025-08-06"),
        meeting(["Steve Witkoff", "Vladimir Putin"], "planned", "Alaska", "2025-08-15"),
        meeting(["Steve Witkoff", "Rustem Umerov", "Jared Kushner"], "planned", "Miami"),
        meeting(["Steve Witkoff", "Kirill Dmitriev"], "declined", None, "2025-10-24", "call"),
        meeting(["Volodymyr Zelenskyy", "European leaders"], "held", "London"),
    ]
    return base


def test_the_network_is_the_meetings_of_the_actor() -> None:
    network = meeting_network(talks_base(), "Steve Witkoff")

    assert network.center == "Steve Witkoff"
    assert set(network.nodes) == {
        "Steve Witkoff",
        "Vladimir Putin",
        "Rustem Umerov",
        "Jared Kushner",
        "Kirill Dmitriev",
    }
    assert set(network.edges) == {
        # Two meetings with Putin: held wins over planned; both places on the edge.
        Edge("Steve Witkoff", "Vladimir Putin", "held", ("Moscow", "Alaska"), 2),
        Edge("Rustem Umerov", "Steve Witkoff", "planned", ("Miami",), 1),
        Edge("Jared Kushner", "Steve Witkoff", "planned", ("Miami",), 1),
        Edge("Jared Kushner", "Rustem Umerov", "planned", ("Miami",), 1),
        Edge("Kirill Dmitriev", "Steve Witkoff", "declined", (), 1),
    }
    assert "Volodymyr Zelenskyy" not in network.nodes  # a meeting without Witkoff


def test_a_busy_network_keeps_the_most_met_and_counts_the_rest() -> None:
    people = [f"Person {i:02d}" for i in range(MAX_NEIGHBOURS + 6)]
    base = FactBase(meetings=[meeting(["Steve Witkoff", p], "held") for p in people])

    network = meeting_network(base, "Steve Witkoff")

    assert len(network.nodes) == MAX_NEIGHBOURS + 1 and network.left_out == 6


def test_the_timeline_is_dated_meetings_oldest_first_then_the_undated() -> None:
    entries = meeting_timeline(talks_base(), "Steve Witkoff")

    assert [(e.date, e.label, e.style) for e in entries] == [
        ("2025-08-06", "meeting with Vladimir Putin", "held"),
        ("2025-08-15", "meeting with Vladimir Putin", "planned"),
        ("2025-10-24", "call with Kirill Dmitriev", "declined"),
        (None, "meeting with Rustem Umerov, Jared Kushner", "planned"),
    ]


def test_names_resolve_as_ask_resolves_them() -> None:
    assert resolve_actor("witkof", rich_fact_base()) == "Steve Witkoff"
    assert resolve_actor("xyzzy", rich_fact_base()) is None


def test_the_pictures_are_valid_pngs_of_the_promised_size() -> None:
    base = talks_base()

    network = render_network(meeting_network(base, "Steve Witkoff"))
    timeline = render_timeline("Steve Witkoff", meeting_timeline(base, "Steve Witkoff"))
    alone = render_network(meeting_network(base, "Recep Tayyip Erdoğan"))
    undated = render_timeline("X", meeting_timeline(base, "European leaders"))

    for picture in (network, timeline, alone, undated):
        assert png_size(picture) == PICTURE_SIZE == (1000, 700)
        assert len(picture) > 10_000  # something was drawn, not an empty canvas


def test_importing_the_handlers_does_not_load_matplotlib() -> None:
    code = "import handlers, sys; print('matplotlib' in sys.modules, 'networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.split() == ["False", "False"]


def test_drawing_in_threads_pauses_the_collector_only_while_drawing() -> None:
    """Collection is off while any picture is drawn (a full one would cost more than the
    drawing) and back on, as it was, when the last drawing in any thread has ended."""
    base = rich_fact_base()
    network = meeting_network(base, "Steve Witkoff")
    during: list[bool] = []
    original = render_module._png

    def spying_png(figure: Any) -> bytes:
        during.append(gc.isenabled())
        return original(figure)

    render_module._png = spying_png
    try:
        with ThreadPoolExecutor(4) as pool:
            pngs = list(pool.map(lambda _: render_network(network), range(8)))
    finally:
        render_module._png = original
    assert gc.isenabled()
    assert during == [False] * 8
    assert all(png_size(png) == PICTURE_SIZE for png in pngs)
    gc.disable()  # a process that turned collection off keeps it off
    try:
        render_timeline("Steve Witkoff", meeting_timeline(base, "Steve Witkoff"))
        assert not gc.isenabled()
    finally:
        gc.enable()
