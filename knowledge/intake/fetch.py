"""The one way the bot fetches a URL: a fetcher that a chat user cannot turn against the network
it runs in.

- Only `http` and `https`, without credentials in the URL.
- Every address the host resolves to must be public: loopback, private, link-local, shared
  (100.64/10), multicast, reserved and unspecified addresses are refused unless the policy
  allows private addresses (`FETCH_ALLOW_PRIVATE=1`, which tests set for their loopback server);
  cloud metadata addresses (169.254.169.254, fd00:ec2::254, 100.100.100.200) are refused
  always. The check runs before any connection and again after every redirect.
- The connection goes to the address that was checked, not to a second lookup of the name
  (no DNS rebinding between check and connect): urllib3 connects to the IP itself, with the
  name as the Host header and, for https, as the TLS server name and the certificate's name.
- Redirects are followed here, at most 5; a 304 is `not_modified`.
- A size limit (5 MB) enforced while reading (a Content-Length over it is refused before),
  one total timeout for the whole fetch, redirects included; the body is asked for
  uncompressed, so the limit is on what is kept.
- Only HTML, XML (RSS, Atom) and plain text content types; no cookie is ever kept or sent.

`fetch` raises `FetchRefused` (the policy said no: never retried) or `FetchFailed` (the
network or the server: `retryable` for timeouts, dropped connections and 5xx), each with one
line saying why. `Fetcher` adds a per-host rate limit and retries with backoff.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error

MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
TIMEOUT_S = 20.0
USER_AGENT = "ukraine-peace-bot/0.1 (+https://github.com/; news intake)"
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
CONTENT_TYPES = PAGE_TYPES | FEED_TYPES
_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Cloud metadata services: refused even where private addresses are allowed.
METADATA = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: not public

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """A URL that was not fetched, and why, in one line."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class FetchRefused(FetchError):
    """The policy refused the URL (scheme, address, size, type, redirects): never retried."""


class FetchFailed(FetchError):
    """The network or the server failed; `retryable` for timeouts, resets and 5xx."""

    def __init__(self, url: str, reason: str, *, retryable: bool, status: int = 0) -> None:
        super().__init__(url, reason)
        self.retryable = retryable
        self.status = status


@dataclass(frozen=True)
class Fetched:
    """A fetched body (empty when `not_modified`), with what the feeds keep for next time."""

    url: str  # after redirects
    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text, in its declared charset, else UTF-8 (bad bytes replaced)."""
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:  # an unknown charset name
            return self.body.decode("utf-8", errors="replace")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the system's resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may do. `resolver` is replaceable so tests can answer with any address
    without a DNS server (a stub resolver's answer is refused before any connection)."""

    allow_private: bool = False
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    timeout: float = TIMEOUT_S
    content_types: frozenset[str] = CONTENT_TYPES
    resolver: Resolver = field(default=system_resolver, compare=False)


def address_problem(address: str, allow_private: bool = False) -> str | None:
    """Why the bot may not connect to `address` (an IP), or None when it may."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA:
        return f"{ip} is a cloud metadata address"
    if ip.is_unspecified or ip.is_multicast:
        return f"{ip} is {'an unspecified' if ip.is_unspecified else 'a multicast'} address"
    if allow_private:
        return None
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if ip.is_reserved:
        return f"{ip} is a reserved address"
    if ip.is_private or (isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED):
        return f"{ip} is a private address"
    if not ip.is_global:
        return f"{ip} is a reserved address"
    return None


def check_url(url: str, policy: FetchPolicy) -> tuple[str, str, int, str]:
    """(scheme, host, port, the checked address to connect to) of a URL the policy allows."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        what = f"{scheme}: URLs" if scheme else "a URL without http:// or https://"
        raise FetchRefused(url, f"only http and https URLs are fetched, not {what}")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused(url, "URLs with a user name or password are not fetched")
    host = parts.hostname
    if not host:
        raise FetchRefused(url, "the URL has no host")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchRefused(url, "the URL's port is not a number from 1 to 65535") from None
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = policy.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchFailed(url, f"cannot resolve {host}: {exc}", retryable=True) from None
    if not addresses:
        raise FetchFailed(url, f"{host} resolves to no address", retryable=True)
    for address in addresses:
        problem = address_problem(address, policy.allow_private)
        if problem is not None:
            where = problem if address == host else f"{host} resolves to {problem}"
            raise FetchRefused(url, f"refused: {where}, not a public address")
    return scheme, host, port, addresses[0]


