"""Hostile files for ingest: whatever the files hold (random bytes, UTF-8 cut mid-character,
UTF-16, Latin-1, control characters, only boilerplate, nothing, a folder, a file that vanishes,
too large), the good articles go in whole or nothing changes, and a crash while writing the
facts (an exception, or the process killed) leaves the store as it was.

tests/knowledge/test_ingest.py has one case per kind of bad file; here Hypothesis mixes them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from knowledge import consolidate
from knowledge.facts import FactBase
from knowledge.ingest import MAX_ARTICLE_BYTES, ingest_files
from knowledge.store import PROJECT_ROOT, Store, open_store, rows
from tests.environment import SETTING_NAMES
from tests.factories import (
    ARTICLE_TEXTS,
    FakeExtractor,
    article,
    drones_facts,
    envoy_facts,
    rich_fact_base,
    store_contents,
    write,
)

HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    # `extractor` (a monkeypatched fake) is the same for every example; each has its own store.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
BOILERPLATE = ["Updated", "Source link", "Share", "Advertisement", "Read more here:", "Summary"]

words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
good_articles = st.builds(
    lambda name, line: f"{name} meets Putin in Moscow\n{name} met Putin. {line}\n".encode(),
    st.sampled_from(["Witkoff", "Kushner", "Umerov", "Rubio", "Zelenskyy"]),
    words,
) | st.sampled_from([text.encode() for text in ARTICLE_TEXTS.values()])
hostile_files = st.one_of(
    st.binary(max_size=300),
    # a good article cut inside a multi-byte character
    st.builds(
        lambda text, extra: text.encode() + "—€𝕏"[extra].encode()[:-1],
        st.sampled_from(list(ARTICLE_TEXTS.values())),
        st.integers(0, 2),
    ),
    words.map(lambda text: ("Witkoff met Putin. " + text).encode("utf-16")),
    st.text("éàüß abc\n", min_size=1).map(
        lambda text: ("Zelenskyy café " + text).encode("latin-1")
    ),
    st.text("\x01\x02\x03\x1b", min_size=20).map(str.encode),
    st.lists(st.sampled_from(BOILERPLATE), min_size=1, max_size=5).map("\n".join).map(str.encode),
    st.sampled_from([b"", b" \n\t\r\n", b"\xef\xbb\xbf", b"\x00"]),
)
files = st.lists(good_articles | hostile_files, min_size=1, max_size=6)


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@HYPOTHESIS
@given(contents=files)
def test_good_articles_go_in_whole_and_every_bad_file_is_one_line(
    extractor: FakeExtractor, contents: list[bytes]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with open_store(str(root / "facts.sqlite3")) as store:
            ingest_files(store, [write(root, "earlier.txt", ARTICLE_TEXTS["envoy"])])
            before_ids, before_revision = store.known_ids(), store.revision()
            paths = [write(root, f"f{i}.txt", data) for i, data in enumerate(contents)]
            paths += [root / "gone.txt", root]  # a missing file, a folder

            report = ingest_files(store, paths)

            rejected = {path for path, _ in report.errors}
            assert len(report.added) + len(report.duplicates) + len(rejected) == len(paths)
            for _, reason in report.errors:
                assert reason and "\n" not in reason and "Traceback" not in reason
            for path, data in zip(paths, contents, strict=False):
                if not is_utf8(data) or b"\x00" in data:
                    assert str(path) in rejected, (path, data[:60])
            assert {str(root / "gone.txt"), str(root)} <= rejected
            assert store.known_ids() == before_ids | set(report.added)
            assert (store.revision() != before_revision) == bool(report.added)
            for article_id in report.added:  # whole: the text as the file holds it
                stored = store.article(article_id)
                assert stored is not None
                data = Path(stored.path).read_bytes().decode("utf-8-sig")
                assert stored.text == data.replace("\r\n", "\n").replace("\r", "\n")
            assert store.load_factbase() == consolidate.consolidate(store.article_facts())


def test_a_file_that_vanishes_while_being_read_is_reported_and_the_rest_go_in(
    store: Store, extractor: FakeExtractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vanishing = write(tmp_path, "vanishing.txt", ARTICLE_TEXTS["drones"])
    good = write(tmp_path, "geneva.txt", GENEVA)
    real_open = Path.open

    def open_after_it_vanished(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "vanishing.txt":
            self.unlink()  # after stat(), before open()
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_after_it_vanished)
    report = ingest_files(store, [vanishing, good])

    assert report.added == ["geneva"]
    assert report.errors == [(str(vanishing), "cannot read: No such file or directory")]


# --- a crash while writing --------------------------------------------------------------------


GENEVA = (
    "Umerov meets Witkoff in Geneva\n"
    "Ukraine's lead negotiator Rustem Umerov met US special envoy Steve Witkoff in Geneva on "
    "Sunday.\n"
)


def add_hand_built_facts(store: Store) -> Store:
    """Two articles and the hand-built fact base, so that a lost or half write would show."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(consolidate, "consolidate", lambda items: rich_fact_base())
        store.add_articles([(article("envoy"), envoy_facts()), (article("drones"), drones_facts())])
    return store


@pytest.fixture
def with_facts(store: Store) -> Store:
    return add_hand_built_facts(store)


