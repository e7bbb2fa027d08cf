"""A fresh store on each database (SQLite, and PostgreSQL where the machine has it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from knowledge.store import Store, open_store


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened
