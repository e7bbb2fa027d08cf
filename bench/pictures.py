"""How long drawing a picture takes: the meeting network and the timeline of every actor in
the seed fact base with a meeting, after one warm-up drawing (which imports matplotlib and
networkx, about a second, paid once per process).

    .venv/bin/python bench/pictures.py [--db data/facts.sqlite3] [--repeat 3]

Prints, per picture kind, the median and the slowest drawing in milliseconds of wall time (the
target: at most 300 ms for each picture of the seeds), and the same in CPU time of this process,
which a machine shared with other work does not inflate: when the wall maximum is far above the
CPU maximum, the slowest drawing waited for a core rather than drew.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from handlers.pictures import (  # noqa: E402
    meeting_network,
    meeting_timeline,
    render_network,
    render_timeline,
)
from knowledge.store import open_store  # noqa: E402

TARGET_MS = 300.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="the fact base (default: the configured one)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with open_store(args.db) as store:
        facts = store.load_factbase()
    actors = sorted({p for m in facts.meetings for p in m.participants})
    started = time.perf_counter()
    render_network(meeting_network(facts, actors[0]))
    render_timeline(actors[0], meeting_timeline(facts, actors[0]))
    warm_up = (time.perf_counter() - started) * 1000
    timings: dict[str, list[float]] = {"map": [], "timeline": []}
    cpu: dict[str, list[float]] = {"map": [], "timeline": []}
    for actor in actors:
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            render_network(meeting_network(facts, actor))
            t1, c1 = time.perf_counter(), time.process_time()
            render_timeline(actor, meeting_timeline(facts, actor))
            t2, c2 = time.perf_counter(), time.process_time()
            timings["map"].append((t1 - t0) * 1000)
            timings["timeline"].append((t2 - t1) * 1000)
            cpu["map"].append((c1 - c0) * 1000)
            cpu["timeline"].append((c2 - c1) * 1000)
    print(f"{len(actors)} actors with meetings; first drawings (imports) {warm_up:.0f} ms")
    for kind, values in timings.items():
        worst = max(values)
        verdict = "ok" if worst <= TARGET_MS else f"over {TARGET_MS:.0f} ms"
        print(
            f"{kind:<9} median {statistics.median(values):6.1f} ms  max {worst:6.1f} ms  {verdict}"
            f"  (CPU median {statistics.median(cpu[kind]):5.1f} ms, max {max(cpu[kind]):5.1f} ms)"
        )


if __name__ == "__main__":
    main()
