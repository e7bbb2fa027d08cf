"""Where fact bases live, without SQLAlchemy: the seed articles, the default SQLite file, and
whether a `db` argument names a SQLite file.

The seed articles are package data (`knowledge/seeds/`, in a source checkout a link to the
project's `seeds/`), read through importlib.resources, so an installed wheel has them too. The
default fact base is where a user's data belongs: `DATABASE_URL` when set (bot/settings.py), else
`data/facts.sqlite3` in a source checkout (the project folder holding pyproject.toml beside this
package), else the user data directory (`platformdirs`: `~/.local/share/ukraine-bot/` on Linux),
never inside site-packages.

knowledge.store builds on these; the settings and `ukraine-bot ask` answered from a snapshot
(knowledge/snapshot.py) use them alone, so a new process can answer without importing
SQLAlchemy.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

APP_NAME = "ukraine-bot"
PROJECT_ROOT = Path(__file__).resolve().parents[1]  # the source checkout, when this is one
DEFAULT_SEEDS_DIR = Path(str(resources.files("knowledge") / "seeds"))  # a folder: not zip-safe
SCHEMA_VERSION = "2"  # 2: article sentences (the sentences table)
META_TABLE = "store_meta"  # key → value: schema_version, revision (changes with every write)


def is_source_checkout(root: Path = PROJECT_ROOT) -> bool:
    """Whether this package runs from a source checkout (editable install, Docker image's /app
    before the wheel, tests) rather than from an installed wheel."""
    return (root / "pyproject.toml").is_file() and (root / "knowledge" / "locations.py").is_file()


def default_db_path() -> Path:
    """The default SQLite fact base: the checkout's data/ folder, or the user data directory."""
    if is_source_checkout():
        return PROJECT_ROOT / "data" / "facts.sqlite3"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "facts.sqlite3"


DEFAULT_DB_PATH = default_db_path()


def default_cache_dir() -> Path:
    """Where a PostgreSQL store's snapshot and saved indexes are kept on this machine (a SQLite
    store keeps them beside its file): data/cache in a source checkout, else the user cache
    directory (`~/.cache/ukraine-bot/` on Linux)."""
    if is_source_checkout():
        return PROJECT_ROOT / "data" / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


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
