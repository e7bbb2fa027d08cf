"""The multi-workspace install: Bolt's real OAuth flow over HTTP, Slack's side played by the stub.

A browser opens /slack/install (state cookie, link to Slack's consent page), Slack redirects it
to /slack/oauth_redirect with a code, the app trades the code for the workspace's bot token
(oauth.v2.access on the stub) and saves the installation in the fact store's database; from
then on that workspace's requests are answered with that token. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from click.testing import CliRunner
from slack_bolt import App
from sqlalchemy import text

from bot.app import NotInstalledError, client_for, create_app
from bot.cli import main
from bot.install import INSTALL_PATH, NOT_INSTALLED_MESSAGE, REDIRECT_PATH
from bot.serve import ServeError, transport
from bot.settings import DEFAULT_SCOPES, Settings
from bot.web import SlackWebApp, make_server, serve_in_thread, stop_server
from knowledge.store import Store, open_store
from tests.bot.browser import STATE_COOKIE, Page, fetch, finish_install, install_state
from tests.environment import only_settings
from tests.slack_app import build_facts
from tests.slack_requests import SECRET, SlackEndpoint, slash, team_event
from tests.slack_stub import CLIENT_ID, CLIENT_SECRET, SlackStub


def oauth_settings(stub: SlackStub, **overrides: str) -> Settings:
    values = {
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": stub.api_url,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


@dataclass
class Bot(SlackEndpoint):
    """One `ukraine-bot serve` in HTTP mode with the OAuth settings, in this process."""

    app: App
    store: Store
    stub: SlackStub

    def start_install(self) -> tuple[str, str]:
        """GET /slack/install: the state in the cookie and the consent link's query."""
        page = fetch(self.url + INSTALL_PATH)
        state = install_state(page)
        link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page.body)
        assert link, page.body
        return state, html.unescape(link.group(1))

    def install(self, team_id: str) -> str:
        """The whole install of `team_id`; returns the bot token Slack issued."""
        state, _ = self.start_install()
        return finish_install(self.url, self.stub, team_id, state)

    def redirect(self, *, cookie: str | None, **query: str) -> Page:
        headers = {"Cookie": f"{STATE_COOKIE}={cookie}"} if cookie is not None else {}
        return fetch(f"{self.url}{REDIRECT_PATH}?{urlencode(query)}", headers)

    def saved(self) -> list[tuple[str, str]]:
        """(team_id, bot_token) of every saved installation, read straight from the database."""
        with self.store.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT team_id, bot_token FROM slack_installations ORDER BY id")
            )
            return [(str(team), str(token)) for team, token in rows]


@pytest.fixture
def bot(db_url: str, stub: SlackStub) -> Iterator[Bot]:
    build_facts(db_url)
    store = open_store(db_url)
    app = create_app(oauth_settings(stub), store)
    server = make_server(SlackWebApp(app, store), "127.0.0.1", 0, threads=4)
    serve_in_thread(server)
    try:
        yield Bot(f"http://127.0.0.1:{server.effective_port}", app, store, stub)
    finally:
        stop_server(server)
        store.close()


# --- installing ----------------------------------------------------------------------------------


