"""Slack requests as they arrive over HTTP: parsed and checked before Bolt sees them.

Bolt parses a request's body before it verifies the signature and trusts its shape: a body that
is not UTF-8, JSON that does not parse or is not an object, an `event` that is a list or
`actions` that is a string raise inside Bolt and become 500s with a traceback, or reach a
listener that then fails. `parse_slack_body` parses the body the way Bolt does and raises
`MalformedRequest` naming what is wrong, so that the web app answers 400 (or 401 when the
request is not signed either) and logs one line.

What is checked is what Bolt and the listeners read, where they read it, with the types of
Slack's reference shapes (`Shape`): what Bolt reads to route a request and build its context
(`user`, `channel`, `team`, `enterprise` an id or an object; `authorizations` a list of
objects; `event`, `message`, `item`, `view` objects), at every level it looks into; what the
listeners read of an event (its type, subtype, text, ts, thread, channel, bot fields), of a
clicked element (`action_id`, `value`, and `text`, which Slack echoes as a plain_text object)
and of the `container`. A slash command carries an http(s) `response_url`; a button click at
least one action with an `action_id`, the `user` who clicked, and, when it has one (a click in
a modal or on the Home tab has none), an http(s) `response_url`; an `app_mention` a channel.
Anything else a request holds is left alone: an event the app does not answer, or a message
without a channel (Slack's `bot_message` and `channel_join`), goes to Bolt as it is.

It also works round a Bolt quirk: Bolt takes any form body containing the word "payload"
(`/ukraine what payload do the missiles carry`) for an interactivity payload and finds nothing
in it; `parse_slack_body` returns the form as it is, for the web app to hand to Bolt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import NoneType
from typing import Any
from urllib.parse import parse_qsl

from handlers.surface import MENTION_EVENT

_ID = (str,)
_ID_OR_NULL = (str, NoneType)
# Who or where: an id, or an object holding one (`{"id": "T0…", "domain": …}`); Bolt takes both.
_WHO = (str, dict, NoneType)


@dataclass(frozen=True)
class Shape:
    """The fields of one kind of object that Bolt or a listener reads, with the JSON types
    Slack's reference shapes give them; `objects` are checked with their own shape, `lists`
    are lists of objects of theirs. A field not named is not looked at, nor is one absent."""

    fields: dict[str, tuple[type, ...]]
    objects: dict[str, Shape] = field(default_factory=dict)
    lists: dict[str, Shape] = field(default_factory=dict)

    def extended(self, fields: dict[str, tuple[type, ...]], **objects: Shape) -> Shape:
        """This shape with more fields (and shapes for some of its objects)."""
        return Shape({**self.fields, **fields}, {**self.objects, **objects}, dict(self.lists))


_OWNER = Shape({"id": _ID, "team_id": _ID_OR_NULL, "enterprise_id": _ID_OR_NULL})
# What Bolt reads to route a request and build its context (slack_bolt/request/internals.py),
# at the top of a body and again in each object it looks into: who, where, which workspace.
_ROUTED = Shape(
    {
        "user": _WHO,
        "channel": _WHO,
        "team": _WHO,
        "enterprise": _WHO,
        "user_id": _ID,
        "channel_id": _ID,
        "team_id": _ID_OR_NULL,
        "enterprise_id": _ID_OR_NULL,
        "thread_ts": _ID,
        "is_enterprise_install": (bool, str),  # a string ("true") in slash commands
        **dict.fromkeys(
            ("event", "message", "previous_message", "item", "assistant_thread"), (dict,)
        ),
        "authorizations": (list,),
        "view": (dict,),
    },
    objects={"user": _OWNER, "channel": _OWNER, "team": _OWNER, "enterprise": _OWNER},
)
for _inner in ("event", "message", "previous_message", "item", "assistant_thread"):
    _ROUTED.objects[_inner] = _ROUTED
_ROUTED.lists["authorizations"] = _ROUTED
_ROUTED.objects["view"] = Shape({"team_id": _ID_OR_NULL, "app_installed_team_id": _ID_OR_NULL})

# A message (an event, or the message a click was in) as the listeners read it.
_MESSAGE = _ROUTED.extended(
    {
        "type": _ID,
        "subtype": _ID,
        "text": _ID,
        "ts": _ID,
        "event_ts": _ID,
        "channel_type": _ID,
        "bot_id": _ID_OR_NULL,
        "bot_profile": (dict, NoneType),
    }
)
_MESSAGE = _MESSAGE.extended({}, message=_MESSAGE, previous_message=_MESSAGE)
# A clicked element as Slack echoes it: its `text` is a plain_text object, not a string.
_ACTION = Shape({"type": _ID, "action_id": _ID, "block_id": _ID, "value": _ID, "text": (dict,)})
_CONTAINER = Shape(
    {
        "type": _ID,
        "message_ts": _ID,
        "channel_id": _ID,
        "thread_ts": _ID,
        "view_id": _ID,
        "is_ephemeral": (bool,),
    }
)
# A request body: an Events API callback, a slash command's form or an interactivity payload.
_BODY = _ROUTED.extended(
    {
        "type": _ID,
        "token": _ID,
        "api_app_id": _ID,
        "context_team_id": _ID_OR_NULL,
        "context_enterprise_id": _ID_OR_NULL,
        "command": _ID,
        "text": _ID,
        "response_url": _ID,
        "trigger_id": _ID,
        "challenge": _ID,
        "ssl_check": _ID,
        "event_id": _ID,
        "is_ext_shared_channel": (bool,),
        "container": (dict,),
        "actions": (list,),
        "response_urls": (list,),
    },
    event=_MESSAGE,
    message=_MESSAGE,
    container=_CONTAINER,
)
_BODY.lists.update(actions=_ACTION, response_urls=Shape({"response_url": _ID}))
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
    _check_fields(data, _BODY, "")
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


def _check_fields(data: dict[str, Any], shape: Shape, path: str) -> None:
    for key, allowed in shape.fields.items():
        if key not in data:
            continue
        value, where = data[key], f"{path}{key}"
        if not isinstance(value, allowed):
            raise MalformedRequest(f"{where} is {_json_type(value)}, not {_names(allowed)}")
        if isinstance(value, dict) and key in shape.objects:
            _check_fields(value, shape.objects[key], f"{where}.")
        elif isinstance(value, list) and key in shape.lists:
            for i, item in enumerate(value):
                if not isinstance(item, dict):
                    raise MalformedRequest(f"{where}[{i}] is {_json_type(item)}, not an object")
                _check_fields(item, shape.lists[key], f"{where}[{i}].")


def _check_kind(data: dict[str, Any]) -> None:
    """What each kind of request must carry for Bolt and the listeners to handle it."""
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
        # A mention is answered in its channel (Bolt's say()); Slack always sends one. Messages
        # need not have one (bot_message, channel_join): the listener answers only those that do.
        if event["type"] == MENTION_EVENT and not isinstance(event.get("channel"), str):
            raise MalformedRequest(f"{MENTION_EVENT} event without a channel")
    if kind == "block_actions":
        actions = data.get("actions") or []
        if not actions or any("action_id" not in action for action in actions):
            raise MalformedRequest("block_actions without an action_id")
        if not isinstance(data.get("user"), dict) or "id" not in data["user"]:
            raise MalformedRequest("block_actions without the user who clicked")
        # A click in a modal or on the Home tab has no response_url: its answer goes by DM.
        if "response_url" in data:
            _require_url(data)

    if kind == "message_action":  # a message shortcut (handlers/add_article.py)
        if not isinstance(data.get("user"), dict) or "id" not in data["user"]:
            raise MalformedRequest("message_action without the user who chose it")
        if not isinstance(data.get("message"), dict):
            raise MalformedRequest("message_action without its message")
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
