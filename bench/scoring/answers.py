"""Answer scoring: must / must_not against our answer and the peer's top sentences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bench.scoring import Json
from bench.scoring.text import fold


@dataclass
class Verdict:
    passed: bool
    missing: list[list[str]] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)


@dataclass
class QuestionResult:
    question: Json
    ours: Verdict
    bm25_3: Verdict
    bm25_1: Verdict
    answer: str


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


def judge(question: Json, ours: str, top: Sequence[str]) -> QuestionResult:
    """Our answer (article ids already stripped) and the peer's top 3 and top 1 sentences."""
    must, must_not = question["must"], question["must_not"]
    return QuestionResult(
        question,
        score_answer(ours, must, must_not),
        score_answer("\n".join(top), must, must_not),
        score_answer("\n".join(top[:1]), must, must_not),
        ours,
    )


def of_kind(results: Iterable[QuestionResult], kind: str) -> list[QuestionResult]:
    """The results of one question kind; "overall" is all of them."""
    return [r for r in results if kind == "overall" or r.question["kind"] == kind]


def passes(results: Iterable[QuestionResult]) -> tuple[int, int, int]:
    """How many pass: ours, the peer's top 3, the peer's top 1."""
    rows = list(results)
    return (
        sum(r.ours.passed for r in rows),
        sum(r.bm25_3.passed for r in rows),
        sum(r.bm25_1.passed for r in rows),
    )
