"""The sentence index saved beside a SQLite store and memory-mapped by the next process
(`SentenceIndex.save` / `load`, `SavedSentences`, `knowledge.snapshot.keep_sentences`): it reads
back as the index built from the sentences, and answers are the same from either."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bench.answers import QUESTIONS
from knowledge.answer import answer_question
from knowledge.answer.index import FactIndex
from knowledge.answer.sentences import SavedSentences, SentenceIndex
from knowledge.facts import FactBase


def test_a_saved_index_reads_back_as_the_one_built(seed_base: FactBase, tmp_path: Path) -> None:
    facts = FactIndex(seed_base)
    built = SentenceIndex.build(seed_base.sentences, facts.canonical)
    built.save(tmp_path / "index")
    loaded = SentenceIndex.load(tmp_path / "index", seed_base.sentences, facts.canonical)

    count = len(seed_base.sentences)
    assert count > 100
    assert loaded.vocab == built.vocab
    assert [loaded.words[p] for p in range(count)] == list(built.words)
    assert [loaded.folded[p] for p in range(count)] == list(built.folded)
    assert {w: list(loaded.postings.get(w, [])) for w in built.vocab.values()} == {
        w: sorted(built.postings.get(w, [])) for w in built.vocab.values()
    }
    for word in built.vocab.values():
        assert np.array_equal(
            loaded.retriever.get_scores([word]), built.retriever.get_scores([word])
        )
    assert loaded.of_actor == built.of_actor
    for name in facts.actors:
        assert loaded.of_name(name, facts.actors) == built.of_name(name, facts.actors), name
    assert loaded.word_ids(["drones", "Witkoff", "ceasefire"]) == built.word_ids(
        ["drones", "Witkoff", "ceasefire"]
    )
    # Memory-mapped, not read into lists.
    assert not isinstance(loaded.words, list)
    assert isinstance(loaded.retriever.scores["data"], np.memmap)


def test_answers_from_a_saved_index_are_the_built_ones(seed_base: FactBase, tmp_path: Path) -> None:
    saved = SavedSentences(tmp_path / "facts.sqlite3-sentences", "revision-1")
    building = FactIndex(seed_base)
    building.saved_sentences = saved
    built = [answer_question(q, seed_base, index=building).to_dict() for q in QUESTIONS]
    assert (saved.folder / "key").read_text() == "revision-1"

    mapping = FactIndex(seed_base)
    mapping.saved_sentences = saved
    mapped = [answer_question(q, seed_base, index=mapping).to_dict() for q in QUESTIONS]

    assert not isinstance(mapping.sentences.words, list)  # it was loaded, not built
    assert isinstance(building.sentences.words, list)
    assert mapped == built
    assert sum(bool(answer.get("evidence")) for answer in built) >= 10


def test_an_index_saved_for_another_key_or_damaged_is_not_used(
    seed_base: FactBase, tmp_path: Path
) -> None:
    folder = tmp_path / "index"
    facts = FactIndex(seed_base)
    SavedSentences(folder, "old").save(SentenceIndex.build(seed_base.sentences, facts.canonical))

    assert SavedSentences(folder, "new").load(seed_base.sentences, facts.canonical) is None
    assert SavedSentences(folder, "old").load(seed_base.sentences[:-1], facts.canonical) is None
    (folder / "words.ids.npy").write_bytes(b"not numpy")
    assert SavedSentences(folder, "old").load(seed_base.sentences, facts.canonical) is None
    # A new index replaces the damaged one whole.
    assert SavedSentences(folder, "old").save(
        SentenceIndex.build(seed_base.sentences, facts.canonical)
    )
    assert SavedSentences(folder, "old").load(seed_base.sentences, facts.canonical) is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_an_unwritable_folder_only_means_indexing_again(
    seed_base: FactBase, tmp_path: Path
) -> None:
    facts = FactIndex(seed_base)
    missing = SavedSentences(tmp_path / "no" / "such" / "index", "k")
    assert not missing.save(SentenceIndex.build(seed_base.sentences, facts.canonical))
    facts.saved_sentences = missing
    assert answer_question("who met Witkoff", seed_base, index=facts).facts
