"""One URL into the store, as `/ukraine add URL` and the "Add to fact base" shortcut ask, and what
it brought, in a line a person reads: "3 meetings, 5 figures, 2 new people".

`add_url` refuses with `AddRefused` (one line: the fetcher's or the page's reason) and then
stores nothing; a page already stored is `duplicate`, another outlet's copy of a stored story
is `copy_of` that article (kept as a further source).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from knowledge.facts import FactBase

if TYPE_CHECKING:
    from knowledge.extract import Language
    from knowledge.intake.fetch import Fetcher
    from knowledge.store import Store

# A link in a message: Slack's "<https://…|label>" or "<https://…>", or a bare URL.
_SLACK_LINK = re.compile(r"<(https?://[^>|\s]+)(?:\|[^>]*)?>")
_BARE_LINK = re.compile(r"https?://[^\s<>|]+")


class AddRefused(Exception):
    """A URL that added nothing, and why (one line)."""


@dataclass
class Added:
    """What one added URL brought into the fact base."""

    url: str
    article_id: str = ""
    title: str = ""
    outlet: str | None = None
    published: str | None = None
    meetings: int = 0
    figures: int = 0
    quotes: int = 0
    new_people: list[str] = field(default_factory=list)
    duplicate: bool = False
    copy_of: str | None = None  # the stored article this page republishes

    def summary(self) -> str:
        """ "3 meetings, 5 figures, 2 new people" (or what the page was, when it added none)."""
        if self.duplicate:
            return "already in the fact base: nothing new"
        if self.copy_of:
            return (
                f"the same story as an article already stored ({self.copy_of}): "
                "its facts now cite this page too"
            )
        parts = [
            _count(self.meetings, "meeting"),
            _count(self.figures, "figure"),
            _count(self.quotes, "quote"),
            _count(len(self.new_people), "new person", "new people"),
        ]
        return ", ".join(parts)


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def first_link(text: str) -> str | None:
    """The first http(s) link in a message's text (Slack's `<url|label>` or a bare URL)."""
    found = _SLACK_LINK.search(text or "")
    if found:
        return found.group(1).replace("&amp;", "&")
    bare = _BARE_LINK.search(text or "")
    return bare.group(0).rstrip(".,;)") if bare else None


def add_url(
    store: Store,
    url: str,
    fetcher: Fetcher | None = None,
    nlp: Language | None = None,
    load_nlp: Callable[[], Language] | None = None,
) -> Added:
    """Fetches `url`, ingests its article and says what it added; `AddRefused` when it was
    refused (nothing is stored then). The pipeline is `nlp`, else `load_nlp()` (called only
    when there is something to extract), else loaded."""
    from knowledge.ingest import ingest_files

    before = _people(store.load_factbase())
    report = ingest_files(store, [url], nlp=nlp, fetcher=fetcher, load_nlp=load_nlp)
    if report.errors:
        raise AddRefused(report.errors[0][1])
    if report.duplicates:
        return Added(url, duplicate=True)
    if report.copies:
        _, copy_id, original = report.copies[0]
        return Added(url, article_id=copy_id, copy_of=original)
    article_id = report.added[0]
    article = store.article(article_id)
    facts = next((f for f in store.article_facts() if f.article_id == article_id), None)
    after = store.load_factbase()
    new_people = sorted(_people(after) - before)
    return Added(
        url,
        article_id=article_id,
        title=article.title if article else "",
        outlet=article.outlet if article else None,
        published=article.published if article else None,
        # One per event: the rules key the later mentions of a meeting to its first.
        meetings=len({m.event or f"#{i}" for i, m in enumerate(facts.meetings)}) if facts else 0,
        figures=len(facts.figures) if facts else 0,
        quotes=len(facts.quotes) if facts else 0,
        new_people=new_people,
    )


def _people(facts: FactBase) -> set[str]:
    return {actor.name for actor in facts.actors if actor.kind == "person"}
