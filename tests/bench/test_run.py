"""bench/run.py --quick: every benchmark runs, and the closing table has a figure for each.

The run is a real one (servers, `ukraine-bot` processes, spaCy) on the hand-built fact base,
so it takes some twenty seconds; the figures are not checked against their targets, which a
busy machine may miss, only that each was measured.
"""

from __future__ import annotations

import re

from tests.bench.scripts import run_bench

# Each measure of the table and the shape of its figure.
FIGURES = {
    "answers, seeds": r"p50 \d+\.\d\d ms, p99 \d+\.\d\d ms",
    "answers, synthetic 20×": r"p50 \d+\.\d\d ms, p99 \d+\.\d\d ms",
    "cold ask": r"\d+\.\d\d s \(median of 2, seeds, snapshot present\)",
    "cold ask, no snapshot": (r"\d+\.\d\d s \(median of 2: store loaded, snapshot written\)"),
    "build throughput": r"[\d,]+ vs bare nlp\.pipe [\d,]+ words/s: \d+\.\d\d",
    "HTTP slash commands": (
        r"bot [1-9][\d,]* answered/s \([1-9][\d,]* acks/s\) vs bare Bolt [1-9][\d,]*/s: \d+\.\d\d"
    ),
    "serve peak RSS": r"[1-9]\d* MB \(VmHWM after [1-9][\d,]* commands\)",
}
SHOWN_ONLY = {"cold ask, no snapshot"}  # a figure without a target


def table(output: str) -> dict[str, list[str]]:
    """The rows of the Markdown table at the end of the output, by measure."""
    rows: dict[str, list[str]] = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells[0] not in {"measure", "---"}:
            rows[cells[0]] = cells[1:]
    return rows


def test_quick_run_ends_with_a_figure_and_a_target_for_every_measure(hand_built_db: str) -> None:
    result, output = run_bench("run.py", "--quick", "--db", hand_built_db)

    assert result.returncode == 0, output
    rows = table(result.stdout)
    assert list(rows) == list(FIGURES), output
    for measure, shape in FIGURES.items():
        figure, target, verdict = rows[measure]
        assert re.fullmatch(shape, figure), (measure, figure)
        if measure in SHOWN_ONLY:
            assert (target, verdict) == ("none", "—"), (measure, target, verdict)
            continue
        assert re.search(r"[≤≥] \d", target), (measure, target)
        assert verdict in {"ok", "MISSED"}, (measure, verdict)
