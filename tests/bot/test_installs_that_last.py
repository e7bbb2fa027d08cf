"""Installs that last: org-wide (Enterprise Grid) installs post their channels' digests, and
rotating bot tokens are refreshed before work outside a request and inside one.

The app is the real multi-workspace one (Bolt's OAuth flow, installations in the store's
database, SQLite and PostgreSQL), the digests run on real APScheduler with a controlled clock,
and Slack's side (chat.postMessage, auth.test, oauth.v2.access refreshes) is the stub on
127.0.0.1, which records the token of every call.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from slack_bolt import App
from slack_sdk.oauth.installation_store import Installation

from bot.app import client_for, create_app
from bot.scheduler import DigestScheduler
from bot.settings import Settings
from bot.web import SlackWebApp, make_server, serve_in_thread, stop_server
from knowledge.store import Store, open_store
from tests.scheduling import FakeClock, SteppedScheduler, freeze
from tests.slack_app import build_facts
from tests.slack_requests import SECRET, SlackEndpoint, slash, team_event
from tests.slack_stub import APP_ID, CLIENT_ID, CLIENT_SECRET, INSTALL_SCOPES, Call, SlackStub

MONDAY_8AM = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@dataclass
class Bot(SlackEndpoint):
    """`ukraine-bot serve` in HTTP mode with the OAuth settings, and its digest scheduler."""

    app: App
    store: Store
    stub: SlackStub
    clock: FakeClock
    scheduler: SteppedScheduler

    def install(
        self,
        token: str,
        *,
        team_id: str | None,
        enterprise_id: str | None = None,
        refresh_token: str | None = None,
        expires_in: int | None = None,
    ) -> None:
        """Saves an installation as Bolt's OAuth flow would (org-wide: `team_id` None)."""
        store = self.app.installation_store
        assert store is not None
        store.save(
            Installation(
                app_id=APP_ID,
                enterprise_id=enterprise_id,
                team_id=team_id,
                is_enterprise_install=team_id is None,
                bot_token=token,
                bot_id="B0BOTX",
                bot_user_id="U0BOTX",
                bot_scopes=INSTALL_SCOPES,
                bot_refresh_token=refresh_token,
                bot_token_expires_in=expires_in,
                user_id="U0ADMIN",
                token_type="bot",
            )
        )

    def digests(self) -> DigestScheduler:
        digests = DigestScheduler(
            self.store,
            lambda team, enterprise: client_for(self.app, team, enterprise),
            scheduler=self.scheduler,
            clock=self.clock,
        )
        digests.start()
        return digests

    def at(self, hour: int) -> None:
        """The clock moves to `hour` o'clock on Monday and the due jobs run."""
        self.clock.set(MONDAY_8AM.replace(hour=hour))
        self.scheduler.tick()


def oauth_settings(stub: SlackStub) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        SLACK_CLIENT_ID=CLIENT_ID,
        SLACK_CLIENT_SECRET=CLIENT_SECRET,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=stub.api_url,
    )


@pytest.fixture
def bot(db_url: str, stub: SlackStub, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bot]:
    clock = freeze(monkeypatch, FakeClock(MONDAY_8AM))
    build_facts(db_url)
    store = open_store(db_url)
    app = create_app(oauth_settings(stub), store)
    server = make_server(SlackWebApp(app, store), "127.0.0.1", 0, threads=4)
    serve_in_thread(server)
    scheduler = SteppedScheduler(timezone=UTC)
    try:
        yield Bot(f"http://127.0.0.1:{server.effective_port}", app, store, stub, clock, scheduler)
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        stop_server(server)
        store.close()


def digests_in(stub: SlackStub, channel: str) -> list[Call]:
    """The short digest posts in `channel` (not the full digests in their threads, nor the
    subscription's confirmation)."""
    return [
        c
        for c in stub.of("chat.postMessage")
        if c.body.get("channel") == channel
        and not c.body.get("thread_ts")
        and "subscribed this channel" not in str(c.body.get("text"))
    ]


def saved_bot(bot: Bot, team_id: str) -> Installation:
    store = bot.app.installation_store
    assert store is not None
    found = store.find_installation(enterprise_id=None, team_id=team_id)
    assert found is not None
    return found


# --- Enterprise Grid -----------------------------------------------------------------------------


def test_an_org_wide_install_posts_its_channels_digest_and_a_team_install_its_own(
    bot: Bot, stub: SlackStub
) -> None:
    bot.install("xoxb-org-wide", team_id=None, enterprise_id="E0GRID")
    bot.install("xoxb-bravo", team_id="T0BRAVO")

    # Subscribed through the slash command, as Slack sends it from each install.
    org = bot.command(
        slash(
            "subscribe daily 09:00 UTC",
            stub,
            team_id="T0GRIDWS",
            enterprise_id="E0GRID",
            is_enterprise_install="true",
            channel_id="C0GRID",
            user_id="W0ADMIN",
        )
    )
    team = bot.command(
        slash("subscribe daily 09:00 UTC", stub, team_id="T0BRAVO", channel_id="C0BRAVO")
    )
    assert org["text"].startswith("Done:") and team["text"].startswith("Done:"), (org, team)
    grid = bot.store.subscription("C0GRID")
    bravo = bot.store.subscription("C0BRAVO")
    assert grid is not None and (grid.team_id, grid.enterprise_id) == ("T0GRIDWS", "E0GRID")
    assert bravo is not None and (bravo.team_id, bravo.enterprise_id) == ("T0BRAVO", None)

    bot.digests()
    bot.at(9)

    [in_grid] = digests_in(stub, "C0GRID")
    [in_bravo] = digests_in(stub, "C0BRAVO")
    assert in_grid.token == "xoxb-org-wide"
    assert in_bravo.token == "xoxb-bravo"
    assert "digest" in str(in_grid.body.get("text")).lower()


