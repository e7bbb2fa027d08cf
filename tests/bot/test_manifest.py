"""The two Slack app manifests ask Slack for exactly what the app they set up listens to.

manifest.yml is Socket Mode in one workspace (`SLACK_BOT_TOKEN`); deploy/manifest.http.yml is
HTTP mode with the multi-workspace OAuth install (`SLACK_CLIENT_ID`). Each is checked against the
real Bolt app of its configuration: every event, command and button Slack is told to send reaches
a listener, and every listener is reached by something the manifest turns on; the scopes are the
default `SLACK_SCOPES`; the HTTP one's URLs are paths bot/web.py and the OAuth flow serve.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
import yaml
from slack_bolt import App, BoltResponse
from slack_bolt.request import BoltRequest

from bot.app import create_app
from bot.install import REDIRECT_PATH, scopes
from bot.settings import Settings
from bot.web import SLACK_PATHS, SlackWebApp
from handlers.surface import (
    ADD_SHORTCUT_CALLBACK_ID,
    ADD_SHORTCUT_NAME,
    COMMAND,
    FACT_MENU_PREFIX,
    HOME_EDIT_ACTION_ID,
    HOME_UNSUBSCRIBE_ACTION_ID,
    PICTURE_ACTION_ID,
    SHARE_ACTION_ID,
    SHOW_ALL_ACTION_ID,
    SHOW_MORE_ACTION_ID,
    SUGGESTION_ACTION_PREFIX,
    THREAD_MESSAGE_EVENTS,
)
from handlers.views import SUBSCRIBE_CALLBACK_ID
from knowledge.store import Store

ROOT = Path(__file__).resolve().parents[2]
SOCKET_MANIFEST = ROOT / "manifest.yml"
HTTP_MANIFEST = ROOT / "deploy" / "manifest.http.yml"
MANIFESTS = (SOCKET_MANIFEST, HTTP_MANIFEST)
HOST = "https://YOUR-HOST"
REVOCATION_EVENTS = {"app_uninstalled", "tokens_revoked"}
# The buttons the app renders (handlers/blocks.py), which interactivity delivers.
RENDERED_ACTION_IDS = (
    SHARE_ACTION_ID,
    f"{SUGGESTION_ACTION_PREFIX}0",
    SHOW_MORE_ACTION_ID,
    SHOW_ALL_ACTION_ID,
    f"{FACT_MENU_PREFIX}0",
    PICTURE_ACTION_ID,
    f"{HOME_EDIT_ACTION_ID}:C0CHANNEL",
    f"{HOME_UNSUBSCRIBE_ACTION_ID}:C0CHANNEL",
)
# A `message.<kind>` subscription delivers `message` events with this `channel_type`.
MESSAGE_CHANNEL_TYPES = {"im": "im", "mpim": "mpim", "channels": "channel", "groups": "group"}
# The channels whose messages the app reads only for replies in its threads.
THREAD_FOLLOWED = {"channels", "groups"}
DEFAULT_SCOPES = str(Settings.model_fields["SLACK_SCOPES"].default)
SECRET = "test-signing-secret-0123456789"


def manifest(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def single_workspace_app(store: Store) -> App:
    """The app `serve` runs in Socket Mode: one workspace, its bot token."""
    return create_app(
        Settings(_env_file=None),  # type: ignore[call-arg]
        store,
        token="xoxb-test-token",
        signing_secret=SECRET,
        api_url="http://127.0.0.1:9/api/",
        verify_token=False,
    )


def multi_workspace_app(store: Store) -> App:
    """The app `serve` runs with the multi-workspace install: HTTP mode, OAuth flow."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        SLACK_CLIENT_ID="1234.5678",
        SLACK_CLIENT_SECRET="client-secret",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL="http://127.0.0.1:9/api/",
        SLACK_SCOPES=DEFAULT_SCOPES,
    )
    app = create_app(settings, store)
    assert app.oauth_flow is not None
    return app


@pytest.fixture(params=MANIFESTS, ids=lambda path: path.name)
def configured(
    request: pytest.FixtureRequest, store: Store
) -> Iterator[tuple[dict[str, Any], App]]:
    """Each manifest with the app it sets up."""
    path: Path = request.param
    build = single_workspace_app if path == SOCKET_MANIFEST else multi_workspace_app
    yield manifest(path), build(store)


def event_request(name: str) -> BoltRequest:
    """What Slack sends for the bot event subscription `name` (`app_mention`, `message.im`)."""
    kind, _, channels = name.partition(".")
    inner: dict[str, Any] = {"type": kind, "user": "U0ASKER", "text": "hi", "ts": "1.000100"}
    if channels:
        inner["channel_type"] = MESSAGE_CHANNEL_TYPES[channels]
    if channels in THREAD_FOLLOWED:
        inner["thread_ts"] = "1.000001"  # what the app subscribes to them for: thread replies
    if kind == "tokens_revoked":
        inner["tokens"] = {"bot": ["U0BOT"]}
    body = {
        "type": "event_callback",
        "team_id": "T0TEAM",
        "api_app_id": "A0APP",
        "event_id": "Ev001",
        "event": inner,
    }
    return BoltRequest(body=json.dumps(body), headers={"content-type": ["application/json"]})


