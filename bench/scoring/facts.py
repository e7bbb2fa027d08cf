"""Fact matching per gold article and its tallies: precision, recall and F1 per kind and field
(the rules are in bench/quality.py's docstring)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bench.scoring import Json
from bench.scoring.fields import (
    counts_right,
    participants_right,
    place_right,
    qualifier_key,
    quote_score,
    shared_participants,
    speaker_right,
    time_right,
    title_right,
    unit_right,
)
from bench.scoring.names import Names
from bench.scoring.text import fold, same_sentence

MEETING_FIELDS = ("participants", "place", "time", "status", "kind")

G = TypeVar("G")
P = TypeVar("P")
Role = tuple[list[str], str | None, str | None]  # a predicted actor's names, title, of


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


def first_sentence(fact: Json, article: str) -> str:
    return (sentence_of(fact, article) or [""])[0]


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


def pair_up(
    score: ArticleScore,
    rows: Iterable[str],
    golds: Sequence[G],
    preds: Sequence[P],
    pair_score: Callable[[G, P], float],
) -> tuple[list[tuple[G, P | None]], list[P]]:
    """Pairs one kind's gold and predicted facts of the article best first, one to one (`assign`;
    a pair score of 0 is no pair), and counts all of them in the kind's rows. Returns each gold
    fact with its match (None when missed), in gold order, and the predicted facts left over."""
    pairs = [
        (s, g, p)
        for g, gf in enumerate(golds)
        for p, pf in enumerate(preds)
        if (s := pair_score(gf, pf))
    ]
    matched = assign(pairs)
    for row in rows:
        score.tallies[row].predicted += len(preds)
        score.tallies[row].gold += len(golds)
    taken = set(matched.values())
    by_gold = [(gf, preds[matched[g]] if g in matched else None) for g, gf in enumerate(golds)]
    return by_gold, [pf for p, pf in enumerate(preds) if p not in taken]


def describe_meeting(m: Json) -> str:
    people = ", ".join(m.get("participants") or [])
    return (
        f"{people} | {m.get('kind')} | {m.get('place')} | {m.get('time')}"
        f"{' ' + str(m['date']) if m.get('date') else ''} | {m.get('status')}"
    )


def score_article(gold: Json, facts: dict[str, list[Json]], names: Names) -> ArticleScore:
    """Scores the predicted facts that cite `gold`'s article against it (the rules are in
    bench/quality.py's docstring)."""
    score = ArticleScore(gold["article"], {row: Tally() for row in FACT_ROWS}, [], [], [])
    match_meetings(score, gold, facts, names)
    match_figures(score, gold, facts)
    match_quotes(score, gold, facts, names)
    match_roles(score, gold, facts, names)
    score.not_actors = not_actors_in(score.article, gold, facts)
    score.false_facts += [f"not an actor: {name}" for name in score.not_actors]
    return score


def match_meetings(
    score: ArticleScore, gold: Json, facts: dict[str, list[Json]], names: Names
) -> None:
    """A pair needs a shared participant and a sentence among the gold evidence; the more
    participants shared, the better the pair."""
    article = score.article

    def pair_score(gm: Json, pm: Json) -> float:
        shared = shared_participants(pm.get("participants") or [], gm["participants"], names)
        if shared and any(
            same_sentence(s, e) for s in sentence_of(pm, article) for e in gm["evidence"]
        ):
            return float(shared)
        return 0.0

    preds = in_article(facts.get("meeting", []), article)
    by_gold, spare = pair_up(score, FACT_ROWS[:6], gold.get("meetings", []), preds, pair_score)
    for gm, pm in by_gold:
        if pm is None:
            score.misses.append(
                f"meeting missed: {describe_meeting(gm)} — {gm['evidence'][0][:90]}"
            )
        else:
            judge_meeting(score, pm, gm, names)
    for pm in spare:
        sentence = first_sentence(pm, article)
        score.false_facts.append(f"meeting: {describe_meeting(pm)} — {sentence[:90]}")


def judge_meeting(score: ArticleScore, pm: Json, gm: Json, names: Names) -> None:
    """Counts each field of a matched meeting, and the kind when all five are right."""
    right = {
        "participants": participants_right(pm.get("participants") or [], gm["participants"], names),
        "place": place_right(pm.get("place"), gm.get("place")),
        "time": time_right(pm, gm),
        "status": fold(pm.get("status")) == fold(gm.get("status")),
        "kind": fold(pm.get("kind")) == fold(gm.get("kind")),
    }
    for name, row in zip(MEETING_FIELDS, FACT_ROWS[1:6], strict=True):
        score.tallies[row].tp += right[name]
    if all(right.values()):
        score.tallies["meetings (all fields)"].tp += 1
    else:
        wrong = ", ".join(k for k, v in right.items() if not v)
        score.misses.append(
            f"meeting wrong ({wrong}): got {describe_meeting(pm)}; want {describe_meeting(gm)}"
        )


