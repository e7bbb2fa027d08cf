"""The quality data (tests/data: manifest, questions, gold facts; seeds/) and the bot's answers
and facts on it, through its command line only (`build`, `ingest`, `ask --jsonl`, `facts
--json`), so the run measures whatever the product code is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.scoring import Json

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
CORPUS = DATA / "corpus"
GOLD = DATA / "gold"
QUESTIONS = DATA / "questions"
SEEDS = ROOT / "seeds"
SETS = ("seeds", "dev", "heldout", "fresh")
# Sets whose failures are never printed without --show-heldout: nobody tunes to them.
HIDDEN = ("heldout", "fresh")
# The question kinds and the gold files' words (tests/test_corpus.py holds the data to them).
KINDS = (
    "who_met",
    "did_meet",
    "where",
    "when",
    "who_is",
    "role_holder",
    "quote",
    "figure",
    "participants",
    "what_happened",
    "why",
    "latest",
    "appointed",
    "typo",
    "planned_or_declined",
    "no_match",
)
MEETING_KINDS = ("in person", "call", "video", "summit", "talks")
MEETING_STATUSES = ("held", "planned", "proposed", "declined", "on hold")
ACTOR_KINDS = ("person", "organization", "country", "group")
QUALIFIERS = ("at least", "over", "about", "under", "up to")


# ---------------------------------------------------------------------------------------------
# Data


def load_manifest() -> dict[str, Json]:
    articles: dict[str, Json] = json.loads((CORPUS / "manifest.json").read_text())["articles"]
    return articles


def load_questions(set_name: str) -> list[Json]:
    path = QUESTIONS / f"{set_name}.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def load_golds() -> list[Json]:
    return [json.loads(p.read_text()) for p in sorted(GOLD.glob("*.json"))]


def first_of_each_set(manifest: dict[str, Json]) -> dict[str, Json]:
    """--quick: the first article of each set of the manifest."""
    firsts: dict[str, str] = {}
    for stem, meta in manifest.items():
        firsts.setdefault(meta["set"], stem)
    return {stem: manifest[stem] for stem in firsts.values()}


def golds_of(sets: Collection[str], manifest: dict[str, Json]) -> list[Json]:
    """The gold files of the sets: the seeds' and those of the articles ingested."""
    return [
        g
        for g in load_golds()
        if g["set"] in sets and (g["set"] == "seeds" or g["article"] in manifest)
    ]


def article_ids(manifest: dict[str, Json]) -> set[str]:
    """The file stems our answers cite: the seeds' and the corpus articles'."""
    return {p.stem for p in SEEDS.glob("*.txt")} | set(manifest)


def article_texts(manifest: dict[str, Json]) -> list[str]:
    """The seeds' text, then each corpus article's."""
    texts = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))]
    return texts + [(CORPUS / m["file"]).read_text() for m in manifest.values()]


# ---------------------------------------------------------------------------------------------
# The bot, through its command line


def bot_command() -> list[str]:
    exe = Path(sys.executable).parent / "ukraine-bot"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli"]


def run(args: Sequence[str], stdin: str | None = None, check: bool = True) -> str:
    env = {**os.environ, "LOG_LEVEL": "WARNING"}
    result = subprocess.run(
        [*bot_command(), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    if check and result.returncode != 0:
        raise RuntimeError(
            f"ukraine-bot {' '.join(args[:2])} exited {result.returncode}: {result.stderr[-2000:]}"
        )
    return result.stdout


def build_fact_base(db: Path, articles: dict[str, Json]) -> None:
    run(["build", "--seeds", str(SEEDS), "--db", str(db)])
    files = {stem: CORPUS / meta["file"] for stem, meta in articles.items()}
    if "--published" in run(["ingest", "--help"]):
        by_date: dict[str, list[str]] = defaultdict(list)
        for stem, path in files.items():
            by_date[articles[stem]["published"]].append(str(path))
        for date, paths in sorted(by_date.items()):
            run(["ingest", "--db", str(db), "--published", date, *paths])
    else:
        run(["ingest", "--db", str(db), *map(str, files.values())])


def ask_all(db: Path, questions: Sequence[str]) -> list[str]:
    if not questions:
        return []
    out = run(["ask", "--db", str(db), "--jsonl", "-"], stdin="\n".join(questions) + "\n")
    answers = [json.loads(line) for line in out.splitlines() if line.strip()]
    if len(answers) != len(questions):
        raise RuntimeError(f"asked {len(questions)} questions, got {len(answers)} answers")
    return [str(a.get("text", "")) for a in answers]


def load_facts(db: Path) -> dict[str, list[Json]]:
    facts: dict[str, list[Json]] = {}
    for kind in ("actor", "meeting", "figure", "quote"):
        out = run(["facts", "--db", str(db), "--kind", kind, "--json", "--limit", "0"])
        facts[kind] = json.loads(out)["facts"]
    return facts


@dataclass
class BotRun:
    """The bot's answer texts (in the order asked), its facts per kind, and when the fact base
    was built (time.monotonic)."""

    texts: list[str]
    facts: dict[str, list[Json]]
    built: float


def run_bot(manifest: dict[str, Json], questions: Sequence[str]) -> BotRun:
    """A fact base in a temporary SQLite file (seeds and the manifest's articles), then every
    question through one `ask --jsonl -` and every fact through `facts --json`."""
    with tempfile.TemporaryDirectory(prefix="quality-") as tmp:
        db = Path(tmp) / "facts.sqlite3"
        build_fact_base(db, manifest)
        built = time.monotonic()
        texts = ask_all(db, questions)
        facts = load_facts(db)
    return BotRun(texts, facts, built)
