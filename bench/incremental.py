"""Ingest of one article into a small and into a large store: what consolidation costs per article.

    .venv/bin/python bench/incremental.py [--base 200] [--repeat 3] [--db URL] [--quick]

The seeds and the corpus's dev articles are extracted once with the real pipeline; the large
store holds `--base` articles made of them (copies under their own ids, so every copy names the
same actors, as a year of news does). Each timed run adds one more copy, through
`Store.add_articles` (the write path of `ingest`, extraction excluded: it is the same per article
whatever the store holds), into a store of the 5 seeds and into the large one; medians are
printed with their ratio. `--db` (a PostgreSQL URL of an empty database) times PostgreSQL instead
of SQLite files. `--quick` (a smoke test, run by tests/bench/test_build_benchmarks.py) extracts
the seeds only and times one article into 10.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from knowledge.articles import Article, make_article  # noqa: E402
from knowledge.facts import ArticleFacts  # noqa: E402

Item = tuple[Article, ArticleFacts]


def source_articles() -> list[Article]:
    """The seeds and the dev articles of the corpus (never the held-out ones)."""
    manifest = json.loads((ROOT / "tests/data/corpus/manifest.json").read_text(encoding="utf-8"))
    corpus = ROOT / "tests/data/corpus"
    articles = [
        make_article(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    for article_id, entry in sorted(manifest["articles"].items()):
        if entry.get("set") == "dev":
            text = (corpus / entry["file"]).read_text(encoding="utf-8")
            articles.append(make_article(article_id, text, published=entry.get("published")))
    return articles


def extracted(articles: Sequence[Article]) -> list[Item]:
    """Each article with its facts, extracted with the real pipeline."""
    from knowledge.extract import extract_articles
    from knowledge.extract.pipeline import load_pipeline

    nlp = load_pipeline()
    return list(zip(articles, extract_articles(articles, nlp), strict=True))


def _relabel(value: Any, old: str, new: str) -> Any:
    if isinstance(value, dict):
        return {
            key: (new if key == "article_id" and item == old else _relabel(item, old, new))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_relabel(item, old, new) for item in value]
    return value


def copy_of(item: Item, number: int) -> Item:
    """The article and its facts under another id (and hash): the same story stored again."""
    article, facts = item
    new_id = f"{article.id}-{number}"
    digest = hashlib.sha256(f"{article.sha256}:{number}".encode()).hexdigest()
    copied = dataclasses.replace(article, id=new_id, sha256=digest)
    data = _relabel(facts.to_dict(), article.id, new_id)
    data["article_id"] = new_id
    return copied, ArticleFacts.from_dict(data)


def copies(items: Sequence[Item], count: int, start: int = 1) -> list[Item]:
    """`count` copies of the items, round robin, numbered from `start`."""
    return [copy_of(items[i % len(items)], start + i // len(items)) for i in range(count)]


def time_one_more(db: str, base: Sequence[Item], extra: Sequence[Item]) -> list[float]:
    """Seconds to add each of `extra`, one at a time, into a store first holding `base`."""
    from knowledge.store import open_store

    with open_store(db) as store:
        store.reset()
        store.add_articles(base)
        times: list[float] = []
        for item in extra:
            start = time.perf_counter()
            store.add_articles([item])
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--base", type=int, default=200, help="articles in the large store")
    parser.add_argument("--repeat", type=int, default=3, help="articles added to each store")
    parser.add_argument("--db", help="an empty PostgreSQL database (default: SQLite files)")
    parser.add_argument("--quick", action="store_true", help="the seeds only, into 10 articles")
    args = parser.parse_args()
    if args.quick:
        args.base, args.repeat = 10, 1

    articles = source_articles()
    items = extracted(articles[:5] if args.quick else articles)
    seeds = items[:5]
    large = list(items) + copies(items, args.base - len(items))
    extra = copies(items[5:] or items, args.repeat, start=10_000)
    with tempfile.TemporaryDirectory() as folder:
        small_db = args.db or str(Path(folder) / "small.sqlite3")
        large_db = args.db or str(Path(folder) / "large.sqlite3")
        small = time_one_more(small_db, seeds, extra)
        big = time_one_more(large_db, large, extra)
    engine = "PostgreSQL" if args.db else "SQLite"
    print(f"one article ({engine}, {args.repeat} runs, median):")
    print(f"  into the {len(seeds)} seeds:        {statistics.median(small):.3f} s")
    print(f"  into {len(large)} articles:        {statistics.median(big):.3f} s")
    print(f"  ratio: {statistics.median(big) / statistics.median(small):.2f}")


if __name__ == "__main__":
    main()
