"""Answer speed: latency of `answer_question` on the seeds and on a synthetic base, and cold asks.

    .venv/bin/python bench/answers.py [--scale 200] [--repeat 20] [--cold 5] [--db PATH] [--quick]

Loads the seed fact base from the store the way `ukraine-bot ask` does (data/facts.sqlite3, or
--db; a missing SQLite file is built first with `ukraine-bot build`), and makes a base --scale
times larger with bench/synthetic.py: the seeds plus renamed copies about made-up actors. On
each it prints the fact counts and the index build time, then answers a spread of questions
(who met whom, who is who, roles, quotes, numbers, places and dates, typos, free words, an
empty and an unanswerable question) once to warm up and --repeat times more with the index
built once, and prints p50, p99 and max over every timed call, and the five slowest questions.
Last it times --cold runs of `ukraine-bot ask "who met Witkoff"` in a new process each on the
seed base (with its snapshot, as after `build`, `ingest` or an earlier ask, and without, as
after a write by another process) and on the synthetic base written to a temporary SQLite file
(median and min).

Targets: p99 ≤ 5 ms on the seeds, p99 ≤ 25 ms at 200×, a cold ask ≤ 1 s. The seeds are
timed before the synthetic base is built, so its objects do not slow their garbage collections.
The defaults take several minutes (slow questions at 200×, writing the 200× SQLite file, cold
asks on it); --quick (scale 20, repeat 3, cold 1) is a smoke test of the script itself.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import Session  # noqa: E402

from bench.synthetic import scale_factbase  # noqa: E402
from knowledge.answer import FactIndex, answer_question, index_for  # noqa: E402
from knowledge.facts import ArticleFacts, FactBase, Source  # noqa: E402
from knowledge.snapshot import snapshot_path  # noqa: E402
from knowledge.store import DEFAULT_DB_PATH, open_store, sqlite_file  # noqa: E402
from knowledge.store.rows import write_fact_base as _write_fact_base  # noqa: E402
from knowledge.store.schema import ArticleRow  # noqa: E402

P99_SEEDS_MS = 5.0
P99_SCALED_MS = 25.0
TARGET_SCALE = 200
COLD_ASK_S = 1.0
COLD_QUESTION = "who met Witkoff"

T = TypeVar("T")

QUESTIONS = [
    # who met X
    "who met Witkoff",
    "who met Putin",
    "who met Zelenskyy",
    "who met Rubio",
    # who did X meet
    "who did Trump meet",
    "who did Umerov meet",
    "who did Zelensky meet in Washington",
    # meetings between X and Y
    "meetings between Trump and Putin",
    "meeting between Putin and Zelenskyy",
    "talks between Russia and Ukraine",
    # did X meet Y
    "did Trump meet Putin",
    "did Witkoff meet Putin",
    "did Macron meet Zelenskyy",
    # who is X
    "who is Witkoff",
    "who is Karoline Leavitt",
    "who is Ushakov",
    "who is Erdogan",
    # roles
    "what is Rubio's role",
    "what is Lavrov's role",
    "what is the role of Kaja Kallas",
    "who is the foreign minister of Ukraine",
    # what did X say
    "what did Putin say",
    "what did Trump say",
    "what did Leavitt say",
    "what did Costa say",
    # what did X say about Y
    "what did Trump say about Putin",
    "what did Zelensky say about security guarantees",
    "what did Fico say about Nato",
    "what did Merz say about a ceasefire",
    # how many / how much
    "how many drones did Russia launch",
    "how many people were killed",
    "how many missiles were downed",
    "how much will Ukraine spend on US weapons",
    "how many countries are in the coalition",
    # where / when
    "where was the meeting between Trump and Putin",
    "when did Trump meet Zelenskyy",
    "where did Umerov meet Witkoff",
    "when was the call between Rubio and Lavrov",
    "what happened in Alaska",
    # typos
    "who met witkof",
    "what did umerof say",
    "who is grynkevich",
    "what did Karolin Levitt say",
    "did Zelenski meet Putn",
    # free words, help, empty, no match
    "sanctions",
    "Tomahawk missiles",
    "peace plan",
    "help",
    "",
    "who is Angela Merkel",
    "what did Xi Jinping say about Taiwan",
]


# --- timing answers ------------------------------------------------------------------------------


@dataclass
class Latencies:
    """Timed answers on one base: nanoseconds per call, by question."""

    label: str
    by_question: dict[str, list[int]]

    def all_ns(self) -> list[int]:
        return sorted(ns for runs in self.by_question.values() for ns in runs)

    def percentile_ms(self, p: float) -> float:
        """The nearest-rank percentile `p` of every timed call, in milliseconds."""
        return percentile(self.all_ns(), p) / 1e6


def percentile(sorted_values: Sequence[int], p: float) -> int:
    """The nearest-rank percentile of sorted values."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def time_answers(
    label: str, facts: FactBase, index: FactIndex, questions: Iterable[str], repeat: int
) -> Latencies:
    """Every question answered once untimed, then `repeat` timed rounds over all of them."""
    questions = list(questions)
    for question in questions:
        answer_question(question, facts, index=index)
    by_question: dict[str, list[int]] = {q: [] for q in questions}
    clock = time.perf_counter_ns
    for _ in range(repeat):
        for question in questions:
            start = clock()
            answer_question(question, facts, index=index)
            by_question[question].append(clock() - start)
    return Latencies(label, by_question)