def match_figures(score: ArticleScore, gold: Json, facts: dict[str, list[Json]]) -> None:
    """A pair needs the same value and sentence; one with the unit right too is better."""
    article = score.article

    def pair_score(gf: Json, pf: Json) -> float:
        value = pf.get("value")
        if not isinstance(value, int | float):
            return 0.0
        if abs(float(value) - float(gf["value"])) > 1e-6 * max(1.0, abs(float(gf["value"]))):
            return 0.0
        if any(same_sentence(s, gf["sentence"]) for s in sentence_of(pf, article)):
            return 1.0 + unit_right(pf.get("unit"), gf.get("unit"))
        return 0.0

    rows = ("figures (unit right)", "figure unit", "figure counts", "figure qualifier")
    preds = in_article(facts.get("figure", []), article)
    by_gold, spare = pair_up(score, rows, gold.get("figures", []), preds, pair_score)
    tallies = score.tallies
    for gf, pf in by_gold:
        want = f"{gf['value']:g} {gf['unit']} ({gf['counts']})"
        if pf is None:
            score.misses.append(f"figure missed: {want} — {gf['sentence'][:90]}")
            continue
        unit_ok = unit_right(pf.get("unit"), gf.get("unit"))
        tallies["figure unit"].tp += unit_ok
        tallies["figures (unit right)"].tp += unit_ok
        counts_ok = counts_right(pf.get("counts"), gf.get("counts"))
        tallies["figure counts"].tp += counts_ok
        qualifier_ok = qualifier_key(pf.get("qualifier")) == qualifier_key(gf.get("qualifier"))
        tallies["figure qualifier"].tp += qualifier_ok
        if not unit_ok:
            score.misses.append(f"figure unit wrong: got {pf.get('unit')!r}; want {want}")
    for pf in spare:
        score.false_facts.append(
            f"figure: {pf.get('text') or pf.get('value')} {pf.get('unit')} "
            f"({pf.get('counts')}) — {first_sentence(pf, article)[:90]}"
        )


def match_quotes(
    score: ArticleScore, gold: Json, facts: dict[str, list[Json]], names: Names
) -> None:
    """Pairs by the words alone (`quote_score`); the speaker is judged on the matched pair."""
    preds = in_article(facts.get("quote", []), score.article)
    by_gold, spare = pair_up(
        score,
        ("quotes (speaker right)", "quote speaker"),
        gold.get("quotes", []),
        preds,
        lambda gq, pq: quote_score(pq.get("words"), gq["words"]),
    )
    for gq, pq in by_gold:
        if pq is None:
            score.misses.append(f"quote missed: {gq['speaker']}: {gq['words'][:80]!r}")
        elif speaker_right(pq.get("speaker"), gq["speaker"], names):
            score.tallies["quotes (speaker right)"].tp += 1
            score.tallies["quote speaker"].tp += 1
        else:
            score.misses.append(
                f"quote speaker wrong: got {pq.get('speaker')}, want {gq['speaker']}: "
                f"{gq['words'][:70]!r}"
            )
    for pq in spare:
        score.false_facts.append(f"quote: {pq.get('speaker')}: {str(pq.get('words'))[:80]!r}")


def predicted_roles(facts: dict[str, list[Json]], article: str) -> list[Role]:
    """The predicted actors' roles with a source in the article, each with all the actor's names."""
    roles: list[Role] = []
    for actor in facts.get("actor", []):
        for role in actor.get("roles") or []:
            if sources_in(role, article):
                actor_names = [actor.get("name") or "", *(actor.get("aliases") or [])]
                roles.append((actor_names, role.get("title"), role.get("of")))
    return roles


def match_roles(
    score: ArticleScore, gold: Json, facts: dict[str, list[Json]], names: Names
) -> None:
    """A pair needs the holder's name and the title; "of" is the field judged on the pair."""
    gold_roles = [
        (actor["name"], role.get("title"), role.get("of"))
        for actor in gold.get("actors", [])
        for role in actor.get("roles", [])
    ]

    def pair_score(gr: tuple[str, str | None, str | None], pr: Role) -> float:
        (holder, title, _of), (actor_names, ptitle, _pof) = gr, pr
        return 1.0 if title_right(ptitle, title) and names.match(actor_names[0], holder) else 0.0

    preds = predicted_roles(facts, score.article)
    by_gold, spare = pair_up(score, ("roles", "role of"), gold_roles, preds, pair_score)
    for (holder, title, of), pr in by_gold:
        if pr is None:
            score.misses.append(f"role missed: {holder}: {title} of {of}")
            continue
        score.tallies["roles"].tp += 1
        _names, _ptitle, pof = pr
        if (not fold(pof) and not fold(of)) or names.match(pof, of):
            score.tallies["role of"].tp += 1
    for actor_names, ptitle, pof in spare:
        score.false_facts.append(f"role: {actor_names[0]}: {ptitle} of {pof}")


def not_actors_in(article: str, gold: Json, facts: dict[str, list[Json]]) -> list[str]:
    """Strings that must never be actors, found as the name of an actor of the article."""
    banned = {fold(s) for s in gold.get("not_actors", [])}
    return [
        a.get("name") or ""
        for a in in_article(facts.get("actor", []), article)
        if fold(a.get("name")) in banned
    ]


def set_totals(scores: Sequence[ArticleScore]) -> dict[str, Tally]:
    totals = {row: Tally() for row in FACT_ROWS}
    for score in scores:
        for row, tally in score.tallies.items():
            totals[row].add(tally)
    return totals


def not_actors_found(scores: Iterable[ArticleScore]) -> int:
    return sum(len(a.not_actors) for a in scores)
