from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from knowledge import consolidate
from knowledge.articles import content_hash
from knowledge.extract import pipeline
from knowledge.facts import ArticleFacts, FactBase
from knowledge.ingest import (
    ArticleFileError,
    IngestReport,
    build_fact_base,
    ingest_files,
    read_article_file,
)
from knowledge.store import PROJECT_ROOT, Store, open_store
from tests.factories import ARTICLE_TEXTS, FakeExtractor, store_contents, write

SEEDS = PROJECT_ROOT / "seeds"


# --- reading one file -------------------------------------------------------------------------


def test_read_article_file_id_is_the_stem_and_title_the_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, "envoy.txt", ARTICLE_TEXTS["envoy"])
    article = read_article_file(path)
    assert article.id == "envoy"
    assert article.title == "Witkoff meets Putin in Moscow"
    assert article.text == ARTICLE_TEXTS["envoy"]
    assert article.sha256 == content_hash(ARTICLE_TEXTS["envoy"])
    assert article.path == str(path.resolve())


def test_read_article_file_drops_bom_and_windows_line_endings(tmp_path: Path) -> None:
    crlf = ARTICLE_TEXTS["envoy"].replace("\n", "\r\n")
    path = write(tmp_path, "envoy.txt", b"\xef\xbb\xbf" + crlf.encode("utf-8"))
    article = read_article_file(path)
    assert article.text == ARTICLE_TEXTS["envoy"]
    assert article.sha256 == content_hash(ARTICLE_TEXTS["envoy"])


BAD_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda d: d / "nowhere.txt", "no such file"),
    "directory": (lambda d: _mkdir(d / "folder.txt"), "is a directory"),
    "empty": (lambda d: write(d, "empty.txt", b""), "empty file"),
    "whitespace": (lambda d: write(d, "blank.txt", " \n\t\n  \r\n"), "empty (no text)"),
    "nul bytes": (
        lambda d: write(d, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "binary file (contains NUL bytes)",
    ),
    "non-text bytes": (
        lambda d: write(d, "noise.txt", bytes(range(128, 256)) * 4),
        "binary file (mostly non-text bytes)",
    ),
    "control characters": (
        lambda d: write(d, "controls.txt", "\x01\x02\x03\x04\x05\x06 text"),
        "binary file (mostly control characters)",
    ),
    "latin-1": (
        lambda d: write(d, "latin.txt", "Zelensky met Macron at the café.\n".encode("latin-1")),
        "not UTF-8: invalid byte 0xe9 at byte offset 30",
    ),
    "too large": (
        lambda d: write(d, "huge.txt", "word " * 1_200_000),
        "too large: 6,000,000 bytes (the limit is 5,000,000)",
    ),
}


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def test_ingest_files_published_dates_every_article_and_the_store_keeps_it(
    store: Store, extractor: FakeExtractor, tmp_path: Path
) -> None:
    paths = [write(tmp_path, f"{name}.txt", text) for name, text in ARTICLE_TEXTS.items()]
    ingest_files(store, paths, published="2025-11-25")
    stored = store.article("envoy")
    assert stored is not None and stored.published == "2025-11-25"


def test_read_article_file_front_matter_is_metadata_not_text(tmp_path: Path) -> None:
    front = "---\ntitle: Envoy in Moscow\noutlet: Reuters\npublished: 3 December 2025\n---\n"
    path = write(tmp_path, "envoy.txt", front + ARTICLE_TEXTS["envoy"])
    article = read_article_file(path)
    assert (article.title, article.outlet, article.published) == (
        "Envoy in Moscow",
        "Reuters",
        "2025-12-03",
    )
    assert article.text == ARTICLE_TEXTS["envoy"]
    assert read_article_file(path, published="2025-12-04").published == "2025-12-04"


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_read_article_file_rejects_bad_file_with_one_clear_reason(
    tmp_path: Path, kind: str
) -> None:
    make, reason = BAD_FILES[kind]
    path = make(tmp_path)
    with pytest.raises(ArticleFileError) as raised:
        read_article_file(path)
    assert raised.value.reason.startswith(reason)
    assert raised.value.path == str(path)
    assert "\n" not in str(raised.value)


