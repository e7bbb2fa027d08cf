"""Articles in, facts with provenance out: runs the pipeline and turns its drafts into facts."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from knowledge.articles import Article, is_boilerplate, split_paragraphs
from knowledge.facts import Actor, ArticleFacts, Figure, Meeting, Quote, Role, Source, Statement
from knowledge.names import name_aliases

if TYPE_CHECKING:
    # Language is the type of a loaded pipeline for callers outside this package (ingest), which
    # get everything of spaCy through knowledge.extract.
    from spacy.language import Language as Language
    from spacy.tokens import Doc, Span

MAX_ACTOR_SOURCES = 3


def blank_boilerplate(text: str) -> str:
    """The text with boilerplate lines turned to spaces, so offsets still match the article."""
    pieces: list[str] = []
    for paragraph_line in text.splitlines(keepends=True):
        body = paragraph_line.rstrip("\r\n")
        ending = paragraph_line[len(body) :]
        if body.strip() and is_boilerplate(body):
            pieces.append(" " * len(body) + ending)
        else:
            pieces.append(paragraph_line)
    return "".join(pieces)


class _Provenance:
    """Builds `Source`s for one article: paragraph numbers from character offsets."""

    def __init__(self, article: Article) -> None:
        self.article = article
        paragraphs = split_paragraphs(article.text)
        self.starts = [p.start for p in paragraphs]
        self.numbers = [p.index for p in paragraphs]

    def __call__(self, sentence: Span) -> Source:
        position = bisect_right(self.starts, sentence.start_char) - 1
        paragraph = self.numbers[position] if position >= 0 else 1
        text = " ".join(sentence.text.split())
        return Source(
            article_id=self.article.id,
            article_title=self.article.title,
            paragraph=paragraph,
            sentence=text,
            start=sentence.start_char,
            end=sentence.end_char,
        )


def facts_from_doc(article: Article, doc: Doc) -> ArticleFacts:
    """The facts one processed article holds, each with its source sentence."""
    source = _Provenance(article)
    facts = ArticleFacts(article_id=article.id, title=article.title)
    for actor in doc._.actors.actors.values():
        roles: dict[tuple[str, str | None], Role] = {}
        for title, of, sent_start in actor.roles:
            role = roles.setdefault((title, of), Role(title=title, of=of))
            role.sources.append(source(doc[sent_start].sent))
        mention_sources = list(
            dict.fromkeys(source(doc[start].sent) for start, _ in sorted(actor.mentions))
        )
        affiliation = actor.affiliations.most_common(1)
        facts.actors.append(
            Actor(
                name=actor.name,
                kind=actor.kind,
                aliases=name_aliases([actor.name, *Counter(actor.forms).keys()]),
                roles=list(roles.values()),
                affiliation=affiliation[0][0] if affiliation else None,
                mentions=len(actor.mentions),
                sources=mention_sources[:MAX_ACTOR_SOURCES],
            )
        )
    facts.meetings = [_cited(Meeting, draft, source) for draft in doc._.meetings]
    facts.figures = [_cited(Figure, draft, source) for draft in doc._.figures]
    facts.quotes = [_cited(Quote, draft, source) for draft in doc._.quotes]
    facts.statements = [_cited(Statement, draft, source) for draft in doc._.statements]
    return facts


_Fact = TypeVar("_Fact", Meeting, Figure, Quote, Statement)


def _cited(schema: type[_Fact], draft: Any, source: _Provenance) -> _Fact:
    """The fact a component's draft holds (a draft is a `schema` fact plus the sentence it was
    read from), cited by that sentence."""
    values = {field.name: getattr(draft, field.name) for field in fields(schema)}
    values["sources"] = [source(draft.sentence)]
    return schema(**values)


def extract_articles(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[ArticleFacts]:
    """Facts for each article, in order; the pipeline runs over them in batches."""
    if nlp is None:
        from knowledge.extract.pipeline import load_pipeline

        nlp = load_pipeline()
    pairs = ((blank_boilerplate(article.text), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield facts_from_doc(article, doc)


def extract_article(article: Article, nlp: Language | None = None) -> ArticleFacts:
    """Facts for one article."""
    return next(extract_articles([article], nlp))
