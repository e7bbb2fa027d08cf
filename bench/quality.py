"""Answer and fact quality the way a user meets it: ours against a BM25 peer, on unseen text.

    .venv/bin/python bench/quality.py [--sets seeds,dev,heldout,fresh] [--quick] [--json OUT]
                                      [--show-heldout]

One run, through the command line only (`ukraine-bot build`, `ingest`, `ask --jsonl`,
`facts --json`), so it measures whatever the product code is:

1. A fact base in a temporary SQLite file: `build --seeds seeds/`, then `ingest` of every corpus
   article (tests/data/corpus/dev, heldout and fresh; with `ingest --published` per date when the
   CLI has that option, the dates from tests/data/corpus/manifest.json).
2. Every question of tests/data/questions/{seeds,dev,heldout,fresh}.jsonl through one
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
facts of the seeds and dev sets. Held-out and fresh failures are not printed (nor written to
--json) unless --show-heldout is given: the team must not tune to that third, nor to the fresh
set (eight articles written after the others, for measuring a round's changes on text no one
tuned to).

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

--quick ingests one dev, one held-out and one fresh article and asks the first 6 questions of
each set: a smoke test of the whole run (about half a minute), not figures to quote.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.scoring import Json, corpus, report  # noqa: E402
from bench.scoring.answers import QuestionResult, judge, strip_ids  # noqa: E402
from bench.scoring.corpus import SETS  # noqa: E402
from bench.scoring.facts import ArticleScore, score_article  # noqa: E402
from bench.scoring.names import Names  # noqa: E402
from bench.scoring.peer import Peer  # noqa: E402

QUICK_QUESTIONS = 6


@dataclass
class Inputs:
    """What a run scores: the sets as given, the corpus articles to ingest, the gold files and
    the questions of each set."""

    sets: list[str]
    manifest: dict[str, Json]
    golds: list[Json]
    questions: dict[str, list[Json]]

    def asked(self) -> list[str]:
        """The questions in the order they are asked, set after set."""
        return [q["question"] for s in self.sets for q in self.questions[s]]


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--sets", default=",".join(SETS), help="seeds,dev,heldout,fresh (default all)"
    )
    parser.add_argument("--quick", action="store_true", help="a smoke test: few articles")
    parser.add_argument("--json", metavar="OUT", help="write every figure to OUT")
    parser.add_argument(
        "--show-heldout", action="store_true", help="list held-out and fresh failures"
    )
    args = parser.parse_args(argv)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in sets if s not in SETS]
    if unknown or not sets:
        parser.error(f"--sets takes some of {', '.join(SETS)}")
    return args, sets


def select(sets: list[str], quick: bool) -> Inputs:
    """The sets' questions and gold files, every corpus article; --quick: the first article of
    each set and the first QUICK_QUESTIONS questions of each set."""
    manifest = corpus.load_manifest()
    if quick:
        manifest = corpus.first_of_each_set(manifest)
    questions = {s: corpus.load_questions(s) for s in sets}
    if quick:
        questions = {s: qs[:QUICK_QUESTIONS] for s, qs in questions.items()}
    return Inputs(sets, manifest, corpus.golds_of(sets, manifest), questions)


def judge_answers(inputs: Inputs, texts: Sequence[str]) -> dict[str, list[QuestionResult]]:
    """Our answers (`texts`, in the order asked) and the peer's, question by question."""
    article_ids = corpus.article_ids(inputs.manifest)
    peer = Peer(corpus.article_texts(inputs.manifest))
    answers = iter(texts)
    results: dict[str, list[QuestionResult]] = {s: [] for s in inputs.sets}
    for s in inputs.sets:
        for q in inputs.questions[s]:
            ours = strip_ids(next(answers), article_ids)
            results[s].append(judge(q, ours, peer.answer(q["question"])))
    return results


def score_facts(inputs: Inputs, facts: dict[str, list[Json]]) -> dict[str, list[ArticleScore]]:
    """Each gold article of the sets scored; names match across every gold file's actors."""
    names = Names(corpus.load_golds())
    fact_scores: dict[str, list[ArticleScore]] = {s: [] for s in inputs.sets}
    for gold in inputs.golds:
        fact_scores[gold["set"]].append(score_article(gold, facts, names))
    return fact_scores


def heading(inputs: Inputs, quick: bool, seconds: tuple[float, float, float]) -> list[str]:
    """What was run, and its `seconds`: fact base, questions and facts, the whole run."""
    built, asked, whole = seconds
    questions = sum(len(v) for v in inputs.questions.values())
    return [
        f"# Quality: {len(inputs.manifest)} corpus articles on the 5 seeds, "
        f"{questions} questions, {len(inputs.golds)} gold articles"
        f"{' (--quick)' if quick else ''}",
        f"fact base {built:.1f} s, questions and facts {asked:.1f} s, whole run {whole:.1f} s",
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args, sets = parse_args(argv)
    started = time.monotonic()
    inputs = select(sets, args.quick)
    bot = corpus.run_bot(inputs.manifest, inputs.asked())
    asked = time.monotonic()
    results = judge_answers(inputs, bot.texts)
    fact_scores = score_facts(inputs, bot.facts)
    elapsed = time.monotonic() - started

    seconds = (bot.built - started, asked - bot.built, elapsed)
    lines = [*heading(inputs, args.quick, seconds), *report.tables(results, fact_scores)]
    for s in sets:
        lines += report.failures(s, results[s], fact_scores[s], args.show_heldout)
    print("\n".join(lines))

    if args.json:
        out: Json = {"seconds": round(elapsed, 1), "quick": args.quick, "sets": {}}
        for s in sets:
            with_questions = report.lists_failures(s, args.show_heldout)
            out["sets"][s] = report.set_figures(results[s], fact_scores[s], with_questions)
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
