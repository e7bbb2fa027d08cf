"""HTTP mode: signed `/ukraine` commands per second, the bot against a bare Bolt app, and the
peak RSS of `ukraine-bot serve`.

    .venv/bin/python bench/http_mode.py [--seconds 8] [--rounds 3] [--clients 8] [--db PATH]

Three servers run as processes of their own, each on a loopback port:

- the tests' stand-in for Slack (`python -m tests.slack_stub`, tests/slack_stub.py): `auth.test`
  and the other Web API methods answer ok; response URLs answer 200 at once and are recorded,
  and the benchmark reads how many came per round, and how many were the bot's apology, over
  HTTP (`GET /count`, `GET /calls`);
- the bot: `ukraine-bot serve` in HTTP mode, as deployed (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET,
  SLACK_API_URL at the stand-in, PORT, DATABASE_URL a copy of the seed fact base): waitress
  (`bot.web.make_server`, 8 threads) in front of `bot.web.SlackWebApp` and
  `bot.app.create_app`, logging one line per request at INFO like a deployment does;
- the bare app (`python -m bench.http_mode bare`): a Bolt `App` with one `/ukraine` command
  that does `ack("ok")`, through `slack_bolt.adapter.wsgi` behind the same `make_server`.

Separate processes because the load generator is Python threads in this process: a server in
the same process would share its interpreter lock, and whichever server ran here would pay for
the generator's work. As processes, both servers are measured the same way, and the bot's
process is the real `serve` command, whose VmHWM (/proc/PID/status) is its peak RSS.

Load: --clients threads, each with one keep-alive connection, send slash commands (the
questions of bench/answers.py in turn, in the tests' form: tests/slack_requests.py) back to
back for --seconds, each signed as Slack signs them (X-Slack-Request-Timestamp now,
X-Slack-Signature v0 HMAC-SHA256 of "v0:TS:BODY"). A
command counts when it gets HTTP 200, and is answered when that acknowledgement carries a
message (the bot's answer, the bare app's "ok") or, for an answer later than the bot's ack
budget (handlers/reply.py), when the stand-in's response URL has it: the benchmark then waits
for those, so "answered/s" is the answers over the time from the round's start to the last
answer, the rate a server can keep up. Rounds alternate bot and bare app (--rounds of each,
after an untimed warm-up of each); the figures are medians over rounds.
Server CPU seconds per command come from /proc/PID/stat, which a busy machine disturbs less
than rates.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.processes import free_port, stop  # noqa: E402
from tests.slack_requests import FORM, signature_headers, slash_form  # noqa: E402
from tests.slack_stub import RESPONSE_PREFIX, RemoteStub  # noqa: E402

SECRET = "bench-signing-secret-0123456789abcdef"
BOT_TOKEN = "xoxb-bench-0000000000-0000000000000-benchbenchbenchbench"
HTTP_RATIO_TARGET = 0.80
RSS_TARGET_MB = 300.0
APOLOGY_MARK = b"Sorry, I could not answer"
STARTUP_S = 60.0
ANSWER_WAIT_S = 120.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- the servers' side: the bare Bolt app (the stand-in for Slack is tests/slack_stub.py) -------


def run_bare_app(api_url: str) -> None:
    """Serves a bare Bolt app (one `/ukraine` that acks "ok") behind `bot.web.make_server`."""
    from slack_bolt import Ack, App
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from slack_sdk import WebClient

    from bot.web import make_server

    app = App(
        client=WebClient(token=BOT_TOKEN, base_url=api_url),
        signing_secret=SECRET,
        token_verification_enabled=False,
    )

    @app.command("/ukraine")
    def ukraine(ack: Ack) -> None:
        ack("ok")

    server = make_server(SlackRequestHandler(app, path="/slack/events"), "127.0.0.1", 0)
    print(f"port {server.effective_port}", flush=True)
    server.run()


# --- processes -----------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    process: subprocess.Popen[str]
    port: int
    log: Path

    def cpu_seconds(self) -> float:
        """User and system CPU time the process has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def memory_kb(self, field_name: str = "VmHWM") -> int:
        """A memory figure of /proc/PID/status in kB: VmHWM (peak RSS) or VmRSS."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(f"{field_name}:"):
                return int(line.split()[1])
        raise RuntimeError(f"no {field_name} in /proc/{self.process.pid}/status")

    def log_tail(self, lines: int = 15) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def bot_command() -> list[str]:
    """The `ukraine-bot` of the environment running this script."""
    script = Path(sys.executable).parent / "ukraine-bot"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from bot.cli import main; main()"]


def _clean_env() -> dict[str, str]:
    """This environment without any of the bot's settings, so only the ones given count."""
    from bot.settings import Settings

    names = set(Settings.model_fields)
    return {k: v for k, v in os.environ.items() if k not in names and not k.startswith("SLACK_")}


