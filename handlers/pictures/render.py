"""Drawing the pictures: matplotlib's Agg backend on a `Figure` of our own (no pyplot, so no
global state and no display), networkx for the network's layout. PNG bytes out.

Both pictures are `PICTURE_SIZE` pixels, with type large enough to read at the size Slack
previews an image in a message (about 360 pixels high): names at 15 points on a 1000 × 700 canvas.
matplotlib and networkx are imported when the first picture is drawn, not when the app starts.
"""

from __future__ import annotations

import gc
import io
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from handlers.pictures.data import MeetingNetwork, TimelineEntry

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH_PX, HEIGHT_PX, DPI = 1000, 700, 100
PICTURE_SIZE = (WIDTH_PX, HEIGHT_PX)
# How each status is drawn: colour, line style; the legend's words.
STYLES: dict[str, tuple[str, Any, str]] = {
    "held": ("#1b7837", "solid", "held"),
    "planned": ("#2166ac", "dashed", "planned or proposed"),
    "declined": ("#b2182b", "dotted", "declined or on hold"),
}
_NAME_POINTS = 15
_LABEL_POINTS = 11
_MAX_PLACE_CHARS = 28
_MAX_UNDATED = 10  # more lines are unreadable at preview size, and each glyph costs ~0.1 ms
_UNDATED_CHARS = 32  # what fits right of the axis at _LABEL_POINTS without running off
# PNG compression: zlib's level 1 encodes a mostly white 1000 × 700 canvas several times faster
# than the default 6, for a file about 10 % larger (still ~100 kB).
_PNG_OPTIONS = {"compress_level": 1}
# _TITLE: a title whose `y` is given is not moved above the axis' tick labels, which spares a
# measurement of every tick (the network has none; the timeline's sit below the axis).


def render_network(network: MeetingNetwork) -> bytes:
    """Who met whom around `network.center`, as a PNG: the centre in the middle, edges styled
    by status, each labelled with the places of those meetings."""
    with _no_collection():
        return _draw_network(network)


def render_timeline(actor: str, entries: list[TimelineEntry]) -> bytes:
    """`actor`'s dated meetings and calls on a time axis, as a PNG, labels alternating above
    and below the line so neighbours do not overlap."""
    with _no_collection():
        return _draw_timeline(actor, entries)


_gc_lock = threading.Lock()
_gc_state = {"drawing": 0, "restore": False}  # pictures being drawn now; was gc enabled


@contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic garbage collection while a picture is drawn: a drawing allocates thousands of
    objects, enough to set off a full collection that costs more than the drawing (in
    bench/pictures.py a 2-name map took 170 ms of CPU with two full collections, 50 ms
    without; a process holding a fact base and a spaCy pipeline has more to scan). Whatever
    the drawings leave for the collector is collected after the last one ends; reference
    counting frees the rest as usual. Drawings in several threads share one count."""
    with _gc_lock:
        if _gc_state["drawing"] == 0:
            _gc_state["restore"] = gc.isenabled()
            gc.disable()
        _gc_state["drawing"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["drawing"] -= 1
            if _gc_state["drawing"] == 0 and _gc_state["restore"]:
                gc.enable()


def _draw_network(network: MeetingNetwork) -> bytes:
    import networkx as nx

    figure, axes = _canvas()
    graph = nx.Graph()
    graph.add_nodes_from(network.nodes)
    for edge in network.edges:
        graph.add_edge(edge.a, edge.b)
    if len(network.nodes) > 1:
        start = nx.circular_layout(graph)
        start[network.center] = (0.0, 0.0)
        positions = nx.spring_layout(
            graph, pos=start, fixed=[network.center], seed=7, k=1.6, iterations=40
        )
    else:
        positions = {network.center: (0.0, 0.0)}
    for edge in network.edges:
        colour, line, _ = STYLES[edge.style]
        (x1, y1), (x2, y2) = positions[edge.a], positions[edge.b]
        axes.plot([x1, x2], [y1, y2], color=colour, linestyle=line, linewidth=2.5, zorder=1)
        if edge.places:
            place = textwrap.shorten(", ".join(edge.places), _MAX_PLACE_CHARS, placeholder="…")
            axes.text(
                (x1 + x2) / 2,
                (y1 + y2) / 2,
                place,
                fontsize=_LABEL_POINTS,
                color=colour,
                ha="center",
                va="center",
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
                zorder=2,
            )
    for node in network.nodes:
        x, y = positions[node]
        centre = node == network.center
        axes.text(
            x,
            y,
            textwrap.fill(node, 18),
            fontsize=_NAME_POINTS + (3 if centre else 0),
            fontweight="bold" if centre else "normal",
            ha="center",
            va="center",
            bbox={
                "boxstyle": "round,pad=0.35",
                "fc": "#fde68a" if centre else "#f3f4f6",
                "ec": "#374151",
            },
            zorder=3,
        )
    _frame(axes, positions.values())
    title = f"Who met {network.center}"
    if network.left_out:
        title += f" (and {network.left_out} more not drawn)"
    axes.set_title(title, fontsize=_NAME_POINTS + 3, pad=12, y=1.0)  # y: see _TITLE
    _legend(axes, {edge.style for edge in network.edges})
    return _png(figure)


def _draw_timeline(actor: str, entries: list[TimelineEntry]) -> bytes:
    from matplotlib import dates

    mdates: Any = dates  # partly untyped
    dated = [e for e in entries if e.date]
    undated = [e for e in entries if not e.date]
    figure, axes = _canvas(right=0.66 if undated else 0.94)
    days = [date.fromisoformat(e.date or "") for e in dated]
    axes.axhline(0, color="#6b7280", linewidth=1.5, zorder=1)
    for number, (day, entry) in enumerate(zip(days, dated, strict=True)):
        colour, line, _ = STYLES[entry.style]
        height = (1 + number % 3 * 0.6) * (1 if number % 2 == 0 else -1)
        axes.vlines(day, 0, height, color=colour, linestyle=line, linewidth=2, zorder=1)
        axes.plot([day], [0], "o", color=colour, markersize=9, zorder=2)
        label = day.strftime("%d %b") + "\n" + textwrap.fill(entry.label, 24)
        if entry.place:
            label += f"\n({textwrap.shorten(entry.place, 24, placeholder='…')})"
        axes.text(
            mdates.date2num(day),
            height,
            label,
            fontsize=_LABEL_POINTS,
            ha="center",
            va="bottom" if height > 0 else "top",
            zorder=3,
        )
    axes.set_ylim(-3.4, 3.4)
    axes.get_yaxis().set_visible(False)
    if days:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=6)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        span = max((max(days) - min(days)).days, 1)
        pad = max(span * 0.12, 2)
        axes.set_xlim(mdates.date2num(min(days)) - pad, mdates.date2num(max(days)) + pad)
    else:
        axes.get_xaxis().set_visible(False)
        axes.spines["bottom"].set_visible(False)
        axes.text(
            0.5,
            0.6,
            "No meeting with a resolved date",
            ha="center",
            fontsize=_NAME_POINTS,
            transform=axes.transAxes,
        )
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    axes.tick_params(axis="x", labelsize=_LABEL_POINTS)
    axes.set_title(f"Meetings and calls of {actor}", fontsize=_NAME_POINTS + 3, pad=12, y=1.0)
    _legend(axes, {entry.style for entry in entries})
    if undated:
        _undated(figure, undated)
    return _png(figure)


def _undated(figure: Figure, entries: list[TimelineEntry]) -> None:
    """The meetings without a resolved date, listed right of the axis."""
    lines = ["Reported without a date:"]
    for entry in entries[:_MAX_UNDATED]:
        text = entry.label + (f" ({entry.when})" if entry.when else "")
        lines.append("• " + textwrap.shorten(text, _UNDATED_CHARS, placeholder="…"))
    if len(entries) > _MAX_UNDATED:
        lines.append(f"…and {len(entries) - _MAX_UNDATED} more")
    figure.text(0.69, 0.88, "\n".join(lines), fontsize=_LABEL_POINTS, va="top")


def _canvas(right: float = 0.94) -> tuple[Figure, Any]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.03, 0.07, right, 0.84))
    return figure, axes


def _frame(axes: Any, points: Any) -> None:
    xs, ys = zip(*points, strict=True) if points else ((0.0,), (0.0,))
    axes.set_xlim(min(xs) - 0.5, max(xs) + 0.5)  # room for the names' boxes
    axes.set_ylim(min(ys) - 0.25, max(ys) + 0.25)
    axes.set_axis_off()


def _legend(axes: Any, styles: set[str]) -> None:
    from matplotlib.lines import Line2D

    shown = [s for s in STYLES if s in styles]
    if not shown:
        return
    handles = [
        Line2D([0], [0], color=STYLES[s][0], linestyle=STYLES[s][1], linewidth=2.5) for s in shown
    ]
    axes.legend(handles, [STYLES[s][2] for s in shown], loc="lower right", fontsize=_LABEL_POINTS)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, pil_kwargs=_PNG_OPTIONS)
    return buffer.getvalue()