def test_read_article_file_rejects_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "secret.txt", ARTICLE_TEXTS["envoy"])

    def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)  # root reads anything, whatever chmod says
    with pytest.raises(ArticleFileError, match="cannot read: Permission denied"):
        read_article_file(path)


def test_read_article_file_size_limit_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path, "envoy.txt", ARTICLE_TEXTS["envoy"])
    with pytest.raises(ArticleFileError, match="too large"):
        read_article_file(path, max_bytes=50)


# --- ingesting --------------------------------------------------------------------------------


def test_ingest_files_adds_articles_in_one_go(
    store: Store, extractor: FakeExtractor, tmp_path: Path
) -> None:
    paths = [write(tmp_path, f"{name}.txt", text) for name, text in ARTICLE_TEXTS.items()]
    report = ingest_files(store, paths)
    assert report == IngestReport(added=["envoy", "drones"])
    assert store.known_ids() == {"envoy", "drones"}
    assert extractor.loads == 1


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_ingest_files_reports_bad_file_and_still_adds_good_ones(
    store: Store, extractor: FakeExtractor, tmp_path: Path, kind: str
) -> None:
    make, reason = BAD_FILES[kind]
    bad = make(tmp_path)
    good = write(tmp_path, "envoy.txt", ARTICLE_TEXTS["envoy"])
    report = ingest_files(store, [bad, good])
    assert report.added == ["envoy"]
    assert len(report.errors) == 1
    path, message = report.errors[0]
    assert path == str(bad) and message.startswith(reason) and "\n" not in message
    assert store.known_ids() == {"envoy"}
    assert not report.ok


def test_ingest_files_only_bad_files_leave_store_unchanged(
    store: Store, extractor: FakeExtractor, tmp_path: Path
) -> None:
    ingest_files(store, [write(tmp_path, "envoy.txt", ARTICLE_TEXTS["envoy"])])
    before = store_contents(store)
    folder = tmp_path / "bad"
    folder.mkdir()
    bad = [make(folder) for make, _ in BAD_FILES.values()]
    report = ingest_files(store, bad)
    assert report.added == [] and len(report.errors) == len(BAD_FILES)
    assert store_contents(store) == before
    assert extractor.loads == 1  # only for the first, good ingest


def test_ingest_files_same_file_twice_adds_nothing(
    store: Store, extractor: FakeExtractor, tmp_path: Path
) -> None:
    path = write(tmp_path, "envoy.txt", ARTICLE_TEXTS["envoy"])
    ingest_files(store, [path])
    before = store_contents(store)
    report = ingest_files(store, [path])
    assert report == IngestReport(duplicates=[str(path)])
    assert report.ok
    assert store_contents(store) == before
    assert extractor.loads == 1  # nothing new: spaCy is not loaded again


def test_ingest_files_same_content_twice_in_one_call_adds_it_once(
    store: Store, extractor: FakeExtractor, tmp_path: Path
) -> None:
    first = write(tmp_path, "envoy.txt", ARTICLE_TEXTS["envoy"])
    copy = write(tmp_path, "copy.txt", ARTICLE_TEXTS["envoy"].replace("\n", "\r\n") + "\n\n")
    report = ingest_files(store, [first, copy, first])
    assert report.added == ["envoy"]
    assert report.duplicates == [str(copy), str(first)]
    assert extractor.extracted == ["envoy"]


def test_ingest_files_id_taken_by_other_content_gets_hash_suffix(
    store: Store, extractor: FakeExtractor, tmp_path: Path
) -> None:
    ingest_files(store, [write(tmp_path, "news.txt", ARTICLE_TEXTS["envoy"])])
    other = tmp_path / "later"
    other.mkdir()
    report = ingest_files(store, [write(other, "news.txt", ARTICLE_TEXTS["drones"])])
    suffix = content_hash(ARTICLE_TEXTS["drones"])[:8]
    assert report.added == [f"news-{suffix}"]
    assert store.known_ids() == {"news", f"news-{suffix}"}


