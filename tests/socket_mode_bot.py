"""`ukraine-bot serve` in Socket Mode as a process of its own, with Slack played in this one.

    with socket_mode_bot(db) as bot:            # the stand-ins started, serve connected to them
        acked = bot.socket.ack(bot.socket.send(command_envelope("who met Witkoff", bot.web)))
        bot.socket.drop("rst"); bot.socket.wait_for_link(2)
        bot.cpu_seconds(), bot.health(), bot.lines()

For the Socket Mode tests (tests/bot/test_socket_mode.py) and bench/socket_mode.py: the Web API
stand-in (tests/slack_stub.py) and the Socket Mode one (tests/socket_mode_stub.py) run in this
process; the bot gets SLACK_APP_TOKEN, SLACK_BOT_TOKEN and SLACK_API_URL pointing at them, as
a deployment would point them at Slack.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.processes import free_port, stop
from tests.slack_requests import slash_form
from tests.slack_stub import SlackStub, StubURLs, start_stub
from tests.socket_mode_stub import APP_TOKEN, SocketModeStub, start_socket_mode

ROOT = Path(__file__).resolve().parents[1]
BOT_TOKEN = "xoxb-socket-0000000000-0000000000000-socketmodesocketmode"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class SocketModeBot:
    """The running `serve` process and the stand-ins it talks to."""

    process: subprocess.Popen[str]
    web: SlackStub
    socket: SocketModeStub
    port: int
    _lines: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def lines(self) -> list[str]:
        """What the bot wrote to stderr so far (its log)."""
        with self._lock:
            return list(self._lines)

    def cpu_seconds(self) -> float:
        """User and system CPU seconds the process has used (/proc/PID/stat)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def health(self) -> int:
        """The status of GET /healthz."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5) as r:
                return int(r.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    def ask(self, text: str = "who met Witkoff", timeout: float = 10.0) -> float:
        """Sends `/ukraine TEXT` on the newest connection; seconds until it was acknowledged
        with the answer."""
        sent = time.monotonic()
        acked = self.socket.ack(self.socket.send(command_envelope(text, self.web)), timeout)
        assert acked.payload and acked.payload.get("blocks"), acked
        return acked.at - sent

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._lock:
                self._lines.append(line.rstrip("\n"))


def command_envelope(text: str, stub: StubURLs, **fields: str) -> dict[str, Any]:
    """A `/ukraine TEXT` slash command as Socket Mode delivers it."""
    return {
        "envelope_id": str(uuid.uuid4()),
        "type": "slash_commands",
        "payload": slash_form(text, stub, **fields),
        "accepts_response_payload": True,
    }


def serve_environment(web: SlackStub, db: str, port: int, **settings: str) -> dict[str, str]:
    """The environment `serve` runs with: Socket Mode at the stand-ins, nothing from .env."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DIGEST_"))}
    env.update(
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_API_URL=web.api_url,
        DATABASE_URL=db,
        PORT=str(port),
        **settings,
    )
    return env


@contextmanager
def socket_mode_bot(
    db: str,
    *,
    connect: bool = True,
    identity: dict[str, str] | None = None,
    users: dict[str, dict[str, object]] | None = None,
    refuse_token: bool = False,
    command: tuple[str, ...] = ("ukraine-bot", "serve"),
    **settings: str,
) -> Iterator[SocketModeBot]:
    """`ukraine-bot serve` in Socket Mode on the fact base `db`, with `settings` in its
    environment (SOCKET_MODE_CLIENT, LOG_LEVEL ...); once it connected, unless `connect` is
    false. `identity` is who auth.test says the bot is, `users` who users.info says people
    are; `refuse_token` has Slack refuse the app-level token from the start; `command` is
    what runs, from the venv's bin folder (a benchmark's variant of serve). Stopped (SIGTERM,
    then SIGKILL) on exit."""
    for web in start_stub():
        web.identity = dict(identity or web.identity)
        web.users.update(users or {})
        for stub in start_socket_mode(web):
            stub.refuse_token = refuse_token
            port = free_port()
            process = subprocess.Popen(
                [str(Path(sys.executable).parent / command[0]), *command[1:]],
                cwd=ROOT,
                env=serve_environment(web, db, port, **settings),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            bot = SocketModeBot(process, web, stub, port)
            threading.Thread(target=bot._read, daemon=True).start()
            try:
                if connect:
                    stub.wait_for_link(1, timeout=30)
                yield bot
            finally:
                stop(process)
