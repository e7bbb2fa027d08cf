"""A stand-in for Slack's Socket Mode side: a WebSocket server on 127.0.0.1 speaking its protocol.

    for web in start_stub():                          # the Web API stand-in (tests/slack_stub.py)
        for socket_mode in start_socket_mode(web):    # apps.connections.open now answers here
            link = socket_mode.wait_for_link()        # the bot connected and got its hello
            sent = socket_mode.send(envelope)         # an envelope, on the newest connection
            socket_mode.ack(sent)                     # the bot's acknowledgement (payload, time)
            socket_mode.disconnect("refresh_requested")   # or "warning", "link_disabled"
            socket_mode.close(code=1001)              # a close frame
            socket_mode.drop("rst")                   # or "fin": no close frame at all

As Slack does (docs.slack.dev, "Using Socket Mode"): `apps.connections.open`, called with the
app-level token, returns a `wss://…/link/?ticket=…` URL (here `ws://127.0.0.1:PORT/link/…`)
whose ticket is good for one connection; the server's first message is `hello`; requests come
as envelopes (`envelope_id`, `type` events_api / slash_commands / interactive, `payload`,
`accepts_response_payload`, `retry_attempt`, `retry_reason`), each acknowledged by the app
sending back `{"envelope_id": …}` with an optional `payload`; a `disconnect` message (reason
`refresh_requested`, `warning`, `link_disabled`) asks the app to reconnect before Slack closes
the connection. `drop` ends one without a close frame: "rst" resets it (SO_LINGER 0), "fin"
shuts the socket (a FIN and nothing else).

`refuse_token = True` makes `apps.connections.open` answer `invalid_auth`, as Slack does for a
revoked or mistyped app-level token. The web stand-in is what the bot's `SLACK_API_URL` points at.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from websockets.datastructures import Headers
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from tests.slack_stub import Call, SlackStub

APP_ID = "A07Q8KZ2M4N"
APP_TOKEN = "xapp-1-A07Q8KZ2M4N-1111111111111-stubappleveltoken0123456789"
TOKEN_ERROR = "invalid_auth"


@dataclass
class Link:
    """One WebSocket connection from the bot: when it opened and got `hello`, when it ended."""

    connection: ServerConnection
    ticket: str
    opened: float  # time.monotonic()
    closed: float | None = None

    @property
    def is_open(self) -> bool:
        return self.closed is None


@dataclass(frozen=True)
class Ack:
    """The bot's acknowledgement of an envelope: when it came, what it carried."""

    at: float  # time.monotonic()
    payload: dict[str, Any] | None
    link: int  # which connection it came on (an index into `links`)


