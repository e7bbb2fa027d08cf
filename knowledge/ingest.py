"""Reading articles (text files, HTML pages, URLs) and adding them, with their extracted facts,
to the store.

A file that cannot be an article (missing, empty, binary, not UTF-8, too large, only
boilerplate) or a URL the fetcher refuses (knowledge/intake/fetch.py) is reported and skipped;
an article whose content is already stored is a duplicate and adds nothing; one that is a near
duplicate of a stored article (the same wire story from another outlet,
knowledge/intake/dedup.py) is kept as a further source of that article's facts; the rest go
into the store in one transaction. spaCy is loaded only when something new must be extracted.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from knowledge.articles import Article, make_article, split_paragraphs
from knowledge.facts import ArticleFacts
from knowledge.intake.dedup import DuplicateFinder
from knowledge.intake.page import looks_like_html
from knowledge.locations import DEFAULT_SEEDS_DIR as DEFAULT_SEEDS_DIR  # re-exported
from knowledge.store import Store

if TYPE_CHECKING:
    from knowledge.extract import Language
    from knowledge.intake.fetch import Fetcher

MAX_ARTICLE_BYTES = 5_000_000
# Fewer articles than this are extracted in this process: a worker would only add its start
# (not measured for small batches beyond that; bench/extract.py times 20 articles and more).
MIN_ARTICLES_FOR_WORKERS = 2

# Share of characters that may be control characters (other than tab, newline, carriage return
# and form feed) in a file that is still text.
_MAX_CONTROL_SHARE = 0.05
# Share of bytes that must be printable ASCII or whitespace in a file that is not UTF-8 but
# still text in some other encoding; below it the file is binary.
_MIN_TEXT_BYTE_SHARE = 0.7
# What is read as a URL rather than a file name: a scheme and "://".
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


class ArticleFileError(Exception):
    """A file that cannot be read as an article, and why."""

    def __init__(
        self, path: str | os.PathLike[str], reason: str, *, retryable: bool = False
    ) -> None:
        super().__init__(f"{os.fspath(path)}: {reason}")
        self.path = os.fspath(path)
        self.reason = reason
        self.retryable = retryable  # a URL whose fetch may work later (timeout, 5xx)


@dataclass
class IngestReport:
    """What an ingest did: article ids added, files that were duplicates, near duplicates kept
    as further sources of a stored article (file, article id, the id it copies), files rejected.
    """

    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    copies: list[tuple[str, str, str]] = field(default_factory=list)
    retryable: list[str] = field(default_factory=list)  # rejected URLs that may work later

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        def count(n: int, noun: str, plural: str | None = None) -> str:
            return f"{n} {noun if n == 1 else plural or noun + 's'}"

        copies = count(len(self.copies), "copy", "copies")
        return (
            f"{count(len(self.added), 'article')} added, "
            + (f"{copies} of stored articles kept as sources, " if self.copies else "")
            + f"{count(len(self.duplicates), 'duplicate')} skipped, "
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
    if file.suffix.lower() in _HTML_SUFFIXES or looks_like_html(text):
        article = _page(path, text, file.stem, str(file.resolve()), published)
    else:
        article = make_article(file.stem, text, path=str(file.resolve()), published=published)
    if all(paragraph.boilerplate for paragraph in split_paragraphs(article.text)):
        raise ArticleFileError(path, "no article text, only lines like 'Updated', 'Source link'")
    return article


def _page(
    where: str | os.PathLike[str],
    html: str,
    article_id: str,
    path: str,
    published: str | None,
    url: str | None = None,
) -> Article:
    """The article of an HTML page (knowledge/intake/page.py), its date `published` if given."""
    from knowledge.intake.page import PageError, page_article

    try:
        article = page_article(html, url=url, article_id=article_id)
    except PageError as exc:
        raise ArticleFileError(where, str(exc)) from None
    article = dataclasses.replace(article, path=path)
    return dataclasses.replace(article, published=published) if published else article


def read_source(
    source: str | os.PathLike[str],
    published: str | None = None,
    fetcher: Fetcher | None = None,
) -> Article:
    """The article in a file (text or HTML) or at a URL (fetched by `fetcher`, which is one
    with the default policy when None). Raises `ArticleFileError` naming the file or URL and
    why it was refused."""
    name = os.fspath(source)
    if not _URL.match(name):
        return read_article_file(source, published=published)
    from knowledge.intake.fetch import FEED_TYPES, Fetcher, FetchError, FetchFailed
    from knowledge.intake.page import url_slug

    try:
        fetched = (fetcher or Fetcher()).get(name)
    except FetchError as exc:
        retry = isinstance(exc, FetchFailed) and exc.retryable
        raise ArticleFileError(name, exc.reason, retryable=retry) from None
    if fetched.content_type in FEED_TYPES:
        raise ArticleFileError(name, "a feed, not an article: add it to the FEEDS setting")
    text = fetched.text().replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleFileError(name, "empty page (no text)")
    if fetched.content_type == "text/plain" and not looks_like_html(text):
        article = make_article(url_slug(fetched.url), text, path=name, published=published)
        article = dataclasses.replace(article, url=article.url or fetched.url)
    else:
        article = _page(name, text, "", name, published, url=fetched.url)
        if not article.id:
            article = dataclasses.replace(article, id=url_slug(article.url or fetched.url))
    if all(paragraph.boilerplate for paragraph in split_paragraphs(article.text)):
        raise ArticleFileError(name, "no article text, only lines like 'Updated', 'Source link'")
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
    fetcher: Fetcher | None = None,
    load_nlp: Callable[[], Language] | None = None,
    processes: int | None = 1,
) -> IngestReport:
    """Adds the articles in `paths` (files, or http(s) URLs fetched by `fetcher`) to the store,
    in one transaction, and reports what it did.

    Bad files and refused URLs are reported in `errors` and skipped; a file whose content is
    already stored, or appeared earlier in `paths`, is a duplicate and adds nothing; a near
    duplicate of a stored or earlier article is kept as a further source of its facts
    (`copies`). The spaCy pipeline (`nlp`; else `load_nlp()`, a process's cached one, else
    loaded) is needed only when there is
    something new to extract. With `progress`, a progress bar is drawn on stderr when more
    than one article is extracted on a terminal. `published` (ISO) is the publication date of
    every one of these articles. `processes` extract in parallel (`worker_count`; None or 0:
    one per core).
    """
    report = IngestReport()
    finder = DuplicateFinder(store.article_texts())
    articles, copies = _new_articles(
        paths, store.known_hashes(), store.known_ids(), report, published, fetcher, finder
    )
    if nlp is None and articles and load_nlp is not None:
        nlp = load_nlp()
    items = _extract(articles, nlp, progress, report, processes)
    # A copy of an article of this batch that could not be extracted copies nothing stored.
    batch = {article.id for article in articles}
    extracted = {article.id for article, _ in items}
    kept = [
        (copy, original)
        for copy, original in copies
        if original in extracted or original not in batch
    ]
    report.copies = [c for c in report.copies if c[2] in extracted or c[2] not in batch]
    store.add_articles(items, kept)
    report.added = [article.id for article, _ in items]
    return report


def build_fact_base(
    store: Store,
    seeds_dir: str | os.PathLike[str] = DEFAULT_SEEDS_DIR,
    nlp: Language | None = None,
    progress: bool = False,
    processes: int | None = 1,
) -> IngestReport:
    """Rebuilds the store from scratch with every *.txt article in `seeds_dir`.

    Articles are read and extracted (by `processes` processes, as `ingest_files` does) before
    the store is reset, so a failure there leaves the old fact base in place. Raises
    `ArticleFileError` when `seeds_dir` holds no articles.
    """
    folder = Path(seeds_dir)
    if not folder.is_dir():
        raise ArticleFileError(folder, "no such folder")
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise ArticleFileError(folder, "no *.txt articles in this folder")
    report = IngestReport()
    articles, _ = _new_articles(paths, set(), set(), report, finder=None)
    items = _extract(articles, nlp, progress, report, processes)
    store.reset()
    report.added = store.add_articles(items)
    return report


def _new_articles(
    paths: Iterable[str | os.PathLike[str]],
    known_hashes: set[str],
    known_ids: set[str],
    report: IngestReport,
    published: str | None = None,
    fetcher: Fetcher | None = None,
    finder: DuplicateFinder | None = None,
) -> tuple[list[Article], list[tuple[Article, str]]]:
    """The articles to extract, and the near duplicates (with the id each copies)."""
    seen_hashes = set(known_hashes)
    taken_ids = set(known_ids)
    articles: list[Article] = []
    copies: list[tuple[Article, str]] = []
    for path in paths:
        try:
            article = read_source(path, published=published, fetcher=fetcher)
        except ArticleFileError as exc:
            report.errors.append((exc.path, exc.reason))
            if exc.retryable:
                report.retryable.append(exc.path)
            continue
        if article.sha256 in seen_hashes:
            report.duplicates.append(os.fspath(path))
            continue
        article = _with_free_id(article, taken_ids)
        seen_hashes.add(article.sha256)
        taken_ids.add(article.id)
        copied = finder.find(article.text) if finder is not None else None
        if copied is not None:
            copies.append((article, copied.article_id))
            report.copies.append((os.fspath(path), article.id, copied.article_id))
            continue
        if finder is not None:
            finder.add(article.id, article.text)
        articles.append(article)
    return articles, copies


def _with_free_id(article: Article, taken: set[str]) -> Article:
    """The article, its id suffixed with its hash when another article already has the id."""
    if article.id not in taken:
        return article
    for suffix in (article.sha256[:8], article.sha256):
        candidate = f"{article.id}-{suffix}"
        if candidate not in taken:
            return dataclasses.replace(article, id=candidate)
    raise ValueError(f"no free id for article {article.id!r}")  # same id and same full hash


def extract_facts(
    articles: Sequence[Article], nlp: Language | None = None, processes: int | None = 1
) -> tuple[list[tuple[Article, ArticleFacts]], list[tuple[str, str]]]:
    """What `build` and `ingest` extract: each article with its facts, and (path, reason) of
    each article that could not be extracted; on `processes` processes (`worker_count`)."""
    report = IngestReport()
    items = _extract(articles, nlp, False, report, processes)
    return items, report.errors


def cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. a container's cpuset)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(processes: int | None, articles: int) -> int:
    """How many processes extract `articles` articles: `processes` (None or 0: every core),
    never more than there are articles, and one for a single article (a worker would only cost
    its start)."""
    wanted = processes if processes else cores()
    if articles < MIN_ARTICLES_FOR_WORKERS:
        return 1
    return max(1, min(wanted, articles))


def _extract(
    articles: Sequence[Article],
    nlp: Language | None,
    progress: bool,
    report: IngestReport,
    processes: int | None = 1,
) -> list[tuple[Article, ArticleFacts]]:
    """Each article with its facts, in order; the ones that cannot be extracted are reported
    in `report.errors`, each on its own. With more than one process (`worker_count`), worker
    processes forked from this one (sharing its loaded pipeline) extract one article each."""
    if not articles:
        return []
    # spaCy is imported only now, when there is something to extract.
    from knowledge.extract import pipeline

    nlp = nlp if nlp is not None else pipeline.load_pipeline()
    limit = getattr(nlp, "max_length", None)  # spaCy refuses longer texts (1,000,000 chars)
    readable: list[Article] = []
    for article in articles:
        if isinstance(limit, int) and len(article.text) > limit:
            report.errors.append(
                (
                    article.path,
                    f"too long: {len(article.text):,} characters "
                    f"(the language model reads at most {limit:,})",
                )
            )
        else:
            readable.append(article)
    show = progress and len(articles) > 1 and sys.stderr.isatty()
    workers = worker_count(processes, len(readable))
    # The workers are forked first, before the progress bar starts a thread.
    with _workers(nlp, readable, workers) as pending, _progress_bar(len(articles), show) as advance:
        for _ in range(len(articles) - len(readable)):
            advance("")
        if pending is not None:
            results = _collect(readable, pending, advance)
        else:
            results = []
            for article in readable:
                results.append(_extract_one(article, nlp))
                advance(article.id)
    items: list[tuple[Article, ArticleFacts]] = []
    for article, (facts, error) in zip(readable, results, strict=True):
        if facts is None:
            report.errors.append((article.path, error or "could not extract facts"))
        else:
            items.append((article, facts))
    return items


_Result = tuple[ArticleFacts | None, str | None]  # the facts, or why there are none


def _extract_one(article: Article, nlp: Language) -> _Result:
    """The facts of one article, or why it could not be extracted."""
    from knowledge import extract

    # One article at a time, so one that breaks the extractor is reported on its own.
    try:
        facts = list(extract.extract_articles([article], nlp))
    except Exception as exc:
        return None, f"could not extract facts: {exc!r}"
    if len(facts) == 1 and facts[0].article_id == article.id:
        return facts[0], None
    return None, f"the extractor returned {len(facts)} results, not one"


# The pipeline forked workers use: set in the parent before the fork, inherited by the children
# (a loaded pipeline is not sent to them: copy-on-write memory shares it).
_worker_nlp: Language | None = None


def _extract_in_worker(article: Article) -> _Result:
    assert _worker_nlp is not None
    return _extract_one(article, _worker_nlp)


@contextmanager
def _workers(
    nlp: Language, articles: Sequence[Article], workers: int
) -> Iterator[dict[Future[_Result], int] | None]:
    """With more than one worker: a pool of forked processes with every article submitted
    (each future with its article's number), else None."""
    if workers <= 1:
        yield None
        return
    global _worker_nlp
    _worker_nlp = nlp
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield {pool.submit(_extract_in_worker, a): i for i, a in enumerate(articles)}
    finally:
        _worker_nlp = None


def _collect(
    articles: Sequence[Article],
    pending: dict[Future[_Result], int],
    advance: Callable[[str], None],
) -> list[_Result]:
    """The workers' results in article order, each article counted as it finishes. When a
    worker dies (killed, out of memory, a crash in native code) the pool is lost with the
    articles not yet done: each of those is extracted again in a process of its own, so the one
    that killed its worker is reported alone and the others still go in."""
    results: dict[int, _Result] = {}
    for future in as_completed(pending):
        number = pending[future]
        try:
            results[number] = future.result()
        except BrokenProcessPool:
            continue
        advance(articles[number].id)
    for number, article in enumerate(articles):
        if number not in results:
            results[number] = _extract_alone(article)
            advance(article.id)
    return [results[number] for number in range(len(articles))]


def _extract_alone(article: Article) -> _Result:
    """`_extract_one` in a forked process of its own; why not, if that process dies."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        try:
            return pool.submit(_extract_in_worker, article).result()
        except BrokenProcessPool:
            return None, "could not extract facts: the process extracting it died"


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
