"""Fixtures for the extraction tests: the real English pipeline and the seeds' fact base,
each built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from knowledge.articles import make_article
from knowledge.extract import extract_articles
from knowledge.facts import FactBase
from knowledge.pipeline import load_pipeline
from knowledge.resolve import consolidate

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_base(nlp: Language) -> FactBase:
    """The fact base of the five seed articles, extracted with the real pipeline."""
    articles = [
        make_article(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    return consolidate(extract_articles(articles, nlp))