def command_request(command: str) -> BoltRequest:
    body = urlencode({"command": command, "text": "", "team_id": "T0TEAM", "user_id": "U0ASKER"})
    return BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"]})


def action_request(action_id: str) -> BoltRequest:
    payload = {
        "type": "block_actions",
        "team": {"id": "T0TEAM"},
        "user": {"id": "U0CLICKER"},
        "actions": [{"type": "button", "action_id": action_id, "value": "who is Umerov"}],
    }
    body = urlencode({"payload": json.dumps(payload)})
    return BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"]})


def shortcut_request(callback_id: str) -> BoltRequest:
    """A message shortcut chosen on a message (`message_action`)."""
    payload = {
        "type": "message_action",
        "callback_id": callback_id,
        "team": {"id": "T0TEAM"},
        "user": {"id": "U0ASKER"},
        "channel": {"id": "C0NEWS"},
        "message": {"type": "message", "text": "<https://news.example/a>", "ts": "1.000100"},
        "response_url": "https://hooks.slack.com/app/T0TEAM/1/x",
        "trigger_id": "1.2.3",
    }
    body = urlencode({"payload": json.dumps(payload)})
    return BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"]})


def requests_slack_sends(data: dict[str, Any]) -> dict[str, BoltRequest]:
    """Every kind of request the manifest tells Slack to send to the app, by name."""
    sent = {
        name: event_request(name) for name in data["settings"]["event_subscriptions"]["bot_events"]
    }
    for command in data["features"]["slash_commands"]:
        sent[command["command"]] = command_request(command["command"])
    if data["settings"]["interactivity"]["is_enabled"]:
        sent.update({action_id: action_request(action_id) for action_id in RENDERED_ACTION_IDS})
        sent[SUBSCRIBE_CALLBACK_ID] = submission_request(SUBSCRIBE_CALLBACK_ID)
        for shortcut in data["features"].get("shortcuts", []):
            sent[shortcut["callback_id"]] = shortcut_request(shortcut["callback_id"])
    return sent


def submission_request(callback_id: str) -> BoltRequest:
    """A modal the app opened (the schedule form), submitted."""
    payload = {
        "type": "view_submission",
        "team": {"id": "T0TEAM"},
        "user": {"id": "U0CLICKER"},
        "view": {"type": "modal", "callback_id": callback_id, "state": {"values": {}}},
    }
    body = urlencode({"payload": json.dumps(payload)})
    return BoltRequest(body=body, headers={"content-type": ["application/x-www-form-urlencoded"]})


def listened(app: App, request: BoltRequest) -> bool:
    return any(
        listener.matches(req=request, resp=BoltResponse(status=404)) for listener in app._listeners
    )


def served_status(app: App, store: Store, method: str, path: str) -> int:
    """The status bot/web.py answers an unsigned, empty request with (404: no such route)."""
    statuses: list[str] = []
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "CONTENT_LENGTH": "0",
        "CONTENT_TYPE": "application/json",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "3000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
    }

    def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
        statuses.append(status)

    SlackWebApp(app, store)(environ, start_response)
    return int(statuses[0].split()[0])


def request_urls(data: dict[str, Any]) -> list[str]:
    """The URLs Slack posts events, slash commands and button clicks to."""
    settings = data["settings"]
    urls = [command.get("url") for command in data["features"]["slash_commands"]]
    urls += [settings["event_subscriptions"].get("request_url")]
    urls += [settings["interactivity"].get("request_url")]
    return [url for url in urls if url is not None]


def test_every_request_slack_is_told_to_send_reaches_a_listener(
    configured: tuple[dict[str, Any], App],
) -> None:
    data, app = configured

    unheard = [
        name for name, request in requests_slack_sends(data).items() if not listened(app, request)
    ]

    assert unheard == []


def test_every_listener_is_reached_by_something_the_manifest_turns_on(
    configured: tuple[dict[str, Any], App],
) -> None:
    data, app = configured
    sent = requests_slack_sends(data).values()

    unreached = [
        listener
        for listener in app._listeners
        if not any(listener.matches(req=request, resp=BoltResponse(status=404)) for request in sent)
    ]

    assert unreached == []


def test_both_declare_the_slash_command_the_app_handles(
    configured: tuple[dict[str, Any], App],
) -> None:
    data, app = configured
    commands = [c["command"] for c in data["features"]["slash_commands"]]

    assert commands == [COMMAND]
    assert listened(app, command_request(COMMAND))


