from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from knowledge import consolidate, ingest
from knowledge.facts import Actor, Meeting
from knowledge.ingest import DEFAULT_SEEDS_DIR
from knowledge.store import open_store
from tests.environment import SETTING_NAMES
from tests.factories import (
    ARTICLE_TEXTS,
    FakeExtractor,
    article,
    drones_facts,
    envoy_facts,
    rich_fact_base,
)


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No setting leaks in from the shell or .env; the default fact base lives in tmp_path."""
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    default_db = tmp_path / "default" / "facts.sqlite3"
    monkeypatch.setenv("DATABASE_URL", str(default_db))
    return default_db


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


# --- settings and databases -------------------------------------------------------------------


def test_cli_malformed_setting_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, hand_built_db: str
) -> None:
    monkeypatch.setenv("DIGEST_TIMEZONE", "Mars/Olympus_Mons")
    result = run("stats", "--db", hand_built_db)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: invalid setting DIGEST_TIMEZONE: unknown time zone 'Mars/Olympus_Mons' "
        "(try Europe/Kyiv or UTC)"
    ]


def test_cli_help_works_despite_a_malformed_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "eighty")
    result = run("ask", "--help")
    assert result.exit_code == 0 and "QUESTION" in result.stdout


def test_cli_missing_sqlite_file_is_an_error_for_reading(tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite3"
    result = run("stats", "--db", str(missing))
    assert result.exit_code == 1
    assert f"no fact base at {missing}" in result.stderr
    assert not missing.exists()


def test_cli_unreachable_database_is_one_line(tmp_path: Path) -> None:
    result = run("stats", "--db", f"postgresql+psycopg://nobody@/db?host={tmp_path}&port=1")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Error: cannot open postgresql+psycopg://nobody@/db")


def test_cli_default_fact_base_is_built_from_seeds_on_first_use(
    isolated: Path, extractor: FakeExtractor
) -> None:
    first = run("stats", "--json")
    assert first.exit_code == 0
    assert "note: building the fact base" in first.stderr
    seeds = len(list(DEFAULT_SEEDS_DIR.glob("*.txt")))
    assert json.loads(first.stdout)["articles"] == seeds
    assert isolated.is_file()
    second = run("stats", "--json")
    assert second.stderr == "" and json.loads(second.stdout)["articles"] == seeds
    assert extractor.loads == 1


def test_cli_stats_on_postgres(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(consolidate, "consolidate", lambda items: rich_fact_base())
    with open_store(postgres_url) as store:
        store.add_articles([(article("envoy"), envoy_facts()), (article("drones"), drones_facts())])
    result = run("stats", "--db", postgres_url, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["actors"] == 5


# --- stats and facts --------------------------------------------------------------------------


def test_cli_stats_prints_a_count_per_kind(hand_built_db: str) -> None:
    result = run("stats", "--db", hand_built_db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"fact base: {hand_built_db}"
    counts = dict(line.split() for line in lines[1:])
    assert counts == {
        "articles": "2",
        "actors": "5",
        "meetings": "3",
        "figures": "2",
        "quotes": "1",
        "statements": "1",
        "sources": "14",
    }


def test_cli_stats_json(hand_built_db: str) -> None:
    result = run("stats", "--db", hand_built_db, "--json")
    assert json.loads(result.stdout)["meetings"] == 3


def test_cli_facts_lists_facts_with_their_sources(hand_built_db: str) -> None:
    result = run("facts", "--db", hand_built_db, "--kind", "meeting", "--about", "Putin")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == 'meetings about "Putin" → Vladimir Putin: 2'
    assert "in person, held: Steve Witkoff, Vladimir Putin in Moscow, Thursday" in result.stdout
    assert (
        "  - Witkoff meets Putin in Moscow (envoy ¶2): US special envoy Steve Witkoff met "
        "Russian President Vladimir Putin in Moscow."
    ) in result.stdout.splitlines()


def test_cli_facts_says_when_a_name_was_matched_fuzzily(hand_built_db: str) -> None:
    result = run("facts", "--db", hand_built_db, "--kind", "quote", "--about", "Witkof")
    assert result.stdout.splitlines()[0] == (
        'quotes about "Witkof" → Steve Witkoff (closest match): 1'
    )
    assert "Steve Witkoff said: “We had a productive meeting” (topics: meeting, Moscow)" in (
        result.stdout
    )


def test_cli_facts_about_an_unknown_name(hand_built_db: str) -> None:
    result = run("facts", "--db", hand_built_db, "--kind", "actor", "--about", "Napoleon")
    assert result.exit_code == 0
    assert result.stdout.strip() == 'no actors about "Napoleon": the name matches no actor'


def test_cli_facts_limit_shows_how_many_there_are(hand_built_db: str) -> None:
    result = run("facts", "--db", hand_built_db, "--kind", "actor", "--limit", "2")
    assert result.stdout.splitlines()[0] == "actors: 2 of 5"


def test_cli_facts_json_gives_full_records(hand_built_db: str) -> None:
    result = run("facts", "--db", hand_built_db, "--kind", "figure", "--json")
    data = json.loads(result.stdout)
    assert data["kind"] == "figure" and data["total"] == 2
    assert data["facts"][0] == {
        "value": 810.0,
        "unit": "drones",
        "counts": "drones launched at Ukraine overnight",
        "text": "at least 810 drones",
        "qualifier": "at least",
        "subject": "Russia",
        "sources": [
            {
                "article_id": "drones",
                "article_title": "Russia launches drones overnight",
                "paragraph": 2,
                "sentence": "Russia launched at least 810 drones at Ukraine overnight.",
                "start": 7,
                "end": 64,
                "published": None,
                "outlet": None,
                "url": None,
            }
        ],
    }


def test_cli_facts_unknown_kind_is_a_usage_error(hand_built_db: str) -> None:
    result = run("facts", "--db", hand_built_db, "--kind", "rumour")
    assert result.exit_code == 2 and "rumour" in result.stderr


# --- ingest -----------------------------------------------------------------------------------


def test_cli_ingest_reports_bad_files_and_exits_1(
    hand_built_db: str, extractor: FakeExtractor, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Macron and Starmer spoke by phone about Ukraine on Monday.\n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = run("ingest", "--db", hand_built_db, str(good), str(binary), str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{binary}: binary file (contains NUL bytes), not text",
        f"{tmp_path / 'nope'}: no such file",
    ]
    assert result.stdout.splitlines() == ["1 article added, 0 duplicates skipped, 2 files rejected"]
    with open_store(hand_built_db) as store:
        assert store.known_ids() == {"envoy", "drones", "good"}


def test_cli_ingest_duplicate_adds_nothing_and_exits_0(
    hand_built_db: str, extractor: FakeExtractor, tmp_path: Path
) -> None:
    again = tmp_path / "envoy-again.txt"
    again.write_text(ARTICLE_TEXTS["envoy"])
    result = run("ingest", "--db", hand_built_db, str(again))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{again}: already in the fact base, skipped",
        "0 articles added, 1 duplicate skipped, 0 files rejected",
    ]
    assert extractor.loads == 0


def test_cli_ingest_published_dates_the_files_it_adds(
    hand_built_db: str, extractor: FakeExtractor, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Macron and Starmer spoke by phone about Ukraine on Monday.\n")
    result = run("ingest", "--db", hand_built_db, "--published", "24 November 2025", str(good))
    assert result.exit_code == 0
    with open_store(hand_built_db) as store:
        article = store.article("good")
    assert article is not None and article.published == "2025-11-24"


def test_cli_ingest_published_must_be_a_date(hand_built_db: str, tmp_path: Path) -> None:
    result = run("ingest", "--db", hand_built_db, "--published", "soon", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert "'soon' is not a date" in result.stderr


def test_cli_ingest_needs_a_file() -> None:
    assert run("ingest").exit_code == 2


# --- ask --------------------------------------------------------------------------------------


def test_cli_ask_prints_the_answer_text(hand_built_db: str) -> None:
    result = run("ask", "--db", hand_built_db, "who", "met", "Witkoff?")
    assert result.exit_code == 0
    assert "Putin" in result.stdout
    assert "Witkoff meets Putin in Moscow" in result.stdout  # the source is cited


def test_cli_ask_json_has_question_and_text(hand_built_db: str) -> None:
    result = run("ask", "--db", hand_built_db, "--json", "who met Witkoff")
    data = json.loads(result.stdout)
    assert data["question"] == "who met Witkoff"
    assert "Putin" in data["text"]


def test_cli_ask_jsonl_reads_questions_from_stdin(hand_built_db: str) -> None:
    questions = "who met Witkoff\n\nhow many drones did Russia launch\n"
    result = run("ask", "--db", hand_built_db, "--jsonl", "-", input=questions)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in records] == [
        "who met Witkoff",
        "how many drones did Russia launch",
    ]
    assert all(isinstance(r["text"], str) and r["text"] for r in records)


def test_cli_ask_text_from_stdin_shows_each_question(hand_built_db: str) -> None:
    result = run("ask", "--db", hand_built_db, "-", input="who met Witkoff\nwho is Putin\n")
    assert "Q: who met Witkoff" in result.stdout and "Q: who is Putin" in result.stdout


def test_cli_ask_json_and_jsonl_together_is_a_usage_error(hand_built_db: str) -> None:
    result = run("ask", "--db", hand_built_db, "--json", "--jsonl", "who met Witkoff")
    assert result.exit_code == 2 and "not both" in result.stderr


def python_lines(code: str, cwd: Path) -> list[str]:
    """What `code` prints, run by a new Python process without the bot's settings."""
    environment = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        check=True,
    ).stdout.splitlines()