@dataclass
class SocketModeStub:
    """Slack's Socket Mode server. `links` are the bot's connections, oldest first; `acks` its
    acknowledgements by envelope id."""

    web: SlackStub
    app_token: str = APP_TOKEN
    refuse_token: bool = False
    links: list[Link] = field(default_factory=list)
    acks: dict[str, Ack] = field(default_factory=dict)
    opened: list[str] = field(default_factory=list)  # apps.connections.open answers, in order
    port: int = 0
    _tickets: set[str] = field(default_factory=set)
    _lock: threading.Condition = field(default_factory=threading.Condition)

    # --- Slack's side of the protocol --------------------------------------------------------

    def open_connection(self, call: Call) -> dict[str, Any]:
        """apps.connections.open: a one-time URL for a new connection, or Slack's refusal."""
        if self.refuse_token or call.token != self.app_token:
            with self._lock:
                self.opened.append(TOKEN_ERROR)
            return {"ok": False, "error": TOKEN_ERROR}
        ticket = str(uuid.uuid4())
        with self._lock:
            self._tickets.add(ticket)
            self.opened.append("ok")
        return {
            "ok": True,
            "url": f"ws://127.0.0.1:{self.port}/link/?ticket={ticket}&app_id={APP_ID}",
        }

    def check_ticket(self, connection: ServerConnection, request: Request) -> Response | None:
        """Refuses the upgrade of a URL without a valid, unused ticket (401, as Slack does)."""
        ticket = (parse_qs(urlsplit(request.path).query).get("ticket") or [""])[0]
        with self._lock:
            if ticket in self._tickets:
                return None
        return Response(401, "Unauthorized", Headers(), b"invalid ticket")

    def serve_link(self, connection: ServerConnection) -> None:
        """One connection: hello, then every message from the bot read as an acknowledgement."""
        assert connection.request is not None  # the handshake came first
        ticket = (parse_qs(urlsplit(connection.request.path).query).get("ticket") or [""])[0]
        with self._lock:
            self._tickets.discard(ticket)
            index = len(self.links)
            self.links.append(Link(connection, ticket, time.monotonic()))
        connection.send(json.dumps(hello()))
        with self._lock:
            self._lock.notify_all()
        try:
            for message in connection:
                self._acknowledged(message, index)
        except Exception:  # a dropped socket ends the loop however the library reports it
            pass
        finally:
            with self._lock:
                self.links[index].closed = time.monotonic()
                self._lock.notify_all()

    def _acknowledged(self, message: str | bytes, index: int) -> None:
        try:
            data = json.loads(message)
        except ValueError:
            return
        if isinstance(data, dict) and data.get("envelope_id"):
            with self._lock:
                self.acks[str(data["envelope_id"])] = Ack(
                    time.monotonic(), data.get("payload"), index
                )
                self._lock.notify_all()

    # --- what a test does with it ------------------------------------------------------------

    def wait_for_link(self, count: int = 1, timeout: float = 10.0) -> Link:
        """The `count`-th connection (1: the first), once it is open and had its hello."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.links) >= count, timeout):
                raise AssertionError(f"no connection {count} within {timeout} s: {self.opened}")
            return self.links[count - 1]

    def current(self) -> Link | None:
        """The newest open connection."""
        with self._lock:
            return next((link for link in reversed(self.links) if link.is_open), None)

    def send(self, envelope: dict[str, Any], link: Link | None = None) -> str:
        """Sends `envelope` on `link` (the newest open connection); its envelope id."""
        target = link or self.current()
        if target is None:
            raise AssertionError("no open connection to send on")
        target.connection.send(json.dumps(envelope))
        return str(envelope["envelope_id"])

    def ack(self, envelope_id: str, timeout: float = 10.0) -> Ack:
        """The acknowledgement of `envelope_id`, once it came."""
        with self._lock:
            if not self._lock.wait_for(lambda: envelope_id in self.acks, timeout):
                raise AssertionError(f"envelope {envelope_id} not acknowledged within {timeout} s")
            return self.acks[envelope_id]

    def disconnect(self, reason: str = "refresh_requested", link: Link | None = None) -> None:
        """Slack's `disconnect` message: the app should open a new connection."""
        target = link or self.current()
        assert target is not None, "no open connection"
        message = {"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-stub"}}
        target.connection.send(json.dumps(message))

    def close(self, code: int = 1001, link: Link | None = None) -> None:
        """Closes a connection with a close frame (1001: going away, as a server restarting)."""
        target = link or self.current()
        assert target is not None, "no open connection"
        # In the background: websockets waits up to 10 s for the client to close the TCP
        # connection after the closing handshake.
        closing = threading.Thread(
            target=target.connection.close, kwargs={"code": code, "reason": "stub closing"}
        )
        closing.start()

    def drop(self, how: Literal["rst", "fin"], link: Link | None = None) -> None:
        """Ends a connection with no close frame: a reset, or a FIN alone."""
        target = link or self.current()
        assert target is not None, "no open connection"
        raw: socket.socket = target.connection.socket
        if how == "rst":
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            raw.close()
        else:
            raw.shutdown(socket.SHUT_WR)


def hello() -> dict[str, Any]:
    """Slack's first message on a new connection."""
    return {
        "type": "hello",
        "num_connections": 1,
        "debug_info": {
            "host": "applink-stub",
            "build_number": 1,
            "approximate_connection_time": 18060,
        },
        "connection_info": {"app_id": APP_ID},
    }


def start_socket_mode(web: SlackStub) -> Iterator[SocketModeStub]:
    """Serves Socket Mode on a free loopback port, `web`'s apps.connections.open pointing at it,
    until the generator is closed."""
    stub = SocketModeStub(web)
    server: Server = serve(
        stub.serve_link, "127.0.0.1", 0, process_request=stub.check_ticket, ping_interval=None
    )
    stub.port = int(server.socket.getsockname()[1])
    web.methods["apps.connections.open"] = stub.open_connection
    thread = threading.Thread(target=server.serve_forever, name="socket-mode-stub", daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        web.methods.pop("apps.connections.open", None)
        server.shutdown()
        thread.join(timeout=5)
