"""A web page as an `Article`: its main text, title, outlet, author and publication date.

trafilatura finds the article's main text (navigation, boilerplate, comments, related links
and footers left out) and its metadata (title, site name, author, date, canonical URL); its
date comes from htmldate, and htmldate is asked again, on the original publication date only,
when trafilatura found none. The text keeps one paragraph per line, the headline first, as the
seed articles are written, so extraction reads a page as it reads a file.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from knowledge.articles import Article, content_hash, publication_date

MAX_ID_CHARS = 60
# Fewer words of main text than this is a page of links or a paywall's teaser, not an article.
MIN_WORDS = 25


class PageError(ValueError):
    """A page that holds no article text."""


def looks_like_html(text: str) -> bool:
    """Whether a document is HTML (a doctype or an <html>/<head>/<body> tag near its top)."""
    return re.search(r"<(?:!doctype\s+html|html|head|body)\b", text[:2000], re.I) is not None


def page_article(html: str, *, url: str | None = None, article_id: str | None = None) -> Article:
    """The article a page holds; `url` is where it was read (the page's canonical URL wins),
    `article_id` its id (else a slug of the URL's last path segment). Raises `PageError`
    when the page has no main text."""
    import trafilatura

    try:
        found: Any = _extract(trafilatura, html, url)
    except Exception as exc:  # lxml and trafilatura raise on markup they cannot read
        raise PageError(f"could not read the page: {type(exc).__name__}") from None
    meta = _as_dict(found)
    body = _paragraphs(str(meta.get("text") or ""))
    words = sum(len(line.split()) for line in body)
    if words < MIN_WORDS:
        raise PageError(f"no article text found on the page ({words} words of main text)")
    title = _clean(meta.get("title")) or body[0][:120]
    lines = body if _same(body[0], title) else [title, *body]
    text = "\n".join(lines) + "\n"
    page_url = _clean(meta.get("url")) or url
    if page_url and not page_url.lower().startswith(("http://", "https://")):
        page_url = url
    published = publication_date(_clean(meta.get("date"))) or _htmldate(html, url)
    return Article(
        id=article_id or url_slug(page_url or url or title),
        title=title,
        text=text,
        sha256=content_hash(text),
        path=url or "",
        published=published,
        outlet=_outlet(meta, page_url or url),
        url=page_url,
        author=_clean(meta.get("author")),
    )


def _extract(trafilatura: Any, html: str, url: str | None) -> Any:
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,  # True keeps a cache across calls: a page read twice is "discarded"
    )


def _as_dict(found: Any) -> dict[str, Any]:
    if found is None:
        return {}
    if isinstance(found, dict):
        return found
    if hasattr(found, "as_dict"):
        return dict(found.as_dict())
    return {
        k: getattr(found, k, None)
        for k in ("text", "title", "url", "date", "author", "sitename", "hostname")
    }


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _clean(value: Any) -> str | None:
    if not value:
        return None
    text = " ".join(str(value).split())
    return text or None


def _same(line: str, title: str) -> bool:
    return line.strip().rstrip(".").lower() == title.strip().rstrip(".").lower()


def _htmldate(html: str, url: str | None) -> str | None:
    """The page's original publication date by htmldate alone (no guess from the URL)."""
    try:
        from htmldate import find_date

        found = find_date(html, original_date=True, extensive_search=False, url=None)
    except Exception:  # htmldate raises on markup it cannot parse: no date, then
        return None
    return publication_date(found) if found else None


def _outlet(meta: dict[str, Any], url: str | None) -> str | None:
    """The site's name ("AP News"), else its host without "www."."""
    name = _clean(meta.get("sitename"))
    if name:
        return name
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def url_slug(url: str) -> str:
    """An article id from a URL: its last path segment (or host), letters, digits and dashes."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    base = segments[-1] if segments else (parts.hostname or url)
    base = re.sub(r"\.(?:html?|php|aspx?)$", "", base, flags=re.I)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", base).strip("-").lower()
    return slug[:MAX_ID_CHARS].strip("-") or "page"
