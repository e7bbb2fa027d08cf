"""A local stand-in for Slack's side of the wire: the Web API and response URLs.

The app under test gets `SLACK_API_URL = stub.api_url`, and slash commands and button clicks
carry `stub.response_url(...)`; the stub records every call, answers like Slack does, and can
be told to fail (an error code, or a 429 with Retry-After) for a method.

For the multi-workspace install it also plays Slack's OAuth side: `grant(team_id)` is a
workspace admin approving the install on slack.com, and returns the code Slack would put in the
redirect; oauth.v2.access trades it (once, for the right client id and secret) for that
workspace's bot token, and auth.test answers for whichever token it is called with.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_USER = "U0BOTUSER1"
CLIENT_ID = "1111111111.2222222222222"
CLIENT_SECRET = "stub-client-secret-0123456789abcdef"
APP_ID = "A0UKRAINE1"
INSTALL_SCOPES = "app_mentions:read,chat:write,commands,im:history,im:read,im:write"


@dataclass(frozen=True)
class Workspace:
    """A workspace the app was installed in through the stub's OAuth side."""

    team_id: str
    team_name: str
    bot_token: str
    bot_user_id: str
    bot_id: str
    installer: str = "U0INSTALLER"


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def method(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def token(self) -> str | None:
        """The bearer token the call was made with (Authorization header), if any."""
        for name, value in self.headers.items():
            if name.lower() == "authorization" and value.startswith("Bearer "):
                return value.removeprefix("Bearer ")
        return None


@dataclass
class SlackStub:
    server: ThreadingHTTPServer
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = field(
        default_factory=dict
    )
    lock: threading.Lock = field(default_factory=threading.Lock)
    codes: dict[str, Workspace] = field(default_factory=dict)
    installed: dict[str, Workspace] = field(default_factory=dict)
    _serial: Iterator[int] = field(default_factory=lambda: itertools.count(1))

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

    def grant(self, team_id: str, team_name: str | None = None) -> str:
        """An admin of `team_id` approves the install: the code Slack sends to the redirect URL."""
        with self.lock:
            n = next(self._serial)
            workspace = Workspace(
                team_id=team_id,
                team_name=team_name or f"Workspace {team_id}",
                bot_token=f"xoxb-{team_id}-{n}-stubtoken{n:04d}",
                bot_user_id=f"U0BOT{team_id[-4:]}",
                bot_id=f"B0BOT{team_id[-4:]}",
            )
            code = f"code-{team_id}-{n}"
            self.codes[code] = workspace
        return code

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


def acked_message(body: str | bytes) -> dict[str, Any]:
    """The message a slash command's acknowledgement carries: what Slack shows the asker at once.

    Fails when the acknowledgement is empty, as it is only for an answer later than the ack
    budget, which then goes to the response URL.
    """
    message: dict[str, Any] = json.loads(body or b"{}")
    assert message.get("text") or message.get("blocks"), f"an empty acknowledgement: {body!r}"
    return message


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
            if call.method == "oauth.v2.access":
                return self._oauth_v2_access(call)
            if call.method == "auth.test":
                installed = stub.installed.get(call.token or "")
                if installed is not None:
                    return {
                        "ok": True,
                        "url": f"https://{installed.team_id.lower()}.slack.com/",
                        "team": installed.team_name,
                        "user": "ukraine-bot",
                        "team_id": installed.team_id,
                        "user_id": installed.bot_user_id,
                        "bot_id": installed.bot_id,
                        "is_enterprise_install": False,
                    }
                return {"ok": True, "user_id": BOT_USER, "bot_id": "B0BOT", "team_id": "T0TEAM"}
            if call.method in {"chat.postMessage", "chat.postEphemeral", "chat.update"}:
                return {"ok": True, "channel": call.body.get("channel"), "ts": f"{time.time():.6f}"}
            return {"ok": True}

        def _oauth_v2_access(self, call: Call) -> dict[str, Any]:
            """Slack's answer to oauth.v2.access (client credentials in HTTP Basic auth)."""
            basic = ""
            for name, value in call.headers.items():
                if name.lower() == "authorization" and value.startswith("Basic "):
                    basic = base64.b64decode(value.removeprefix("Basic ")).decode()
            client_id, _, client_secret = basic.partition(":")
            if client_id != CLIENT_ID:
                return {"ok": False, "error": "invalid_client_id"}
            if client_secret != CLIENT_SECRET:
                return {"ok": False, "error": "bad_client_secret"}
            with stub.lock:
                workspace = stub.codes.pop(str(call.body.get("code")), None)
                if workspace is None:
                    return {"ok": False, "error": "invalid_code"}
                stub.installed[workspace.bot_token] = workspace
            return {
                "ok": True,
                "app_id": APP_ID,
                "authed_user": {"id": workspace.installer},
                "scope": INSTALL_SCOPES,
                "token_type": "bot",
                "access_token": workspace.bot_token,
                "bot_user_id": workspace.bot_user_id,
                "team": {"id": workspace.team_id, "name": workspace.team_name},
                "enterprise": None,
                "is_enterprise_install": False,
            }

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
