"""Tests for bench/synthetic.py: copies of a fact base about made-up, consistently named actors."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from anyascii import anyascii

from bench.synthetic import scale_factbase, synthetic_copies
from knowledge.facts import FactBase, Source
from tests.factories import rich_fact_base


def strings(value: Any) -> list[str]:
    """Every string anywhere in a fact base (names, texts, sources, titles)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings(item)]
    return []


def all_sources(facts: FactBase) -> list[Source]:
    found = [s for actor in facts.actors for s in actor.sources]
    found += [s for actor in facts.actors for role in actor.roles for s in role.sources]
    found += [s for meeting in facts.meetings for s in meeting.sources]
    found += [s for figure in facts.figures for s in figure.sources]
    found += [s for quote in facts.quotes for s in quote.sources]
    found += [s for statement in facts.statements for s in statement.sources]
    return found


def actor_names(facts: FactBase) -> set[str]:
    return {name for actor in facts.actors for name in [actor.name, *actor.aliases]}


def test_scale_gives_that_many_times_the_facts() -> None:
    base = rich_fact_base()
    big = scale_factbase(base, 3)
    assert big.counts() == {kind: 3 * count for kind, count in base.counts().items()}
    assert scale_factbase(base, 1) == base


def test_copy_zero_is_the_base_unchanged() -> None:
    base = rich_fact_base()
    first, *_ = synthetic_copies(base, 3)
    assert first == rich_fact_base()
    assert first is not base and first.actors[0] is not base.actors[0]
    big = scale_factbase(base, 3)
    assert big.actors[: len(base.actors)] == base.actors
    assert big.quotes[: len(base.quotes)] == base.quotes
    assert base == rich_fact_base()  # the base itself is left as it was


def test_renamed_copies_contain_no_original_actor_name() -> None:
    base = rich_fact_base()
    originals = sorted(actor_names(base), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, originals)) + r")(?!\w)")
    in_base = {hit.group() for text in strings(asdict(base)) for hit in pattern.finditer(text)}
    assert {"Steve Witkoff", "Witkoff", "Russia", "Zelenskyy", "Erdoğan"} <= in_base
    _, *renamed = synthetic_copies(base, 3)
    for copy in renamed:
        found = [(text, pattern.search(text)) for text in strings(asdict(copy))]
        assert [(text, hit.group()) for text, hit in found if hit] == []


def test_renamed_names_are_consistent_within_a_copy() -> None:
    base = rich_fact_base()
    named = actor_names(base)
    _, *renamed = synthetic_copies(base, 3)
    for number, copy in enumerate(renamed, start=1):
        names = actor_names(copy)
        for old, new in zip(base.meetings, copy.meetings, strict=True):
            for was, now in zip(old.participants, new.participants, strict=True):
                assert (now in names) == (was in named), (was, now)
        for old_q, new_q in zip(base.quotes, copy.quotes, strict=True):
            assert new_q.speaker in names
            assert new_q.speaker != old_q.speaker
        for old_s, new_s in zip(base.statements, copy.statements, strict=True):
            assert (new_s.speaker in names) == (old_s.speaker in named)
        for old_f, new_f in zip(base.figures, copy.figures, strict=True):
            assert (new_f.subject in names) == (old_f.subject in named)
        # A surname alias follows its full name: "Witkoff" is the last word of "Steve Witkoff".
        witkoff = copy.actors[0]
        assert witkoff.aliases == [witkoff.name.split()[-1]]
        assert all(witkoff.aliases[0] in source.sentence for source in witkoff.sources)
        # "Erdoğan" and "Erdogan" stay one name with and without its accent.
        erdogan = copy.actors[4]
        assert erdogan.aliases[0] != erdogan.aliases[1]
        assert anyascii(erdogan.aliases[0]) == erdogan.aliases[1]
        sources = all_sources(copy)
        assert len(sources) == len(all_sources(base))
        assert all(source.article_id.endswith(f"-{number}") for source in sources)
        assert all(source.article_title.endswith(f" ({number})") for source in sources)


def test_copies_are_distinct_and_deterministic() -> None:
    base = rich_fact_base()
    copies = list(synthetic_copies(base, 4))
    name_sets = [{actor.name for actor in copy.actors} for copy in copies]
    for i, names in enumerate(name_sets):
        for other in name_sets[i + 1 :]:
            assert names.isdisjoint(other)
    assert list(synthetic_copies(base, 4)) == copies
    assert list(synthetic_copies(base, 4, seed=1))[1:] != copies[1:]
