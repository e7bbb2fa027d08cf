"""What a browser does with the bot's web pages: GETs that do not follow redirects, and the
multi-workspace install, whose OAuth state Bolt keeps in a cookie."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from bot.install import REDIRECT_PATH
from tests.slack_stub import SlackStub

STATE_COOKIE = "slack-app-oauth-state"


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    body: str


def fetch(url: str, headers: dict[str, str] | None = None) -> Page:
    """A GET as a browser makes it, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
            return None

    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return Page(response.status, dict(response.headers.items()), response.read().decode())
    except urllib.error.HTTPError as error:
        return Page(error.code, dict(error.headers.items()), error.read().decode())


def install_state(page: Page) -> str:
    """The OAuth state an install page (/slack/install) keeps in its cookie."""
    assert page.status == 200, page
    cookie = page.headers["Set-Cookie"]
    match = re.match(rf"{STATE_COOKIE}=([^;]+);", cookie)
    assert match, cookie
    return match.group(1)


def finish_install(url: str, stub: SlackStub, team_id: str, state: str) -> str:
    """An admin of `team_id` approves the install on Slack (the stub), and Slack's redirect
    brings the code and `state` to the app at `url`; returns the bot token Slack issued."""
    query = urlencode({"code": stub.grant(team_id), "state": state})
    page = fetch(f"{url}{REDIRECT_PATH}?{query}", {"Cookie": f"{STATE_COOKIE}={state}"})
    assert page.status == 200, page
    return next(w.bot_token for w in stub.installed.values() if w.team_id == team_id)
