"""FactBase <-> rows: names in facts linked to actors, fields copied both ways."""

from __future__ import annotations

from knowledge.facts import Quote
from knowledge.store.rows import ActorLinks, _actor_row, _columns
from knowledge.store.schema import QuoteRow
from tests.factories import rich_fact_base


def test_actor_links_a_name_by_its_key_or_an_alias() -> None:
    witkoff = rich_fact_base().actors[0]  # Steve Witkoff, alias "Witkoff"
    links = ActorLinks([_actor_row(0, witkoff)])
    for name in ("Steve Witkoff", "steve witkoff’s", "Witkoff"):
        row = links(name)
        assert row is not None and row.name == "Steve Witkoff", name
    assert links("Putin") is None


def test_actor_links_an_alias_shared_by_two_actors_links_neither() -> None:
    witkoff = rich_fact_base().actors[0]
    other = rich_fact_base().actors[1]
    other.aliases.append("Witkoff")
    links = ActorLinks([_actor_row(0, witkoff), _actor_row(1, other)])
    assert links("Witkoff") is None
    linked = links("Vladimir Putin")
    assert linked is not None and linked.name == "Vladimir Putin"


def test_columns_copy_a_facts_plain_fields_and_lists() -> None:
    quote = rich_fact_base().quotes[0]
    values = _columns(quote, Quote)
    assert values == {
        "speaker": quote.speaker,
        "words": quote.words,
        "cue": quote.cue,
        "topics": quote.topics,
    }
    assert values["topics"] is not quote.topics
    row = QuoteRow(**values)
    assert _columns(row, Quote) == values
