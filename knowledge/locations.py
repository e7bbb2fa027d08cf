"""Where fact bases live, without SQLAlchemy: the project's folders, the default SQLite file, and
whether a `db` argument names a SQLite file.

knowledge.store builds on these; the settings and `ukraine-bot ask` answered from a snapshot
(knowledge/snapshot.py) use them alone, so a new process can answer without importing
SQLAlchemy.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "facts.sqlite3"
DEFAULT_SEEDS_DIR = PROJECT_ROOT / "seeds"
SCHEMA_VERSION = "1"
META_TABLE = "store_meta"  # key → value: schema_version, revision (changes with every write)


class StoreError(Exception):
    """The store cannot be opened or written: bad URL, unreachable database, other schema."""


def sqlite_path(db: str | None) -> Path | None:
    """The SQLite file `db` names when it is a path (None: the default file); None for a URL.

    A `sqlite:///…` URL is left to knowledge.store.sqlite_file, which parses URLs.
    """
    if db is None or not db.strip():
        return DEFAULT_DB_PATH
    if "://" in db:
        return None
    return Path(db).expanduser().resolve()
