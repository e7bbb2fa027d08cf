"""The answer tests' own fact base from real extraction: a short article of ours (Geneva),
with two actors named Martin, built once per session. The seeds' fact base is `seed_base`
(tests/conftest.py); the hand-built one is tests/knowledge/answer/facts_data.py."""

from __future__ import annotations

import pytest
from spacy.language import Language

from knowledge.articles import make_article
from knowledge.extract import extract_articles
from knowledge.facts import FactBase

GENEVA = """\
Geneva talks on a prisoner exchange move ahead as Russia keeps up drone attacks

Ukrainian Foreign Minister Andrii Sybiha met Swiss Foreign Minister Peter Weber in Geneva on \
Monday to prepare a new round of talks on a prisoner exchange.

Sybiha later spoke by phone with French envoy Paul Martin, who is coordinating European support \
for the exchange.

“We are ready for a full exchange of all for all,” Sybiha said after the meeting.

Weber will host the Ukrainian and Russian delegations in Geneva next week, the Swiss foreign \
ministry said.

Swiss mediator Anna Martin, who has led earlier humanitarian talks, said both sides had agreed to \
an agenda. “Nothing is signed until everything is signed,” Anna Martin said.

Paul Martin said Europe would fund the transport of released prisoners.

Meanwhile, Russia launched 140 drones and five missiles overnight, Ukraine's air force said. Air \
defences shot down 120 drones.

At least three people were killed in the city of Odesa, regional officials said.
"""


@pytest.fixture(scope="session")
def geneva_base(nlp: Language) -> FactBase:
    from knowledge.consolidate import consolidate

    return consolidate(extract_articles([make_article("geneva", GENEVA)], nlp))
