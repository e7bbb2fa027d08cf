"""Articles in, facts with provenance out: runs the pipeline and turns its drafts into facts."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from knowledge.articles import Article, furniture, split_paragraphs
from knowledge.dates import resolve, tense_of
from knowledge.facts import Actor, ArticleFacts, Figure, Meeting, Quote, Role, Source, Statement
from knowledge.names import fold, name_aliases

if TYPE_CHECKING:
    # Language is the type of a loaded pipeline for callers outside this package (ingest), which
    # get everything of spaCy through knowledge.extract.
    from spacy.language import Language as Language
    from spacy.tokens import Doc, Span

    from knowledge.extract.doc import ArticleContext

MAX_ACTOR_SOURCES = 3


def blank_boilerplate(text: str) -> str:
    """The text with boilerplate lines, datelines and section kickers turned to spaces, so
    offsets still match the article.

    A wire story's dateline ("ANCHORAGE, Alaska (AP) —") is blanked too: the parser takes it
    for the first sentence's subject ("ANCHORAGE … Putin ended a summit"), losing who did
    what. Its words are never facts; the sentence cited keeps them (`_Provenance`)."""
    chars = list(text)
    blanks = [
        (p.start, p.start + len(p.text.rstrip("\r")))
        for p in split_paragraphs(text)
        if p.boilerplate
    ]
    layout = furniture(text)
    dateline = [layout.dateline] if layout.dateline else []
    for start, end in [*blanks, *layout.spans, *dateline]:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def article_context(article: Article) -> ArticleContext:
    """What the pipeline's readers need to know of the article around the text."""
    from knowledge.extract.doc import ArticleContext

    layout = furniture(article.text)
    staff = {fold(name) for name in layout.staff}
    staff |= {fold(name.split()[-1]) for name in layout.staff}
    return ArticleContext(article.published, layout.place, frozenset(staff), layout.dateline)


class _Provenance:
    """Builds `Source`s for one article: paragraph numbers from character offsets."""

    def __init__(self, article: Article) -> None:
        self.article = article
        paragraphs = split_paragraphs(article.text)
        self.starts = [p.start for p in paragraphs]
        self.numbers = [p.index for p in paragraphs]
        # One (frozen) source per sentence, however many facts and mentions cite it: Span.text
        # joins the sentence's tokens on each access.
        self.cited: dict[tuple[int, int], Source] = {}
        # The dateline, blanked for the parser (`blank_boilerplate`), opens its sentence again.
        self.dateline = furniture(article.text).dateline

    def __call__(self, sentence: Span) -> Source:
        key = (sentence.start_char, sentence.end_char)
        cited = self.cited.get(key)
        if cited is None:
            cited = self.cited[key] = self._source(sentence)
        return cited

    def _source(self, sentence: Span) -> Source:
        position = bisect_right(self.starts, sentence.start_char) - 1
        paragraph = self.numbers[position] if position >= 0 else 1
        text = " ".join(sentence.text.split())
        start = sentence.start_char
        if self.dateline is not None:
            line_start, line_end = self.dateline
            if line_start <= start and not self.article.text[line_end:start].strip():
                text = " ".join([*self.article.text[line_start:line_end].split(), text])
        return Source(
            article_id=self.article.id,
            article_title=self.article.title,
            paragraph=paragraph,
            sentence=text,
            start=sentence.start_char,
            end=sentence.end_char,
            published=self.article.published,
            outlet=self.article.outlet,
            url=self.article.url,
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
    facts.meetings = [_dated(_cited(Meeting, draft, source), article) for draft in doc._.meetings]
    facts.figures = [_cited(Figure, draft, source) for draft in doc._.figures]
    facts.quotes = [_cited(Quote, draft, source) for draft in doc._.quotes]
    facts.statements = [_cited(Statement, draft, source) for draft in doc._.statements]
    from knowledge.extract.sentences import sentences_of  # imports spaCy: only with a Doc

    facts.sentences = sentences_of(doc, source)
    return facts


_Fact = TypeVar("_Fact", Meeting, Figure, Quote, Statement)


def _cited(schema: type[_Fact], draft: Any, source: _Provenance) -> _Fact:
    """The fact a component's draft holds (a draft is a `schema` fact plus the sentence it was
    read from), cited by that sentence."""
    values = {field.name: getattr(draft, field.name) for field in fields(schema)}
    values["sources"] = [source(draft.sentence)]
    return schema(**values)


def _dated(meeting: Meeting, article: Article) -> Meeting:
    """The meeting with its time expression resolved against the publication date."""
    if meeting.date is None:
        meeting.date = resolve(meeting.time, article.published, tense_of(meeting.status))
    return meeting


def extract_articles(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[ArticleFacts]:
    """Facts for each article, in order; the pipeline runs over them in batches."""
    if nlp is None:
        from knowledge.extract.pipeline import load_pipeline

        nlp = load_pipeline()
    pipeline = nlp

    def prepared(article: Article) -> tuple[Doc, Article]:
        # Tokenized here, so the document carries its article's context into the pipeline.
        doc = pipeline.make_doc(blank_boilerplate(article.text))
        doc._.article = article_context(article)
        return doc, article

    pairs = (prepared(article) for article in articles)
    for doc, article in pipeline.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield facts_from_doc(article, doc)


def extract_article(article: Article, nlp: Language | None = None) -> ArticleFacts:
    """Facts for one article."""
    return next(extract_articles([article], nlp))
