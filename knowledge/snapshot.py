"""A snapshot of a SQLite fact base as JSON, beside it, so a new `ukraine-bot ask` answers fast.

Most of a cold `ask` was importing SQLAlchemy and loading the fact base through it. The snapshot
is the loaded `FactBase` in a JSON file next to the database (`facts.sqlite3` →
`facts.sqlite3-snapshot.json`), written by the first `ask` that loaded the store. It is used only
while it is exact: it records the store's revision, which every write changes, and a digest of
the fact schema's source; the revision is read with the standard library's sqlite3, read-only,
so a fresh snapshot answers without SQLAlchemy. Anything else (another revision, another
schema, a file that does not parse, a PostgreSQL store) means loading the store as before.

JSON, not pickle: a file that loads as data cannot run code, whoever wrote it. Each distinct
source is written once, in a table the facts cite by number (`FORMAT` 2): a sentence is cited by
several facts and each actor's every mention, so this halves the sources read and made.

Beside it too, in `facts.sqlite3-sentences/`, the sentence index of the same fact base (the
BM25 arrays bm25s saves and each sentence's word ids: `SentenceIndex.save`), so neither a new
`ask` nor a starting `serve` tokenizes every source sentence again: `keep_sentences` points the
fact base's index at it, which maps it (numpy `mmap_mode="r"`) when it was made for the same
revision by the same code, else indexes the sentences and saves them there. Likewise the answer
index's stem postings (which facts have which word, per kind), in `facts.sqlite3-index/`: the
bulk of building a `FactIndex`, mapped instead of worked out again from every fact and sentence.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import tempfile
from dataclasses import fields
from pathlib import Path
from typing import Any

from knowledge.collector import collection_paused
from knowledge.facts import (
    Actor,
    ArticleFacts,
    FactBase,
    Figure,
    Meeting,
    Quote,
    Sentence,
    Source,
    Statement,
)
from knowledge.locations import META_TABLE, SCHEMA_VERSION

log = logging.getLogger(__name__)

SUFFIX = "-snapshot.json"
FORMAT = 2
SENTENCES_SUFFIX = "-sentences"
INDEX_SUFFIX = "-index"


def snapshot_path(db_file: Path) -> Path:
    """Where the snapshot of the SQLite file `db_file` is kept."""
    return db_file.with_name(db_file.name + SUFFIX)


def sentences_path(db_file: Path) -> Path:
    """Where the saved sentence index of the SQLite file `db_file` is kept (a folder)."""
    return db_file.with_name(db_file.name + SENTENCES_SUFFIX)


def index_path(db_file: Path) -> Path:
    """Where the saved answer index postings of the SQLite file `db_file` are kept (a folder)."""
    return db_file.with_name(db_file.name + INDEX_SUFFIX)


def index_key(revision: str) -> str:
    """What saved postings must have been made for: the store's revision, the fact schema and
    the code that stems and indexes facts."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in (here / "names.py", here / "answer" / "text.py", here / "answer" / "index.py"):
        digest.update(path.read_bytes() + b"\0")
    return f"{revision} {schema_digest()} {digest.hexdigest()[:16]}"


def sentences_key(revision: str) -> str:
    """What a saved sentence index must have been made for: the store's revision, the fact
    schema, the code that indexes sentences and the bm25s that saved it."""
    from importlib.metadata import PackageNotFoundError, version

    source = (Path(__file__).parent / "answer" / "sentences.py").read_bytes()
    try:
        bm25s = version("bm25s")
    except PackageNotFoundError:  # pragma: no cover - a dependency of the project
        bm25s = "?"
    code = hashlib.sha256(source + b"\0" + bm25s.encode()).hexdigest()[:16]
    return f"{revision} {schema_digest()} {code}"


def keep_sentences(db_file: Path, revision: str, facts: FactBase) -> None:
    """Makes the answer index of `facts` (loaded from `db_file` at `revision`) map its stem
    postings and its sentence index from beside the store, or save them there once built."""
    if not revision:
        return
    from knowledge.answer import index_for
    from knowledge.answer.index import SavedPostings
    from knowledge.answer.sentences import SavedSentences

    saved = SavedPostings(index_path(db_file), index_key(revision))
    with collection_paused():
        index = index_for(facts, saved)
    index.saved_sentences = SavedSentences(sentences_path(db_file), sentences_key(revision))


def schema_digest() -> str:
    """A digest of the fact schema's source (knowledge/facts.py) and the store's schema version:
    a snapshot written by other code is not read."""
    source = (Path(__file__).parent / "facts.py").read_bytes()
    return hashlib.sha256(SCHEMA_VERSION.encode() + b"\0" + source).hexdigest()[:16]


