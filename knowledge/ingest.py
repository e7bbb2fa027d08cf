"""Reading article files and adding them, with their extracted facts, to the store.

A file that cannot be an article (missing, empty, binary, not UTF-8, too large, only
boilerplate) is reported and skipped; an article whose content is already stored is a duplicate
and adds nothing; the rest go into the store in one transaction. spaCy is loaded only when
something new must be extracted.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from knowledge.articles import Article, make_article, split_paragraphs
from knowledge.facts import ArticleFacts
from knowledge.locations import DEFAULT_SEEDS_DIR as DEFAULT_SEEDS_DIR  # re-exported
from knowledge.store import Store

if TYPE_CHECKING:
    from knowledge.extract import Language

MAX_ARTICLE_BYTES = 5_000_000

# Share of characters that may be control characters (other than tab, newline, carriage return
# and form feed) in a file that is still text.
_MAX_CONTROL_SHARE = 0.05
# Share of bytes that must be printable ASCII or whitespace in a file that is not UTF-8 but
# still text in some other encoding; below it the file is binary.
_MIN_TEXT_BYTE_SHARE = 0.7


class ArticleFileError(Exception):
    """A file that cannot be read as an article, and why."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{os.fspath(path)}: {reason}")
        self.path = os.fspath(path)
        self.reason = reason


@dataclass
class IngestReport:
    """What an ingest did: article ids added, files that were duplicates, files rejected."""

    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        def count(n: int, noun: str) -> str:
            return f"{n} {noun}{'' if n == 1 else 's'}"

        return (
            f"{count(len(self.added), 'article')} added, "
            f"{count(len(self.duplicates), 'duplicate')} skipped, "
            f"{count(len(self.errors), 'file')} rejected"
        )


