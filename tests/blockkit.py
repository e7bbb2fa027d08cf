"""An independent check of Slack messages: valid Block Kit within Slack's limits, no live mention.

The limits are Slack's, written out here from its Block Kit reference (blocks, text objects,
button element, chat.postMessage) rather than imported from handlers.blocks, so that the tests
check the renderer instead of agreeing with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

MAX_BLOCKS = 50
MAX_TEXT_OBJECT = 3000  # a text object (section text, context element)
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTIONS_ELEMENTS = 25
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_ACTION_VALUE = 2000
MAX_ACTION_ID = 255
MAX_BLOCK_ID = 255
MAX_FALLBACK_TEXT = 40_000  # chat.postMessage truncates longer text

# Slack parses <...> in mrkdwn (the top-level text, mrkdwn text objects) as mentions and links;
# only &amp; &lt; &gt; are its entities.
_LIVE = re.compile(r"<[!@#]")
_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")
# C0 controls other than tab and newline, DEL: not text anyone wrote on purpose.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def check_message(message: dict[str, Any], *, mentions: Sequence[str] = ()) -> None:
    """Asserts that `message` is a Block Kit message Slack accepts and notifies no one.

    `mentions` are the live mentions allowed in it (e.g. "<@U0CLICKER>" for "Shared by").
    """
    encoded = json.dumps(message, ensure_ascii=False).encode("utf-8")  # no lone surrogates
    assert json.loads(encoded) == message
    text = message.get("text")
    assert isinstance(text, str) and 1 <= len(text) <= MAX_FALLBACK_TEXT, len(str(text))
    _check_mrkdwn(text, "text", mentions)

    blocks = message.get("blocks")
    assert isinstance(blocks, list) and 1 <= len(blocks) <= MAX_BLOCKS, len(blocks or [])
    action_ids: list[str] = []
    for number, block in enumerate(blocks):
        where = f"blocks[{number}]"
        assert isinstance(block, dict), where
        block_id = block.get("block_id")
        assert block_id is None or (isinstance(block_id, str) and len(block_id) <= MAX_BLOCK_ID)
        kind = block.get("type")
        if kind == "section":
            _check_text(block["text"], MAX_TEXT_OBJECT, f"{where}.text", mentions)
            assert set(block) <= {"type", "text", "block_id"}, where
        elif kind == "context":
            elements = block["elements"]
            assert 1 <= len(elements) <= MAX_CONTEXT_ELEMENTS, (where, len(elements))
            for i, element in enumerate(elements):
                _check_text(element, MAX_TEXT_OBJECT, f"{where}.elements[{i}]", mentions)
        elif kind == "actions":
            elements = block["elements"]
            assert 1 <= len(elements) <= MAX_ACTIONS_ELEMENTS, (where, len(elements))
            for i, element in enumerate(elements):
                action_ids.append(_check_button(element, f"{where}.elements[{i}]"))
        elif kind == "header":
            assert block["text"]["type"] == "plain_text", where
            _check_text(block["text"], MAX_HEADER_TEXT, f"{where}.text", mentions)
        elif kind == "divider":
            assert set(block) <= {"type", "block_id"}, where
        else:
            raise AssertionError(f"{where}: unexpected block type {kind!r}")
    assert len(action_ids) == len(set(action_ids)), f"duplicate action ids: {action_ids}"

    for path, value in _strings(message):
        _check_no_live_mention(value, path, mentions)
        assert not _CONTROL.search(value), f"{path}: control character in {value[:80]!r}"


def _check_text(obj: Any, limit: int, where: str, mentions: Sequence[str]) -> None:
    assert isinstance(obj, dict) and obj.get("type") in {"mrkdwn", "plain_text"}, where
    text = obj.get("text")
    assert isinstance(text, str) and 1 <= len(text) <= limit, (where, len(str(text)))
    assert text.strip(), f"{where}: blank text"
    if obj["type"] == "mrkdwn":
        _check_mrkdwn(text, where, mentions)


def _check_mrkdwn(text: str, where: str, mentions: Sequence[str]) -> None:
    """No markup but the allowed mentions; every & an entity, so nothing decodes into markup."""
    rest = text
    for mention in mentions:
        rest = rest.replace(mention, "")
    assert "<" not in rest and ">" not in rest, f"{where}: unescaped < or > in {text[:200]!r}"
    assert not _ENTITY.search(rest), f"{where}: bare & in {text[:200]!r}"


def _check_button(element: Any, where: str) -> str:
    assert isinstance(element, dict) and element.get("type") == "button", where
    label = element["text"]
    assert label.get("type") == "plain_text", where
    assert isinstance(label.get("text"), str) and 1 <= len(label["text"]) <= MAX_BUTTON_TEXT, (
        where,
        len(str(label.get("text"))),
    )
    action_id = element.get("action_id")
    assert isinstance(action_id, str) and 1 <= len(action_id) <= MAX_ACTION_ID, where
    value = element.get("value")
    assert value is None or (isinstance(value, str) and 1 <= len(value) <= MAX_ACTION_VALUE), (
        where,
        len(str(value)),
    )
    assert element.get("style") in {None, "primary", "danger"}, where
    return action_id


def _check_no_live_mention(value: str, where: str, mentions: Sequence[str]) -> None:
    rest = value
    for mention in mentions:
        rest = rest.replace(mention, "")
    found = _LIVE.search(rest)
    assert found is None, f"{where}: live markup {rest[found.start() : found.start() + 40]!r}"


def _strings(payload: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    """Every string in a payload, however deep, with where it is."""
    if isinstance(payload, str):
        yield path, payload
    elif isinstance(payload, dict):
        for key, value in payload.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(payload, list):
        for i, value in enumerate(payload):
            yield from _strings(value, f"{path}[{i}]")