def test_cli_ask_never_imports_spacy(hand_built_db: str, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from bot.cli import main\n"
        f"main(['ask', '--db', {hand_built_db!r}, 'who met Witkoff'], standalone_mode=False)\n"
        "main(['stats', '--db', " + repr(hand_built_db) + "], standalone_mode=False)\n"
        "main(['facts', '--db', " + repr(hand_built_db) + ", '--kind', 'actor'],"
        " standalone_mode=False)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'thinc'})\n"
        "print('SPACY', loaded)\n"
    )
    assert "SPACY []" in python_lines(code, tmp_path)


def test_cli_ask_from_its_snapshot_answers_the_same_without_sqlalchemy(
    hand_built_db: str, tmp_path: Path
) -> None:
    code = (
        "import sys\n"
        "from bot.cli import main\n"
        f"main(['ask', '--db', {hand_built_db!r}, 'who met Witkoff'], standalone_mode=False)\n"
        "print('SQLALCHEMY', 'sqlalchemy' in sys.modules)\n"
    )
    first, second = python_lines(code, tmp_path), python_lines(code, tmp_path)

    assert first[-1] == "SQLALCHEMY True"  # loaded from the store, and the snapshot written
    assert Path(hand_built_db + "-snapshot.json").is_file()
    assert second[-1] == "SQLALCHEMY False"  # answered from the snapshot
    assert first[:-1] == second[:-1] and any("Putin" in line for line in second)