def test_both_declare_the_add_shortcut_the_app_handles(
    configured: tuple[dict[str, Any], App],
) -> None:
    data, app = configured
    shortcuts = data["features"]["shortcuts"]

    assert [(s["callback_id"], s["type"], s["name"]) for s in shortcuts] == [
        (ADD_SHORTCUT_CALLBACK_ID, "message", ADD_SHORTCUT_NAME)
    ]
    assert listened(app, shortcut_request(ADD_SHORTCUT_CALLBACK_ID))


def test_both_subscribe_to_mentions_and_direct_messages() -> None:
    for path in MANIFESTS:
        events = set(manifest(path)["settings"]["event_subscriptions"]["bot_events"])

        assert {"app_mention", "message.im"} <= events, path.name
        assert manifest(path)["settings"]["interactivity"]["is_enabled"] is True, path.name


def test_both_follow_threads_in_channels_and_private_channels_with_their_history_scopes() -> None:
    for path in MANIFESTS:
        data = manifest(path)
        events = set(data["settings"]["event_subscriptions"]["bot_events"])
        bot_scopes = set(data["oauth_config"]["scopes"]["bot"])

        assert set(THREAD_MESSAGE_EVENTS) <= events, path.name
        assert {"channels:history", "groups:history"} <= bot_scopes, path.name


def test_only_the_oauth_manifest_subscribes_to_uninstalls_and_revoked_tokens(store: Store) -> None:
    http_events = manifest(HTTP_MANIFEST)["settings"]["event_subscriptions"]["bot_events"]
    socket_events = manifest(SOCKET_MANIFEST)["settings"]["event_subscriptions"]["bot_events"]

    answered = {"app_home_opened", "app_mention", "message.im", *THREAD_MESSAGE_EVENTS}
    assert set(http_events) == answered | REVOCATION_EVENTS
    assert set(socket_events) == answered
    # The OAuth app deletes installations on them; the one-workspace app has nothing to delete.
    oauth_app, token_app = multi_workspace_app(store), single_workspace_app(store)
    assert all(listened(oauth_app, event_request(name)) for name in REVOCATION_EVENTS)
    assert not any(listened(token_app, event_request(name)) for name in REVOCATION_EVENTS)


def test_both_ask_for_the_default_scopes_and_no_more(store: Store) -> None:
    default = [scope.strip() for scope in DEFAULT_SCOPES.split(",")]
    flow = multi_workspace_app(store).oauth_flow
    assert flow is not None
    install_scopes = list(flow.settings.scopes or [])

    for path in MANIFESTS:
        bot_scopes = manifest(path)["oauth_config"]["scopes"]["bot"]

        assert sorted(bot_scopes) == sorted(default), path.name
        assert len(set(bot_scopes)) == len(bot_scopes), path.name
        assert "user" not in manifest(path)["oauth_config"]["scopes"], path.name
    assert sorted(install_scopes) == sorted(default)
    assert scopes(Settings(_env_file=None, SLACK_SCOPES=DEFAULT_SCOPES)) == default  # type: ignore[call-arg]


def test_socket_manifest_enables_socket_mode_without_urls() -> None:
    data = manifest(SOCKET_MANIFEST)

    assert data["settings"]["socket_mode_enabled"] is True
    assert request_urls(data) == []
    assert "redirect_urls" not in data["oauth_config"]


def test_http_manifest_sends_every_request_to_a_path_web_py_serves(store: Store) -> None:
    data = manifest(HTTP_MANIFEST)
    app = multi_workspace_app(store)
    urls = request_urls(data)

    assert data["settings"]["socket_mode_enabled"] is False
    assert len(urls) == 3  # slash command, events, interactivity
    for url in urls:
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == HOST, url
        assert parts.path in SLACK_PATHS, url
        assert served_status(app, store, "POST", parts.path) == 401, url  # unsigned, not 404


def test_http_manifest_redirect_url_is_the_oauth_flows_redirect_path(store: Store) -> None:
    redirects = manifest(HTTP_MANIFEST)["oauth_config"]["redirect_urls"]
    flow = multi_workspace_app(store).oauth_flow
    assert flow is not None

    assert len(redirects) == 1
    parts = urlsplit(redirects[0])
    assert f"{parts.scheme}://{parts.netloc}" == HOST
    assert parts.path == flow.redirect_uri_path == REDIRECT_PATH


def test_the_commented_http_urls_of_the_socket_manifest_are_served_paths() -> None:
    commented = re.findall(r"https://YOUR-HOST(/\S*)", SOCKET_MANIFEST.read_text(encoding="utf-8"))

    assert len(commented) == 3
    assert set(commented) <= set(SLACK_PATHS)


def test_both_enable_the_messages_tab_under_one_name() -> None:
    for path in MANIFESTS:
        data = manifest(path)

        assert data["features"]["app_home"]["messages_tab_enabled"] is True, path.name
        assert data["features"]["bot_user"]["display_name"] == "ukraine-bot", path.name
        assert data["display_information"]["name"] == "ukraine-bot", path.name
