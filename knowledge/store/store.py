"""`Store`: articles with their facts, the consolidated fact base rebuilt from them in the same
transaction that adds them, claims, digest subscriptions and reports of wrong facts, in one SQL
database; `open_store`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from knowledge.answer import ActorMatch, index_for, match_actors
from knowledge.articles import Article
from knowledge.collector import collection_paused
from knowledge.facts import ArticleFacts, FactBase
from knowledge.locations import StoreError
from knowledge.store import find, provenance, rows
from knowledge.store.engine import aware, database_url, first_line, make_engine, utc_now
from knowledge.store.feeds import FeedStore
from knowledge.store.find import FactMatches
from knowledge.store.flags import FlagStore
from knowledge.store.schema import (
    CONSOLIDATED_TABLES,
    ActorRow,
    ArticleRow,
    Base,
    ClaimRow,
    FigureRow,
    MeetingRow,
    MetaRow,
    QuoteRow,
    SourceRow,
    StatementRow,
)
from knowledge.store.subscriptions import SubscriptionStore
from knowledge.store.threads import ThreadStore


def open_store(db: str | None, cache_dir: Path | None = None) -> Store:
    """Opens (creating if needed) the store at `db`: a SQLite file path or a SQLAlchemy URL.

    `None` means the default SQLite file, data/facts.sqlite3 under the project root. Parent
    folders of a SQLite file are created. Raises `StoreError` when the database cannot be
    reached or holds a schema of another version. `cache_dir` is where a PostgreSQL store's
    snapshot and saved indexes are kept (`Store.cache_file`; default `default_cache_dir()`).
    """
    engine = make_engine(database_url(db))
    store = Store(engine, cache_dir)
    try:
        store.create_schema()
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open {store.display_url}: {first_line(exc.orig)}") from exc
    except StoreError:
        engine.dispose()
        raise
    return store


class Store(SubscriptionStore, FlagStore, FeedStore, ThreadStore):
    """Articles and the consolidated fact base in one SQL database (see `open_store`)."""

    _written: tuple[str, FactBase] | None = None  # (revision, fact base) of the last write here

    # articles

    def known_hashes(self) -> set[str]:
        """The content hashes (`Article.sha256`) of every stored article."""
        with self._sessions() as session:
            return set(session.scalars(select(ArticleRow.sha256)))

    def known_ids(self) -> set[str]:
        """The ids of every stored article."""
        with self._sessions() as session:
            return set(session.scalars(select(ArticleRow.id)))

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, if any."""
        with self._sessions() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                return None
            return Article(
                id=row.id,
                title=row.title,
                text=row.text,
                sha256=row.sha256,
                path=row.path,
                published=row.published,
                outlet=row.outlet,
                url=row.url,
                author=row.author,
            )

    def article_texts(self) -> list[tuple[str, str]]:
        """(id, text) of every stored article that is no copy of another, by id: what a new
        article is compared with to find near duplicates (knowledge/intake/dedup.py)."""
        with self._sessions() as session:
            query = select(ArticleRow.id, ArticleRow.text).where(ArticleRow.copy_of.is_(None))
            return [(row.id, row.text) for row in session.execute(query.order_by(ArticleRow.id))]

    def article_facts(self) -> list[ArticleFacts]:
        """Every stored article's own facts, in article id order."""
        with self._sessions() as session:
            return _article_facts(session)

    def add_articles(
        self,
        items: Sequence[tuple[Article, ArticleFacts]],
        copies: Sequence[tuple[Article, str]] = (),
    ) -> list[str]:
        """Stores articles with their facts and recomputes the consolidated fact base.

        `copies` are near duplicates, each with the id of the article it copies (stored, or
        among `items`): kept as that article's further sources (outlet, date, URL), without
        their text or facts of their own. All in one transaction: when anything fails (a
        duplicate id or hash, consolidation, the database) nothing is changed and the error
        is raised. Returns the ids added, copies included.
        """
        if not items and not copies:
            return []
        now = utc_now()
        with self._transaction() as session:
            for article, original in copies:
                session.add(
                    _article_row(article, ArticleFacts(article.id, article.title), now, original)
                )
            for article, facts in items:
                if facts.article_id != article.id:
                    raise ValueError(
                        f"facts of article {facts.article_id!r} paired with article {article.id!r}"
                    )
                session.add(_article_row(article, facts, now))
            try:
                session.flush()
            except IntegrityError as exc:
                raise StoreError(
                    f"an article with the same id or content is already stored: "
                    f"{first_line(exc.orig)}"
                ) from exc
            written = self._rebuild_fact_base(session)
        self._written = written  # committed
        return [article.id for article, _ in items] + [article.id for article, _ in copies]

    def _rebuild_fact_base(self, session: Session) -> tuple[str, FactBase]:
        """Rewrites the consolidated tables; the new revision and the fact base written."""
        # Imported here: consolidation is only needed when articles change, never to answer.
        from knowledge import consolidate

        with collection_paused():
            fact_base = consolidate.consolidate(_article_facts(session))
            provenance.cite_publications(fact_base, *provenance.publications(session))
            for table in CONSOLIDATED_TABLES:
                session.execute(delete(table))
            rows.write_fact_base(session, fact_base)
            revision = uuid.uuid4().hex
            session.merge(MetaRow(key="revision", value=revision))
            session.flush()
        return revision, fact_base

    def take_written(self, revision: str) -> FactBase | None:
        """The fact base this store object last wrote, if the store is still at that
        `revision`: what `load_factbase()` would read back (`tests/knowledge/store/test_live.py`
        compares them), without reading it. Handed over once, so the store keeps no fact base
        alive after its reader moved on."""
        written, self._written = self._written, None
        if written is None or written[0] != revision:
            return None
        return written[1]

    def articles_between(
        self, since: datetime | None, until: datetime | None = None
    ) -> list[tuple[str, str, datetime]]:
        """(id, title, ingested_at) of the articles ingested in [since, until), oldest first."""
        query = select(ArticleRow.id, ArticleRow.title, ArticleRow.ingested_at)
        if since is not None:
            query = query.where(ArticleRow.ingested_at >= since)
        if until is not None:
            query = query.where(ArticleRow.ingested_at < until)
        with self._sessions() as session:
            found = session.execute(query.order_by(ArticleRow.ingested_at, ArticleRow.id))
            return [(row.id, row.title, aware(row.ingested_at)) for row in found]

    def revision(self) -> str:
        """A token that changes whenever the fact base does (cheap: one primary-key read)."""
        with self._sessions() as session:
            row = session.get(MetaRow, "revision")
            return row.value if row else ""

    # claims

    def claim(self, scope: str, key: str) -> bool:
        """Claims `key` in `scope` for this caller: True the first time, False ever after.

        Atomic across processes and replicas sharing the database (a primary-key insert), so
        a Slack event retried to another replica, or a digest slot two schedulers reach at
        once, is handled by exactly one of them.
        """
        try:
            with self._transaction() as session:
                session.add(ClaimRow(scope=scope, key=key[:255], claimed_at=utc_now()))
        except IntegrityError:
            return False
        return True

    def forget_claims(self, scope: str, before: datetime) -> int:
        """Deletes the claims of `scope` made before `before`; returns how many."""
        with self._transaction() as session:
            result = session.execute(
                delete(ClaimRow).where(ClaimRow.scope == scope, ClaimRow.claimed_at < before)
            )
            return int(getattr(result, "rowcount", 0) or 0)

    # reading

    def load_factbase(self) -> FactBase:
        """The consolidated fact base, every field and every source in stored order."""
        with self._sessions() as session:
            return rows.read_fact_base(session)

    def stats(self) -> dict[str, int]:
        """How many articles and how many facts of each kind are stored."""
        counted: dict[str, type[Base]] = {
            "articles": ArticleRow,
            "actors": ActorRow,
            "meetings": MeetingRow,
            "figures": FigureRow,
            "quotes": QuoteRow,
            "statements": StatementRow,
            "sources": SourceRow,
        }
        with self._sessions() as session:
            return {
                name: session.scalar(select(func.count()).select_from(table)) or 0
                for name, table in counted.items()
            }

    def find_facts(
        self, kind: str, about: str | None = None, limit: int | None = 20
    ) -> FactMatches:
        """Facts of one kind, for inspection; with `about`, only those involving that name.

        `about` is matched as `ask` matches names (`knowledge.answer.match_actors`: any case,
        with or without diacritics, a surname, the closest spelling, any word order); a name
        that is no actor's but a participant's, speaker's or subject's matches when written
        the same way, ignoring case and diacritics.
        """
        actors: list[ActorMatch] = []
        if about is not None and about.strip():
            actors = match_actors(about, index_for(self.load_factbase()))
        with self._sessions() as session:
            return find.find_facts(session, kind, about, actors, limit)


def _article_row(
    article: Article, facts: ArticleFacts, now: datetime, copy_of: str | None = None
) -> ArticleRow:
    """The row of an article; a copy's (`copy_of`) keeps no text: the original has it."""
    return ArticleRow(
        id=article.id,
        title=article.title,
        path=article.path,
        sha256=article.sha256,
        text="" if copy_of else article.text,
        ingested_at=now,
        facts_json=facts.to_dict(),
        published=article.published,
        outlet=article.outlet,
        url=article.url,
        author=article.author,
        copy_of=copy_of,
    )


def _article_facts(session: Session) -> list[ArticleFacts]:
    """Every stored article's own facts, in article id order."""
    return [
        ArticleFacts.from_dict(data)
        for data in session.scalars(select(ArticleRow.facts_json).order_by(ArticleRow.id))
    ]