def test_ingest_files_rolls_back_when_consolidation_fails(
    store: Store, extractor: FakeExtractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_files(store, [write(tmp_path, "envoy.txt", ARTICLE_TEXTS["envoy"])])
    before = store_contents(store)

    def failing(items: Iterable[ArticleFacts]) -> FactBase:
        raise RuntimeError("consolidation broke")

    monkeypatch.setattr(consolidate, "consolidate", failing)
    with pytest.raises(RuntimeError, match="consolidation broke"):
        ingest_files(store, [write(tmp_path, "drones.txt", ARTICLE_TEXTS["drones"])])
    assert store_contents(store) == before


def test_ingest_files_reports_an_article_the_extractor_fails_on(
    store: Store, extractor: FakeExtractor, tmp_path: Path
) -> None:
    extractor.fail_on = {"drones"}
    paths = [write(tmp_path, f"{name}.txt", text) for name, text in ARTICLE_TEXTS.items()]
    report = ingest_files(store, paths)
    assert report.added == ["envoy"]
    assert report.errors == [
        (
            str(paths[1].resolve()),
            "could not extract facts: RuntimeError('extractor broke on drones')",
        )
    ]


def test_ingest_files_uses_the_pipeline_it_is_given(
    store: Store, extractor: FakeExtractor, tmp_path: Path
) -> None:
    nlp: Any = object()
    ingest_files(store, [write(tmp_path, "envoy.txt", ARTICLE_TEXTS["envoy"])], nlp=nlp)
    assert extractor.loads == 0


def test_ingest_files_draws_no_progress_bar_off_a_terminal(
    store: Store, extractor: FakeExtractor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [write(tmp_path, f"{name}.txt", text) for name, text in ARTICLE_TEXTS.items()]
    ingest_files(store, paths, progress=True)
    assert capsys.readouterr().err == ""


# --- building from seeds ----------------------------------------------------------------------


def test_build_fact_base_replaces_the_store_with_the_seeds(
    store: Store, extractor: FakeExtractor, tmp_path: Path
) -> None:
    ingest_files(store, [write(tmp_path, "old.txt", "An older article about something else.")])
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in ARTICLE_TEXTS.items():
        write(seeds, f"{name}.txt", text)
    write(seeds, "notes.md", "not an article")
    report = build_fact_base(store, seeds)
    assert sorted(report.added) == ["drones", "envoy"]
    assert store.known_ids() == {"drones", "envoy"}


def test_build_fact_base_failing_pipeline_keeps_the_old_store(
    store: Store, extractor: FakeExtractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_files(store, [write(tmp_path, "envoy.txt", ARTICLE_TEXTS["envoy"])])
    before = store_contents(store)

    def broken() -> object:
        raise OSError("model not installed")

    monkeypatch.setattr(pipeline, "load_pipeline", broken)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(seeds, "drones.txt", ARTICLE_TEXTS["drones"])
    with pytest.raises(OSError, match="model not installed"):
        build_fact_base(store, seeds)
    assert store_contents(store) == before


def test_build_fact_base_without_articles_raises(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ArticleFileError, match=r"no \*\.txt articles"):
        build_fact_base(store, tmp_path)
    with pytest.raises(ArticleFileError, match="no such folder"):
        build_fact_base(store, tmp_path / "missing")


# --- with the real spaCy pipeline -------------------------------------------------------------


def test_ingest_files_resolves_meeting_dates_against_the_publication_date(
    tmp_path: Path, nlp: Any
) -> None:
    path = write(
        tmp_path,
        "kremlin.txt",
        "Kremlin talks\nPresident Vladimir Putin met envoy Steve Witkoff in Moscow on Tuesday.\n",
    )
    with open_store(str(tmp_path / "facts.sqlite3")) as store:
        ingest_files(store, [path], nlp=nlp, published="2025-12-03")
        [meeting] = store.load_factbase().meetings
    assert (meeting.time, meeting.date) == ("Tuesday", "2025-12-02")
    assert meeting.sources[0].published == "2025-12-03"


def test_ingest_files_with_the_real_pipeline_stores_cited_facts(tmp_path: Path, nlp: Any) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(seed, tmp_path / seed.name)
    with open_store(str(tmp_path / "facts.sqlite3")) as store:
        report = ingest_files(store, [tmp_path / seed.name], nlp=nlp)
        assert report.added == [seed.stem]
        fact_base = store.load_factbase()
        assert fact_base.actors, "no actors extracted from a seed article"
        every_source = [s for actor in fact_base.actors for s in actor.sources]
        assert every_source and {s.article_id for s in every_source} == {seed.stem}
        assert fact_base == consolidate.consolidate(store.article_facts())
