"""Fixtures for the extraction tests: the real English pipeline, loaded once per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from knowledge.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()