def test_install_page_links_to_slacks_consent_page_with_a_state_cookie(bot: Bot) -> None:
    state, link = bot.start_install()

    query = parse_qs(urlsplit(link).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["state"] == [state]
    assert query["scope"][0].split(",") == DEFAULT_SCOPES.split(",")
    assert bot.saved() == []


def test_install_saves_the_workspace_and_its_requests_are_answered_with_its_token(
    bot: Bot, stub: SlackStub
) -> None:
    token = bot.install("T0ALPHA")

    assert bot.saved() == [("T0ALPHA", token)]
    assert [c.token for c in stub.of("auth.test")] == [token]  # Bolt checks the new token

    status = bot.send(team_event("T0ALPHA", "app_mention", "<@U0BOTX> who met Witkoff"))

    assert status == 200
    posted = stub.wait_for(lambda: stub.of("chat.postMessage"))
    assert posted[0].token == token
    assert "Steve Witkoff" in posted[0].body["text"]

    answer = bot.command(slash("who met Witkoff", stub, team_id="T0ALPHA"))

    assert "Steve Witkoff" in answer["text"]
    assert {c.token for c in stub.of("auth.test")} == {token}


def test_each_workspace_is_answered_with_its_own_token_and_its_retries_once(
    bot: Bot, stub: SlackStub
) -> None:
    alpha, bravo = bot.install("T0ALPHA"), bot.install("T0BRAVO")

    # The same event id in two workspaces is two events; a retry in one of them is not.
    bot.send(team_event("T0ALPHA", "app_mention", "<@U0BOTX> who is Witkoff", event_id="Ev9"))
    bot.send(team_event("T0BRAVO", "app_mention", "<@U0BOTX> who is Putin", event_id="Ev9"))
    bot.send(
        team_event("T0BRAVO", "app_mention", "<@U0BOTX> who is Putin", event_id="Ev9"),
        **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )

    posted = stub.wait_for(
        lambda: len(stub.of("chat.postMessage")) >= 2 and stub.of("chat.postMessage")
    )
    stub.settle()
    posted = stub.of("chat.postMessage")
    by_token = {call.token: call.body["text"] for call in posted}
    assert len(posted) == 2
    assert "Steve Witkoff" in by_token[alpha]
    assert "Vladimir Putin" in by_token[bravo]


def test_a_workspace_without_installation_gets_no_answer_and_a_log_line(
    bot: Bot, stub: SlackStub, caplog: pytest.LogCaptureFixture
) -> None:
    bot.install("T0ALPHA")
    caplog.set_level(logging.INFO)

    status = bot.send(team_event("T0NOBODY", "app_mention", "<@U0BOTX> who met Witkoff"))
    slash_status = bot.send(slash("who met Witkoff", stub, team_id="T0NOBODY"))

    assert status == slash_status == 200
    notice = stub.wait_for(lambda: stub.responses("cmd"))[0].body
    assert notice["text"] == NOT_INSTALLED_MESSAGE  # told why, not answered
    stub.settle()
    assert not stub.of("chat.postMessage")
    assert not [c for c in stub.responses("cmd") if "Witkoff" in json.dumps(c.body)]
    lines = [
        r.getMessage()
        for r in caplog.records
        if "no installation for team T0NOBODY" in r.getMessage()
    ]
    assert len(lines) == 2, caplog.text


def test_an_uninstalled_workspace_is_forgotten(bot: Bot, stub: SlackStub) -> None:
    bot.install("T0ALPHA")

    bot.send(team_event("T0ALPHA", "app_uninstalled", "", event_id="EvGone"))

    stub.wait_for(lambda: not bot.saved())
    with pytest.raises(NotInstalledError):
        client_for(bot.app, "T0ALPHA")


@pytest.mark.parametrize(
    ("query", "cookie", "status"),
    [
        ({"state": "forged-state"}, "forged-state", 401),  # never issued
        ({"state": "ISSUED"}, None, 400),  # not the browser that started
        ({"state": "ISSUED"}, "other-state", 400),
        ({}, "ISSUED", 400),  # no state at all
        ({"state": "ISSUED", "error": "access_denied"}, "ISSUED", 200),  # the admin said no
    ],
    ids=["unknown-state", "no-cookie", "other-cookie", "no-state", "denied"],
)
def test_redirect_without_a_valid_state_shows_an_error_page_and_saves_nothing(
    bot: Bot, stub: SlackStub, query: dict[str, str], cookie: str | None, status: int
) -> None:
    state, _ = bot.start_install()
    query = {k: state if v == "ISSUED" else v for k, v in query.items()}

    page = bot.redirect(
        code=stub.grant("T0ALPHA"), cookie=state if cookie == "ISSUED" else cookie, **query
    )

    assert page.status == status
    assert "Something Went Wrong" in page.body
    assert not stub.of("oauth.v2.access")
    assert bot.saved() == []


def test_a_state_is_used_once(bot: Bot, stub: SlackStub) -> None:
    state, _ = bot.start_install()
    assert bot.redirect(code=stub.grant("T0ALPHA"), state=state, cookie=state).status == 200

    again = bot.redirect(code=stub.grant("T0BRAVO"), state=state, cookie=state)

    assert again.status == 401
    assert [team for team, _ in bot.saved()] == ["T0ALPHA"]


def test_a_code_slack_refuses_shows_an_error_page_and_saves_nothing(
    bot: Bot, stub: SlackStub
) -> None:
    state, _ = bot.start_install()

    page = bot.redirect(code="made-up-code", state=state, cookie=state)

    assert page.status == 401
    assert [c.method for c in stub.calls] == ["oauth.v2.access"]
    assert bot.saved() == []


# --- a client for work outside a request (digests) -----------------------------------------------


def test_client_for_a_team_carries_its_installed_token(bot: Bot, stub: SlackStub) -> None:
    alpha, bravo = bot.install("T0ALPHA"), bot.install("T0BRAVO")

    client = client_for(bot.app, "T0BRAVO")
    client.chat_postMessage(channel="C0DIGEST", text="digest")

    assert client.base_url == stub.api_url
    assert [(type(h), h.max_retry_count) for h in client.retry_handlers] == [
        (type(h), h.max_retry_count) for h in bot.app.client.retry_handlers
    ]
    assert stub.of("chat.postMessage")[0].token == bravo != alpha


@pytest.mark.parametrize("team_id", ["T0NOBODY", None])
def test_client_for_a_team_without_installation_says_so(bot: Bot, team_id: str | None) -> None:
    bot.install("T0ALPHA")

    with pytest.raises(NotInstalledError, match="not installed in team"):
        client_for(bot.app, team_id)


def test_client_for_one_workspace_is_the_apps_client(store: Store, stub: SlackStub) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, SLACK_BOT_TOKEN="xoxb-one", SLACK_SIGNING_SECRET=SECRET
    )
    app = create_app(settings, store, api_url=stub.api_url)

    assert client_for(app, "T0ANY") is app.client
    assert app.oauth_flow is None