def timed(build: Callable[[], T]) -> tuple[T, float]:
    """What `build` returns and how long it took, in seconds."""
    start = time.perf_counter_ns()
    result = build()
    return result, (time.perf_counter_ns() - start) / 1e9


# --- the fact bases ------------------------------------------------------------------------------


def bot_command() -> list[str]:
    """The `ukraine-bot` of the environment running this script."""
    script = Path(sys.executable).parent / "ukraine-bot"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from bot.cli import main; main()"]


def seed_db(db: str | None) -> str:
    """The seed fact base's database, built with `ukraine-bot build` when its file is missing."""
    target = db if db is not None else str(DEFAULT_DB_PATH)
    path = sqlite_file(target)
    if path is not None and not path.exists():
        print(f"building {path} with `ukraine-bot build` (missing) …", flush=True)
        subprocess.run([*bot_command(), "build", "--db", target], cwd=ROOT, check=True)
    return target


def load(db: str) -> FactBase:
    with open_store(db) as store:
        return store.load_factbase()


def article_titles(facts: FactBase) -> dict[str, str]:
    """Article id → title of every source in the fact base."""
    sources: list[Source] = []
    for actor in facts.actors:
        sources.extend(actor.sources)
        for role in actor.roles:
            sources.extend(role.sources)
    for group in (facts.meetings, facts.figures, facts.quotes, facts.statements):
        for fact in group:
            sources.extend(fact.sources)
    return {source.article_id: source.article_title for source in sources}


def write_fact_base(db: str, facts: FactBase) -> None:
    """Stores a consolidated fact base as it is, without articles' texts or consolidation.

    The store only adds articles (and consolidates their facts), so this writes the fact base
    with the store's own writer, `_write_fact_base`, after one article row per article id the
    sources cite (empty text and facts), which their foreign key needs.
    """
    now = datetime.now(UTC)
    with open_store(db) as store, Session(store.engine) as session, session.begin():
        session.add_all(
            ArticleRow(
                id=article_id,
                title=title,
                path="",
                sha256=hashlib.sha256(article_id.encode()).hexdigest(),
                text="",
                ingested_at=now,
                facts_json=ArticleFacts(article_id=article_id, title=title).to_dict(),
            )
            for article_id, title in article_titles(facts).items()
        )
        session.flush()
        _write_fact_base(session, facts)


