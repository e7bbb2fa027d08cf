"""One fact as a line of plain text, and its first source as a citation: what `to_text` shows.

`describe_fact` is the fact alone; `render_fact` adds the citation: outlet and date ("AP News,
3 Dec 2025") and the link when the article came from the web, else title, date, article id and
paragraph; then the sentence. `cite` is the one reading of a fact's sources into a `Citation`
(which source, its outlet, date, link, title and sentence on one line and cut, how many more
sources and articles, the other outlets that ran the story) that every surface formats its own
way: plain text here, Block Kit in handlers/blocks.py, the digest's lines in
knowledge/digest.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from knowledge.answer.text import fold, join, one_line, truncate
from knowledge.facts import Figure, Meeting, Quote, Role, Source, Statement

if TYPE_CHECKING:
    from knowledge.answer.model import AnswerFact
    from knowledge.answer.sentences import Evidence

MAX_SENTENCE_CHARS = 220
MAX_TITLE_CHARS = 80
MAX_OUTLET_CHARS = 60
MAX_URL_CHARS = 500
_SAFE_URL = re.compile(r"^https?://[^\s<>\"|`]+$", re.IGNORECASE)

_KIND_LABELS: dict[str, str] = {
    "in person": "meeting",
    "talks": "talks",
    "call": "phone call",
    "video": "video call",
    "summit": "summit",
}
_CUE_DISPLAY = {"told": "said", "tells": "says", "tell": "say"}


def render_fact(item: AnswerFact) -> str:
    """One fact as a line of plain text, followed by its first source (title, id ¶, sentence)."""
    return describe_fact(item) + source_text(item.fact.sources)


def render_evidence(item: Evidence) -> str:
    """An evidence sentence, its answer part bold, then where it was read (`cite`): outlet,
    date and link, or title, date, id ¶."""
    citation = cite([item.sentence.source])
    assert citation is not None
    where = citation.label + (f" [{citation.locator}]" if citation.locator else "")
    return f"{item.marked()} — {where}" + (f" <{citation.url}>" if citation.url else "")


def describe_fact(item: AnswerFact) -> str:
    """One fact as a line of plain text, without its sources."""
    fact = item.fact
    if isinstance(fact, Meeting):
        text = _meeting_text(item)
    elif isinstance(fact, Figure):
        text = figure_text(fact)
    elif isinstance(fact, Quote):
        text = f'{fact.speaker} {_CUE_DISPLAY.get(fact.cue, fact.cue or "said")}: "{fact.words}"'
    elif isinstance(fact, Statement):
        text = f"{fact.speaker} {_CUE_DISPLAY.get(fact.cue, fact.cue or 'said')}: {fact.text}"
    elif isinstance(fact, Role):
        text = f"{item.actor} — {fact.label()}" if item.actor else fact.label()
    else:
        details = ", ".join(x for x in (fact.kind, fact.affiliation) if x)
        aliases = [a for a in fact.aliases if fold(a) != fold(fact.name)][:3]
        text = f"{fact.name} ({details})"
        if aliases:
            text += f", also written {join(aliases, 'or')}"
    return text


@dataclass(frozen=True)
class Citation:
    """The source a fact is cited by: its first one, title and sentence as one cut line each."""

    source: Source
    title: str
    sentence: str
    more: int  # sources besides this one
    articles: int  # distinct articles among all the sources
    outlet: str | None = None  # "AP News"
    date: str | None = None  # "3 Dec 2025"
    url: str | None = None  # an http(s) URL, safe to link
    also: tuple[str, ...] = ()  # the other outlets among the sources ("The Kyiv Ledger")

    @property
    def label(self) -> str:
        """ "AP News, 3 Dec 2025" when the outlet is known; else the title, with its date."""
        head = self.outlet or self.title
        return ", ".join(part for part in (head, self.date) if part)

    @property
    def locator(self) -> str:
        """ "001_c4cbbd1f81462633 ¶3" for an article without an outlet; "" for one with."""
        return "" if self.outlet else self.source.locator

    @property
    def more_sources(self) -> str:
        """ "+2 more sources", or "" when there is no other."""
        if not self.more:
            return ""
        return f"+{self.more} more source{'s' if self.more > 1 else ''}"


def cite(
    sources: Sequence[Source],
    *,
    title_chars: int = MAX_TITLE_CHARS,
    sentence_chars: int = MAX_SENTENCE_CHARS,
    clean: Callable[[str], str] = one_line,
) -> Citation | None:
    """The citation of a fact with these sources (None without any), `clean`ed then cut."""
    if not sources:
        return None
    source = sources[0]
    outlet = truncate(clean(source.outlet), MAX_OUTLET_CHARS) if source.outlet else None
    also = [clean(s.outlet) for s in sources[1:] if s.outlet]
    return Citation(
        source=source,
        title=truncate(clean(source.article_title), title_chars),
        sentence=truncate(clean(source.sentence), sentence_chars),
        more=len(sources) - 1,
        articles=len({s.article_id for s in sources}),
        outlet=outlet or None,
        date=display_date(source.published),
        url=safe_url(source.url),
        also=tuple(o for o in dict.fromkeys(also) if o and o != outlet)[:3],
    )


def display_date(value: str | None) -> str | None:
    """ "3 Dec 2025" from "2025-12-03"; None for anything else."""
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return None
    return f"{day.day} {day:%b %Y}"


def safe_url(value: str | None) -> str | None:
    """`value` when it is an http(s) URL that can be shown and linked as it is, else None."""
    if not value or len(value) > MAX_URL_CHARS or not _SAFE_URL.match(value):
        return None
    return value


def source_text(sources: Sequence[Source]) -> str:
    """The first source as a citation: ` — AP News, 3 Dec 2025 <https://…> "sentence"
    (+1 more source: The Kyiv Ledger)`, or, for an article without an outlet, ` — Title, 3 Dec
    2025 [article ¶3] "sentence" (+1 more source)`."""
    citation = cite(sources)
    if citation is None:
        return ""
    text = f" — {citation.label}"
    if citation.locator:
        text += f" [{citation.locator}]"
    if citation.url:
        text += f" <{citation.url}>"
    if citation.sentence:
        text += f' "{citation.sentence}"'
    if citation.more:
        also = f": {join(list(citation.also))}" if citation.also else ""
        text += f" ({citation.more_sources}{also})"
    return text


def _meeting_text(item: AnswerFact) -> str:
    """ "Rustem Umerov and Jared Kushner — meeting in Florida, Thursday (held)".

    With a focus (the actors asked about) the line names the counterparts; otherwise, or when
    every participant was asked about, all participants.
    """
    meeting = item.fact
    assert isinstance(meeting, Meeting)
    people = item.counterparts() or meeting.participants
    what = _KIND_LABELS[meeting.kind]
    if meeting.place:
        preposition = "at" if meeting.place.lower().startswith("the ") else "in"
        what += f" {preposition} {meeting.place}"
    when = [x for x in (meeting.time, meeting.date) if x]
    if len(when) == 2 and when[0] == when[1]:
        when.pop()
    details = ", ".join([what, *when])
    # One event however many articles report it: say how many did.
    articles = len({source.article_id for source in meeting.sources})
    reported = f", reported by {articles} articles" if articles > 1 else ""
    return f"{join(people) or 'unnamed participants'} — {details} ({meeting.status}){reported}"


def format_number(value: float) -> str:
    """A figure's value as written in an answer: "1,200", "2.5"."""
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_text(figure: Figure) -> str:
    """A figure as read ("$90bn — loan for Ukraine (EU)"), or built from its value and unit."""
    if figure.text:
        head = figure.text
    else:
        number = format_number(figure.value)
        if figure.unit[:1] in "$€£" and figure.unit:
            head = f"{figure.unit[0]}{number}{figure.unit[1:]}"
        else:
            head = f"{number} {figure.unit}"
        if figure.qualifier:
            head = f"{figure.qualifier} {head}"
    text = f"{head} — {figure.counts}" if figure.counts else head
    return f"{text} ({figure.subject})" if figure.subject else text
