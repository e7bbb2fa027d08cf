"""A store holding the hand-built fact base, for the tests that read it back."""

from __future__ import annotations

import pytest

from knowledge import consolidate
from knowledge.store import Store
from tests.factories import article, drones_facts, envoy_facts, rich_fact_base


@pytest.fixture
def rich_store(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A store holding both hand-written articles, consolidated into `rich_fact_base()`."""
    monkeypatch.setattr(consolidate, "consolidate", lambda items: rich_fact_base())
    store.add_articles([(article("envoy"), envoy_facts()), (article("drones"), drones_facts())])
    return store