def fetch(
    url: str,
    policy: FetchPolicy | None = None,
    headers: Mapping[str, str] | None = None,
) -> Fetched:
    """GETs `url` under `policy` (see the module's docstring), following redirects itself."""
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.timeout
    current = url
    for hop in range(policy.max_redirects + 1):
        try:
            scheme, host, port, address = check_url(current, policy)
        except FetchRefused as refused:
            if hop == 0:
                raise
            raise FetchRefused(url, f"redirected to {current}: {refused.reason}") from None
        response = _request(current, scheme, host, port, address, headers, policy, deadline)
        try:
            if response.status in _REDIRECTS and response.headers.get("Location"):
                if hop == policy.max_redirects:
                    raise FetchRefused(url, f"more than {policy.max_redirects} redirects")
                current = urljoin(current, response.headers["Location"])
                continue
            return _read(url, current, response, policy, deadline)
        finally:
            response.release_conn()
    raise FetchRefused(url, f"more than {policy.max_redirects} redirects")  # pragma: no cover


def _request(
    url: str,
    scheme: str,
    host: str,
    port: int,
    address: str,
    headers: Mapping[str, str] | None,
    policy: FetchPolicy,
    deadline: float,
) -> urllib3.BaseHTTPResponse:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchFailed(url, f"timed out after {policy.timeout:g} s", retryable=True)
    timeout = urllib3.Timeout(connect=remaining, read=remaining)
    pool: urllib3.HTTPConnectionPool
    if scheme == "https":
        # Connect to the checked address; TLS still names and verifies the host.
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            assert_hostname=host,
            server_hostname=host,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    default_port = 443 if scheme == "https" else 80
    host_header = host if ":" not in host else f"[{host}]"
    if port != default_port:
        host_header += f":{port}"
    sent = {
        "Host": host_header,
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8",
        "Accept-Encoding": "identity",
        **(headers or {}),
    }
    try:
        return pool.urlopen(
            "GET",
            target,
            headers=sent,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
    except urllib3.exceptions.TimeoutError:
        raise FetchFailed(url, f"timed out after {policy.timeout:g} s", retryable=True) from None
    except Urllib3Error as exc:
        reason = str(getattr(exc, "reason", None) or exc).splitlines()[0][:200]
        raise FetchFailed(url, f"could not connect: {reason}", retryable=True) from None


def _read(
    url: str,
    final: str,
    response: urllib3.BaseHTTPResponse,
    policy: FetchPolicy,
    deadline: float,
) -> Fetched:
    status = response.status
    etag = response.headers.get("ETag")
    last_modified = response.headers.get("Last-Modified")
    if status == 304:
        return Fetched(final, status, "", None, b"", etag, last_modified)
    if status >= 400:
        raise FetchFailed(
            url, f"the server answered HTTP {status}", retryable=status >= 500, status=status
        )
    if status != 200:
        raise FetchRefused(url, f"the server answered HTTP {status}, not a page")
    content_type, charset = _content_type(response.headers.get("Content-Type", ""))
    if content_type not in policy.content_types:
        shown = content_type or "none given"
        raise FetchRefused(url, f"not a web page or feed (content type {shown})")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchRefused(
            url, f"too large: {int(declared):,} bytes (the limit is {policy.max_bytes:,})"
        )
    body = bytearray()
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchFailed(url, f"timed out after {policy.timeout:g} s", retryable=True)
            _limit_wait(response, remaining)
            # What has arrived, up to a chunk: a body dripped byte by byte meets the deadline.
            chunk = response.read1(_CHUNK, decode_content=False)
            if not chunk:
                break
            body += chunk
            if len(body) > policy.max_bytes:
                raise FetchRefused(url, f"too large: over {policy.max_bytes:,} bytes")
    except (urllib3.exceptions.TimeoutError, TimeoutError):
        raise FetchFailed(url, f"timed out after {policy.timeout:g} s", retryable=True) from None
    except (Urllib3Error, OSError) as exc:
        raise FetchFailed(url, f"the connection broke: {exc}", retryable=True) from None
    return Fetched(final, status, content_type, charset, bytes(body), etag, last_modified)


def _limit_wait(response: urllib3.BaseHTTPResponse, seconds: float) -> None:
    """Makes the next read from the socket wait at most `seconds` (the total deadline)."""
    sock = getattr(getattr(response, "connection", None), "sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.01))


def _content_type(header: str) -> tuple[str, str | None]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"."""
    kind, _, rest = header.partition(";")
    charset = None
    for parameter in rest.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return kind.strip().lower(), charset


class Fetcher:
    """`fetch` with a per-host rate limit (`min_interval` seconds between requests to one
    host, across threads) and retries with exponential backoff on retryable failures
    (timeouts, dropped connections, 5xx). `sleep` and `clock` are replaceable for tests."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        min_interval: float = 1.0,
        retries: int = 2,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.min_interval = min_interval
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.clock = clock
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """Fetches `url`, waiting its host's turn, retrying what may work a second time."""
        attempt = 0
        while True:
            self._wait_turn(urlsplit(url).hostname or "")
            try:
                return fetch(url, self.policy, headers)
            except FetchFailed as error:
                if not error.retryable or attempt >= self.retries:
                    raise
                self.sleep(self.backoff * 2**attempt)
                attempt += 1

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = self.clock()
            turn = max(now, self._next.get(host.lower(), now))
            self._next[host.lower()] = turn + self.min_interval
        if turn > now:
            self.sleep(turn - now)
