"""The answer index's stem postings saved beside a SQLite store and memory-mapped by the next
process (`SavedPostings`, `knowledge.snapshot.keep_sentences`): they read back as the postings
built from the facts, and answers are the same from either."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bench.answers import QUESTIONS
from bot.cli import main
from knowledge.answer import answer_question
from knowledge.answer.index import FactIndex, SavedPostings
from knowledge.facts import FactBase
from knowledge.snapshot import (
    index_key,
    index_path,
    sentences_key,
    sentences_path,
    store_revision,
)


def _postings(index: FactIndex) -> tuple[dict[object, set[int]], dict[object, set[int]]]:
    return (
        {key: set(index._own_postings[key]) for key in index._own_postings},
        {key: set(index._all_postings[key]) for key in index._all_postings},
    )


def test_saved_postings_read_back_as_the_ones_built(seed_base: FactBase, tmp_path: Path) -> None:
    saved = SavedPostings(tmp_path / "index", "revision-1")
    built = FactIndex(seed_base, saved)
    assert (saved.folder / "key").read_text() == "revision-1"
    loaded = FactIndex(seed_base, saved)

    assert not isinstance(loaded._all_postings, dict)  # mapped, not worked out again
    assert isinstance(built._all_postings, dict)
    assert len(built._all_postings) > 1000
    assert _postings(loaded) == _postings(built)
    assert loaded._vocabulary == built._vocabulary
    for fact_id in built._facts_by_id:
        fact = built.fact(fact_id)
        assert loaded.own_stems(fact) == built.own_stems(fact)


def test_answers_from_saved_postings_are_the_built_ones(
    seed_base: FactBase, tmp_path: Path
) -> None:
    saved = SavedPostings(tmp_path / "index", "revision-1")
    building = FactIndex(seed_base, saved)
    built = [answer_question(q, seed_base, index=building).to_dict() for q in QUESTIONS]
    mapping = FactIndex(seed_base, saved)
    mapped = [answer_question(q, seed_base, index=mapping).to_dict() for q in QUESTIONS]

    assert not isinstance(mapping._all_postings, dict)
    assert mapped == built
    assert sum(bool(answer["facts"]) for answer in built) >= 30


def test_postings_saved_for_another_key_or_damaged_are_not_used(
    seed_base: FactBase, tmp_path: Path
) -> None:
    folder = tmp_path / "index"
    FactIndex(seed_base, SavedPostings(folder, "old"))
    indexed = FactIndex(seed_base)._indexed

    assert SavedPostings(folder, "new").load(indexed) is None
    assert SavedPostings(folder, "old").load(indexed[:-1]) is None
    assert SavedPostings(folder, "old").load(indexed) is not None
    (folder / "all.ids.npy").write_bytes(b"not numpy")
    assert SavedPostings(folder, "old").load(indexed) is None
    # Built again and saved whole in its place.
    rebuilt = FactIndex(seed_base, SavedPostings(folder, "old"))
    assert isinstance(rebuilt._all_postings, dict)
    assert SavedPostings(folder, "old").load(indexed) is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_an_unwritable_folder_only_means_building_again(
    seed_base: FactBase, tmp_path: Path
) -> None:
    index = FactIndex(seed_base, SavedPostings(tmp_path / "no" / "such" / "index", "k"))
    assert answer_question("who met Witkoff", seed_base, index=index).facts


def test_ask_saves_both_indexes_for_the_revision_and_the_next_ask_maps_them(
    hand_built_db: str,
) -> None:
    """The answer-index postings and the sentence index, each beside the store under its key."""
    path = Path(hand_built_db)
    runner = CliRunner()
    first = runner.invoke(main, ["ask", "--db", hand_built_db, "how many drones"])
    assert first.exit_code == 0, first.output
    revision = store_revision(path)
    assert revision
    saved = [
        (index_path(path), index_key(revision), "all.ids.npy"),
        (sentences_path(path), sentences_key(revision), "words.ids.npy"),
    ]
    written = []
    for folder, key, array in saved:
        assert (folder / "key").read_text() == key
        written.append((folder / array).stat().st_mtime_ns)

    again = runner.invoke(main, ["ask", "--db", hand_built_db, "how many drones"])
    assert again.exit_code == 0, again.output
    assert again.output == first.output
    # mapped, not rewritten
    assert [(folder / array).stat().st_mtime_ns for folder, _, array in saved] == written
