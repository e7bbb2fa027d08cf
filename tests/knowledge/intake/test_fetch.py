"""The safe fetcher against a local server on 127.0.0.1, and its address rules without sending
anything anywhere else: unit tests of the check, and a stub resolver whose answers are refused
before any connection is made."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import urllib3

from knowledge.intake import fetch
from knowledge.intake.fetch import (
    MAX_BYTES,
    Fetcher,
    FetchFailed,
    FetchPolicy,
    FetchRefused,
    address_problem,
)
from tests.web_server import Reply, WebServer

LOOPBACK_OK = FetchPolicy(allow_private=True, timeout=5.0)


@pytest.fixture
def web() -> Iterator[WebServer]:
    with WebServer() as server:
        server.page("/ap.html", "wire-ap.html")
        yield server


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fails the test if the fetcher opens any connection; lists what it tried."""
    tried: list[str] = []

    def refuse(self: Any, *args: Any, **kwargs: Any) -> Any:
        tried.append(f"{self.host}:{self.port}")
        raise AssertionError(f"a connection to {self.host} was attempted")

    monkeypatch.setattr(urllib3.HTTPConnectionPool, "urlopen", refuse)
    return tried


# --- the address rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.20", "private"),
        ("fd12:3456::1", "private"),
        ("100.64.3.4", "private"),  # carrier-grade NAT
        ("169.254.10.20", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4 mapped into IPv6
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("192.0.2.7", "private"),  # documentation range: not public
    ],
)
def test_non_public_addresses_are_refused(address: str, kind: str) -> None:
    problem = address_problem(address)

    assert problem is not None and kind in problem


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.4.4", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert address_problem(address) is None


def test_the_allowance_opens_private_ranges_but_never_metadata_or_multicast() -> None:
    for address in ("127.0.0.1", "10.0.0.1", "169.254.1.1", "fe80::1"):
        assert address_problem(address, allow_private=True) is None
    for address in ("169.254.169.254", "fd00:ec2::254", "224.0.0.1", "0.0.0.0"):
        assert address_problem(address, allow_private=True) is not None


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        (["10.0.0.5"], "private"),
        (["169.254.169.254"], "cloud metadata"),
        (["fe80::2"], "link-local"),
        (["93.184.216.34", "127.0.0.1"], "loopback"),  # one bad answer among good ones is enough
    ],
)
def test_a_stub_resolvers_answer_is_refused_before_any_connection(
    answer: list[str], kind: str, no_connections: list[str]
) -> None:
    policy = FetchPolicy(resolver=lambda host, port: answer)

    with pytest.raises(FetchRefused) as refused:
        fetch.fetch("https://news.example/story", policy)

    assert kind in refused.value.reason and "news.example resolves to" in refused.value.reason
    assert no_connections == []


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://news.example/a", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://news.example/", "only http and https"),
        ("news.example/a", "only http and https"),
        ("http://user:pw@news.example/a", "user name or password"),
        ("http:///nohost", "no host"),
        ("http://news.example:99999/", "port"),
    ],
)
def test_urls_that_are_not_plain_http_are_refused(
    url: str, words: str, no_connections: list[str]
) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch.fetch(url, FetchPolicy(resolver=lambda host, port: ["93.184.216.34"]))

    assert words in refused.value.reason
    assert no_connections == []


def test_the_loopback_server_is_refused_without_the_allowance(web: WebServer) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch.fetch(web.url("/ap.html"), FetchPolicy())

    assert "127.0.0.1 is a loopback address" in refused.value.reason
    assert web.requests == []  # refused before connecting


