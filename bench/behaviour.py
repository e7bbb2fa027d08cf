"""Records what the bot says, through its command line only, so two versions can be compared.

`dump OUT` builds the fact base from `seeds/` into a temporary SQLite file with the
`ukraine-bot` next to this interpreter, then writes to folder OUT:

- `facts-KIND.json`: `facts --json --limit 0` of every fact kind (the whole fact base);
- `answers.jsonl`: `ask --jsonl` of every question in `bench/behaviour_questions.txt`;
- `about.jsonl`: for each name in ABOUT_NAMES, the actors `facts --kind actor --about NAME`
  finds and the names `ask "who is NAME"` matched, so the two can be seen to agree.

`compare A B` reports, file by file, whether two dumps are identical and prints the first
differences. Only the command line is used, so a dump made before a refactor and one made
after it compare what users see, whatever moved inside.

    .venv/bin/python bench/behaviour.py dump /tmp/before
    .venv/bin/python bench/behaviour.py compare /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "bench" / "behaviour_questions.txt"
KINDS = ("actor", "meeting", "figure", "quote", "statement")
# Misspellings and variants of names in the seeds (and two in none): `facts --about` and
# `ask` must resolve each to the same actor.
ABOUT_NAMES = (
    "Lavrof",
    "Kushnir",
    "Witkof",
    "Umerof",
    "Zelenski",
    "Zelenskiy",
    "Putn",
    "Grynkevich",
    "Karolin Levitt",
    "Erdogan",
    "Erdoğan",
    "Makron",
    "Starmr",
    "Rubiyo",
    "Sibiha",
    "Kelog",
    "Ushakof",
    "Merkel",
    "Xi Jinping",
)


def bot() -> str:
    return str(Path(sys.executable).parent / "ukraine-bot")


def run(*args: str, stdin: str | None = None) -> str:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [bot(), *args], input=stdin, capture_output=True, text=True, env=env, check=False
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"ukraine-bot {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def questions() -> list[str]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith("#")]


def dump(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "facts.sqlite3")
        run("build", "--seeds", str(ROOT / "seeds"), "--db", db)
        for kind in KINDS:
            text = run("facts", "--db", db, "--kind", kind, "--limit", "0", "--json")
            (out / f"facts-{kind}.json").write_text(text, encoding="utf-8")
        asked = questions()
        answers = run("ask", "--db", db, "--jsonl", "-", stdin="\n".join(asked) + "\n")
        rows = [json.loads(line) for line in answers.splitlines() if line.strip()]
        lines = (json.dumps({"question": r["question"], "text": r["text"]}) for r in rows)
        (out / "answers.jsonl").write_text("".join(f"{line}\n" for line in lines), "utf-8")
        about = []
        for name in ABOUT_NAMES:
            found = json.loads(
                run("facts", "--db", db, "--kind", "actor", "--about", name, "--json")
            )
            actors = sorted(found.get("matched", []))
            asked_who = json.loads(run("ask", "--db", db, "--json", f"who is {name}"))
            matched = sorted({m["name"] for m in asked_who.get("matched", [])})
            about.append({"name": name, "facts_about": actors, "ask_matched": matched})
        (out / "about.jsonl").write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in about), encoding="utf-8"
        )
    print(f"{out}: {len(KINDS)} fact kinds, {len(rows)} answers, {len(about)} names")


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    differing = 0
    for name in names:
        left = (a / name).read_text(encoding="utf-8").splitlines() if (a / name).exists() else []
        right = (b / name).read_text(encoding="utf-8").splitlines() if (b / name).exists() else []
        if left == right:
            print(f"{name}: identical ({len(left)} lines)")
            continue
        differing += 1
        changed = sum(1 for x, y in zip(left, right, strict=False) if x != y)
        changed += abs(len(left) - len(right))
        print(f"{name}: {changed} of {max(len(left), len(right))} lines differ")
        diff = difflib.unified_diff(left, right, str(a / name), str(b / name), n=0, lineterm="")
        for line in list(diff)[:40]:
            print("   ", line[:300])
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    pair = sub.add_parser("compare")
    pair.add_argument("a", type=Path)
    pair.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    raise SystemExit(main())
