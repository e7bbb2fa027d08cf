"""A local web server on 127.0.0.1 for the intake tests: fixture pages and feeds, redirects, slow
and huge responses, wrong content types, conditional requests, failures on demand.

    with WebServer() as web:
        web.page("/a.html", "wire-ap.html")            # a file of tests/data/web/
        web.route("/x", lambda request: Reply(503))    # anything else
        web.url("/a.html")                             # http://127.0.0.1:PORT/a.html
        web.requests                                   # what was asked, in order

Nothing here talks to any other address. Each request is answered by a thread of its own, so a
slow answer does not hold up the next test's requests.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

WEB_DATA = Path(__file__).parent / "data" / "web"


@dataclass
class Request:
    """A request the server received."""

    path: str
    headers: dict[str, str]


@dataclass
class Reply:
    """An answer: status, headers, and the body (bytes, or chunks sent `delay` seconds apart)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Iterable[bytes] = b""
    delay: float = 0.0


Route = Callable[[Request], Reply]


class WebServer:
    """The server (see the module's docstring); a context manager that starts and stops it."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(self, *_: Any) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def page(self, path: str, fixture: str, content_type: str = "text/html; charset=utf-8") -> None:
        """Serves a file of tests/data/web/ at `path`."""
        body = (WEB_DATA / fixture).read_bytes()
        self.route(path, lambda _request: Reply(200, {"Content-Type": content_type}, body))

    def text(self, path: str, body: str, content_type: str) -> None:
        data = body.encode("utf-8")
        self.route(path, lambda _request: Reply(200, {"Content-Type": content_type}, data))

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.route(path, lambda _request: Reply(status, {"Location": to}))

    def asked(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                request = Request(self.path, {k: v for k, v in self.headers.items()})
                with server._lock:
                    server.requests.append(request)
                route = server.routes.get(self.path.split("?", 1)[0])
                reply = route(request) if route else Reply(404, {"Content-Type": "text/plain"})
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                chunked = not isinstance(reply.body, bytes)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if chunked:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    try:
                        for chunk in reply.body:
                            time.sleep(reply.delay)
                            self.wfile.write(chunk)
                            self.wfile.flush()
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the fetcher gave up on it: what a limit should do
                    self.close_connection = True
                    return
                assert isinstance(reply.body, bytes)
                if "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(reply.body)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet tests

        return Handler