def test_the_loopback_server_is_refused_after_a_redirect_without_the_allowance(
    web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # news.example "resolves" to a public address; the connection to it is handed to the
    # loopback server (nothing leaves the machine), which redirects to itself by address.
    public = "93.184.216.34"
    real_pool = urllib3.HTTPConnectionPool

    def to_loopback(host: str, port: int, **options: Any) -> urllib3.HTTPConnectionPool:
        assert host == public, f"connected to {host}, not the checked address"
        return real_pool("127.0.0.1", web.port, **options)

    monkeypatch.setattr(fetch.urllib3, "HTTPConnectionPool", to_loopback)
    web.redirect("/story", web.url("/ap.html"))
    policy = FetchPolicy(resolver=lambda host, port: [public])

    with pytest.raises(FetchRefused) as refused:
        fetch.fetch("http://news.example/story", policy)

    assert "redirected to http://127.0.0.1" in refused.value.reason
    assert "loopback" in refused.value.reason
    assert [r.path for r in web.requests] == ["/story"]  # the page itself was never asked for


def test_the_connection_goes_to_the_checked_address_not_a_second_lookup(
    web: WebServer,
) -> None:
    answers = iter([["127.0.0.1"], ["10.9.9.9"]])  # a rebinding resolver: a new answer each time
    policy = FetchPolicy(allow_private=True, resolver=lambda host, port: next(answers))

    fetched = fetch.fetch(f"http://pages.test:{web.port}/ap.html", policy)

    assert fetched.status == 200 and b"Geneva" in fetched.body
    assert web.requests[0].headers["Host"] == f"pages.test:{web.port}"  # the name, as sent


# --- redirects, size, time, types, cookies ---------------------------------------------------


def test_redirects_are_followed_up_to_five(web: WebServer) -> None:
    for hop in range(1, 6):
        web.redirect(f"/hop{hop}", f"/hop{hop + 1}" if hop < 5 else "/ap.html")
    web.redirect("/hop0", "/hop1")

    fetched = fetch.fetch(web.url("/hop1"), LOOPBACK_OK)  # 5 redirects
    assert fetched.url == web.url("/ap.html") and fetched.status == 200

    with pytest.raises(FetchRefused) as refused:
        fetch.fetch(web.url("/hop0"), LOOPBACK_OK)  # 6
    assert "more than 5 redirects" in refused.value.reason


def test_a_huge_response_is_cut_off_while_reading(web: WebServer) -> None:
    chunk = b"<p>" + b"x" * 65_533 + b"</p>"
    web.route(
        "/huge",
        lambda _r: Reply(200, {"Content-Type": "text/html"}, (chunk for _ in range(200))),
    )

    with pytest.raises(FetchRefused) as refused:
        fetch.fetch(web.url("/huge"), LOOPBACK_OK)

    assert f"over {MAX_BYTES:,} bytes" in refused.value.reason


def test_a_declared_length_over_the_limit_is_refused_before_reading(web: WebServer) -> None:
    web.route(
        "/declared",
        lambda _r: Reply(200, {"Content-Type": "text/html", "Content-Length": "9000000"}, b"x"),
    )

    with pytest.raises(FetchRefused) as refused:
        fetch.fetch(web.url("/declared"), LOOPBACK_OK)

    assert "9,000,000 bytes" in refused.value.reason


def test_a_slow_response_hits_the_total_timeout(web: WebServer) -> None:
    # Each byte comes well within any per-read timeout; only a total one stops it.
    web.route(
        "/slow",
        lambda _r: Reply(200, {"Content-Type": "text/html"}, (b"<p>." for _ in range(100)), 0.1),
    )
    policy = FetchPolicy(allow_private=True, timeout=1.0)

    started = time.monotonic()
    with pytest.raises(FetchFailed) as failed:
        fetch.fetch(web.url("/slow"), policy)

    assert "timed out after 1 s" in failed.value.reason and failed.value.retryable
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize(
    "content_type",
    ["image/png", "application/json", "application/pdf", "application/octet-stream", ""],
)
def test_only_html_xml_and_text_are_read(web: WebServer, content_type: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    web.route("/thing", lambda _r: Reply(200, headers, b"\x89PNG...."))

    with pytest.raises(FetchRefused) as refused:
        fetch.fetch(web.url("/thing"), LOOPBACK_OK)

    assert "not a web page or feed" in refused.value.reason


def test_no_cookie_is_kept_or_sent(web: WebServer) -> None:
    web.route(
        "/login",
        lambda _r: Reply(302, {"Location": "/ap.html", "Set-Cookie": "session=secret; Path=/"}),
    )

    fetch.fetch(web.url("/login"), LOOPBACK_OK)
    fetch.fetch(web.url("/ap.html"), LOOPBACK_OK)

    assert all("Cookie" not in r.headers for r in web.requests)


def test_server_errors_are_retryable_and_client_errors_are_not(web: WebServer) -> None:
    web.route("/down", lambda _r: Reply(503))
    web.route("/gone", lambda _r: Reply(404))

    with pytest.raises(FetchFailed) as down:
        fetch.fetch(web.url("/down"), LOOPBACK_OK)
    with pytest.raises(FetchFailed) as gone:
        fetch.fetch(web.url("/gone"), LOOPBACK_OK)

    assert down.value.retryable and "HTTP 503" in down.value.reason
    assert not gone.value.retryable and "HTTP 404" in gone.value.reason


# --- the Fetcher: retries with backoff, per-host rate limit --------------------------------


def test_the_fetcher_retries_5xx_with_backoff(web: WebServer) -> None:
    answers = iter([Reply(502), Reply(503), Reply(200, {"Content-Type": "text/plain"}, b"ok")])
    web.route("/flaky", lambda _r: next(answers))
    waits: list[float] = []
    fetcher = Fetcher(LOOPBACK_OK, min_interval=0, retries=2, backoff=0.5, sleep=waits.append)

    fetched = fetcher.get(web.url("/flaky"))

    assert fetched.body == b"ok"
    assert waits == [0.5, 1.0]
    assert len(web.asked("/flaky")) == 3


def test_the_fetcher_gives_up_after_its_retries(web: WebServer) -> None:
    web.route("/down", lambda _r: Reply(500))
    fetcher = Fetcher(LOOPBACK_OK, min_interval=0, retries=2, sleep=lambda _s: None)

    with pytest.raises(FetchFailed):
        fetcher.get(web.url("/down"))

    assert len(web.asked("/down")) == 3


def test_the_fetcher_keeps_to_its_rate_limit_per_host(web: WebServer) -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 3))
        now[0] += seconds

    fetcher = Fetcher(LOOPBACK_OK, min_interval=2.0, sleep=sleep, clock=lambda: now[0])
    for _ in range(3):
        fetcher.get(web.url("/ap.html"))

    assert waits == [2.0, 2.0]  # the second and third request waited their host's turn
