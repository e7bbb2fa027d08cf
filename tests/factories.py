"""Hand-built articles and facts, as extraction and consolidation would produce them; article
files written to disk, and what a store holds, for the ingest and store tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from knowledge.articles import Article, make_article
from knowledge.facts import (
    Actor,
    ArticleFacts,
    FactBase,
    Figure,
    Meeting,
    Quote,
    Role,
    Sentence,
    Source,
    Statement,
)

if TYPE_CHECKING:
    from knowledge.store import Store

ARTICLE_TEXTS = {
    "envoy": (
        "Witkoff meets Putin in Moscow\n"
        "US special envoy Steve Witkoff met Russian President Vladimir Putin in Moscow on "
        "Thursday.\n"
        "“We had a productive meeting,” Witkoff said.\n"
    ),
    "drones": (
        "Russia launches drones overnight\n"
        "Russia launched at least 810 drones at Ukraine overnight, the Ukrainian air force said.\n"
        "Zelenskyy said that Kyiv was ready for talks.\n"
    ),
}


def article(article_id: str, text: str | None = None) -> Article:
    """One of the hand-written articles (or any text) under an id."""
    return make_article(article_id, text if text is not None else ARTICLE_TEXTS[article_id])


def src(article_id: str, paragraph: int, sentence: str, start: int = 0) -> Source:
    return Source(
        article_id=article_id,
        article_title=make_article(article_id, ARTICLE_TEXTS.get(article_id, sentence)).title,
        paragraph=paragraph,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
    )


def envoy_facts(article_id: str = "envoy") -> ArticleFacts:
    """What extraction would find in the "envoy" article, names as written there."""
    met = "US special envoy Steve Witkoff met Russian President Vladimir Putin in Moscow."
    quoted = "“We had a productive meeting,” Witkoff said."
    return ArticleFacts(
        article_id=article_id,
        title="Witkoff meets Putin in Moscow",
        actors=[
            Actor(
                name="Steve Witkoff",
                kind="person",
                aliases=["Witkoff"],
                roles=[Role("special envoy", "United States", [src(article_id, 2, met)])],
                affiliation="United States",
                mentions=2,
                sources=[src(article_id, 2, met), src(article_id, 3, quoted)],
            ),
            Actor(
                name="Vladimir Putin",
                kind="person",
                aliases=["Putin"],
                roles=[Role("President", "Russia", [src(article_id, 2, met)])],
                affiliation="Russia",
                mentions=1,
                sources=[src(article_id, 2, met)],
            ),
        ],
        meetings=[
            Meeting(
                participants=["Steve Witkoff", "Vladimir Putin"],
                kind="in person",
                status="held",
                place="Moscow",
                time="Thursday",
                date=None,
                sources=[src(article_id, 2, met)],
            )
        ],
        quotes=[
            Quote(
                speaker="Steve Witkoff",
                words="We had a productive meeting",
                cue="said",
                topics=["meeting"],
                sources=[src(article_id, 3, quoted)],
            )
        ],
        sentences=envoy_sentences(article_id),
    )


def envoy_sentences(article_id: str = "envoy") -> list[Sentence]:
    """The "envoy" article's sentences as extraction annotates them."""
    met = "US special envoy Steve Witkoff met Russian President Vladimir Putin in Moscow."
    quoted = "“We had a productive meeting,” Witkoff said."
    cited = [src(article_id, 2, met), src(article_id, 3, quoted, start=len(met) + 2)]
    return [
        Sentence(
            article_id=article_id,
            article_title=cited[0].article_title,
            paragraph=2,
            index=0,
            text=met,
            start=cited[0].start,
            end=cited[0].end,
            actors=["Steve Witkoff", "Vladimir Putin"],
            places=["Moscow"],
        ),
        Sentence(
            article_id=article_id,
            article_title=cited[1].article_title,
            paragraph=3,
            index=1,
            text=quoted,
            start=cited[1].start,
            end=cited[1].end,
            actors=["Steve Witkoff"],
        ),
    ]


