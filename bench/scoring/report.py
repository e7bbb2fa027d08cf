"""What a run prints (the tables, then each shown set's failing questions, fact misses and false
facts) and what --json writes. Held-out and fresh failures only with --show-heldout."""

from __future__ import annotations

from collections.abc import Sequence

from bench.scoring import Json
from bench.scoring.answers import QuestionResult, of_kind, passes
from bench.scoring.corpus import HIDDEN, KINDS, SETS
from bench.scoring.facts import FACT_ROWS, ArticleScore, not_actors_found, set_totals


def pct(n: int, d: int) -> str:
    return f"{n}/{d} {100 * n / d:.0f}%" if d else "—"


def num(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "—"


def table_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table_head(first: str, sets: Sequence[str], columns: Sequence[str]) -> list[str]:
    """The head row (`first`, then each column of each set) and the Markdown rule under it."""
    head = [first, *(f"{s} {c}" for s in sets for c in columns)]
    return [table_row(head), "|" + " --- |" * len(head)]


def answers_table(results: dict[str, list[QuestionResult]]) -> list[str]:
    sets = [s for s in SETS if s in results]
    lines = table_head("kind", sets, ("ours", "bm25@3", "bm25@1"))
    kinds = [
        k for k in KINDS if any(r.question["kind"] == k for rs in results.values() for r in rs)
    ]
    for kind in [*kinds, "overall"]:
        cells = [f"**{kind}**" if kind == "overall" else kind]
        for s in sets:
            rows = of_kind(results[s], kind)
            cells += [pct(passed, len(rows)) for passed in passes(rows)]
        lines.append(table_row(cells))
    return lines


def facts_table(fact_scores: dict[str, list[ArticleScore]]) -> list[str]:
    sets = [s for s in SETS if s in fact_scores]
    lines = table_head("facts", sets, ("P", "R", "F1", "tp/pred/gold"))
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
        lines.append(table_row(cells))
    cells = ["not_actors found as actors"]
    for s in sets:
        cells += ["", "", "", str(not_actors_found(fact_scores[s]))]
    lines.append(table_row(cells))
    return lines


def tables(
    results: dict[str, list[QuestionResult]], fact_scores: dict[str, list[ArticleScore]]
) -> list[str]:
    return [
        "## Answers: share of questions passed, ours vs BM25 top 3 / top 1 sentences",
        "",
        *answers_table(results),
        "",
        "## Facts against tests/data/gold: precision, recall, F1",
        "",
        *facts_table(fact_scores),
    ]


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


def fact_lines(scores: Sequence[ArticleScore]) -> list[str]:
    """Each article's fact misses and false facts, articles with neither left out."""
    lines = []
    for score in scores:
        if score.misses or score.false_facts:
            lines.append(f"### {score.article}")
            lines += [f"- miss: {line}" for line in score.misses]
            lines += [f"- false: {line}" for line in score.false_facts]
    return lines


def lists_failures(set_name: str, show_heldout: bool) -> bool:
    """The team must not tune to the held-out third nor to the fresh set: their failures only
    with --show-heldout."""
    return set_name not in HIDDEN or show_heldout


def failures(
    set_name: str,
    results: Sequence[QuestionResult],
    scores: Sequence[ArticleScore],
    show_heldout: bool,
) -> list[str]:
    if not lists_failures(set_name, show_heldout):
        return [f"\n## {set_name}: scores only (--show-heldout lists its failures)"]
    return [
        f"\n## Failing questions: {set_name}\n",
        "\n".join(failure_lines(results)) or "none",
        f"\n## Fact misses and false facts: {set_name}\n",
        *fact_lines(scores),
    ]


def set_figures(
    results: Sequence[QuestionResult], scores: Sequence[ArticleScore], with_questions: bool
) -> Json:
    """One set's --json entry: passes per kind, fact tallies, not_actors, and (unless held out)
    every question's verdict."""
    per_kind: Json = {}
    for kind in [*KINDS, "overall"]:
        rows = of_kind(results, kind)
        if rows:
            ours, top3, top1 = passes(rows)
            per_kind[kind] = {
                "questions": len(rows),
                "ours": ours,
                "bm25_top3": top3,
                "bm25_top1": top1,
            }
    entry: Json = {
        "answers": per_kind,
        "facts": {row: t.as_dict() for row, t in set_totals(scores).items()},
        "not_actors_found": not_actors_found(scores),
    }
    if with_questions:
        entry["questions"] = [
            {
                "id": r.question["id"],
                "passed": r.ours.passed,
                "bm25_top3": r.bm25_3.passed,
                "bm25_top1": r.bm25_1.passed,
                "missing": r.ours.missing,
                "must_not_hits": r.ours.forbidden,
            }
            for r in results
        ]
    return entry
