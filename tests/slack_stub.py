"""The one stand-in for Slack's side of the wire, for the tests and the HTTP benchmark: the Web
API, response URLs and the OAuth exchange.

    for stub in start_stub(): ...          # in this process (tests/bot/conftest.py's `stub`)
    python -m tests.slack_stub             # a process of its own: prints "port N", serves until
                                           # killed (bench/http_mode.py)
    RemoteStub("http://127.0.0.1:N")       # what that process has recorded, over HTTP

The app under test gets `SLACK_API_URL = stub.api_url`, and slash commands and button clicks
carry `stub.response_url(...)`; the stub records every call, answers like Slack does, and can
be told to fail (an error code, or a 429 with Retry-After) for a method.

For the multi-workspace install it also plays Slack's OAuth side: `grant(team_id)` is a
workspace admin approving the install on slack.com, and returns the code Slack would put in the
redirect; oauth.v2.access trades it (once, for the right client id and secret) for that
workspace's bot token, and auth.test answers for whichever token it is called with. With
token rotation on, `rotating(...)` gives a workspace a refresh token: oauth.v2.access with
grant_type=refresh_token trades it (once) for a new bot token, a new refresh token and 12 hours;
any other refresh token gets `invalid_refresh_token`, as Slack answers.

What it recorded can be read over HTTP too, for a stub in another process: `GET /calls?prefix=P`
(the calls whose path starts with P) and `GET /count?prefix=P` (how many).
"""

from __future__ import annotations

import base64
import http.client
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

BOT_USER = "U0BOTUSER1"
CLIENT_ID = "1111111111.2222222222222"
CLIENT_SECRET = "stub-client-secret-0123456789abcdef"
APP_ID = "A0UKRAINE1"
INSTALL_SCOPES = (
    "app_mentions:read,channels:history,chat:write,commands,files:write,groups:history,"
    "im:history,im:read,im:write,users:read"
)
RESPONSE_PREFIX = "/response/"
UPLOAD_PREFIX = "/upload/"

# (HTTP status, JSON payload or None for a plain "ok", extra headers)
Reply = tuple[int, Any, dict[str, str]]


@dataclass(frozen=True)
class Workspace:
    """A workspace the app was installed in through the stub's OAuth side."""

    team_id: str
    team_name: str
    bot_token: str
    bot_user_id: str
    bot_id: str
    installer: str = "U0INSTALLER"
    enterprise_id: str | None = None


@dataclass
class Upload:
    """A file uploaded the files_upload_v2 way: announced, its bytes posted, then completed."""

    file_id: str
    filename: str
    length: int
    content: bytes | None = None
    title: str = ""
    channel: str | None = None
    completed: bool = False


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    raw: bytes = b""

    @property
    def method(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def token(self) -> str | None:
        """The bearer token the call was made with (Authorization header), if any."""
        return self._authorization("Bearer ")

    @property
    def basic_credentials(self) -> tuple[str, str]:
        """(client id, client secret) of HTTP Basic authentication, as oauth.v2.access gets."""
        basic = base64.b64decode(self._authorization("Basic ") or "").decode()
        client_id, _, client_secret = basic.partition(":")
        return client_id, client_secret

    def _authorization(self, scheme: str) -> str | None:
        for name, value in self.headers.items():
            if name.lower() == "authorization" and value.startswith(scheme):
                return value.removeprefix(scheme)
        return None


@dataclass
class StubURLs:
    """Where a stub answers: its Web API and its response URLs."""

    base: str

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.base}{RESPONSE_PREFIX}{name}"


