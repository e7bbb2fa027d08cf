"""Slack requests as they arrive over HTTP: parsed and checked before Bolt sees them.

Bolt parses a request's body before it verifies the signature and trusts its shape: a body that
is not UTF-8, JSON that does not parse or is not an object, an `event` that is a list or
`actions` that is a string raise inside Bolt and become 500s with a traceback, or reach a
listener that then fails. `parse_slack_body` parses the body the way Bolt does and raises
`MalformedRequest` naming what is wrong, so that the web app answers 400 (or 401 when the
request is not signed either) and logs one line.

What is checked is what Bolt and the listeners read, with the JSON types Slack sends: ids and
texts are strings, who and where (`user`, `channel`, `team`, `enterprise`) a string or an
object, `event`, `message`, `container` objects, `authorizations` and `actions` lists of
objects; a slash command and a button click carry an http(s) `response_url`, an event callback
an `event` with a `type` (and a channel for the mentions and messages answered in it), a
button click at least one action with an `action_id` and the `user` object of who clicked.
Anything else a request holds is left alone.

It also works round a Bolt quirk: Bolt takes any form body containing the word "payload"
(`/ukraine what payload do the missiles carry`) for an interactivity payload and finds nothing
in it; `parse_slack_body` returns the form as it is, for the web app to hand to Bolt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from types import NoneType
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt.request.internals import extract_channel_id

from handlers.surface import ANSWERED_EVENTS

# The JSON types of the fields Bolt and the listeners read, wherever they are checked.
_TYPES: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(
        (
            "type",
            "subtype",
            "command",
            "text",
            "ts",
            "thread_ts",
            "event_ts",
            "event_id",
            "api_app_id",
            "trigger_id",
            "challenge",
            "channel_type",
            "bot_id",
            "user_team",
            "user_id",
            "channel_id",
            "action_id",
            "block_id",
            "value",
            "ssl_check",
            "token",
            "response_url",
            "id",
        ),
        (str,),
    ),
    **dict.fromkeys(
        ("team_id", "enterprise_id", "context_team_id", "context_enterprise_id"), (str, NoneType)
    ),
    **dict.fromkeys(("is_ext_shared_channel", "is_bot", "is_ephemeral"), (bool,)),
    "is_enterprise_install": (bool, str),
    **dict.fromkeys(("user", "channel", "team", "enterprise"), (str, dict, NoneType)),
    **dict.fromkeys(
        ("event", "message", "previous_message", "item", "assistant_thread", "container"), (dict,)
    ),
    **dict.fromkeys(("authorizations", "actions", "response_urls"), (list,)),
}
# Objects whose fields are checked too; lists whose items must be such objects.
_NESTED = frozenset(
    {
        "event",
        "message",
        "previous_message",
        "item",
        "assistant_thread",
        "container",
        "user",
        "channel",
        "team",
        "enterprise",
    }
)
_LISTS = frozenset({"authorizations", "actions", "response_urls"})
_JSON_NAMES = {str: "a string", dict: "an object", list: "a list", bool: "true or false"}


class MalformedRequest(ValueError):
    """A request body that is not a Slack request the app can handle, and why."""


def parse_slack_body(body: bytes, content_type: str | None) -> dict[str, Any]:
    """The request's data as Bolt reads it (JSON, a form, or a form's JSON `payload`).

    Raises `MalformedRequest` when the body is not UTF-8, its JSON does not parse or is not an
    object, a field has a type Slack never sends, or what the listeners need is missing.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MalformedRequest(f"body is not UTF-8 (byte {error.start})") from None
    if not text.strip():
        raise MalformedRequest("empty body")
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type == "application/json" or text.startswith("{"):
        data = _json_object(text, "body")
    else:
        form = dict(parse_qsl(text, keep_blank_values=True))
        data = _json_object(form["payload"], "payload") if "payload" in form else form
    _check_fields(data, "")
    _check_kind(data)
    return data


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        reason = str(error).split(":", 1)[0] if isinstance(error, ValueError) else "nested too deep"
        raise MalformedRequest(f"{what} is not JSON ({reason})") from None
    if not isinstance(data, dict):
        raise MalformedRequest(f"{what} is {_json_type(data)}, not an object")
    return data


def _check_fields(data: dict[str, Any], path: str) -> None:
    for key, value in data.items():
        allowed = _TYPES.get(key)
        if allowed is None:
            continue
        where = f"{path}{key}"
        if not isinstance(value, allowed):
            raise MalformedRequest(f"{where} is {_json_type(value)}, not {_names(allowed)}")
        if key in _NESTED and isinstance(value, dict):
            _check_fields(value, f"{where}.")
        elif key in _LISTS and isinstance(value, list):
            for i, item in enumerate(value):
                if not isinstance(item, dict):
                    raise MalformedRequest(f"{where}[{i}] is {_json_type(item)}, not an object")
                _check_fields(item, f"{where}[{i}].")


def _check_kind(data: dict[str, Any]) -> None:
    """What each kind of request must carry for the listeners (and Bolt) to handle it."""
    if "command" in data:
        _require_url(data)
        return
    kind = data.get("type")
    if kind is None:
        if data.get("ssl_check") == "1":
            return
        raise MalformedRequest("neither a command nor a typed payload")
    if kind == "url_verification" and "challenge" not in data:
        raise MalformedRequest("url_verification without a challenge")
    if kind == "event_callback":
        event = data.get("event")
        if event is None or "type" not in event:
            raise MalformedRequest("event_callback without an event type")
        # The channel Bolt's say() posts to, found the way Bolt finds it.
        if event["type"] in ANSWERED_EVENTS and not extract_channel_id(data):
            raise MalformedRequest(f"{event['type']} event without a channel")
    if kind == "block_actions":
        actions = data.get("actions") or []
        if not actions or any("action_id" not in action for action in actions):
            raise MalformedRequest("block_actions without an action_id")
        if not isinstance(data.get("user"), dict):
            raise MalformedRequest("block_actions without a user object")
        _require_url(data)


def _require_url(data: dict[str, Any]) -> None:
    url = data.get("response_url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise MalformedRequest("no http(s) response_url")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_NAMES.get(type(value), "a number")


def _names(types: Iterable[type]) -> str:
    return " or ".join("null" if t is NoneType else _JSON_NAMES[t] for t in types)