# --- secrets -------------------------------------------------------------------------------------


def test_client_secret_code_and_tokens_are_never_logged(
    bot: Bot, stub: SlackStub, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    token = bot.install("T0ALPHA")
    bot.send(team_event("T0ALPHA", "app_mention", "<@U0BOTX> who met Witkoff"))
    stub.wait_for(lambda: stub.of("chat.postMessage"))

    assert "oauth_redirect" in caplog.text  # the request was logged ...
    for secret in (CLIENT_SECRET, token, SECRET, "code-T0ALPHA"):
        assert secret not in caplog.text  # ... without what it carried


# --- choosing the transport ----------------------------------------------------------------------


def test_client_id_secret_and_signing_secret_are_http_mode(stub: SlackStub) -> None:
    assert transport(oauth_settings(stub)) == "http"
    assert transport(oauth_settings(stub, SLACK_BOT_TOKEN="xoxb-ignored")) == "http"


@pytest.mark.parametrize(
    ("drop", "add", "named"),
    [
        ("SLACK_CLIENT_SECRET", {}, "SLACK_CLIENT_SECRET"),
        ("SLACK_CLIENT_ID", {}, "SLACK_CLIENT_ID"),
        ("SLACK_SIGNING_SECRET", {}, "SLACK_SIGNING_SECRET"),
        (None, {"SLACK_APP_TOKEN": "xapp-1"}, "SLACK_APP_TOKEN"),
    ],
)
def test_half_an_oauth_configuration_is_an_error_naming_the_setting(
    stub: SlackStub, drop: str | None, add: dict[str, str], named: str
) -> None:
    settings = oauth_settings(stub, **add)
    if drop:
        setattr(settings, drop, None)

    with pytest.raises(ServeError, match=f"^{named} is (not )?set"):
        transport(settings)


def test_serve_with_a_client_id_but_no_secret_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    only_settings(monkeypatch, tmp_path, SLACK_CLIENT_ID=CLIENT_ID, SLACK_SIGNING_SECRET=SECRET)

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "f.sqlite3")])

    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "SLACK_CLIENT_SECRET is not set" in lines[0], result.output
    assert SECRET not in result.output