def test_cli_ask_sees_articles_added_after_its_snapshot(
    hand_built_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "Hakan Fidan" not in run("ask", "--db", hand_built_db, "who met Rubio").stdout
    assert Path(hand_built_db + "-snapshot.json").is_file()
    grown = rich_fact_base()
    grown.meetings.append(
        Meeting(participants=["Marco Rubio", "Hakan Fidan"], kind="call", status="held")
    )
    grown.actors.append(Actor(name="Hakan Fidan", kind="person"))
    grown.actors.append(Actor(name="Marco Rubio", kind="person"))
    # Written by another process (serve, or a replica's ingest): the snapshot is left as it was.
    with monkeypatch.context() as patch, open_store(hand_built_db) as store:
        patch.setattr(consolidate, "consolidate", lambda items: grown)
        store.add_articles(
            [(article("call", "Rubio calls Fidan\nThey spoke."), envoy_facts("call"))]
        )

    assert "Hakan Fidan" in run("ask", "--db", hand_built_db, "who met Rubio").stdout


# --- end to end, with the real spaCy pipeline -------------------------------------------------


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fact base built from seeds/ by `ukraine-bot build`, once for the session."""
    path = tmp_path_factory.mktemp("seeded") / "facts.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest, "cores", lambda: 2)  # worker processes, even on one core
        result = CliRunner().invoke(
            main, ["build", "--db", str(path), "--seeds", str(DEFAULT_SEEDS_DIR)]
        )
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def seeded_copy(seeded_db: Path, tmp_path: Path) -> str:
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(seeded_db, copy)
    return str(copy)


def test_cli_build_from_seeds_stores_every_seed(seeded_db: Path) -> None:
    result = run("stats", "--db", str(seeded_db), "--json")
    counts = json.loads(result.stdout)
    assert counts["articles"] == len(list(DEFAULT_SEEDS_DIR.glob("*.txt")))
    assert counts["actors"] > 0 and counts["meetings"] > 0 and counts["sources"] > 0


def test_cli_build_on_one_process_equals_the_default_build_on_every_core(
    seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "cores", lambda: 2)  # the default build used two workers
    one = tmp_path / "one.sqlite3"
    result = run("build", "--db", str(one), "--seeds", str(DEFAULT_SEEDS_DIR), "--processes", "1")
    assert result.exit_code == 0, result.output
    with open_store(str(one)) as single, open_store(str(seeded_db)) as default:
        assert single.article_facts() == default.article_facts()
        assert single.load_factbase() == default.load_factbase()


def test_cli_build_refuses_a_negative_process_count(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--db", str(tmp_path / "x.sqlite3"), "--processes", "-1"]
    )
    assert result.exit_code == 2
    assert "--processes" in result.output and "-1" in result.output
    assert not (tmp_path / "x.sqlite3").exists()


def test_cli_ask_who_met_witkoff_end_to_end(seeded_db: Path) -> None:
    result = run("ask", "--db", str(seeded_db), "who met Witkoff")
    assert result.exit_code == 0
    assert "Witkoff" in result.stdout and "Putin" in result.stdout


def test_cli_ask_jsonl_end_to_end(seeded_db: Path) -> None:
    questions = "who met Witkoff\nwho is Rubio\nwhat did Putin say about foreign troops\n"
    result = run("ask", "--db", str(seeded_db), "--jsonl", "-", input=questions)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in records] == questions.splitlines()
    assert all(r["text"].strip() for r in records)


def test_cli_facts_about_witkoff_end_to_end(seeded_db: Path) -> None:
    result = run("facts", "--db", str(seeded_db), "--kind", "meeting", "--about", "witkof")
    assert result.exit_code == 0
    assert "Steve Witkoff" in result.stdout.splitlines()[0]
    assert "  - " in result.stdout  # each meeting with its sources


def test_cli_ingest_a_seed_again_adds_nothing_end_to_end(seeded_copy: str) -> None:
    seed = sorted(DEFAULT_SEEDS_DIR.glob("*.txt"))[0]
    before = run("stats", "--db", seeded_copy, "--json").stdout
    result = run("ingest", "--db", seeded_copy, str(seed))
    assert result.exit_code == 0
    assert "0 articles added, 1 duplicate skipped" in result.stdout
    assert run("stats", "--db", seeded_copy, "--json").stdout == before


def test_cli_ingest_new_article_and_bad_file_end_to_end(seeded_copy: str, tmp_path: Path) -> None:
    new = tmp_path / "call.txt"
    new.write_text(
        "Zelensky and Macron speak by phone\n"
        "Ukrainian President Volodymyr Zelensky spoke with French President Emmanuel Macron "
        "by phone on Tuesday, Zelensky said.\n"
    )
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Réunion à Paris.\n".encode("latin-1"))
    result = run("ingest", "--db", seeded_copy, str(new), str(latin))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{latin}: not UTF-8: invalid byte 0xe9 at byte offset 1 (save the file as UTF-8)"
    ]
    assert "1 article added" in result.stdout
    with open_store(seeded_copy) as store:
        assert "call" in store.known_ids()
        assert store.find_facts("actor", about="Macron").matched
