"""The Ankara article extracted once with the real pipeline, for the tests of each component."""

from __future__ import annotations

import pytest
from spacy.language import Language

from knowledge.articles import make_article
from knowledge.consolidate import consolidate
from knowledge.extract import extract_article
from knowledge.facts import ArticleFacts, FactBase
from tests.knowledge.extract.news import ANKARA


@pytest.fixture(scope="session")
def ankara(nlp: Language) -> ArticleFacts:
    return extract_article(make_article("ankara", ANKARA), nlp)


@pytest.fixture(scope="session")
def ankara_base(ankara: ArticleFacts) -> FactBase:
    return consolidate([ankara])
