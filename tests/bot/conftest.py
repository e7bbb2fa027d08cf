"""Fixtures for the Slack tests: a stand-in for Slack's side, and the hand-built fact base."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from knowledge.store import Store, open_store
from tests.slack_stub import SlackStub, start_stub


@pytest.fixture
def stub() -> Iterator[SlackStub]:
    yield from start_stub()


@pytest.fixture
def store(hand_built_db: str) -> Iterator[Store]:
    with open_store(hand_built_db) as opened:
        yield opened
