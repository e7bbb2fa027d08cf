"""Pages and URLs into a real store with the real pipeline: outlets in sources, a republished
wire story stored once with both sources, refusals that store nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from spacy.language import Language

from knowledge.ingest import ingest_files
from knowledge.intake.add import AddRefused, add_url
from knowledge.intake.fetch import Fetcher
from knowledge.store import Store
from tests.web_server import WEB_DATA, Reply, WebServer


def umerov_meeting_sources(store: Store) -> list[tuple[str | None, str | None, str | None]]:
    meetings = [m for m in store.load_factbase().meetings if "Rustem Umerov" in m.participants]
    assert len(meetings) == 1
    return [(s.outlet, s.published, s.url) for s in meetings[0].sources]


def test_a_wire_story_and_its_copy_are_one_article_with_both_sources(
    store: Store, web: WebServer, fetcher: Fetcher, nlp: Language
) -> None:
    report = ingest_files(
        store, [web.url("/ap.html"), web.url("/copy.html")], nlp=nlp, fetcher=fetcher
    )

    assert report.ok and report.added == ["geneva-envoys-talks"]
    assert [(c[1], c[2]) for c in report.copies] == [
        ("us-ukraine-envoys-geneva", "geneva-envoys-talks")
    ]
    assert [a for a, _ in store.article_texts()] == ["geneva-envoys-talks"]  # text kept once
    sources = umerov_meeting_sources(store)
    assert sources[0] == (
        "AP News",
        "2025-12-03",
        "https://apnews.example/article/geneva-envoys-talks",
    )
    assert (
        "The Kyiv Ledger",
        "2025-12-03",
        "https://kyivledger.example/news/2025/12/03/us-ukraine-envoys-geneva",
    ) in sources

    evidence = [s for s in store.load_factbase().sentences if s.article_id == "geneva-envoys-talks"]
    assert evidence and {(s.outlet, s.published) for s in evidence} == {("AP News", "2025-12-03")}

    again = ingest_files(store, [web.url("/copy.html")], nlp=nlp, fetcher=fetcher)
    assert again.duplicates == [web.url("/copy.html")] and not again.added


def test_a_refused_url_stores_nothing(
    store: Store, web: WebServer, fetcher: Fetcher, nlp: Language
) -> None:
    web.route("/chart.png", lambda _r: Reply(200, {"Content-Type": "image/png"}, b"\x89PNG"))
    web.text("/world.rss", "<?xml version='1.0'?><rss version='2.0'></rss>", "application/rss+xml")
    before, revision = store.stats(), store.revision()

    report = ingest_files(
        store,
        [web.url("/chart.png"), "ftp://news.example/a", web.url("/world.rss")],
        nlp=nlp,
        fetcher=fetcher,
    )

    assert [reason for _, reason in report.errors] == [
        "not a web page or feed (content type image/png)",
        "only http and https URLs are fetched, not ftp: URLs",
        "a feed, not an article: add it to the FEEDS setting",
    ]
    assert store.stats() == before and store.revision() == revision


def test_an_html_file_is_read_as_a_page(store: Store, tmp_path: Path, nlp: Language) -> None:
    page = tmp_path / "saved.html"
    shutil.copy(WEB_DATA / "other-story.html", page)

    report = ingest_files(store, [page], nlp=nlp)

    assert report.added == ["saved"]
    article = store.article("saved")
    assert article is not None and article.outlet == "Reuters"
    assert article.published == "2025-12-05"
    assert "Our Standards" not in article.text


def test_add_url_says_what_the_page_added(
    store: Store, web: WebServer, fetcher: Fetcher, nlp: Language
) -> None:
    added = add_url(store, web.url("/ap.html"), fetcher, nlp=nlp)

    assert added.outlet == "AP News" and added.meetings >= 1 and added.figures >= 2
    assert "Ignazio Cassis" in added.new_people
    assert added.summary().startswith(f"{added.meetings} meeting")
    assert add_url(store, web.url("/ap.html"), fetcher, nlp=nlp).duplicate
    copy = add_url(store, web.url("/copy.html"), fetcher, nlp=nlp)
    assert copy.copy_of == "geneva-envoys-talks"

    web.redirect("/elsewhere", "http://169.254.169.254/latest/meta-data/")
    try:
        add_url(store, web.url("/elsewhere"), fetcher, nlp=nlp)
    except AddRefused as refused:
        assert "redirected to http://169.254.169.254" in str(refused)
        assert "cloud metadata" in str(refused)
    else:
        raise AssertionError("a redirect to the metadata address was followed")
