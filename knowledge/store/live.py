"""The fact base of a store as a long-running process sees it: loaded once, reloaded when
another process changed it; from the store's JSON snapshot when that is exact, as
`ukraine-bot ask` does, else through the store, and then the snapshot written for the next."""

from __future__ import annotations

import logging
import threading
import time

from knowledge.answer import index_for
from knowledge.facts import FactBase
from knowledge.snapshot import keep_sentences, read_snapshot_at, write_snapshot
from knowledge.store.store import Store

log = logging.getLogger(__name__)


class LiveFactBase:
    """The store's fact base, loaded once and reloaded when another process changed it.

    `get()` looks at the store's revision at most every `check_every` seconds, so a replica
    answering questions picks up articles ingested elsewhere without reloading per request.
    """

    def __init__(self, store: Store, check_every: float = 5.0) -> None:
        self.store = store
        self.check_every = check_every
        self._lock = threading.Lock()
        self._facts: FactBase | None = None
        self._revision: str | None = None
        self._checked = 0.0

    def get(self) -> FactBase:
        now = time.monotonic()
        with self._lock:
            if self._facts is not None and now - self._checked < self.check_every:
                return self._facts
            revision = self.store.revision()
            if self._facts is None or revision != self._revision:
                self._facts, self._revision = load_cached(self.store, revision), revision
            self._checked = now
            return self._facts

    def warm(self) -> FactBase:
        """Loads the fact base and builds its answer index and sentence index now, so the first
        question (which must be acknowledged within Slack's 3 s) does not pay for them."""
        facts = self.get()
        index_for(facts).sentences  # noqa: B018 - built on first use; this is that use
        return facts


def load_cached(store: Store, revision: str) -> FactBase:
    """The store's fact base at `revision` (read just before).

    The fact base this process has just written there is taken as it is (after an `ingest`, or a
    `serve` adding an article); else its snapshot is read when it is of that revision (several
    times faster than loading through the ORM, and leaving none of the ORM's rows in memory);
    otherwise the store is loaded. The snapshot is written whenever it was not read. Either way
    the answer index's postings and the sentence index are mapped from beside the snapshot (or
    saved there). A SQLite store keeps these beside its file; a PostgreSQL one in this
    machine's cache folder (`Store.cache_file`), and where that cannot be made (a read-only
    disk) the store is loaded every time, as before."""
    written = store.take_written(revision)
    file = store.cache_file
    if file is not None and store.file is None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("no cache for %s at %s: %s", store.display_url, file.parent, error)
            file = None
    if file is None:
        return written if written is not None else store.load_factbase()
    found = None if written is not None else read_snapshot_at(file, revision)
    if found is not None:
        facts = found[0]
    else:
        facts = written if written is not None else store.load_factbase()
        if facts.actors:
            write_snapshot(file, revision, facts)
    keep_sentences(file, revision, facts)
    return facts
