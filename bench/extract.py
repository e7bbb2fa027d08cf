"""Build throughput: bare `nlp.pipe` of the English model against our whole build, same text.

    .venv/bin/python bench/extract.py [--repeat 5] [--copies 4] [--processes 1,2]

Prints words per second for each (median of --repeat runs over the seeds, copied --copies
times so each run is long enough to time) and the ratio, at each process count of
`--processes`: bare `nlp.pipe(n_process=N)` against our build's extraction on N processes
(`knowledge.ingest.extract_facts`, what `build --processes N` runs), and the speed-up of N
processes over one. Targets: a ratio of at least 0.80 at each count, and 2 processes at least
1.6 times the words per second of one. Both are warmed up on two articles first; words are the
tokenizer's tokens, the same count `nlp.pipe` makes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from knowledge.articles import Article, make_article  # noqa: E402

RATIO_TARGET = 0.80
SPEEDUP_TARGET = 1.6  # 2 processes over 1


@dataclass
class Extraction:
    """Words per second of each timed run, bare `nlp.pipe` and our build, over the same text."""

    model: str
    articles: int
    words: int
    bare_rates: list[float]
    our_rates: list[float]
    processes: int = 1

    @property
    def bare(self) -> float:
        return statistics.median(self.bare_rates)

    @property
    def ours(self) -> float:
        return statistics.median(self.our_rates)

    @property
    def ratio(self) -> float:
        return self.ours / self.bare


def seed_articles(copies: int) -> list[Article]:
    """The seeds, `copies` times over, each copy with its own article ids."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    return [
        make_article(f"{path.stem}-{copy}", path.read_text(encoding="utf-8"))
        for copy in range(copies)
        for path in seeds
    ]


def measure_extraction(repeat: int = 5, copies: int = 4, processes: int = 1) -> Extraction:
    """Times `repeat` runs each of bare `nlp.pipe` and our build's extraction over the seeds,
    both on `processes` processes."""
    from knowledge.extract import blank_boilerplate
    from knowledge.extract.pipeline import MODEL_NAME, load_model, load_pipeline
    from knowledge.ingest import extract_facts

    articles = seed_articles(copies)
    texts = [blank_boilerplate(a.text) for a in articles]
    bare = load_model()
    ours = load_pipeline()
    words = sum(len(bare.make_doc(text)) for text in texts)
    list(bare.pipe(texts[:2]))
    extract_facts(articles[:2], ours)

    bare_rates: list[float] = []
    our_rates: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=16, n_process=processes):
            pass
        bare_rates.append(words / (time.perf_counter() - start))
        start = time.perf_counter()
        items, errors = extract_facts(articles, ours, processes=processes)
        assert len(items) == len(articles) and not errors, errors
        our_rates.append(words / (time.perf_counter() - start))
    return Extraction(MODEL_NAME, len(articles), words, bare_rates, our_rates, processes)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--processes", default="1", help="process counts, e.g. 1,2")
    args = parser.parse_args()

    runs = [measure_extraction(args.repeat, args.copies, int(n)) for n in args.processes.split(",")]
    first = runs[0]
    print(f"text: {first.articles} articles, {first.words} tokens, {args.repeat} runs each")
    for run in runs:
        print(f"{run.processes} process(es):")
        print(f"  bare nlp.pipe ({run.model}): {run.bare:,.0f} words/s (median)")
        print(f"  our build (pipeline + facts):   {run.ours:,.0f} words/s (median)")
        print(f"  ratio: {run.ratio:.2f} (target ≥ {RATIO_TARGET:.2f})")
    single = next((run for run in runs if run.processes == 1), None)
    for run in runs:
        if single is not None and run.processes > 1:
            print(
                f"{run.processes} processes over 1: ours {run.ours / single.ours:.2f}x, "
                f"bare {run.bare / single.bare:.2f}x (target ≥ {SPEEDUP_TARGET:.1f}x at 2)"
            )


if __name__ == "__main__":
    main()
