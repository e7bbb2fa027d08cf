"""Slack's requests as the tests (and the HTTP benchmark) send them: in Slack's shapes, signed.

    app.dispatch(signed(slash("who met Witkoff", stub)))     # a BoltRequest, through the App
    post(url + "/slack/events", slash("who met Witkoff", stub))   # over HTTP: (status, body)
    signature_headers(body, secret=...)                       # the two headers Slack signs with

Slack signs a request with v0 HMAC-SHA256 of "v0:TIMESTAMP:BODY" under the app's signing
secret; the signature here is computed over the raw bytes, so that bodies that are not UTF-8
can be signed too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_bolt.request import BoltRequest

from tests.slack_stub import BOT_USER, StubURLs, acked_message

SECRET = "test-signing-secret-0123456789"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def signature(timestamp: str, body: str | bytes, secret: str = SECRET) -> str:
    """Slack's v0 signature of `body` sent at `timestamp`."""
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(secret.encode(), b"v0:%s:%s" % (timestamp.encode(), raw), hashlib.sha256)
    return f"v0={digest.hexdigest()}"


def signature_headers(
    body: str | bytes, *, secret: str = SECRET, timestamp: int | None = None
) -> dict[str, str]:
    """X-Slack-Request-Timestamp (now, unless given) and X-Slack-Signature for `body`."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature(ts, body, secret)}


def signed(
    body: str,
    *,
    content_type: str = FORM,
    timestamp: int | None = None,
    secret: str = SECRET,
    **headers: str,
) -> BoltRequest:
    """`body` as a signed request for `App.dispatch`; `headers` with "_" for "-"."""
    all_headers: dict[str, str | Sequence[str]] = {"content-type": [content_type]}
    for name, value in signature_headers(body, secret=secret, timestamp=timestamp).items():
        all_headers[name.lower()] = [value]
    all_headers.update({k.replace("_", "-"): [v] for k, v in headers.items()})
    return BoltRequest(body=body, headers=all_headers)


def post(
    url: str,
    body: str,
    *,
    content_type: str = FORM,
    secret: str | None = SECRET,
    timestamp: int | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str]:
    """POSTs `body` to `url`, signed with `secret` (unsigned when None): (status, body)."""
    request = urllib.request.Request(url, data=body.encode(), method="POST")
    request.add_header("Content-Type", content_type)
    if secret is not None:
        for name, value in signature_headers(body, secret=secret, timestamp=timestamp).items():
            request.add_header(name, value)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def slash_form(text: str, stub: StubURLs, **extra: str) -> dict[str, Any]:
    """The fields of a `/ukraine TEXT` slash command, as Slack posts them."""
    return {
        "token": "legacy",
        "team_id": "T0TEAM",
        "channel_id": "C0CHANNEL",
        "channel_name": "peace-talks",
        "user_id": "U0ASKER",
        "user_name": "asker",
        "command": "/ukraine",
        "text": text,
        "response_url": stub.response_url("cmd"),
        "trigger_id": "1.2.3",
        **extra,
    }


def slash(text: str, stub: StubURLs, **extra: str) -> str:
    """A `/ukraine TEXT` slash command's form body."""
    return urlencode(slash_form(text, stub, **extra))


def event(kind: str, text: str, *, event_id: str = "Ev001", **fields: Any) -> str:
    """An Events API callback of an event of type `kind` saying `text`, as JSON."""
    inner = {"type": kind, "user": "U0ASKER", "text": text, "ts": "1700000000.000100"}
    inner.update(fields)
    return json.dumps(
        {
            "token": "legacy",
            "team_id": "T0TEAM",
            "api_app_id": "A0APP",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": 1700000000,
            "authorizations": [{"team_id": "T0TEAM", "user_id": BOT_USER, "is_bot": True}],
            "event": inner,
        }
    )


def team_event(team_id: str, kind: str, text: str, event_id: str = "Ev001", **fields: Any) -> str:
    """`event` in workspace `team_id`, as the multi-workspace app gets it."""
    fields.setdefault("channel", "C0CHANNEL")
    body = json.loads(event(kind, text, event_id=event_id, **fields))
    body["team_id"] = team_id
    body["authorizations"] = [{"team_id": team_id, "user_id": "U0BOTX", "is_bot": True}]
    return json.dumps(body)


def button(
    action_id: str,
    value: str,
    stub: StubURLs,
    *,
    ephemeral: bool = True,
    channel: str = "C0CHANNEL",
    thread_ts: str | None = None,
) -> str:
    """A click on button `action_id` (with `value`) under a message: a block_actions form; in
    `channel` (a "D…" one is a DM), in a thread when `thread_ts` is given."""
    payload = _click_payload(action_id, stub, ephemeral=ephemeral, channel=channel)
    payload["actions"][0].update(type="button", value=value)
    if thread_ts:
        payload["container"]["thread_ts"] = thread_ts
        payload["message"] = {"type": "message", "ts": "1700000002.000", "thread_ts": thread_ts}
    return urlencode({"payload": json.dumps(payload)})


def menu_choice(action_id: str, value: str, stub: StubURLs, *, ephemeral: bool = True) -> str:
    """A choice of the option `value` in overflow menu `action_id`: a block_actions form."""
    payload = _click_payload(action_id, stub, ephemeral=ephemeral, channel="C0CHANNEL")
    payload["actions"][0].update(
        type="overflow",
        selected_option={"text": {"type": "plain_text", "text": "Report"}, "value": value},
    )
    return urlencode({"payload": json.dumps(payload)})


def view_submission(callback_id: str, values: dict[str, Any], **view: Any) -> str:
    """A modal submitted: `values` as Slack's `state.values` ({block_id: {action_id: …}})."""
    payload = {
        "type": "view_submission",
        "team": {"id": "T0TEAM"},
        "user": {"id": "U0CLICKER", "team_id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "legacy",
        "trigger_id": "1.2.4",
        "view": {
            "id": "V0MODAL",
            "type": "modal",
            "callback_id": callback_id,
            "state": {"values": values},
            **view,
        },
    }
    return urlencode({"payload": json.dumps(payload)})


def _click_payload(action_id: str, stub: StubURLs, *, ephemeral: bool, channel: str) -> Any:
    payload = {
        "type": "block_actions",
        "team": {"id": "T0TEAM"},
        "user": {"id": "U0CLICKER", "team_id": "T0TEAM"},
        "api_app_id": "A0APP",
        "token": "legacy",
        "trigger_id": "1.2.3",
        "container": {"type": "message", "is_ephemeral": ephemeral, "channel_id": channel},
        "channel": {"id": channel},
        "response_url": stub.response_url("click"),
        "actions": [{"action_id": action_id, "block_id": "b1", "action_ts": "1700000001.000"}],
    }
    return payload


@dataclass
class SlackEndpoint:
    """An app serving Slack's requests over HTTP at `url` (HTTP mode), sent as Slack sends them."""

    url: str

    def send(self, body: str, **headers: str) -> int:
        """POSTs `body` signed to /slack/events (JSON when it is an object, else a form); the
        HTTP status."""
        content_type = JSON if body.startswith("{") else FORM
        status, _ = post(
            self.url + "/slack/events", body, content_type=content_type, headers=headers
        )
        return status

    def command(self, body: str) -> dict[str, Any]:
        """Sends a slash command; the message its acknowledgement carried."""
        status, answer = post(self.url + "/slack/events", body)
        assert status == 200, answer
        return acked_message(answer)
