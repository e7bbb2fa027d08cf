"""The Bolt app under test, as `serve` builds it, its Web API and response URLs at a stub."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt import App

from bot.app import create_app
from bot.settings import Settings
from bot.web import SlackWebApp, make_server, serve_in_thread, stop_server
from knowledge.store import Store, open_store
from tests.factories import article, drones_facts, envoy_facts
from tests.slack_requests import SECRET
from tests.slack_stub import SlackStub, StubURLs


def make_app(store: Store, stub: StubURLs, *, warm: bool = False, **settings: Any) -> App:
    """`create_app` with a bot token, `SECRET` and `stub`'s Web API; `settings` as the
    environment would give them (no .env); `warm` as `create_app`'s. A stub in this process
    waits for the app's listeners before it stops (a listener still running when its test ends
    would otherwise call a closed port, and log that, into the next test)."""
    configured = Settings(_env_file=None, **settings)  # type: ignore[call-arg]
    app = create_app(
        configured,
        store,
        token="xoxb-test-token",
        signing_secret=SECRET,
        api_url=stub.api_url,
        warm=warm,
    )
    if isinstance(stub, SlackStub):
        stub.before_close.append(lambda: app.listener_runner.listener_executor.shutdown(wait=True))
    return app


@contextmanager
def serving(store: Store, stub: StubURLs, threads: int = 4) -> Iterator[str]:
    """HTTP mode as deployed (waitress, bot/web.py, the app of `make_app`) on a free loopback
    port: its base URL, until the context ends."""
    server = make_server(SlackWebApp(make_app(store, stub), store), "127.0.0.1", 0, threads)
    serve_in_thread(server)
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stop_server(server)


def build_facts(db: str) -> None:
    """The two hand-written articles and their facts, consolidated for real, into `db`."""
    with open_store(db) as store:
        store.add_articles([(article("envoy"), envoy_facts()), (article("drones"), drones_facts())])
