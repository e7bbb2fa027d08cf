"""Running the console: waitress serving it in a background thread, and the digests it posts.

run_console(settings, store)                    # http://127.0.0.1:3000 until Ctrl-C
with start_console(settings, store, port=0) as running:
    running.url, running.console                # tests: any free port, stopped on exit
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any

import waitress  # type: ignore[import-untyped]
from waitress import wasyncore

from bot.console.http import ConsoleWebApp
from bot.console.slack import Console
from bot.scheduler import DigestScheduler, start_digests
from bot.settings import Settings
from knowledge.store import Store


class RunningConsole:
    """A console serving in a background thread; `stop()`, or leaving `with`, ends it."""

    def __init__(
        self,
        console: Console,
        server: Any,
        thread: threading.Thread,
        url: str,
        stopping: threading.Event,
    ) -> None:
        self.console = console
        self.server = server
        self.thread = thread
        self.url = url
        self._stopping = stopping
        self.digests: DigestScheduler | None = None

    def stop(self, timeout: float = 10.0) -> None:
        """Stops serving: closes every connection and waits for the worker threads."""
        if self.digests is not None:
            self.digests.shutdown()
        self._stopping.set()
        self.thread.join(timeout)

    def __enter__(self) -> RunningConsole:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_console(
    settings: Settings, store: Store, host: str = "127.0.0.1", port: int = 3000
) -> RunningConsole:
    """The console serving on `host`:`port` (0: any free port) in a background thread."""
    console = Console()
    socket_map: dict[int, Any] = {}
    try:
        server = waitress.create_server(
            ConsoleWebApp(console),
            map=socket_map,
            host=host,
            port=port,
            threads=8,
            ident="ukraine-bot console",
        )
    except OSError as error:
        raise OSError(error.errno, f"cannot listen on {host}:{port}: {error.strerror}") from error
    effective_port = getattr(server, "effective_port", None) or server.effective_listen[0][1]
    url = f"http://{_url_host(host)}:{effective_port}"
    stopping = threading.Event()
    thread = threading.Thread(
        target=_serve, args=(server, socket_map, stopping), name="console-server", daemon=True
    )
    thread.start()
    running = RunningConsole(console, server, thread, url, stopping)
    try:
        # After the server is up: the app calls auth.test on this server as it starts.
        app = console.connect(settings, store, url)
        # Digests subscribed in the console are posted to its channels, on their schedule.
        running.digests = start_digests(settings, store, app)
    except BaseException:
        running.stop()
        raise
    return running


def run_console(
    settings: Settings, store: Store, host: str = "127.0.0.1", port: int = 3000
) -> None:
    """Serves the console until Ctrl-C, after printing where to open it."""
    running = start_console(settings, store, host, port)
    print(f"Local console (no Slack credentials set): {running.url}  (Ctrl-C to quit)", flush=True)
    try:
        while running.thread.is_alive():
            running.thread.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()


def _serve(server: Any, socket_map: dict[int, Any], stopping: threading.Event) -> None:
    """waitress's loop, a tenth of a second at a time so that `stopping` is seen; then closes
    every socket in this thread (the loop's own) and waits for the worker threads."""
    try:
        while socket_map and not stopping.is_set():
            wasyncore.loop(
                timeout=0.1, map=socket_map, use_poll=server.adj.asyncore_use_poll, count=1
            )
    finally:
        wasyncore.close_all(socket_map)
        server.task_dispatcher.shutdown(timeout=5)


def _url_host(host: str) -> str:
    """The host to put in URLs for a listening address (any-address means this machine)."""
    if host in {"", "0.0.0.0"}:
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host