def state(store: Store) -> tuple[Any, ...]:
    return (*store_contents(store), store.stats(), store.revision())


def test_a_failure_after_the_articles_and_facts_were_written_rolls_everything_back(
    with_facts: Store, extractor: FakeExtractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = state(with_facts)
    assert before[3] == rich_fact_base() and before[4]["actors"] > 0
    real_write = rows.write_fact_base

    def write_then_fail(session: Session, fact_base: FactBase) -> None:
        real_write(session, fact_base)
        session.flush()  # the article rows and the new facts are in the database now
        raise OSError("disk full")

    monkeypatch.setattr(rows, "write_fact_base", write_then_fail)
    paths = [write(tmp_path, "geneva.txt", GENEVA), tmp_path / "missing.txt"]
    with pytest.raises(OSError, match="disk full"):
        ingest_files(with_facts, paths)

    assert state(with_facts) == before


KILLED_INGEST = """
import os, signal, sys
from knowledge import extract
from knowledge.extract import pipeline
from knowledge.store import rows
from tests.factories import FakeExtractor
fake = FakeExtractor()
pipeline.load_pipeline, extract.extract_articles = fake.load_pipeline, fake.extract_articles
real_write = rows.write_fact_base

def write_then_die(session, fact_base):
    real_write(session, fact_base)
    session.flush()
    print("written, dying", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

rows.write_fact_base = write_then_die
from bot.cli import main
main(sys.argv[1:])
"""


def test_a_process_killed_while_writing_leaves_the_store_as_it_was(
    with_facts: Store, db_url: str, extractor: FakeExtractor, tmp_path: Path
) -> None:
    before = state(with_facts)
    with_facts.close()
    paths = [write(tmp_path, "geneva.txt", GENEVA), tmp_path]

    result = subprocess.run(
        [sys.executable, "-c", KILLED_INGEST, "ingest", "--db", db_url, *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**_environment(), "PYTHONPATH": str(PROJECT_ROOT)},
        timeout=120,
    )

    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "written, dying" in result.stdout
    with open_store(db_url) as reopened:
        assert state(reopened) == before
        assert ingest_files(reopened, paths[:1]).added == ["geneva"]  # and still usable


# --- the command line, with the real pipeline ---------------------------------------------------


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}


HOSTILE_FILES: dict[str, Callable[[Path], Path]] = {
    "truncated.txt": lambda d: write(
        d, "truncated.txt", ARTICLE_TEXTS["drones"].encode()[:-1] + "—".encode()[:2]
    ),
    "random.txt": lambda d: write(d, "random.txt", bytes(range(256)) * 8),
    "huge.txt": lambda d: write(
        d, "huge.txt", b"Witkoff met Putin. " * (MAX_ARTICLE_BYTES // 19 + 2)
    ),
    "too-long-for-spacy.txt": lambda d: write(
        d, "too-long-for-spacy.txt", b"Witkoff met Putin in Moscow. " * 40_000
    ),
    "empty.txt": lambda d: write(d, "empty.txt", b""),
    "boilerplate.txt": lambda d: write(d, "boilerplate.txt", "\n".join(BOILERPLATE) + "\n"),
    "folder.txt": lambda d: _mkdir(d / "folder.txt"),
    "vanished.txt": lambda d: d / "vanished.txt",
    "dangling.txt": lambda d: _dangling(d / "dangling.txt"),
}


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _dangling(path: Path) -> Path:
    path.symlink_to(path.with_name("deleted-target.txt"))
    return path


def test_cli_ingest_of_good_and_hostile_files_adds_the_good_one_whole_and_names_the_rest(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "facts.sqlite3")
    with open_store(db) as store:
        before = state(add_hand_built_facts(store))
    bad = [make(tmp_path) for make in HOSTILE_FILES.values()]
    good = write(tmp_path, "geneva.txt", GENEVA)

    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("ukraine-bot")),
            "ingest",
            "--db",
            db,
            *map(str, [*bad[:4], good, *bad[4:]]),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environment(),
        timeout=300,
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    complaints = result.stderr.strip().splitlines()
    reasons = dict(line.split(": ", 1) for line in complaints)
    assert sorted(Path(path).name for path in reasons) == sorted(HOSTILE_FILES)
    too_long = str((tmp_path / "too-long-for-spacy.txt").resolve())
    assert reasons[too_long] == (
        "too long: 1,160,000 characters (the language model reads at most 1,000,000)"
    )
    assert "1 article added, 0 duplicates skipped, 9 files rejected" in result.stdout
    with open_store(db) as store:
        after = state(store)
        assert after[0] == before[0] | {"geneva"}
        assert after[4]["articles"] == before[4]["articles"] + 1
        assert after[5] != before[5]
        stored = store.article("geneva")
        assert stored is not None and stored.text == GENEVA
        assert "geneva" in {s.article_id for meeting in after[3].meetings for s in meeting.sources}

    only_bad = subprocess.run(
        [str(Path(sys.executable).with_name("ukraine-bot")), "ingest", "--db", db, *map(str, bad)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environment(),
        timeout=120,
    )

    assert only_bad.returncode == 1 and "Traceback" not in only_bad.stderr
    with open_store(db) as store:
        assert state(store) == after
