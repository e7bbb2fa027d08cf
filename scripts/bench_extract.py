"""Extraction speed: bare `nlp.pipe` of the English model against our whole build, same text.

    .venv/bin/python scripts/bench_extract.py [--repeat 5] [--copies 4]

Prints words per second for each (median of --repeat runs over the seeds, copied --copies
times so each run is long enough to time) and the ratio. The target is a ratio of at least 0.80.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.articles import Article, make_article  # noqa: E402
from knowledge.extract import blank_boilerplate, extract_articles  # noqa: E402
from knowledge.pipeline import MODEL_NAME, load_pipeline  # noqa: E402


def _articles(copies: int) -> list[Article]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    return [
        make_article(f"{path.stem}-{copy}", path.read_text(encoding="utf-8"))
        for copy in range(copies)
        for path in seeds
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()

    articles = _articles(args.copies)
    texts = [blank_boilerplate(a.text) for a in articles]
    bare = spacy.load(MODEL_NAME)
    ours = load_pipeline()
    words = sum(len(doc) for doc in bare.pipe(texts))  # also warms the model up
    list(extract_articles(articles[:2], ours))

    bare_rates: list[float] = []
    our_rates: list[float] = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=16):
            pass
        bare_rates.append(words / (time.perf_counter() - start))
        start = time.perf_counter()
        for _facts in extract_articles(articles, ours, batch_size=16):
            pass
        our_rates.append(words / (time.perf_counter() - start))

    bare_median = statistics.median(bare_rates)
    our_median = statistics.median(our_rates)
    print(f"text: {len(articles)} articles, {words} tokens, {args.repeat} runs each")
    print(f"bare nlp.pipe ({MODEL_NAME}): {bare_median:,.0f} words/s (median)")
    print(f"our build (pipeline + facts):   {our_median:,.0f} words/s (median)")
    print(f"ratio: {our_median / bare_median:.2f} (target ≥ 0.80)")


if __name__ == "__main__":
    main()