def read_article_file(
    path: str | os.PathLike[str],
    max_bytes: int = MAX_ARTICLE_BYTES,
    published: str | None = None,
) -> Article:
    """The article in a UTF-8 text file, its id the file's stem.

    Its publication date is `published` when given, else its front matter's or its leading
    date line's (see `knowledge.articles.make_article`).

    Raises `ArticleFileError` naming the reason when the file is missing, unreadable, a
    directory, empty, binary, not UTF-8, larger than `max_bytes`, or nothing but boilerplate.
    """
    file = Path(path)
    try:
        info = file.stat()
    except FileNotFoundError:
        raise ArticleFileError(path, "no such file") from None
    except OSError as exc:
        raise ArticleFileError(path, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleFileError(path, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ArticleFileError(path, "not a regular file")
    if info.st_size > max_bytes:
        raise ArticleFileError(
            path, f"too large: {info.st_size:,} bytes (the limit is {max_bytes:,})"
        )
    try:
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ArticleFileError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ArticleFileError(path, f"too large: over {max_bytes:,} bytes")

    text = _decode(path, data)
    if not text.strip():
        raise ArticleFileError(path, "empty (no text)" if data else "empty file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    article = make_article(file.stem, text, path=str(file.resolve()), published=published)
    if all(paragraph.boilerplate for paragraph in split_paragraphs(article.text)):
        raise ArticleFileError(path, "no article text, only lines like 'Updated', 'Source link'")
    return article


def _decode(path: str | os.PathLike[str], data: bytes) -> str:
    if b"\x00" in data:
        raise ArticleFileError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        texty = sum(1 for byte in data if 32 <= byte < 127 or byte in b"\t\n\r\f")
        if texty < _MIN_TEXT_BYTE_SHARE * len(data):
            raise ArticleFileError(path, "binary file (mostly non-text bytes), not text") from None
        raise ArticleFileError(
            path,
            f"not UTF-8: invalid byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
            "(save the file as UTF-8)",
        ) from None
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise ArticleFileError(path, "binary file (mostly control characters), not text")
    return text


def ingest_files(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    nlp: Language | None = None,
    progress: bool = False,
    published: str | None = None,
) -> IngestReport:
    """Adds the articles in `paths` to the store, in one transaction, and reports what it did.

    Bad files are reported in `errors` and skipped; a file whose content is already stored,
    or appeared earlier in `paths`, is a duplicate and adds nothing. The spaCy pipeline (`nlp`,
    loaded when None) is needed only when there is something new to extract. With `progress`,
    a progress bar is drawn on stderr when more than one article is extracted on a terminal.
    `published` (ISO) is the publication date of every one of these articles.
    """
    report = IngestReport()
    articles = _new_articles(paths, store.known_hashes(), store.known_ids(), report, published)
    items = _extract(articles, nlp, progress, report)
    report.added = store.add_articles(items)
    return report


def build_fact_base(
    store: Store,
    seeds_dir: str | os.PathLike[str] = DEFAULT_SEEDS_DIR,
    nlp: Language | None = None,
    progress: bool = False,
) -> IngestReport:
    """Rebuilds the store from scratch with every *.txt article in `seeds_dir`.

    Articles are read and extracted before the store is reset, so a failure there leaves the
    old fact base in place. Raises `ArticleFileError` when `seeds_dir` holds no articles.
    """
    folder = Path(seeds_dir)
    if not folder.is_dir():
        raise ArticleFileError(folder, "no such folder")
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise ArticleFileError(folder, "no *.txt articles in this folder")
    report = IngestReport()
    articles = _new_articles(paths, set(), set(), report)
    items = _extract(articles, nlp, progress, report)
    store.reset()
    report.added = store.add_articles(items)
    return report


def _new_articles(
    paths: Iterable[str | os.PathLike[str]],
    known_hashes: set[str],
    known_ids: set[str],
    report: IngestReport,
    published: str | None = None,
) -> list[Article]:
    seen_hashes = set(known_hashes)
    taken_ids = set(known_ids)
    articles: list[Article] = []
    for path in paths:
        try:
            article = read_article_file(path, published=published)
        except ArticleFileError as exc:
            report.errors.append((exc.path, exc.reason))
            continue
        if article.sha256 in seen_hashes:
            report.duplicates.append(os.fspath(path))
            continue
        article = _with_free_id(article, taken_ids)
        seen_hashes.add(article.sha256)
        taken_ids.add(article.id)
        articles.append(article)
    return articles


def _with_free_id(article: Article, taken: set[str]) -> Article:
    """The article, its id suffixed with its hash when another article already has the id."""
    if article.id not in taken:
        return article
    for suffix in (article.sha256[:8], article.sha256):
        candidate = f"{article.id}-{suffix}"
        if candidate not in taken:
            return dataclasses.replace(article, id=candidate)
    raise ValueError(f"no free id for article {article.id!r}")  # same id and same full hash


def _extract(
    articles: Sequence[Article],
    nlp: Language | None,
    progress: bool,
    report: IngestReport,
) -> list[tuple[Article, ArticleFacts]]:
    if not articles:
        return []
    # spaCy is imported only now, when there is something to extract.
    from knowledge import extract
    from knowledge.extract import pipeline

    nlp = nlp if nlp is not None else pipeline.load_pipeline()
    limit = getattr(nlp, "max_length", None)  # spaCy refuses longer texts (1,000,000 chars)
    items: list[tuple[Article, ArticleFacts]] = []
    show = progress and len(articles) > 1 and sys.stderr.isatty()
    with _progress_bar(len(articles), show) as advance:
        for article in articles:
            if isinstance(limit, int) and len(article.text) > limit:
                report.errors.append(
                    (
                        article.path,
                        f"too long: {len(article.text):,} characters "
                        f"(the language model reads at most {limit:,})",
                    )
                )
                advance(article.id)
                continue
            # One article at a time, so one that breaks the extractor is reported on its own.
            try:
                facts = list(extract.extract_articles([article], nlp))
            except Exception as exc:
                report.errors.append((article.path, f"could not extract facts: {exc!r}"))
            else:
                if len(facts) == 1 and facts[0].article_id == article.id:
                    items.append((article, facts[0]))
                else:
                    report.errors.append(
                        (article.path, f"the extractor returned {len(facts)} results, not one")
                    )
            advance(article.id)
    return items


@contextmanager
def _progress_bar(total: int, show: bool) -> Iterator[Any]:
    if not show:
        yield lambda _label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("extracting facts"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=total)

        def advance(label: str) -> None:
            bar.update(task, advance=1, description=label)

        yield advance