@dataclass
class SlackStub(StubURLs):
    """Slack's side in this process: what it was sent (`calls`), and how it answers."""

    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[Reply]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    codes: dict[str, Workspace] = field(default_factory=dict)
    installed: dict[str, Workspace] = field(default_factory=dict)
    # Who auth.test says the one-workspace bot is.
    identity: dict[str, str] = field(
        default_factory=lambda: {"user_id": BOT_USER, "bot_id": "B0BOT", "team_id": "T0TEAM"}
    )
    # Who users.info says a user is: {"U0…": {"tz": "Europe/Kyiv", "is_admin": True, ...}}.
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Files uploaded through files_upload_v2 (files.getUploadURLExternal, the POST of the bytes
    # to the URL it gave, files.completeUploadExternal), by file id.
    uploads: dict[str, Upload] = field(default_factory=dict)
    # Web API methods answered by another stand-in (apps.connections.open: the Socket Mode one).
    methods: dict[str, Callable[[Call], dict[str, Any]]] = field(default_factory=dict)
    # Refresh tokens Slack would honour (token rotation), and the workspace each one is for.
    refreshable: dict[str, Workspace] = field(default_factory=dict)
    # Run before the stub stops (start_stub): an app made against it waits here for its
    # listeners, so none calls a stub that is gone, and logs it, while a later test records.
    before_close: list[Callable[[], None]] = field(default_factory=list)
    _serial: Iterator[int] = field(default_factory=lambda: itertools.count(1))

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

    def rotating(self, team_id: str, refresh_token: str, enterprise_id: str | None = None) -> None:
        """`refresh_token` is a live refresh token of `team_id`'s (or org-wide: enterprise
        `enterprise_id`'s) installation: the next refresh with it succeeds."""
        with self.lock:
            self.refreshable[refresh_token] = Workspace(
                team_id=team_id,
                team_name=f"Workspace {team_id}",
                bot_token="",
                bot_user_id=f"U0BOT{team_id[-4:]}",
                bot_id=f"B0BOT{team_id[-4:]}",
                enterprise_id=enterprise_id,
            )

    def refreshes(self) -> list[Call]:
        """The oauth.v2.access calls that were token refreshes."""
        return [
            c for c in self.of("oauth.v2.access") if c.body.get("grant_type") == "refresh_token"
        ]

    def of(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def responses(self, name: str = "r1") -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.path == f"{RESPONSE_PREFIX}{name}"]

    def under(self, prefix: str) -> list[Call]:
        """The calls whose path starts with `prefix` ("/response/round-1/")."""
        with self.lock:
            return [c for c in self.calls if c.path.startswith(prefix)]

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

    # --- Slack's answers ---------------------------------------------------------------------

    def receive(self, call: Call) -> Reply:
        """Records `call` and answers it: a failure queued for its method, or Slack's answer."""
        with self.lock:
            self.calls.append(call)
            queue = self.failures.get(call.method) or []
            failure = queue.pop(0) if queue else None
        if failure is not None:
            return failure
        if call.path.startswith(RESPONSE_PREFIX):
            return 200, None, {}
        if call.path.startswith(UPLOAD_PREFIX):
            return self._upload(call)
        return 200, self._answer(call), {}

    def _answer(self, call: Call) -> dict[str, Any]:
        if call.method in self.methods:
            return self.methods[call.method](call)
        if call.method == "oauth.v2.access":
            return self._oauth_v2_access(call)
        if call.method == "auth.test":
            return self._auth_test(call)
        if call.method in {"chat.postMessage", "chat.postEphemeral", "chat.update"}:
            return {"ok": True, "channel": call.body.get("channel"), "ts": f"{time.time():.6f}"}
        if call.method in {"views.open", "views.publish", "views.update", "views.push"}:
            return self._view(call)
        if call.method == "users.info":
            return self._users_info(call)
        if call.method == "files.getUploadURLExternal":
            return self._upload_url(call)
        if call.method == "files.completeUploadExternal":
            return self._complete_upload(call)
        return {"ok": True}

    def _view(self, call: Call) -> dict[str, Any]:
        """views.open / publish / update: the view as Slack stores it, with an id."""
        view = call.body.get("view") or {}
        if isinstance(view, str):
            view = json.loads(view)
        number = next(self._serial)
        stored = {"id": f"V0VIEW{number:04d}", "hash": f"{number}.hash", **view}
        if call.method == "views.publish":
            stored["type"] = "home"
        return {"ok": True, "view": stored}

    def _users_info(self, call: Call) -> dict[str, Any]:
        """users.info: a person as `users` describes them (time zone, admin); without a time
        zone there (as for a user who never set one in an old workspace) the answer has none."""
        user = str(call.body.get("user") or "")
        known = self.users.get(user, {})
        found: dict[str, Any] = {
            "id": user,
            "team_id": "T0TEAM",
            "name": user.lower(),
            "is_bot": False,
            "is_admin": bool(known.get("is_admin")),
            "is_owner": bool(known.get("is_owner")),
        }
        if "tz" in known:
            found.update(tz=known["tz"], tz_label=known["tz"], tz_offset=known.get("tz_offset", 0))
        return {"ok": True, "user": found}

    def _upload_url(self, call: Call) -> dict[str, Any]:
        """files.getUploadURLExternal: where to POST the file's bytes (a URL on this stub)."""
        number = next(self._serial)
        file_id = f"F0FILE{number:04d}"
        with self.lock:
            self.uploads[file_id] = Upload(
                file_id,
                str(call.body.get("filename") or ""),
                int(call.body.get("length") or 0),
            )
        return {
            "ok": True,
            "upload_url": f"{self.base}{UPLOAD_PREFIX}{file_id}",
            "file_id": file_id,
        }

    def _complete_upload(self, call: Call) -> dict[str, Any]:
        """files.completeUploadExternal: the files shared, if their bytes came."""
        files = call.body.get("files") or "[]"
        listed = json.loads(files) if isinstance(files, str) else files
        done = []
        with self.lock:
            for item in listed:
                upload = self.uploads.get(str(item.get("id")))
                if upload is None or upload.content is None:
                    return {"ok": False, "error": "file_not_found"}
                upload.title = str(item.get("title") or upload.filename)
                upload.channel = call.body.get("channel_id")
                upload.completed = True
                done.append({"id": upload.file_id, "title": upload.title, "name": upload.filename})
        return {"ok": True, "files": done}

    def uploaded(self) -> list[Upload]:
        """The files whose upload was completed (files_upload_v2's third call), in order."""
        with self.lock:
            return [u for u in self.uploads.values() if u.completed]

    def _auth_test(self, call: Call) -> dict[str, Any]:
        """auth.test for an installed workspace's token, or for the one-workspace bot."""
        installed = self.installed.get(call.token or "")
        if installed is None:
            return {"ok": True, **self.identity}
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

    def _oauth_v2_access(self, call: Call) -> dict[str, Any]:
        """Slack's answer to oauth.v2.access (client credentials in HTTP Basic auth)."""
        client_id, client_secret = call.basic_credentials
        if client_id != CLIENT_ID:
            return {"ok": False, "error": "invalid_client_id"}
        if client_secret != CLIENT_SECRET:
            return {"ok": False, "error": "bad_client_secret"}
        if call.body.get("grant_type") == "refresh_token":
            return self._refresh(str(call.body.get("refresh_token") or ""))
        with self.lock:
            workspace = self.codes.pop(str(call.body.get("code")), None)
            if workspace is None:
                return {"ok": False, "error": "invalid_code"}
            self.installed[workspace.bot_token] = workspace
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

    def _refresh(self, refresh_token: str) -> dict[str, Any]:
        """A token refresh: a new bot token and refresh token (the old one is used up)."""
        with self.lock:
            workspace = self.refreshable.pop(refresh_token, None)
            if workspace is None:
                return {"ok": False, "error": "invalid_refresh_token"}
            n = next(self._serial)
            token = f"xoxe.xoxb-{workspace.team_id}-{n}-refreshed{n:04d}"
            self.installed[token] = workspace
            self.refreshable[f"xoxe-1-{workspace.team_id}-{n}"] = workspace
        return {
            "ok": True,
            "app_id": APP_ID,
            "scope": INSTALL_SCOPES,
            "token_type": "bot",
            "access_token": token,
            "refresh_token": f"xoxe-1-{workspace.team_id}-{n}",
            "expires_in": 43200,
            "bot_user_id": workspace.bot_user_id,
            "team": {"id": workspace.team_id, "name": workspace.team_name},
            "enterprise": {"id": workspace.enterprise_id} if workspace.enterprise_id else None,
            "is_enterprise_install": False,
        }

    def _upload(self, call: Call) -> Reply:
        """The POST of a file's bytes to the URL files.getUploadURLExternal gave."""
        file_id = call.path.removeprefix(UPLOAD_PREFIX)
        with self.lock:
            upload = self.uploads.get(file_id)
            if upload is None:
                return 404, {"ok": False, "error": "unknown_upload"}, {}
            upload.content = call.raw
        return 200, None, {}

    def inspect(self, path: str) -> Reply:
        """`GET /calls?prefix=P` and `GET /count?prefix=P`: what was recorded, for another
        process."""
        parts = urlsplit(path)
        prefix = (parse_qs(parts.query).get("prefix") or [""])[0]
        if parts.path == "/count":
            return 200, {"count": len(self.under(prefix))}, {}
        if parts.path == "/calls":
            found = [{"path": c.path, "body": c.body} for c in self.under(prefix)]
            return 200, {"calls": found}, {}
        return 404, {"ok": False, "error": "unknown_path"}, {}


@dataclass
class RemoteStub(StubURLs):
    """A stub serving in another process (`python -m tests.slack_stub`), read over HTTP."""

    def count(self, prefix: str) -> int:
        """How many calls it recorded whose path starts with `prefix`."""
        return int(self._get("/count", prefix)["count"])

    def calls(self, prefix: str) -> list[Call]:
        """The calls it recorded whose path starts with `prefix` (without their headers)."""
        found = self._get("/calls", prefix)["calls"]
        return [Call(c["path"], c["body"], {}) for c in found]

    def _get(self, path: str, prefix: str) -> dict[str, Any]:
        address = urlsplit(self.base)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
        try:
            connection.request("GET", f"{path}?{urlencode({'prefix': prefix})}")
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        if response.status != 200:
            raise RuntimeError(f"the stub answered {path} with {response.status}")
        found: dict[str, Any] = json.loads(data)
        return found


# --- reading what the app sent -------------------------------------------------------------------


def acked_message(body: str | bytes) -> dict[str, Any]:
    """The message a slash command's acknowledgement carries: what Slack shows the asker at once.

    Fails when the acknowledgement is empty, as it is only for an answer later than the ack
    budget, which then goes to the response URL.
    """
    message: dict[str, Any] = json.loads(body or b"{}")
    assert message.get("text") or message.get("blocks"), f"an empty acknowledgement: {body!r}"
    return message


def texts(payload: Any) -> list[str]:
    """Every string in a payload, for checking what a user would see."""
    if isinstance(payload, str):
        return [payload]
    if isinstance(payload, dict):
        return [t for value in payload.values() for t in texts(value)]
    if isinstance(payload, list):
        return [t for value in payload for t in texts(value)]
    return []


def blocks_of(call_body: dict[str, Any]) -> list[dict[str, Any]]:
    """The blocks of a Web API call or message, which a form body carries as a JSON string."""
    blocks = call_body.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else list(blocks)


def action_ids(blocks: list[dict[str, Any]]) -> list[str]:
    """The action ids of the buttons in `blocks`, in order."""
    return [
        element["action_id"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]


# --- serving -------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # answers arrive in bursts from the bot's listener threads


def _handler(stub: SlackStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive for clients that ask, as Slack's servers do
        disable_nagle_algorithm = True  # headers and body go out as two writes

        def log_message(self, *_args: Any) -> None:
            pass

        def do_POST(self) -> None:
            data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            content_type = self.headers.get("Content-Type") or ""
            body: dict[str, Any] = {}
            if self.path.startswith(UPLOAD_PREFIX):
                pass  # a file's bytes, kept raw
            elif "json" in content_type:
                body = json.loads(data.decode() or "{}")
            else:
                body = {k: v[0] for k, v in parse_qs(data.decode()).items()}
            headers = dict(self.headers.items())
            self._send(*stub.receive(Call(self.path, body, headers, raw=data)))

        def do_GET(self) -> None:
            self._send(*stub.inspect(self.path))

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


def _serving() -> tuple[SlackStub, _Server]:
    server = _Server(("127.0.0.1", 0), BaseHTTPRequestHandler)
    host, port = server.server_address[:2]
    stub = SlackStub(f"http://{host!s}:{port}")
    server.RequestHandlerClass = _handler(stub)
    return stub, server


def start_stub() -> Iterator[SlackStub]:
    """Runs a stub on a free loopback port until the generator is closed."""
    stub, server = _serving()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        for finish in stub.before_close:
            finish()
        server.shutdown()
        server.server_close()


def main() -> None:
    """Serves a stub on a free loopback port, printed first ("port N"), until killed."""
    stub, server = _serving()
    print(f"port {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
