"""Where each fact was published: every source gets its article's outlet and URL, and the facts
of an article that other outlets republished (near duplicates, `articles.copy_of`) cite those
copies too, so one wire story is one set of facts with a source per outlet.

Run on the consolidated fact base before it is written (`Store._rebuild_fact_base`): articles
ingested before outlets were kept in sources get them too, from their article rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.facts import FactBase, Source
from knowledge.store.schema import ArticleRow


@dataclass(frozen=True)
class Published:
    """An article's publication: its id, title, date, outlet and URL."""

    id: str
    title: str
    published: str | None
    outlet: str | None
    url: str | None


def publications(session: Session) -> tuple[dict[str, Published], dict[str, list[Published]]]:
    """Every article's publication by id, and the copies of each copied article."""
    articles: dict[str, Published] = {}
    copies: dict[str, list[Published]] = {}
    query = select(
        ArticleRow.id,
        ArticleRow.title,
        ArticleRow.published,
        ArticleRow.outlet,
        ArticleRow.url,
        ArticleRow.copy_of,
    ).order_by(ArticleRow.ingested_at, ArticleRow.id)
    for row in session.execute(query):
        item = Published(row.id, row.title, row.published, row.outlet, row.url)
        articles[row.id] = item
        if row.copy_of:
            copies.setdefault(row.copy_of, []).append(item)
    return articles, copies


def cite_publications(
    fact_base: FactBase,
    articles: dict[str, Published],
    copies: dict[str, list[Published]],
) -> None:
    """Gives every source its article's outlet and URL, and adds a source per copy (in place)."""
    for sources in _source_lists(fact_base):
        cited: list[Source] = []
        for source in sources:
            article = articles.get(source.article_id)
            if article is not None and _adds_to(source, article):
                source = dataclasses.replace(
                    source,
                    outlet=source.outlet or article.outlet,
                    url=source.url or article.url,
                    published=source.published or article.published,
                )
            cited.append(source)
        if not copies:
            sources[:] = cited
            continue
        for source in list(cited):
            for copy in copies.get(source.article_id, ()):
                extra = dataclasses.replace(
                    source,
                    article_id=copy.id,
                    article_title=copy.title,
                    published=copy.published or source.published,
                    outlet=copy.outlet,
                    url=copy.url,
                )
                if extra not in cited:
                    cited.append(extra)
        sources[:] = cited
    for position, sentence in enumerate(fact_base.sentences):
        article = articles.get(sentence.article_id)
        if article is not None and (article.outlet or article.url):
            fact_base.sentences[position] = dataclasses.replace(
                sentence,
                outlet=sentence.outlet or article.outlet,
                url=sentence.url or article.url,
            )


def _adds_to(source: Source, article: Published) -> bool:
    """Whether citing the article's publication changes the source (a field it lacks)."""
    return any(
        not mine and mine != theirs
        for mine, theirs in (
            (source.outlet, article.outlet),
            (source.url, article.url),
            (source.published, article.published),
        )
    )


def _source_lists(fact_base: FactBase) -> Iterator[list[Source]]:
    for actor in fact_base.actors:
        yield actor.sources
        for role in actor.roles:
            yield role.sources
    for meeting in fact_base.meetings:
        yield meeting.sources
    for figure in fact_base.figures:
        yield figure.sources
    for quote in fact_base.quotes:
        yield quote.sources
    for statement in fact_base.statements:
        yield statement.sources
