"""The quality data (tests/data, see its README.md): corpus, manifest, gold facts and questions.

Every evidence sentence, quote and figure sentence of the gold occurs verbatim in its article;
the manifest and the files agree; gold fields take the allowed values; question files are well
formed. bench/quality.py relies on all of it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bench.scoring import corpus, fields

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
CORPUS = DATA / "corpus"
SHAPES = {"wire", "liveblog", "briefing", "readout", "explainer", "briefs", "opinion", "interview"}
WORDS = {"wire": (600, 1000), "liveblog": (2000, 3000)}
SEED_GOLD = {"001_c4cbbd1f81462633", "002_b60141dac85df701"}

MANIFEST: dict[str, dict[str, Any]] = json.loads((CORPUS / "manifest.json").read_text())["articles"]
GOLDS = {p.stem: json.loads(p.read_text()) for p in sorted((DATA / "gold").glob("*.json"))}
QUESTIONS = {s: corpus.load_questions(s) for s in corpus.SETS}


def article_text(stem: str) -> str:
    if stem in MANIFEST:
        return (CORPUS / MANIFEST[stem]["file"]).read_text(encoding="utf-8")
    return (ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")


def test_the_manifest_lists_exactly_the_corpus_files() -> None:
    on_disk = {f"{p.parent.name}/{p.name}" for p in CORPUS.glob("*/*.txt")}
    assert {m["file"] for m in MANIFEST.values()} == on_disk
    for stem, meta in MANIFEST.items():
        assert set(meta) == {"file", "title", "outlet", "published", "url", "shape", "set"}, stem
        assert meta["file"] == f"{meta['set']}/{stem}.txt"
        assert meta["set"] in {"dev", "heldout", "fresh"}
        assert meta["shape"] in SHAPES and stem.startswith(meta["shape"] + "_"), stem
        dt.date.fromisoformat(meta["published"])
        assert re.match(r"https?://[\w.-]+\.[a-z]{2,}/", meta["url"]), meta["url"]
        assert meta["title"] and meta["outlet"]


def test_a_third_of_the_articles_and_every_kind_of_shape_are_held_out() -> None:
    sets = Counter(m["set"] for m in MANIFEST.values())
    assert sets["dev"] + sets["heldout"] >= 18 and sets["heldout"] >= 6
    # A third held out, less the three dev articles issue 12 added in shapes the corpus
    # lacked (the questions' rule below allows the same three). The fresh set is held back
    # too (nobody tunes to it), so it counts on the held side once the dev set grows.
    held = sets["heldout"] + sets["fresh"]
    assert held * 3 >= sets["dev"] + held - 3
    held_shapes = {m["shape"] for m in MANIFEST.values() if m["set"] == "heldout"}
    assert "wire" in held_shapes
    assert held_shapes & {"readout", "briefing"}
    assert held_shapes & {"liveblog", "briefs"}
    assert held_shapes & {"opinion", "explainer"}
    assert {m["shape"] for m in MANIFEST.values()} == SHAPES


def test_the_fresh_set_has_eight_articles_of_every_main_shape() -> None:
    """The fresh set (written after the others, never tuned to): a wire story, a live blog, a
    briefing transcript, a readout, a roundup and an opinion piece or explainer at least."""
    fresh = {stem: m for stem, m in MANIFEST.items() if m["set"] == "fresh"}
    assert len(fresh) >= 8
    shapes = {m["shape"] for m in fresh.values()}
    assert {"wire", "liveblog", "briefing", "readout", "briefs"} <= shapes
    assert shapes & {"opinion", "explainer"}
    assert all(GOLDS[stem]["set"] == "fresh" for stem in fresh)


@pytest.mark.parametrize("stem", sorted(MANIFEST))
def test_an_article_is_plain_text_of_a_realistic_length(stem: str) -> None:
    text = article_text(stem)
    assert not text.startswith("---"), "no front matter: the manifest holds the metadata"
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) >= 8, "one paragraph a line"
    low, high = WORDS.get(MANIFEST[stem]["shape"], (400, 3000))
    assert low <= len(text.split()) <= high


def test_every_corpus_article_and_two_seeds_have_gold() -> None:
    assert set(GOLDS) == set(MANIFEST) | SEED_GOLD
    for stem, gold in GOLDS.items():
        assert gold["article"] == stem
        assert gold["set"] == MANIFEST.get(stem, {"set": "seeds"})["set"]
        published = MANIFEST.get(stem, {}).get("published")
        assert gold["published"] == published


def iso_or_interval(value: str) -> bool:
    try:
        return bool(fields.dates_of(value))
    except ValueError:
        return False


@pytest.mark.parametrize("stem", sorted(GOLDS))
def test_gold_fields_take_the_allowed_values(stem: str) -> None:
    gold = GOLDS[stem]
    assert set(gold) == {
        "article",
        "set",
        "published",
        "actors",
        "meetings",
        "figures",
        "quotes",
        "not_actors",
    }
    for actor in gold["actors"]:
        assert actor["name"] and actor["kind"] in corpus.ACTOR_KINDS, actor
        assert all(isinstance(a, str) and a for a in actor["aliases"])
        for role in actor["roles"]:
            assert set(role) == {"title", "of"} and role["title"], actor
    for meeting in gold["meetings"]:
        assert meeting["participants"], meeting
        assert meeting["kind"] in corpus.MEETING_KINDS, meeting
        assert meeting["status"] in corpus.MEETING_STATUSES, meeting
        assert meeting["date"] is None or iso_or_interval(meeting["date"]), meeting
        assert meeting["evidence"], meeting
    for figure in gold["figures"]:
        assert isinstance(figure["value"], int | float), figure
        assert figure["qualifier"] is None or figure["qualifier"] in corpus.QUALIFIERS, figure
        assert figure["unit"] and figure["counts"], figure
    for quote in gold["quotes"]:
        assert quote["speaker"] and quote["words"], quote


@pytest.mark.parametrize("stem", sorted(GOLDS))
def test_gold_sentences_and_quotes_occur_verbatim_in_the_article(stem: str) -> None:
    gold, text = GOLDS[stem], article_text(stem)
    for meeting in gold["meetings"]:
        for sentence in meeting["evidence"]:
            assert sentence in text, sentence
    for figure in gold["figures"]:
        assert figure["sentence"] in text, figure
    for quote in gold["quotes"]:
        assert quote["words"] in text, quote
        assert quote["sentence"] in text, quote
    for string in gold["not_actors"]:
        assert string in text, string


def test_gold_meeting_participants_are_actors_of_the_article() -> None:
    for stem, gold in GOLDS.items():
        names = {a["name"] for a in gold["actors"]}
        for meeting in gold["meetings"]:
            unknown = [p for p in meeting["participants"] if p not in names]
            assert not unknown, (stem, unknown)


def test_question_files_are_well_formed() -> None:
    ids: set[str] = set()
    for set_name, questions in QUESTIONS.items():
        assert questions, set_name
        for q in questions:
            assert set(q) == {"id", "kind", "question", "must", "must_not", "note"}, q
            assert re.fullmatch(rf"{set_name}-\d{{3}}", q["id"]) and q["id"] not in ids, q
            ids.add(q["id"])
            assert q["kind"] in corpus.KINDS, q
            assert q["question"].strip() and "\n" not in q["question"], q
            assert q["must"] and all(
                group and all(isinstance(s, str) and s for s in group) for group in q["must"]
            ), q
            assert all(isinstance(s, str) and s for s in q["must_not"]), q


def test_questions_are_enough_and_a_third_of_the_unseen_ones_are_held_out() -> None:
    counts = {s: len(qs) for s, qs in QUESTIONS.items()}
    assert sum(counts.values()) >= 150
    assert 35 <= counts["seeds"] <= 50
    held = counts["heldout"] + counts["fresh"]
    assert held * 3 >= counts["dev"] + held - 3
    kinds = Counter(q["kind"] for qs in QUESTIONS.values() for q in qs)
    assert set(kinds) == set(corpus.KINDS)
    assert counts["fresh"] >= 70
    for set_name in ("dev", "heldout", "fresh"):
        assert len({q["kind"] for q in QUESTIONS[set_name]}) == len(corpus.KINDS), set_name


def test_planned_and_no_match_questions_say_what_a_right_answer_holds() -> None:
    for questions in QUESTIONS.values():
        for q in questions:
            if q["kind"] == "no_match":
                assert "nothing" in q["must"][0] and q["must_not"], q
