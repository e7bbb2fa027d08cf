"""Near duplicates: the threshold measured on the fixtures, the seeds and the dev corpus."""

from __future__ import annotations

import itertools
from pathlib import Path

from knowledge.articles import make_article
from knowledge.intake.dedup import THRESHOLD, DuplicateFinder, shingles, similarity
from knowledge.intake.page import page_article
from tests.web_server import WEB_DATA

ROOT = Path(__file__).resolve().parents[3]


def page_text(name: str) -> str:
    return page_article((WEB_DATA / name).read_text(encoding="utf-8")).text


def test_a_republished_wire_story_is_a_near_duplicate() -> None:
    wire, copy = page_text("wire-ap.html"), page_text("wire-copy.html")
    paragraphs = wire.splitlines()
    top_half = "\n".join(paragraphs[: len(paragraphs) // 2 + 1])

    assert similarity(shingles(wire), shingles(copy)) >= 0.85
    assert similarity(shingles(wire), shingles(top_half)) == 1.0  # containment: a cut copy


def test_different_articles_about_the_same_talks_are_far_below_the_threshold() -> None:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    files += sorted((ROOT / "tests/data/corpus/dev").glob("*.txt"))
    texts = [make_article(f.stem, f.read_text(encoding="utf-8")).text for f in files]
    texts += [page_text("wire-ap.html"), page_text("other-story.html")]
    sets = [shingles(text) for text in texts]

    worst = max(similarity(a, b) for a, b in itertools.combinations(sets, 2))

    assert len(files) >= 17
    assert worst < 0.1 < THRESHOLD


def test_the_finder_names_the_stored_article_a_copy_repeats() -> None:
    finder = DuplicateFinder([("ap", page_text("wire-ap.html"))])

    found = finder.find(page_text("wire-copy.html"))

    assert found is not None and found.article_id == "ap" and found.score >= THRESHOLD
    assert finder.find(page_text("other-story.html")) is None
    assert finder.find("Too short to be anyone's copy.") is None