@contextmanager
def _process(
    name: str, command: list[str], folder: Path, env: dict[str, str], *, prints_port: bool
) -> Iterator[Server]:
    """Runs `command` until the block ends; its port is the one it prints or env's PORT."""
    log = folder / f"{name}.log"
    with log.open("w") as errors:
        process = subprocess.Popen(
            command,
            cwd=folder if name == "bot" else ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    server = Server(name, process, int(env.get("PORT", "0")), log)
    try:
        if prints_port:
            assert process.stdout is not None
            line = _read_line(process.stdout, STARTUP_S)
            if not line.startswith("port "):
                raise RuntimeError(f"{name} did not start:\n{line}{server.log_tail()}")
            server.port = int(line.split()[1])
        _wait_until_up(server)
        yield server
    finally:
        stop(process)


def _read_line(stream: IO[str], timeout: float) -> str:
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return found[0] if found else ""


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited at start:\n{server.log_tail()}")
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                pass
            if server.name != "bot" or _get(server.port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{server.name} did not answer within {STARTUP_S:g} s")


def _get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- the load generator --------------------------------------------------------------------------


def signed_headers(body: str, secret: str = SECRET) -> dict[str, str]:
    """A form's Content-Type and Slack's request signature (v0) over `body`, timestamped now."""
    return {"Content-Type": FORM, **signature_headers(body, secret=secret)}


@dataclass
class Load:
    """What `--clients` threads got from a server in one timed window."""

    seconds: float
    acked: int
    answered: int = 0  # acknowledgements that carried the answer
    apologies: int = 0
    failures: Counter[str] = field(default_factory=Counter)


def send_commands(port: int, bodies: list[str], seconds: float, clients: int) -> Load:
    """Signed slash commands back to back from `clients` keep-alive connections for `seconds`."""
    results: list[tuple[int, int, int, Counter[str]]] = []
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client(offset: int) -> None:
        acked, answered, apologies, failures = 0, 0, 0, Counter[str]()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        number = offset
        start_line.wait()
        try:
            while time.perf_counter() < deadline[0]:
                body = bodies[number % len(bodies)]
                number += clients
                try:
                    connection.request("POST", "/slack/events", body, signed_headers(body))
                    response = connection.getresponse()
                    content = response.read()
                except (OSError, http.client.HTTPException) as error:
                    failures[type(error).__name__] += 1
                    connection.close()
                    continue
                if response.status == 200:
                    acked += 1
                    answered += bool(content)
                    apologies += APOLOGY_MARK in content
                else:
                    failures[f"HTTP {response.status}"] += 1
        finally:
            connection.close()
            with lock:
                results.append((acked, answered, apologies, failures))

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    deadline[0] = started + seconds
    start_line.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    failures: Counter[str] = Counter()
    for *_, counted in results:
        failures.update(counted)
    return Load(
        elapsed,
        acked=sum(r[0] for r in results),
        answered=sum(r[1] for r in results),
        apologies=sum(r[2] for r in results),
        failures=failures,
    )


# --- rounds --------------------------------------------------------------------------------------


@dataclass
class Round:
    """One timed window against one server."""

    server: str
    load: Load
    server_cpu_s: float
    client_cpu_s: float = 0.0  # this process: the load generator
    stand_in_cpu_s: float = 0.0
    answers: int = 0
    apologies: int = 0
    answered_s: float = 0.0  # from the window's start to the last answer

    @property
    def acks_per_s(self) -> float:
        return self.load.acked / self.load.seconds

    @property
    def answered_per_s(self) -> float:
        return self.answers / self.answered_s if self.answered_s else 0.0

    @property
    def cpu_ms_per_command(self) -> float:
        return 1000 * self.server_cpu_s / max(1, self.load.acked)

    @property
    def client_cpu_ms_per_command(self) -> float:
        return 1000 * self.client_cpu_s / max(1, self.load.acked)

    @property
    def stand_in_cpu_ms_per_command(self) -> float:
        return 1000 * self.stand_in_cpu_s / max(1, self.load.acked)


@dataclass
class HttpBench:
    """Every round, and the memory figures of both servers after the last."""

    rounds: list[Round]
    clients: int
    seconds: float
    bot_peak_rss_kb: int
    bot_rss_kb: int
    bare_peak_rss_kb: int

    def of(self, server: str) -> list[Round]:
        return [r for r in self.rounds if r.server == server]

    @property
    def bot_acks_per_s(self) -> float:
        return statistics.median(r.acks_per_s for r in self.of("bot"))

    @property
    def bot_answered_per_s(self) -> float:
        return statistics.median(r.answered_per_s for r in self.of("bot"))

    @property
    def bare_acks_per_s(self) -> float:
        return statistics.median(r.acks_per_s for r in self.of("bare"))

    @property
    def bare_answered_per_s(self) -> float:
        return statistics.median(r.answered_per_s for r in self.of("bare"))

    @property
    def ack_ratio(self) -> float:
        return self.bot_acks_per_s / self.bare_acks_per_s

    @property
    def answered_ratio(self) -> float:
        """The bot's sustained rate (answered/s) over the bare app's: the HTTP figure."""
        return self.bot_answered_per_s / self.bare_answered_per_s

    @property
    def bot_peak_rss_mb(self) -> float:
        return self.bot_peak_rss_kb / 1024


class _StandIn:
    """The stand-in for Slack's process, and what it recorded (tests/slack_stub.py)."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.slack = RemoteStub(f"http://127.0.0.1:{server.port}")

    def response_url(self, round_id: str, number: int) -> str:
        return self.slack.response_url(f"{round_id}/{number}")

    def wait_for_answers(
        self, round_id: str, expected: int, started: float
    ) -> tuple[int, int, float]:
        """Polls until `expected` answers came to the round's response URLs; returns how many
        came, how many of them were the apology, and the time taken."""
        prefix = f"{RESPONSE_PREFIX}{round_id}/"
        deadline = time.monotonic() + ANSWER_WAIT_S
        while True:
            answers = self.slack.count(prefix)
            if answers >= expected or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        taken = time.perf_counter() - started
        apology = APOLOGY_MARK.decode()
        apologies = sum(apology in json.dumps(call.body) for call in self.slack.calls(prefix))
        return answers, apologies, taken


def run_round(
    server: Server,
    stand_in: _StandIn,
    round_id: str,
    seconds: float,
    clients: int,
    questions: list[str],
) -> Round:
    """One window of commands against `server`; for the bot, waits for all its answers."""
    bodies = [
        urlencode(slash_form(q, stand_in.slack, response_url=stand_in.response_url(round_id, n)))
        for n, q in enumerate(questions)
    ]
    cpu_before = server.cpu_seconds()
    client_before = _own_cpu_seconds()
    stand_in_before = stand_in.server.cpu_seconds()
    started = time.perf_counter()
    load = send_commands(server.port, bodies, seconds, clients)
    result = Round(server.name, load, 0.0)
    result.answers, result.apologies = load.answered, load.apologies
    result.answered_s = load.seconds
    late = load.acked - load.answered  # acknowledged empty: answered through the response URL
    if late:
        answers, apologies, result.answered_s = stand_in.wait_for_answers(round_id, late, started)
        result.answers += answers
        result.apologies += apologies
    result.server_cpu_s = server.cpu_seconds() - cpu_before
    result.client_cpu_s = _own_cpu_seconds() - client_before
    result.stand_in_cpu_s = stand_in.server.cpu_seconds() - stand_in_before
    return result


def measure_http(
    db: str,
    seconds: float = 8.0,
    rounds: int = 3,
    clients: int = 8,
    warm_up_s: float = 2.0,
) -> HttpBench:
    """Alternating rounds against `ukraine-bot serve` (on a copy of `db`) and a bare Bolt app."""
    from bench.answers import QUESTIONS
    from knowledge.store import sqlite_file

    questions = [q for q in QUESTIONS if q]  # a bare `/ukraine` is help, not a question
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-http-")))
        env = _clean_env()
        slack = stack.enter_context(
            _process(
                "stand-in",
                [sys.executable, "-m", "tests.slack_stub"],
                folder,
                env,
                prints_port=True,
            )
        )
        api_url = f"http://127.0.0.1:{slack.port}/api/"
        # The bot writes to its store at start (old claims dropped): a copy keeps `db` as it was.
        seed_file = sqlite_file(db)
        if seed_file is not None:
            shutil.copyfile(seed_file, folder / "facts.sqlite3")
        bot_env = env | {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": api_url,
            "PORT": str(free_port()),
            "DATABASE_URL": str(folder / "facts.sqlite3") if seed_file else db,
        }
        bot = stack.enter_context(
            _process(
                "bot",
                [*bot_command(), "serve", "--host", "127.0.0.1"],
                folder,
                bot_env,
                prints_port=False,
            )
        )
        bare = stack.enter_context(
            _process(
                "bare",
                [sys.executable, "-m", "bench.http_mode", "bare", "--api-url", api_url],
                folder,
                env,
                prints_port=True,
            )
        )
        stand_in = _StandIn(slack)
        for server in (bot, bare):
            warm = run_round(server, stand_in, f"warm-{server.name}", warm_up_s, clients, questions)
            _check(warm, server)
        timed: list[Round] = []
        for number in range(rounds):
            order = (bot, bare) if number % 2 == 0 else (bare, bot)
            for server in order:
                round_id = f"{server.name}-{number}"
                result = run_round(server, stand_in, round_id, seconds, clients, questions)
                _check(result, server)
                timed.append(result)
        return HttpBench(
            timed,
            clients,
            seconds,
            bot_peak_rss_kb=bot.memory_kb("VmHWM"),
            bot_rss_kb=bot.memory_kb("VmRSS"),
            bare_peak_rss_kb=bare.memory_kb("VmHWM"),
        )


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _check(result: Round, server: Server) -> None:
    """A round that got errors, or lost answers, is no measurement."""
    problems = []
    if result.load.failures:
        problems.append(f"failed requests: {dict(result.load.failures)}")
    if result.load.acked == 0:
        problems.append("no request acknowledged")
    if result.answers < result.load.acked:
        problems.append(f"{result.load.acked} acknowledged, {result.answers} answered")
    if result.apologies:
        problems.append(f"{result.apologies} answers were the apology")
    if problems:
        raise RuntimeError(f"{server.name}: {'; '.join(problems)}\n{server.log_tail()}")


# --- printing ------------------------------------------------------------------------------------


def print_http(bench: HttpBench) -> None:
    print(
        f"HTTP mode: signed /ukraine commands from {bench.clients} keep-alive clients, "
        f"{bench.seconds:g} s rounds, bot and bare Bolt app alternating"
    )
    print(
        f"{'round':<10}{'acks/s':>9}{'answered/s':>12}{'commands':>10}"
        f"   CPU ms/cmd: {'server':>7}{'client':>8}{'Slack':>7}"
    )
    for number, result in enumerate(bench.rounds):
        answered = f"{result.answered_per_s:>12.0f}"
        print(
            f"{result.server + ' ' + str(number // 2):<10}{result.acks_per_s:>9.0f}{answered}"
            f"{result.load.acked:>10}{'':15}{result.cpu_ms_per_command:>7.2f}"
            f"{result.client_cpu_ms_per_command:>8.2f}{result.stand_in_cpu_ms_per_command:>7.2f}"
        )
    print(
        f"median: bot {bench.bot_acks_per_s:.0f} acks/s, {bench.bot_answered_per_s:.0f} "
        f"answered/s; bare {bench.bare_answered_per_s:.0f} answered/s; ratio {bench.ack_ratio:.2f} "
        f"(acks), {bench.answered_ratio:.2f} (answered)"
    )
    print(
        f"memory: ukraine-bot serve peak RSS {bench.bot_peak_rss_kb / 1024:.0f} MB "
        f"(now {bench.bot_rss_kb / 1024:.0f} MB); "
        f"bare app peak {bench.bare_peak_rss_kb / 1024:.0f} MB"
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "bare":
        parser = argparse.ArgumentParser(prog="bench.http_mode bare")
        parser.add_argument("--api-url", required=True)
        run_bare_app(parser.parse_args(sys.argv[2:]).api_url)
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="length of a round (8)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each server (3)")
    parser.add_argument("--clients", type=int, default=8, help="client threads (8)")
    parser.add_argument("--db", default=None, help="seed fact base (data/facts.sqlite3)")
    args = parser.parse_args()
    from bench.answers import seed_db

    print_http(measure_http(seed_db(args.db), args.seconds, args.rounds, args.clients))


if __name__ == "__main__":
    main()
