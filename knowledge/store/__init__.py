"""The fact store: articles with their extracted facts, and the consolidated fact base.

One SQLAlchemy schema serves SQLite (a file, the default) and PostgreSQL. Every article keeps its
own `ArticleFacts` as JSON; the consolidated tables (actors, aliases, roles, meetings, figures,
quotes, statements and the sources of each) are recomputed from all stored articles with
`knowledge.consolidate.consolidate` in the same transaction that adds articles, so they never
disagree with the articles stored.

Everything that imports SQLAlchemy lives in this package: schema.py (the ORM rows), engine.py
(URLs, SQLite pragmas, sessions, the schema lock), rows.py (FactBase <-> rows),
subscriptions.py, threads.py (the threads the bot answered in), flags.py (facts reported
wrong), feeds.py (feed validators and failures), provenance.py (outlets and copies in
sources), find.py (facts about a name), live.py (a fact base kept fresh) and store.py (`Store`,
`open_store`). What a new process needs without
SQLAlchemy is in knowledge.locations.
"""

from knowledge.locations import DEFAULT_DB_PATH, PROJECT_ROOT, StoreError
from knowledge.store.engine import database_url, sqlite_file
from knowledge.store.feeds import FeedState
from knowledge.store.find import FactMatches
from knowledge.store.flags import Flag
from knowledge.store.live import LiveFactBase
from knowledge.store.rows import Fact, FactKind
from knowledge.store.store import Store, open_store
from knowledge.store.subscriptions import SCHEDULE_OFF, Subscription

__all__ = [
    "DEFAULT_DB_PATH",
    "PROJECT_ROOT",
    "SCHEDULE_OFF",
    "Fact",
    "FactKind",
    "FactMatches",
    "FeedState",
    "Flag",
    "LiveFactBase",
    "Store",
    "StoreError",
    "Subscription",
    "database_url",
    "open_store",
    "sqlite_file",
]
