"""Socket Mode: how soon `ukraine-bot serve` answers after Slack refreshes or drops its
connection, and what reconnecting costs, for each Socket Mode client the bot can run on.

    .venv/bin/python bench/socket_mode.py [--clients websocket-client,builtin] [--rounds 3]
                                          [--timeout 90] [--quick]

For each client (`SOCKET_MODE_CLIENT`), `ukraine-bot serve` runs in Socket Mode as deployed, its
Web API and Socket Mode server the tests' stand-ins in this process (tests/slack_stub.py,
tests/socket_mode_stub.py, through tests/socket_mode_bot.py), on a copy of the tests' two-article
fact base. After a warm-up command, --rounds of each:

- refresh: the server sends `disconnect` (reason `refresh_requested`), as Slack does every few
  hours; once the bot's new connection has its `hello`, a `/ukraine` command is sent on it:
  the figure is the time from the `disconnect` to the command's acknowledgement (Slack's
  limit: 3 s; the target 1 s), rounds back to back;
- rst, fin, close: the server ends the connection with a reset (SO_LINGER 0), a FIN without a
  close frame, or a close frame (1001); the figure is the time from the drop until a command
  sent on the bot's next connection is acknowledged (the target 5 s), and the CPU seconds the
  bot's process used over that time (/proc/PID/stat): a client that spins while reconnecting
  uses about one per second.

A round whose reconnection takes over --timeout seconds is counted as failed. --quick: one
round, websocket-client only (tests/bench/test_socket_mode.py).

Clients: `websocket-client` (the default: slack_sdk's websocket-client adapter with a reader per
connection, bot/socket_mode.py), `builtin` (slack_sdk's builtin client), and
`websocket-client-as-shipped`, the adapter as slack_sdk ships it (one reader shared by all
connections), which `python -m bench.socket_mode shipped` runs as `serve` for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.settings import SOCKET_MODE_CLIENTS  # noqa: E402
from tests.slack_app import build_facts  # noqa: E402
from tests.socket_mode_bot import SocketModeBot, socket_mode_bot  # noqa: E402

ACK_AFTER_REFRESH_TARGET_S = 1.0
RECONNECT_TARGET_S = 5.0
DROPS = ("rst", "fin", "close")


@dataclass
class Scenario:
    """The rounds of one scenario with one client: seconds until answered, CPU seconds used."""

    name: str
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    failed: int = 0

    @property
    def target(self) -> float:
        return ACK_AFTER_REFRESH_TARGET_S if self.name == "refresh" else RECONNECT_TARGET_S

    @property
    def ok(self) -> bool:
        return not self.failed and bool(self.seconds) and max(self.seconds) <= self.target


def measure_refresh(bot: SocketModeBot, scenario: Scenario, timeout: float) -> None:
    links, started = len(bot.socket.links), time.monotonic()
    bot.socket.disconnect("refresh_requested")
    bot.socket.wait_for_link(links + 1, timeout=timeout)
    bot.ask(timeout=timeout)
    scenario.seconds.append(time.monotonic() - started)


def measure_drop(bot: SocketModeBot, scenario: Scenario, timeout: float) -> None:
    links, cpu = len(bot.socket.links), bot.cpu_seconds()
    started = time.monotonic()
    if scenario.name == "close":
        bot.socket.close(code=1001)
    else:
        bot.socket.drop("rst" if scenario.name == "rst" else "fin")
    bot.socket.wait_for_link(links + 1, timeout=timeout)
    bot.ask(timeout=timeout)
    scenario.seconds.append(time.monotonic() - started)
    scenario.cpu.append(bot.cpu_seconds() - cpu)


def measure_client(client: str, db: str, rounds: int, timeout: float) -> list[Scenario]:
    """Every scenario, `rounds` times each, with one `serve` process on `client`."""
    scenarios = [Scenario("refresh"), *(Scenario(name) for name in DROPS)]
    variant: dict[str, Any] = {"SOCKET_MODE_CLIENT": client}
    if client == SHIPPED:
        variant = {"command": ("python", "-m", "bench.socket_mode", "shipped")}
    with socket_mode_bot(db, LOG_LEVEL="WARNING", **variant) as bot:
        bot.ask()  # warm-up: the first answer loads the fact base
        for scenario in scenarios:
            run: Callable[[SocketModeBot, Scenario, float], None] = (
                measure_refresh if scenario.name == "refresh" else measure_drop
            )
            for _ in range(rounds):
                try:
                    run(bot, scenario, timeout)
                except AssertionError:
                    scenario.failed += 1
                    if bot.socket.current() is None:  # wait for it to come back, if it does
                        try:
                            bot.socket.wait_for_link(len(bot.socket.links) + 1, timeout=timeout)
                        except AssertionError:
                            return scenarios
                if scenario.name != "refresh":
                    time.sleep(0.5)
    return scenarios


def print_results(results: dict[str, list[Scenario]]) -> None:
    print(
        f"{'client':<27} {'scenario':<9} {'median':>8} {'max':>8} {'CPU s (max)':>12} "
        f"{'target':>7}  result"
    )
    for client, scenarios in results.items():
        for s in scenarios:
            median = f"{statistics.median(s.seconds):.3f}s" if s.seconds else "-"
            worst = f"{max(s.seconds):.3f}s" if s.seconds else "-"
            cpu = f"{max(s.cpu):.2f}" if s.cpu else "-"
            result = "ok" if s.ok else "MISSED"
            if s.failed:
                result += f" ({s.failed} of {s.failed + len(s.seconds)} not answered in time)"
            print(
                f"{client:<27} {s.name:<9} {median:>8} {worst:>8} {cpu:>12} "
                f"{s.target:>6.0f}s  {result}"
            )


SHIPPED = "websocket-client-as-shipped"


def serve_as_shipped() -> None:
    """`ukraine-bot serve` on slack_sdk's websocket-client adapter as slack_sdk ships it."""
    from slack_sdk.socket_mode import websocket_client

    from bot import socket_mode
    from bot.cli import main as cli

    class Shipped(socket_mode.TokenChecked, websocket_client.SocketModeClient):
        """Only the token refusals told apart, as for every client."""

    socket_mode.WebsocketClientSocketMode = Shipped  # type: ignore[misc, assignment]
    cli(["serve"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default=",".join([*SOCKET_MODE_CLIENTS, SHIPPED]))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=90.0)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    clients = ["websocket-client"] if args.quick else args.clients.split(",")
    rounds = 1 if args.quick else args.rounds
    with tempfile.TemporaryDirectory(prefix="socket-mode-bench-") as folder:
        db = str(Path(folder) / "facts.sqlite3")
        build_facts(db)
        results = {client: measure_client(client, db, rounds, args.timeout) for client in clients}
    print(f"Socket Mode: {rounds} round(s) of each scenario, per client")
    print_results(results)
    chosen = results.get(SOCKET_MODE_CLIENTS[0], [])
    return 0 if chosen and all(s.ok for s in chosen) else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["shipped"]:
        serve_as_shipped()
    else:
        sys.exit(main())