def drones_facts(article_id: str = "drones") -> ArticleFacts:
    """What extraction would find in the "drones" article."""
    launched = "Russia launched at least 810 drones at Ukraine overnight."
    said = "Zelenskyy said that Kyiv was ready for talks."
    return ArticleFacts(
        article_id=article_id,
        title="Russia launches drones overnight",
        actors=[
            Actor(
                name="Russia",
                kind="country",
                mentions=1,
                sources=[src(article_id, 2, launched)],
            ),
            Actor(
                name="Volodymyr Zelenskyy",
                kind="person",
                aliases=["Zelenskyy", "Zelensky", "Зеленський"],
                roles=[Role("President", "Ukraine", [])],
                affiliation="Ukraine",
                mentions=1,
                sources=[src(article_id, 3, said)],
            ),
        ],
        figures=[
            Figure(
                value=810.0,
                unit="drones",
                counts="drones launched at Ukraine overnight",
                text="at least 810 drones",
                qualifier="at least",
                subject="Russia",
                sources=[src(article_id, 2, launched, start=7)],
            )
        ],
        statements=[
            Statement(
                speaker="Volodymyr Zelenskyy",
                text="Kyiv was ready for talks",
                cue="said",
                sources=[src(article_id, 3, said)],
            )
        ],
    )


def rich_fact_base() -> FactBase:
    """A consolidated fact base exercising every field: several sources, groups, diacritics."""
    envoy, drones = envoy_facts(), drones_facts()
    witkoff, putin = envoy.actors
    russia, zelenskyy = drones.actors
    erdogan = Actor(
        name="Recep Tayyip Erdoğan",
        kind="person",
        aliases=["Erdoğan", "Erdogan"],
        roles=[],
        affiliation=None,
        mentions=1,
        sources=[src("drones", 3, "Erdoğan offered to host talks.")],
    )
    merged_quote = Quote(
        speaker="Steve Witkoff",
        words="We had a productive meeting",
        cue="said",
        topics=["meeting", "Moscow"],
        sources=[
            src("envoy", 3, "“We had a productive meeting,” Witkoff said."),
            src("drones", 4, "“We had a productive meeting,” Witkoff said.", start=12),
        ],
    )
    return FactBase(
        actors=[witkoff, putin, russia, zelenskyy, erdogan],
        meetings=[
            *envoy.meetings,
            Meeting(
                participants=["Volodymyr Zelenskyy", "European leaders"],
                kind="video",
                status="planned",
                place=None,
                time="next week",
                date="2025-08-13",
                sources=[
                    src("drones", 3, "Zelenskyy will hold a video call with European leaders.")
                ],
            ),
            Meeting(
                participants=["Recep Tayyip Erdoğan", "Vladimir Putin"],
                kind="talks",
                status="proposed",
                sources=[],
            ),
        ],
        figures=[
            *drones.figures,
            Figure(value=0.5, unit="$bn", counts="aid", text="$500m", sources=[]),
        ],
        quotes=[merged_quote],
        statements=list(drones.statements),
        sentences=envoy_sentences(),
    )


class FakeExtractor:
    """Stands in for spaCy: counts pipeline loads, returns empty facts per article, and can be
    told to break on some article ids."""

    def __init__(self) -> None:
        self.loads = 0
        self.extracted: list[str] = []
        self.fail_on: set[str] = set()

    def load_pipeline(self) -> object:
        self.loads += 1
        return object()

    def extract_articles(
        self, articles: Iterable[Article], nlp: Any = None
    ) -> Iterator[ArticleFacts]:
        for article in articles:
            if article.id in self.fail_on:
                raise RuntimeError(f"extractor broke on {article.id}")
            self.extracted.append(article.id)
            yield ArticleFacts(article_id=article.id, title=article.title)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    """A file `name` in `folder` holding `content` (text as UTF-8)."""
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def store_contents(store: Store) -> tuple[set[str], set[str], list[ArticleFacts], FactBase]:
    """What a store holds: article ids and hashes, every article's facts, the fact base."""
    return store.known_ids(), store.known_hashes(), store.article_facts(), store.load_factbase()
