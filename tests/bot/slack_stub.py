"""A local stand-in for Slack's side of the wire: the Web API and response URLs.

The app under test gets `SLACK_API_URL = stub.api_url`, and slash commands and button clicks
carry `stub.response_url(...)`; the stub records every call, answers like Slack does, and can
be told to fail (an error code, or a 429 with Retry-After) for a method.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_USER = "U0BOTUSER1"


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def method(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass
class SlackStub:
    server: ThreadingHTTPServer
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = field(
        default_factory=dict
    )
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.base}/response/{name}"

    def fail(self, method: str, status: int, body: dict[str, Any], **headers: str) -> None:
        """The next call of `method` gets this answer instead of success."""
        self.failures.setdefault(method, []).append((status, body, headers))

    def of(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def responses(self, name: str = "r1") -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.path == f"/response/{name}"]

    def wait_for(self, check: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Polls `check()` until it returns something truthy (the listeners run in threads)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = check()
            if result:
                return result
            time.sleep(0.02)
        raise AssertionError(f"timed out; calls so far: {[c.path for c in self.calls]}")

    def settle(self, seconds: float = 0.3) -> None:
        """Waits a little, for asserting that something did not happen."""
        time.sleep(seconds)


def _handler(stub: SlackStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: Any) -> None:
            pass

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            if "json" in (self.headers.get("Content-Type") or ""):
                body: dict[str, Any] = json.loads(raw or "{}")
            else:
                body = {k: v[0] for k, v in parse_qs(raw).items()}
            call = Call(self.path, body, dict(self.headers.items()))
            with stub.lock:
                stub.calls.append(call)
                queue = stub.failures.get(call.method) or []
                failure = queue.pop(0) if queue else None
            if failure is not None:
                status, payload, headers = failure
                self._send(status, payload, headers)
            elif self.path.startswith("/response/"):
                self._send(200, None, {})
            else:
                self._send(200, self._answer(call), {})

        def _answer(self, call: Call) -> dict[str, Any]:
            if call.method == "auth.test":
                return {"ok": True, "user_id": BOT_USER, "bot_id": "B0BOT", "team_id": "T0TEAM"}
            if call.method in {"chat.postMessage", "chat.postEphemeral", "chat.update"}:
                return {"ok": True, "channel": call.body.get("channel"), "ts": f"{time.time():.6f}"}
            return {"ok": True}

        def _send(self, status: int, payload: Any, headers: dict[str, str]) -> None:
            data = b"ok" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json" if payload else "text/plain")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def start_stub() -> Iterator[SlackStub]:
    """Runs a stub on a free loopback port until the generator is closed."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    stub = SlackStub(server)
    server.RequestHandlerClass = _handler(stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
