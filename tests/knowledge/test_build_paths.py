"""Ingest in batches and orders equals one build; a build on worker processes equals one on this
process; an article that breaks a worker is still reported on its own.

The articles are the seeds and a few of the corpus's dev articles, extracted once with the real
pipeline; the ingests replay those results in place of spaCy (so the loops are not spaCy-bound)
through the real `ingest_files` and `build_fact_base`, into real SQLite and PostgreSQL stores.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from knowledge import extract
from knowledge.articles import Article
from knowledge.extract import pipeline
from knowledge.fact_ids import facts_by_id
from knowledge.facts import ArticleFacts
from knowledge.ingest import (
    build_fact_base,
    cores,
    ingest_files,
    read_article_file,
    worker_count,
)
from knowledge.store import PROJECT_ROOT, Store, open_store
from tests.factories import ARTICLE_TEXTS, FakeExtractor, write

SEEDS = PROJECT_ROOT / "seeds"
CORPUS = PROJECT_ROOT / "tests" / "data" / "corpus"
DEV_ARTICLES = ("wire_alaska_summit", "wire_istanbul_talks", "wire_moscow_witkoff_kushner")


def _article_files(folder: Path) -> list[Path]:
    """The seeds and a few dev articles (their dates as front matter) as files in `folder`."""
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["articles"]
    paths = [write(folder, p.name, p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")]
    for article_id in DEV_ARTICLES:
        entry = manifest[article_id]
        assert entry["set"] == "dev"
        text = (CORPUS / entry["file"]).read_text(encoding="utf-8")
        front = f"---\npublished: {entry['published']}\noutlet: {entry['outlet']}\n---\n"
        paths.append(write(folder, f"{article_id}.txt", front + text))
    return sorted(paths)


class ReplayExtractor:
    """The real pipeline's facts of known articles, replayed (a fresh copy each time)."""

    def __init__(self, facts: dict[str, dict[str, Any]]) -> None:
        self.facts = facts

    def extract_articles(
        self, articles: Iterable[Article], nlp: Any = None
    ) -> Iterator[ArticleFacts]:
        for article in articles:
            yield ArticleFacts.from_dict(self.facts[article.sha256])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> tuple[Path, ReplayExtractor]:
    """A folder of article files, and their facts as the real pipeline extracts them."""
    folder = tmp_path_factory.mktemp("articles")
    articles = [read_article_file(path) for path in _article_files(folder)]
    facts = {
        article.sha256: facts.to_dict()
        for article, facts in zip(articles, extract.extract_articles(articles, nlp), strict=True)
    }
    return folder, ReplayExtractor(facts)


def _contents(store: Store) -> tuple[Any, ...]:
    """Everything a fact base holds, fact ids included."""
    base = store.load_factbase()
    return (
        store.known_ids(),
        base.actors,
        base.meetings,
        base.figures,
        base.quotes,
        base.statements,
        base.sentences,
        sorted(facts_by_id(base)),
        store.stats(),
    )


def _batches(rng: random.Random, paths: list[Path]) -> list[list[Path]]:
    order = list(paths)
    rng.shuffle(order)
    batches: list[list[Path]] = []
    while order:
        size = rng.randint(1, max(1, len(order) // 2))
        batches.append(order[:size])
        order = order[size:]
    return batches


def _ingest_equals_build(
    db_url: str, folder: Path, replay: ReplayExtractor, monkeypatch: pytest.MonkeyPatch, trials: int
) -> None:
    monkeypatch.setattr(extract, "extract_articles", replay.extract_articles)
    paths = sorted(folder.glob("*.txt"))
    with open_store(db_url) as store:
        report = build_fact_base(store, folder, nlp=object())  # type: ignore[arg-type]
        assert report.ok and len(report.added) == len(paths)
        built = _contents(store)
        assert built[1] and built[2] and built[3] and built[4] and built[6]  # nothing empty
        for trial in range(trials):
            rng = random.Random(trial)
            store.reset()
            batches = _batches(rng, paths)
            for batch in batches:
                report = ingest_files(store, batch, nlp=object())  # type: ignore[arg-type]
                assert report.ok and len(report.added) == len(batch), report.summary()
            assert _contents(store) == built, f"trial {trial}: batches {batches}"


def test_ingest_in_random_batches_and_orders_equals_one_build(
    tmp_path: Path, corpus: tuple[Path, ReplayExtractor], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, replay = corpus
    _ingest_equals_build(str(tmp_path / "facts.sqlite3"), folder, replay, monkeypatch, trials=6)


@pytest.mark.postgres
def test_ingest_in_random_batches_equals_one_build_on_postgresql(
    postgres_url: str, corpus: tuple[Path, ReplayExtractor], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, replay = corpus
    _ingest_equals_build(postgres_url, folder, replay, monkeypatch, trials=1)


# --- building on worker processes ---------------------------------------------------------------


def test_worker_count_is_one_for_one_article_and_at_most_the_articles() -> None:
    assert worker_count(4, 1) == 1
    assert worker_count(4, 3) == 3
    assert worker_count(2, 10) == 2
    assert worker_count(1, 10) == 1
    assert worker_count(None, 10) == min(cores(), 10) == min(len(os.sched_getaffinity(0)), 10)


def test_build_on_two_processes_equals_the_build_on_one(
    tmp_path: Path, corpus: tuple[Path, ReplayExtractor], nlp: Language
) -> None:
    folder, _ = corpus
    results = []
    for processes in (1, 2):
        with open_store(str(tmp_path / f"facts-{processes}.sqlite3")) as store:
            report = build_fact_base(store, folder, nlp=nlp, processes=processes)
            assert report.ok
            results.append((store.article_facts(), _contents(store)))
    assert results[0] == results[1]


def test_an_article_the_extractor_fails_on_in_a_worker_is_reported_alone(
    store: Store, extractor: FakeExtractor, tmp_path: Path
) -> None:
    extractor.fail_on = {"drones"}
    paths = [write(tmp_path, f"{name}.txt", text) for name, text in ARTICLE_TEXTS.items()]
    paths.append(write(tmp_path, "third.txt", "A third article\nWith a line of text.\n"))
    report = ingest_files(store, paths, processes=2)
    assert report.added == ["envoy", "third"]
    assert report.errors == [
        (
            str(paths[1].resolve()),
            "could not extract facts: RuntimeError('extractor broke on drones')",
        )
    ]


def test_an_article_that_kills_its_worker_is_reported_alone_and_the_rest_extracted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def deadly(articles: Iterable[Article], nlp: Any = None) -> Iterator[ArticleFacts]:
        for article in articles:
            if article.id == "drones":
                os._exit(9)  # the process dies (killed, out of memory) on this article
            yield ArticleFacts(article_id=article.id, title=article.title)

    monkeypatch.setattr(pipeline, "load_pipeline", object)
    monkeypatch.setattr(extract, "extract_articles", deadly)
    names = ["drones", "envoy", "third", "fourth", "fifth"]
    paths = [write(tmp_path, f"{n}.txt", ARTICLE_TEXTS.get(n, f"{n}\nSome text.\n")) for n in names]
    with open_store(str(tmp_path / "facts.sqlite3")) as store:
        report = ingest_files(store, paths, processes=2)
        assert report.added == ["envoy", "third", "fourth", "fifth"]
        assert report.errors == [
            (str(paths[0].resolve()), "could not extract facts: the process extracting it died")
        ]
        assert store.known_ids() == {"envoy", "third", "fourth", "fifth"}
