"""Figure questions: how many, how much, how long, what is the range, a number written.

Figures are ranked by how well what they count matches the question ("how many drones did
Russia launch" → 270 drones, and the 10 missiles launched with them, not the 111 drones Russia
downed); measure words pick units (long, far, range → miles; much → money); a number written
in the question ("$90bn", "20%") finds the figure of that value.
"""

from __future__ import annotations

import math
import re
from functools import partial
from typing import NamedTuple

from knowledge.answer.index import FactIndex, Term, term_in
from knowledge.answer.model import AnswerFact
from knowledge.answer.question import Question
from knowledge.answer.ranking import (
    Found,
    Hits,
    Ranked,
    content_words,
    relevance,
    sources_count,
    term_for_word,
)
from knowledge.answer.suggestions import nothing_about
from knowledge.answer.text import Token, join, text_stems
from knowledge.answer.words import (
    FIGURE_CUES,
    HOW_WORDS,
    MEASURE_NOUNS,
    MEASURE_WORDS,
    MEASURES,
    MULTIPLIERS,
)
from knowledge.facts import Figure


class _Scored(NamedTuple):
    score: int
    relevant: bool
    own: int
    subject: bool
    position: int
    figure: Figure


def answer(question: Question, index: FactIndex) -> Found:
    """The figures that fit the question's words, numbers, measure and actors, best first."""
    measures = {m for t in question.tokens for m in MEASURE_WORDS.get(t.norm, ())}
    if "much" in [t.norm for t in question.tokens] and not measures:
        measures = {"money"}
    words = content_words(question, FIGURE_CUES | frozenset(MEASURE_WORDS) | HOW_WORDS)
    terms = [term_for_word(t, index) for t in words]
    figures, measured = _candidates(question, index, terms, measures)
    scored = _scored(question, index, terms, figures, measured)
    if terms or question.numbers or question.actors:
        best = max((item.score for item in scored), default=0)
        scored = [item for item in scored if item.relevant and item.score * 2 > best]
    ranked = [
        Ranked(
            (-s.score, -s.own, -sources_count(s.figure), s.position),
            AnswerFact("figure", s.figure),
        )
        for s in scored
    ]
    ranked += _companions(ranked, frozenset(t.stem for t in words), index)
    return _found(question, index, words, measures, ranked)


def _found(
    question: Question,
    index: FactIndex,
    words: list[Token],
    measures: set[str],
    ranked: list[Ranked],
) -> Found:
    label = " ".join([n.text for n in question.numbers] + [t.surface for t in words])
    about = label or join(question.actors) or join(sorted(measures), "or")
    heading = f"Figures about '{about}':" if about else "Figures reported:"
    empty = partial(nothing_about, index, question, f"figures about '{about}'" if about else "")
    return Found(heading, ranked, empty)


def _candidates(
    question: Question, index: FactIndex, terms: list[Term], measures: set[str]
) -> tuple[list[Figure], bool]:
    """The figures worth scoring, and whether they are those in the measure asked for.

    In a measure ("how long") when any figure is; else, unless the question has a number,
    only figures with a word of the question or about an actor named can qualify.
    """
    figures = index.facts.figures
    if measures:
        units = frozenset().union(*(MEASURES[m] for m in measures))
        in_measure = index.figures_in_measure(units)
        if in_measure:
            return in_measure, True
    wanted = set(question.actors)
    if (terms or wanted) and not question.numbers:
        ids: set[int] = set()
        for term in terms:
            ids |= index.with_term(term, kind=Figure)
        for name in wanted:
            ids |= {id(f) for f in index.figures_of.get(name, [])}
        figures = index.in_order(ids, Figure)
    return figures, False


def _scored(
    question: Question,
    index: FactIndex,
    terms: list[Term],
    figures: list[Figure],
    measured: bool,
) -> list[_Scored]:
    """Each candidate's score: its words (own fields twice), a number asked (+4), its subject
    named (+2), a measure noun ("range") in its own fields (+2); and whether it is relevant."""
    measure_stems = frozenset(t.stem for t in question.tokens if t.norm in MEASURE_NOUNS)
    wanted = set(question.actors)
    unit_terms = [t for t in terms if any(term_in(t, stems) for stems in index.unit_stems)]
    scored: list[_Scored] = []
    hits = Hits(terms, index, Figure)
    unit_fits: dict[str, bool] = {}
    for figure in figures:
        position = index.position(figure)
        if unit_terms:
            fits = unit_fits.get(figure.unit)
            if fits is None:
                stems = text_stems(figure.unit)
                fits = unit_fits[figure.unit] = any(term_in(t, stems) for t in unit_terms)
            if not fits:
                continue
        own, context = hits(figure)
        if measured and own + context < len(terms):
            # "the range of Tomahawks": the sentence says "the missiles"; the title names them.
            titles = text_stems(" ".join(s.article_title for s in figure.sources))
            context += sum(1 for t in terms if term_in(t, titles))
        number = any(_same_number(figure, n.written, n.scaled) for n in question.numbers)
        subject = figure.subject is not None and index.canonical(figure.subject) in wanted
        score = relevance(own, context) + (4 if number else 0) + (2 if subject else 0)
        if measure_stems & index.own_stems(figure):
            score += 2
        relevant = number or own > 0 or subject or (measured and (context > 0 or not terms))
        scored.append(_Scored(score, relevant, own, subject, position, figure))
    return scored


def _companions(ranked: list[Ranked], asked: frozenset[str], index: FactIndex) -> list[Ranked]:
    """Figures reported with the best ones in one clause: "launched 270 drones and 10 missiles".

    When the question names what happened ("how many drones did Russia launch"), a figure read
    in the same sentence as a best-ranked one, counting something else with that same verb,
    ranks right after it.
    """
    if not ranked:
        return []
    best_key = min(r.key for r in ranked)[0]
    shown = {id(r.item.fact) for r in ranked}
    found: list[Ranked] = []
    groups: dict[str, dict[tuple[frozenset[str], str | None], list[Figure]]] = {}
    for r in ranked:
        top = r.item.fact
        if r.key[0] != best_key or not isinstance(top, Figure) or not top.sources:
            continue
        action = index.counted_action(top)
        if not action & asked:
            continue
        sentence = top.sources[0].sentence
        group = groups.get(sentence)
        if group is None:
            group = groups[sentence] = {}
            for figure in index.figures_by_sentence.get(sentence, []):
                what = (index.counted_action(figure), figure.subject)
                group.setdefault(what, []).append(figure)
        for figure in group.pop((action, top.subject), []):
            if id(figure) in shown:
                continue
            shown.add(id(figure))
            key = (*r.key[:-1], r.key[-1] + 0.5, index.position(figure))
            found.append(Ranked(key, AnswerFact("figure", figure)))
    return found


def _same_number(figure: Figure, written: float, scaled: float) -> bool:
    """Whether a figure's value is the number asked ("$90 billion" is 90 of "$bn")."""
    candidates = {scaled} if scaled != written else {written}
    unit = figure.unit.lower()
    multiplier = next(
        (m for suffix, m in MULTIPLIERS.items() if re.search(rf"(?<![a-z]){suffix}$", unit)), 1.0
    )
    values = {figure.value, figure.value * multiplier}
    return any(math.isclose(v, c, rel_tol=1e-6) for v in values for c in candidates)
