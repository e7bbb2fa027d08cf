"""Web pages as articles: main text without the page's furniture, and its metadata."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.intake.page import PageError, looks_like_html, page_article, url_slug
from tests.web_server import WEB_DATA


def test_a_page_gives_its_main_text_title_outlet_author_and_date() -> None:
    html = (WEB_DATA / "wire-ap.html").read_text(encoding="utf-8")

    article = page_article(html, url="http://127.0.0.1:8000/ap.html")

    assert article.title == "Envoys meet in Geneva as drone strikes continue"
    assert article.outlet == "AP News"
    assert article.author == "Marta Kowalczyk"
    assert article.published == "2025-12-03"
    assert article.url == "https://apnews.example/article/geneva-envoys-talks"  # canonical
    # trafilatura may keep the byline (boilerplate to the extractor, as in files) or drop it.
    lines = [line for line in article.text.splitlines() if line != "By Marta Kowalczyk"]
    assert lines[0] == article.title
    assert lines[1].startswith("GENEVA (AP) — U.S. envoy Steve Witkoff met")
    assert lines[-1].startswith("Umerov is expected to brief")
    assert len(lines) == 10
    for furniture in ("Newsletters", "Sign up", "Related stories", "Privacy", "Copyright"):
        assert furniture not in article.text


def test_without_a_site_name_the_outlet_is_the_host() -> None:
    html = (WEB_DATA / "wire-ap.html").read_text(encoding="utf-8")
    html = html.replace('<meta property="og:site_name" content="AP News">', "")

    article = page_article(html, url="https://www.example.org/story")

    assert article.outlet in {"apnews.example", "example.org"}


def test_a_page_without_text_is_refused() -> None:
    with pytest.raises(PageError):
        page_article("<html><body><nav><a href='/'>Home</a></nav></body></html>")


def test_html_is_recognised_and_urls_become_ids() -> None:
    assert looks_like_html("<!DOCTYPE html><html><p>x</p></html>")
    assert not looks_like_html("---\ntitle: A\n---\nText about <b>talks</b>.")
    assert url_slug("https://apnews.example/article/geneva-envoys-talks?x=1") == (
        "geneva-envoys-talks"
    )
    assert url_slug("https://kyivledger.example/news/2025/12/03/Story_One.html") == "story-one"
    assert url_slug("https://news.example/") == "news-example"


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.text(
        alphabet=st.sampled_from(list("<>/=\"' abcdhtmlpbodyscript&;#\x00\x0b\n\u202e\U0001f600")),
        max_size=400,
    )
)
def test_any_markup_is_an_article_or_a_page_error(junk: str) -> None:
    html = f"<html><body><article><p>{junk}</p></article></body></html>"
    try:
        article = page_article(html, url="https://news.example/a")
    except PageError:
        return
    assert article.text.strip() and "\n\n" not in article.text
