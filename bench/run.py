"""Every benchmark in one run, and one table of figures against their targets.

    .venv/bin/python bench/run.py [--quick] [--db PATH]

In this order, each printing its details as it finishes:

1. HTTP mode (bench/http_mode.py): signed `/ukraine` commands per second that `ukraine-bot
   serve` acknowledges and answers, against a bare Bolt app that only acks, from a loopback
   load generator; and the peak RSS (VmHWM) of that `serve` process.
2. Cold ask (bench/answers.py): wall time of a new `ukraine-bot ask "who met Witkoff"` process
   on the seed fact base, median of --cold runs after one untimed run: with the fact base's
   snapshot present (knowledge/snapshot.py; as after `build`, `ingest` or any earlier ask) and,
   shown without a target, with it removed before each run (as after a write by another
   process: the store is loaded and the snapshot written again).
3. Answer latency (bench/answers.py): `answer_question` p50 and p99 on the seed fact base and on
   a synthetic base 200 times larger (bench/synthetic.py).
4. Build throughput (bench/extract.py): our whole build's words per second over bare
   `nlp.pipe` of the same model on the same text.

The table comes last: measure, figure, target, and ok or MISSED; a measurement that could not
be made says FAILED and why, and makes the exit status 1. Targets: answers p99 ≤ 5 ms on the
seeds and ≤ 25 ms at 200×; cold ask ≤ 1 s; build ≥ 0.80 of bare nlp.pipe; HTTP ≥ 0.80 of the
bare app's commands per second (the bot's answered/s, the rate it keeps up with); peak RSS of
serve ≤ 300 MB. A full run takes about five minutes on 2 cores. Timings move with whatever
else runs on the machine: the load average is printed at the start and the end.

--quick (scale 20, 3 rounds of answers, 2 cold asks, 1 s HTTP rounds, one pass of the seeds
through spaCy) finishes in well under a minute: a smoke test of the whole run, not figures to
quote.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import answers, extract, http_mode  # noqa: E402

# Each measure and its target, in the table's order.
TARGETS = {
    "answers, seeds": f"p99 ≤ {answers.P99_SEEDS_MS:g} ms",
    "answers, synthetic": f"p99 ≤ {answers.P99_SCALED_MS:g} ms at {answers.TARGET_SCALE}×",
    "cold ask": f"≤ {answers.COLD_ASK_S:g} s",
    "cold ask, no snapshot": "none",
    "build throughput": f"≥ {extract.RATIO_TARGET:.2f} of bare",
    "HTTP slash commands": f"≥ {http_mode.HTTP_RATIO_TARGET:.2f} of bare",
    "serve peak RSS": f"≤ {http_mode.RSS_TARGET_MB:g} MB",
}
MEASURES = tuple(TARGETS)


@dataclass
class Row:
    measure: str
    figure: str
    target: str
    result: str


@dataclass
class Plan:
    """How much of each benchmark to run."""

    scale: int
    repeat: int
    cold: int
    http_seconds: float
    http_rounds: int
    http_warm_up: float
    clients: int
    extract_repeat: int
    copies: int


FULL = Plan(200, 20, 5, 8.0, 3, 2.0, 8, 5, 4)
QUICK = Plan(20, 3, 2, 1.0, 1, 0.5, 8, 1, 1)


@dataclass
class Summary:
    rows: list[Row] = field(default_factory=list)
    failed: bool = False

    def add(self, measure: str, figure: str, met: bool | None, *, scale: int | None = None) -> None:
        """A row; `met` None for a figure shown without a target."""
        target = TARGETS[measure]
        if scale == answers.TARGET_SCALE:
            target = target.removesuffix(f" at {scale}×")
        name = f"{measure} {scale}×" if scale else measure
        result = "—" if met is None else "ok" if met else "MISSED"
        self.rows.append(Row(name, figure, target, result))

    def fail(self, measures: tuple[str, ...], error: BaseException) -> None:
        reason = (str(error).splitlines() or [type(error).__name__])[0][:80]
        for measure in measures:
            self.rows.append(Row(measure, f"FAILED: {reason}", TARGETS[measure], "FAILED"))
        self.failed = True


def _attempt(summary: Summary, measures: tuple[str, ...], step: Callable[[], None]) -> None:
    """Runs one measurement; an error becomes a FAILED row (traceback on stderr), not an exit."""
    try:
        step()
    except Exception as error:
        traceback.print_exc()
        summary.fail(measures, error)
    print(flush=True)


def measure_all(db: str, plan: Plan, summary: Summary) -> None:
    """Every benchmark, in the order of this module's docstring; one that fails is a FAILED row
    and the others still run."""
    _attempt(summary, ("HTTP slash commands", "serve peak RSS"), lambda: _http(db, plan, summary))
    _attempt(summary, ("cold ask", "cold ask, no snapshot"), lambda: _cold(db, plan, summary))
    _attempt(summary, ("answers, seeds", "answers, synthetic"), lambda: _latency(db, plan, summary))
    # The synthetic base is garbage now; what is left is frozen, so that the collections the
    # build makes do not walk a million objects the build has nothing to do with.
    gc.collect()
    gc.freeze()
    _attempt(summary, ("build throughput",), lambda: _build(plan, summary))


def _http(db: str, plan: Plan, summary: Summary) -> None:
    bench = http_mode.measure_http(
        db, plan.http_seconds, plan.http_rounds, plan.clients, plan.http_warm_up
    )
    http_mode.print_http(bench)
    summary.add(
        "HTTP slash commands",
        f"bot {bench.bot_answered_per_s:,.0f} answered/s ({bench.bot_acks_per_s:,.0f} acks/s)"
        f" vs bare Bolt {bench.bare_answered_per_s:,.0f}/s: {bench.answered_ratio:.2f}",
        bench.answered_ratio >= http_mode.HTTP_RATIO_TARGET,
    )
    summary.add(
        "serve peak RSS",
        f"{bench.bot_peak_rss_mb:.0f} MB (VmHWM after {_commands(bench)} commands)",
        bench.bot_peak_rss_mb <= http_mode.RSS_TARGET_MB,
    )


def _cold(db: str, plan: Plan, summary: Summary) -> None:
    answers.cold_asks(db, 1)  # untimed: compiles and caches whatever the first run would
    times, first_line = answers.cold_asks(db, plan.cold)
    print(f'cold ask: `ukraine-bot ask --db DB "{answers.COLD_QUESTION}"`, a new process each')
    print(f"{'base':<16}{'runs':>5}{'median s':>10}{'min s':>8}   target")
    answers.print_cold("seeds", times, first_line)
    stale, stale_line = answers.cold_asks(db, plan.cold, snapshot=False)
    answers.print_cold("seeds, no snap", stale, stale_line, target=False)
    median = statistics.median(times)
    summary.add(
        "cold ask",
        f"{median:.2f} s (median of {len(times)}, seeds, snapshot present)",
        median <= answers.COLD_ASK_S,
    )
    summary.add(
        "cold ask, no snapshot",
        f"{statistics.median(stale):.2f} s (median of {len(stale)}: store loaded, snapshot "
        "written)",
        None,
    )


def _latency(db: str, plan: Plan, summary: Summary) -> None:
    run = answers.measure_latency(db, plan.scale, plan.repeat)
    answers.print_counts(
        [
            ("seeds", run.seeds, run.seed_index_s),
            (run.scaled_times.label, run.scaled, run.scaled_index_s),
        ]
    )
    print(
        f"answer latency: {len(answers.QUESTIONS)} questions, one warm-up pass, "
        f"then {plan.repeat} timed rounds"
    )
    answers.print_latencies(
        [
            (run.seed_times, answers.P99_SEEDS_MS, ""),
            (run.scaled_times, answers.P99_SCALED_MS, ""),
        ]
    )
    for measure, times, target, scale in (
        ("answers, seeds", run.seed_times, answers.P99_SEEDS_MS, None),
        ("answers, synthetic", run.scaled_times, answers.P99_SCALED_MS, run.scale),
    ):
        p50, p99 = times.percentile_ms(50), times.percentile_ms(99)
        figure = f"p50 {p50:.2f} ms, p99 {p99:.2f} ms"
        summary.add(measure, figure, p99 <= target, scale=scale)


def _build(plan: Plan, summary: Summary) -> None:
    run = extract.measure_extraction(plan.extract_repeat, plan.copies)
    print(
        f"build throughput: {run.articles} articles, {run.words:,} tokens, "
        f"{plan.extract_repeat} runs each (median)"
    )
    print(f"bare nlp.pipe ({run.model}): {run.bare:,.0f} words/s")
    print(f"our build (pipeline + facts): {run.ours:,.0f} words/s")
    summary.add(
        "build throughput",
        f"{run.ours:,.0f} vs bare nlp.pipe {run.bare:,.0f} words/s: {run.ratio:.2f}",
        run.ratio >= extract.RATIO_TARGET,
    )


def _commands(bench: http_mode.HttpBench) -> str:
    return f"{sum(r.load.acked for r in bench.of('bot')):,}"


def print_table(rows: list[Row]) -> None:
    """The summary as a Markdown table, in MEASURES order."""

    def rank(row: Row) -> int:
        return next((n for n, m in enumerate(MEASURES) if row.measure.startswith(m)), len(MEASURES))

    print("| measure | figure | target | result |")
    print("| --- | --- | --- | --- |")
    for row in sorted(rows, key=rank):
        print(f"| {row.measure} | {row.figure} | {row.target} | {row.result} |")


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke test, well under a minute")
    parser.add_argument("--db", default=None, help="seed fact base (data/facts.sqlite3)")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    started = time.perf_counter()
    load_before = _load()
    summary = Summary()
    db = answers.seed_db(args.db)
    print(f"seed fact base: {db}; {os.cpu_count()} CPUs; load average {load_before}")
    print()
    measure_all(db, plan, summary)
    mode = "quick (a smoke test, not figures to quote)" if args.quick else "full"
    print(
        f"summary, {mode}: {time.perf_counter() - started:.0f} s; load average "
        f"{load_before} at the start, {_load()} at the end"
    )
    print_table(summary.rows)
    if summary.failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