def test_a_grid_workspace_without_its_own_or_an_org_wide_install_is_marked_failing(
    bot: Bot, stub: SlackStub
) -> None:
    bot.install("xoxb-org-wide", team_id=None, enterprise_id="E0GRID")
    bot.store.subscribe("C0OTHER", "daily 09:00 UTC", "U0ALICE", "T0OTHER", "E0OTHERORG")

    bot.digests()
    bot.at(9)

    assert digests_in(stub, "C0OTHER") == []
    other = bot.store.subscription("C0OTHER")
    assert other is not None and other.failure == "no_installation"


# --- token rotation outside a request ------------------------------------------------------------


def test_an_expiring_token_is_refreshed_once_and_the_digests_post_with_the_new_one(
    bot: Bot, stub: SlackStub
) -> None:
    bot.install("xoxe.xoxb-old", team_id="T0ALPHA", refresh_token="xoxe-1-old", expires_in=60)
    stub.rotating("T0ALPHA", "xoxe-1-old")
    for channel in ("C0ONE", "C0TWO"):  # two channels of one workspace, due together
        bot.store.subscribe(channel, "daily 09:00 UTC", "U0ALICE", team_id="T0ALPHA")

    bot.digests()
    bot.at(9)

    [refresh] = stub.refreshes()
    assert refresh.basic_credentials == (CLIENT_ID, CLIENT_SECRET)
    assert refresh.body["refresh_token"] == "xoxe-1-old"
    saved = saved_bot(bot, "T0ALPHA")
    assert saved.bot_token is not None and saved.bot_token.startswith("xoxe.xoxb-T0ALPHA-")
    assert saved.bot_refresh_token is not None and saved.bot_refresh_token != "xoxe-1-old"
    assert saved.bot_token_expires_at is not None
    assert abs(saved.bot_token_expires_at - (time.time() + 43200)) < 120
    for channel in ("C0ONE", "C0TWO"):
        [posted] = digests_in(stub, channel)
        assert posted.token == saved.bot_token  # the Authorization header Slack saw
    assert "xoxe.xoxb-old" not in {c.token for c in stub.of("chat.postMessage")}


def test_a_token_far_from_expiry_is_not_refreshed(bot: Bot, stub: SlackStub) -> None:
    bot.install("xoxe.xoxb-fresh", team_id="T0ALPHA", refresh_token="xoxe-1-a", expires_in=43200)
    stub.rotating("T0ALPHA", "xoxe-1-a")
    bot.store.subscribe("C0ONE", "daily 09:00 UTC", "U0ALICE", team_id="T0ALPHA")

    bot.digests()
    bot.at(9)

    assert stub.refreshes() == []
    [posted] = digests_in(stub, "C0ONE")
    assert posted.token == "xoxe.xoxb-fresh"


def test_a_refused_refresh_is_logged_and_the_other_channels_still_get_their_digest(
    bot: Bot, stub: SlackStub, caplog: pytest.LogCaptureFixture
) -> None:
    bot.install("xoxe.xoxb-old", team_id="T0ALPHA", refresh_token="xoxe-1-revoked", expires_in=0)
    bot.install("xoxb-bravo", team_id="T0BRAVO")
    bot.store.subscribe("C0ALPHA", "daily 09:00 UTC", "U0ALICE", team_id="T0ALPHA")
    bot.store.subscribe("C0BRAVO", "daily 09:00 UTC", "U0BOB", team_id="T0BRAVO")
    caplog.set_level(logging.INFO)

    bot.digests()
    bot.at(9)

    assert len(stub.refreshes()) == 1  # Slack said invalid_refresh_token
    assert digests_in(stub, "C0ALPHA") == []
    [bravo] = digests_in(stub, "C0BRAVO")
    assert bravo.token == "xoxb-bravo"
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any(
        "C0ALPHA" in line and "invalid_refresh_token" in line and "T0ALPHA" in line
        for line in errors
    ), errors
    alpha = bot.store.subscription("C0ALPHA")
    assert alpha is not None and alpha.failing_since is None  # tried again at the next slot
    assert saved_bot(bot, "T0ALPHA").bot_token == "xoxe.xoxb-old"  # nothing lost


# --- token rotation inside a request -------------------------------------------------------------


def test_bolt_refreshes_an_expiring_token_before_answering_a_request(
    bot: Bot, stub: SlackStub
) -> None:
    bot.install("xoxe.xoxb-old", team_id="T0ALPHA", refresh_token="xoxe-1-old", expires_in=60)
    stub.rotating("T0ALPHA", "xoxe-1-old")

    status = bot.send(team_event("T0ALPHA", "app_mention", "<@U0BOTX> who met Witkoff"))

    assert status == 200
    [posted] = stub.wait_for(lambda: stub.of("chat.postMessage"))
    [refresh] = stub.refreshes()
    assert refresh.basic_credentials == (CLIENT_ID, CLIENT_SECRET)
    saved = saved_bot(bot, "T0ALPHA")
    assert posted.token == saved.bot_token != "xoxe.xoxb-old"
    assert "Steve Witkoff" in posted.body["text"]