def cold_asks(db: str, runs: int, *, snapshot: bool = True) -> tuple[list[float], str]:
    """Wall times of `runs` new `ukraine-bot ask` processes, and the answer's first line.

    With `snapshot` False, the fact base's snapshot (knowledge/snapshot.py) is removed before
    each run, as a write by another process would make it stale: each run then loads the store
    and writes the snapshot again.
    """
    command = [*bot_command(), "ask", "--db", db, COLD_QUESTION]
    db_file = sqlite_file(db)
    times: list[float] = []
    first_line = ""
    for _ in range(runs):
        if not snapshot and db_file is not None:
            snapshot_path(db_file).unlink(missing_ok=True)
        start = time.perf_counter_ns()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        times.append((time.perf_counter_ns() - start) / 1e9)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
        first_line = result.stdout.strip().splitlines()[0] if result.stdout.strip() else ""
    return times, first_line


# --- printing ----------------------------------------------------------------------------------


def progress(message: str) -> None:
    """A note on a terminal while figures are being gathered (they print at the end)."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def print_counts(rows: list[tuple[str, FactBase, float]]) -> None:
    print(f"{'base':<16}{'actors':>8}{'meetings':>10}{'figures':>9}{'quotes':>8}", end="")
    print(f"{'statements':>12}{'index build':>14}")
    for label, facts, build_s in rows:
        counts = facts.counts()
        print(
            f"{label:<16}{counts['actor']:>8}{counts['meeting']:>10}{counts['figure']:>9}"
            f"{counts['quote']:>8}{counts['statement']:>12}{format_seconds(build_s):>14}"
        )


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def print_latencies(rows: list[tuple[Latencies, float, str]]) -> None:
    print(f"{'base':<16}{'calls':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}   target (p99)")
    for latencies, target, note in rows:
        values = latencies.all_ns()
        p50, p99 = percentile(values, 50) / 1e6, percentile(values, 99) / 1e6
        print(
            f"{latencies.label:<16}{len(values):>7}{p50:>9.2f}{p99:>9.2f}{values[-1] / 1e6:>9.2f}"
            f"   ≤ {target:g} ms {verdict(p99, target)}{note}"
        )


def print_slowest(latencies: Latencies, count: int = 5) -> None:
    medians = {q: statistics.median(runs) for q, runs in latencies.by_question.items()}
    slowest = sorted(medians, key=lambda q: medians[q], reverse=True)[:count]
    print(f"slowest questions on {latencies.label} (p50 / max ms):")
    for question in slowest:
        runs = latencies.by_question[question]
        shown = f'"{question}"' if question else '"" (empty)'
        print(f"  {medians[question] / 1e6:>8.2f} / {max(runs) / 1e6:>8.2f}  {shown}")


def print_cold(label: str, times: list[float], first_line: str, *, target: bool = True) -> None:
    median = statistics.median(times)
    aim = f"≤ {COLD_ASK_S:g} s {verdict(median, COLD_ASK_S)}" if target else "(no target)"
    print(
        f"{label:<16}{len(times):>5}{median:>10.2f}{min(times):>8.2f}   {aim}   → {first_line[:60]}"
    )


# --- main --------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=int, default=None, help="synthetic base size (200)")
    parser.add_argument("--repeat", type=int, default=None, help="timed rounds (20)")
    parser.add_argument("--cold", type=int, default=None, help="cold `ask` runs per base (5)")
    parser.add_argument("--db", default=None, help="seed fact base (data/facts.sqlite3)")
    parser.add_argument(
        "--quick", action="store_true", help="scale 20, repeat 3, cold 1: a smoke test"
    )
    args = parser.parse_args()
    defaults = {"scale": 20, "repeat": 3, "cold": 1} if args.quick else {}
    defaults = {"scale": 200, "repeat": 20, "cold": 5} | defaults
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.scale < 1 or args.repeat < 1 or args.cold < 0:
        parser.error("--scale and --repeat must be at least 1, --cold at least 0")
    return args


@dataclass
class AnswerTimes:
    """Answer latencies on the seed fact base and on a synthetic base `scale` times larger."""

    db: str
    seeds: FactBase
    load_s: float
    seed_index_s: float
    seed_times: Latencies
    scale: int
    scaled: FactBase
    scale_s: float
    scaled_index_s: float
    scaled_times: Latencies


def measure_latency(db: str, scale: int, repeat: int) -> AnswerTimes:
    """Times QUESTIONS on the seed fact base in `db`, then on a synthetic base `scale` times it."""
    seeds, load_s = timed(lambda: load(db))
    seed_index, seed_index_s = timed(lambda: index_for(seeds))
    # The seeds are timed before the synthetic base exists: a bot serving the seeds would not
    # hold it, and its million objects make every full garbage collection slower.
    gc.collect()
    progress(f"timing {len(QUESTIONS)} questions × {repeat + 1} on the seeds …")
    seed_times = time_answers("seeds", seeds, seed_index, QUESTIONS, repeat)
    scaled_label = f"synthetic {scale}×"
    scaled, scale_s = timed(lambda: scale_factbase(seeds, scale))
    scaled_index, scaled_index_s = timed(lambda: index_for(scaled))
    gc.collect()
    progress(f"timing {len(QUESTIONS)} questions × {repeat + 1} on {scaled_label} …")
    scaled_times = time_answers(scaled_label, scaled, scaled_index, QUESTIONS, repeat)
    return AnswerTimes(
        db,
        seeds,
        load_s,
        seed_index_s,
        seed_times,
        scale,
        scaled,
        scale_s,
        scaled_index_s,
        scaled_times,
    )


def main() -> None:
    args = parse_args()
    scale: int = args.scale
    started = time.perf_counter()
    db = seed_db(args.db)
    run = measure_latency(db, scale, args.repeat)
    scaled, scaled_label = run.scaled, run.scaled_times.label

    print(f"seed fact base: {db} (loaded in {format_seconds(run.load_s)})")
    print(f"synthetic base: the seeds and {scale - 1} renamed copies ", end="")
    print(f"(bench/synthetic.py, built in {format_seconds(run.scale_s)})")
    print()
    print_counts(
        [("seeds", run.seeds, run.seed_index_s), (scaled_label, scaled, run.scaled_index_s)]
    )
    print()
    print(
        f"answer latency: answer_question(q, facts, index=…), {len(QUESTIONS)} questions, "
        f"one warm-up pass, then {args.repeat} timed rounds"
    )
    scaled_note = "" if scale == TARGET_SCALE else f" (the target is for {TARGET_SCALE}×)"
    print_latencies(
        [(run.seed_times, P99_SEEDS_MS, ""), (run.scaled_times, P99_SCALED_MS, scaled_note)]
    )
    print()
    print_slowest(run.seed_times)
    print_slowest(run.scaled_times)
    print()

    if args.cold:
        print(f'cold ask: `ukraine-bot ask --db DB "{COLD_QUESTION}"`, a new process per run')
        cold_asks(db, 1)  # untimed: compiles and caches whatever the first run would
        with tempfile.TemporaryDirectory(prefix="bench-answers-") as folder:
            scaled_db = str(Path(folder) / f"synthetic-{scale}x.sqlite3")
            progress(f"writing {scaled_label} to {scaled_db} …")
            _, write_s = timed(lambda: write_fact_base(scaled_db, scaled))
            size_mb = Path(scaled_db).stat().st_size / 1e6
            print(
                f"({scaled_label} written to a temporary SQLite file with the store's "
                f"_write_fact_base in {format_seconds(write_s)}, {size_mb:.0f} MB)"
            )
            print(f"{'base':<16}{'runs':>5}{'median s':>10}{'min s':>8}   target")
            seed_cold, seed_line = cold_asks(db, args.cold)
            print_cold("seeds", seed_cold, seed_line)
            stale_cold, stale_line = cold_asks(db, args.cold, snapshot=False)
            print_cold("seeds, no snap", stale_cold, stale_line, target=False)
            scaled_cold, scaled_line = cold_asks(scaled_db, args.cold)
            # The cold-ask target is for the default (seed) fact base; on the synthetic one a
            # new process spends nearly all its time loading facts, shown for scale only.
            print_cold(scaled_label, scaled_cold, scaled_line, target=False)
        print()
    print(f"(whole benchmark: {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
