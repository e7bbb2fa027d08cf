"""The local web server with the fixture pages, a feed the test can change, and a fetcher that
may reach it (FETCH_ALLOW_PRIVATE, as the settings would give), without waiting between
requests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from knowledge.intake.fetch import Fetcher, FetchPolicy
from tests.web_server import Reply, Request, WebServer

PAGES = {
    "/ap.html": "wire-ap.html",
    "/copy.html": "wire-copy.html",
    "/other.html": "other-story.html",
}


class Feed:
    """An RSS feed at /feed.xml whose entries the test sets; answers 304 to its own ETag."""

    def __init__(self, web: WebServer) -> None:
        self.web = web
        self.links: list[str] = []
        self.version = 0
        self.status = 200
        web.route("/feed.xml", self.reply)

    def set(self, *paths: str) -> None:
        self.links = [self.web.url(path) for path in paths]
        self.version += 1

    def reply(self, request: Request) -> Reply:
        if self.status != 200:
            return Reply(self.status)
        etag = f'"v{self.version}"'
        if request.headers.get("If-None-Match") == etag:
            return Reply(304, {"ETag": etag})
        items = "".join(
            f"<item><title>Story {i}</title><link>{link}</link><guid>{link}</guid>"
            f"<pubDate>{format_datetime(datetime(2025, 12, 3, 12, i, tzinfo=UTC))}</pubDate></item>"
            for i, link in enumerate(self.links)
        )
        body = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Test wire</title><link>{self.web.url('/')}</link>"
            f"<description>Stories</description>{items}</channel></rss>"
        ).encode()
        headers = {
            "Content-Type": "application/rss+xml; charset=utf-8",
            "ETag": etag,
            "Last-Modified": "Wed, 03 Dec 2025 12:00:00 GMT",
        }
        return Reply(200, headers, body)

    @property
    def url(self) -> str:
        return self.web.url("/feed.xml")


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        for path, fixture in PAGES.items():
            server.page(path, fixture)
        yield server


@pytest.fixture
def feed(web: WebServer) -> Feed:
    return Feed(web)


@pytest.fixture
def fetcher() -> Fetcher:
    policy = FetchPolicy(allow_private=True, timeout=10.0)
    return Fetcher(policy, min_interval=0.0, retries=1, backoff=0.0, sleep=lambda _s: None)
