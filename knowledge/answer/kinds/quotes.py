"""What-did-X-say questions: quotes and reported statements, by speaker and topic.

"what did Zelenskyy say", "what did Trump say about NATO", "quotes about Tomahawks": actors
before "about" are speakers, after it topics; every topic word must be in the quote or its
sentence (with three or more, all but one), and quotes with more of them rank first.
"""

from __future__ import annotations

from functools import partial

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
    term_for_actor,
    term_for_word,
)
from knowledge.answer.suggestions import nothing_about
from knowledge.answer.text import join, text_stems, upper_first
from knowledge.answer.words import QUOTE_CUES, WEEKDAYS_MONTHS
from knowledge.facts import Quote, Statement

_ABOUT = ("about", "on", "regarding", "concerning", "re")


def answer(question: Question, index: FactIndex) -> Found:
    """The speakers' quotes and statements that have the topics asked, best fit first."""
    about_at = next(
        (t.index for t in question.tokens if t.norm in _ABOUT and t.index > 0),
        len(question.tokens),
    )
    speakers = [h.name for h in question.hits if not h.is_place and h.start < about_at]
    topic_actors = [h.name for h in question.hits if not h.is_place and h.start > about_at]
    speakers = list(dict.fromkeys(speakers))
    words = content_words(question, QUOTE_CUES | WEEKDAYS_MONTHS)
    terms = [term_for_word(t, index) for t in words]
    terms += [term_for_actor(n, index) for n in dict.fromkeys(topic_actors) if n not in speakers]
    # "what did Zelenskyy say about the Davos meeting": a place after "about" is a topic too,
    # found in the quote's sentence or paragraph ("Zelenskyy called the meeting …").
    topic_places = [h.name for h in question.hits if h.is_place and h.start > about_at]
    terms += [term_for_actor(n, index) for n in dict.fromkeys(topic_places)]
    topic_actors += [n for n in topic_places if n not in topic_actors]
    quotes, statements = _candidates(speakers, terms, index)
    found: list[tuple[int, int, AnswerFact]] = []
    hits = Hits(terms, index)
    for quote in sorted(quotes, key=index.position):
        own, context = hits(quote)
        found.append((own, context, AnswerFact("quote", quote)))
    for statement in sorted(statements, key=index.position):
        own, context = hits(statement)
        found.append((own, context, AnswerFact("statement", statement)))
    others = ""
    if terms:
        # Every topic must be there; with three or more, one may be missing. When none of a
        # speaker's quotes has them, the speaker's other quotes are shown, said to be other.
        needed = len(terms) - (1 if len(terms) >= 3 else 0)
        about = [f for f in found if f[0] + f[1] >= needed]
        if speakers:
            # "what did Sybiha say about the Tomahawks": a quote whose paragraph is about
            # them ranks after those that are.
            direct = {id(item) for _, _, item in about}
            for _, _, item in found:
                if id(item) not in direct and _in_paragraph(item, terms, index) >= needed:
                    about.append((0, 0, item))
        if about or not speakers:
            found = about
        elif found:
            others = (
                f"None of {join(speakers)}'s quotes is about '{join([t.label for t in terms])}'. "
            )
    ranked = [
        Ranked(_sort_key(position, own, context, item), item)
        for position, (own, context, item) in enumerate(found)
    ]
    topic = " ".join(t.surface for t in words)
    topic = join([x for x in [topic, *dict.fromkeys(topic_actors)] if x])
    description = "quotes"
    if speakers:
        description += f" from {join(speakers)}"
    if topic:
        description += f" about '{topic}'"
    if not speakers and not terms:
        return Found("Quotes:", ranked, partial(nothing_about, index, question, "quotes"))
    empty = partial(nothing_about, index, question, description)
    if others:
        return Found(f"{others}Other quotes from {join(speakers)}:", ranked, empty)
    return Found(f"{upper_first(description)}:", ranked, empty)


def _in_paragraph(item: AnswerFact, terms: list[Term], index: FactIndex) -> int:
    """How many of the terms the paragraph a quote or statement was read in has."""
    source = item.fact.sources[0] if item.fact.sources else None
    if source is None:
        return 0
    stems = text_stems(index.sentences.paragraph_text(source.article_id, source.paragraph))
    return sum(1 for term in terms if term_in(term, stems))


def _sort_key(position: int, own: int, context: int, item: AnswerFact) -> tuple[int, ...]:
    """Best fit to the topics first, then quotes before statements, more sources, order."""
    statement = int(item.kind == "statement")
    return (-relevance(own, context), statement, -sources_count(item.fact), position)


def _candidates(
    speakers: list[str], terms: list[Term], index: FactIndex
) -> tuple[list[Quote], list[Statement]]:
    """The speakers' quotes and statements; with no speaker, those having any topic."""
    quotes: list[Quote] = index.facts.quotes
    statements: list[Statement] = index.facts.statements
    if speakers:
        quotes = [q for name in speakers for q in index.quotes_of.get(name, [])]
        statements = [st for name in speakers for st in index.statements_of.get(name, [])]
    elif terms:
        ids: set[int] = set()
        for term in terms:
            ids |= index.with_term(term, kind=Quote) | index.with_term(term, kind=Statement)
        quotes, statements = index.in_order(ids, Quote), index.in_order(ids, Statement)
    return quotes, statements