def store_revision(db_file: Path) -> str | None:
    """The revision of the SQLite store `db_file`, read-only; None when there is none to read
    (no file, not a store, another schema version)."""
    if not db_file.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{db_file.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        rows = dict(
            connection.execute(
                f"SELECT key, value FROM {META_TABLE} WHERE key IN ('revision', 'schema_version')"
            ).fetchall()
        )
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    if rows.get("schema_version") != SCHEMA_VERSION:
        return None
    return str(rows["revision"]) if rows.get("revision") else None


def read_snapshot(db_file: Path) -> FactBase | None:
    """The fact base of `db_file` from its snapshot, or None unless the snapshot is exact."""
    found = read_snapshot_at(db_file)
    return None if found is None else found[0]


def read_snapshot_at(db_file: Path, revision: str | None = None) -> tuple[FactBase, str] | None:
    """The fact base of `db_file` from its snapshot and the revision it is of, or None unless
    the snapshot is exact: of `revision` when given (a PostgreSQL store's, read by the caller;
    `db_file` is then the name its cache is kept under), else of the SQLite file's own."""
    if revision is None:
        revision = store_revision(db_file)
    path = snapshot_path(db_file)
    if revision is None or not path.is_file():
        return None
    try:
        if _revision_written(path) not in (None, revision):
            return None  # stale: known from its first bytes, without parsing all of it
        with collection_paused():
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("revision") != revision or data.get("schema") != schema_digest():
                return None
            if data.get("format") != FORMAT:
                return None
            return _fact_base(data["facts"]), revision
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.debug("snapshot %s not used: %s", path, error)
        return None


_REVISION_HEAD = re.compile(rb'\{"revision":"([^"\\]*)"')


def _revision_written(path: Path) -> str | None:
    """The revision a snapshot file opens with (`write_snapshot` writes it first), or None
    when its first bytes do not say (then the whole file is read to know)."""
    with path.open("rb") as file:
        found = _REVISION_HEAD.match(file.read(128))
    return found.group(1).decode("utf-8", "replace") if found else None


def write_snapshot(db_file: Path, revision: str, facts: FactBase) -> bool:
    """Writes the snapshot of `facts`, loaded from `db_file` at `revision`; False if it could
    not be written (a read-only folder), which only makes the next `ask` slower.

    `revision` must have been read before the facts were loaded: a write in between then
    leaves a snapshot of an older revision, which is never read.
    """
    if not revision:
        return False
    path = snapshot_path(db_file)
    data = {
        "revision": revision,
        "schema": schema_digest(),
        "format": FORMAT,
        "facts": _facts_dict(facts),
    }
    try:
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(data, file, ensure_ascii=False, separators=(",", ":"))
            if db_file.is_file():  # readable as the store is (a cache of PostgreSQL: private)
                os.chmod(temporary, db_file.stat().st_mode & 0o666)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        log.debug("snapshot %s not written: %s", path, error)
        return False
    return True


def _names(schema: type, *left_out: str) -> tuple[str, ...]:
    return tuple(f.name for f in fields(schema) if f.name not in left_out)


_SOURCE = _names(Source)
_ACTOR = _names(Actor, "roles", "sources")
_PLAIN = {schema: _names(schema, "sources") for schema in (Meeting, Figure, Quote, Statement)}
_SENTENCE = _names(Sentence)


def _facts_dict(facts: FactBase) -> dict[str, Any]:
    """What `ArticleFacts.to_dict` gives for the facts, each source replaced by its number in one
    table of the distinct sources (`data["sources"]`, rows of their fields). Made field by field,
    not by `dataclasses.asdict`, which copies every value of every fact and source (most of
    writing a large snapshot); the lists it holds are the facts' own, only read by json."""
    table: dict[Source, int] = {}

    def cite(sources: list[Source]) -> list[int]:
        return [table.setdefault(source, len(table)) for source in sources]

    actors = []
    for actor in facts.actors:
        data = {name: getattr(actor, name) for name in _ACTOR}
        data["sources"] = cite(actor.sources)
        data["roles"] = [
            {"title": role.title, "of": role.of, "sources": cite(role.sources)}
            for role in actor.roles
        ]
        actors.append(data)
    kinds: dict[str, list[dict[str, Any]]] = {}
    for kind, schema in (
        ("meetings", Meeting),
        ("figures", Figure),
        ("quotes", Quote),
        ("statements", Statement),
    ):
        names = _PLAIN[schema]
        kinds[kind] = [
            {**{name: getattr(fact, name) for name in names}, "sources": cite(fact.sources)}
            for fact in getattr(facts, kind)
        ]
    return {
        "article_id": "",
        "title": "",
        "actors": actors,
        **kinds,
        "sentences": [{name: getattr(s, name) for name in _SENTENCE} for s in facts.sentences],
        "sources": [[getattr(source, name) for name in _SOURCE] for source in table],
    }


def _fact_base(data: dict[str, Any]) -> FactBase:
    cited = [Source(*row) for row in data.pop("sources")]
    loaded = ArticleFacts.from_dict({"article_id": "", "title": "", **data}, cited)
    return FactBase(
        actors=loaded.actors,
        meetings=loaded.meetings,
        figures=loaded.figures,
        quotes=loaded.quotes,
        statements=loaded.statements,
        sentences=loaded.sentences,
    )
