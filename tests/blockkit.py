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
MAX_ACCESSIBILITY_LABEL = 75
MAX_OVERFLOW_OPTIONS = 5
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_SELECT_OPTIONS = 100
MAX_VIEW_BLOCKS = 100  # a modal or the Home tab
MAX_VIEW_TITLE = 24  # a modal's title, submit and close
MAX_INPUT_LABEL = 2000
MAX_PRIVATE_METADATA = 3000
MAX_CALLBACK_ID = 255
MAX_FALLBACK_TEXT = 40_000  # chat.postMessage truncates longer text

# A date Slack formats for each reader ("<!date^1700000000^{date_short_pretty}|fallback>"): it
# notifies no one, so it is the one kind of <!…> markup allowed without being named.
_DATE_TOKEN = re.compile(r"<!date\^\d+\^[^|<>]*(?:\^[^|<>]+)?\|[^<>]+>")
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

    _check_blocks(message.get("blocks"), MAX_BLOCKS, mentions)
    for path, value in _strings(message):
        _check_no_live_mention(value, path, mentions)
        assert not _CONTROL.search(value), f"{path}: control character in {value[:80]!r}"


def check_view(view: dict[str, Any], *, mentions: Sequence[str] = ()) -> None:
    """Asserts that `view` is a modal or Home tab view Slack accepts (views.open, views.publish)
    and notifies no one."""
    encoded = json.dumps(view, ensure_ascii=False).encode("utf-8")
    assert json.loads(encoded) == view
    kind = view.get("type")
    assert kind in {"modal", "home"}, kind
    if kind == "modal":
        for key in ("title", "close", "submit"):
            if key in view or key == "title":
                assert view[key]["type"] == "plain_text", key
                _check_text(view[key], MAX_VIEW_TITLE, key, mentions)
        if any(block.get("type") == "input" for block in view.get("blocks") or []):
            assert "submit" in view, "a modal with inputs needs a submit button"
    metadata = view.get("private_metadata")
    assert metadata is None or (isinstance(metadata, str) and len(metadata) <= MAX_PRIVATE_METADATA)
    callback = view.get("callback_id")
    assert callback is None or (isinstance(callback, str) and len(callback) <= MAX_CALLBACK_ID)
    _check_blocks(view.get("blocks"), MAX_VIEW_BLOCKS, mentions, inputs=kind == "modal")
    for path, value in _strings(view):
        _check_no_live_mention(value, path, mentions)
        assert not _CONTROL.search(value), f"{path}: control character in {value[:80]!r}"


def _check_blocks(
    blocks: Any, limit: int, mentions: Sequence[str], *, inputs: bool = False
) -> None:
    """The blocks of a message (at most 50) or a view (at most 100)."""
    assert isinstance(blocks, list) and 1 <= len(blocks) <= limit, len(blocks or [])
    action_ids: list[str] = []
    for number, block in enumerate(blocks):
        where = f"blocks[{number}]"
        assert isinstance(block, dict), where
        block_id = block.get("block_id")
        assert block_id is None or (isinstance(block_id, str) and len(block_id) <= MAX_BLOCK_ID)
        kind = block.get("type")
        if kind == "section":
            _check_text(block["text"], MAX_TEXT_OBJECT, f"{where}.text", mentions)
            assert set(block) <= {"type", "text", "block_id", "accessory"}, where
            if "accessory" in block:
                action_ids.append(_check_element(block["accessory"], f"{where}.accessory"))
        elif kind == "context":
            elements = block["elements"]
            assert 1 <= len(elements) <= MAX_CONTEXT_ELEMENTS, (where, len(elements))
            for i, element in enumerate(elements):
                _check_text(element, MAX_TEXT_OBJECT, f"{where}.elements[{i}]", mentions)
        elif kind == "actions":
            elements = block["elements"]
            assert 1 <= len(elements) <= MAX_ACTIONS_ELEMENTS, (where, len(elements))
            for i, element in enumerate(elements):
                action_ids.append(_check_element(element, f"{where}.elements[{i}]"))
        elif kind == "input" and inputs:
            assert block["label"]["type"] == "plain_text", where
            _check_text(block["label"], MAX_INPUT_LABEL, f"{where}.label", mentions)
            action_ids.append(_check_element(block["element"], f"{where}.element"))
        elif kind == "image":
            assert isinstance(block.get("alt_text"), str) and 1 <= len(block["alt_text"]) <= 2000
            assert isinstance(block.get("image_url") or block.get("slack_file"), (str, dict))
        elif kind == "header":
            assert block["text"]["type"] == "plain_text", where
            _check_text(block["text"], MAX_HEADER_TEXT, f"{where}.text", mentions)
        elif kind == "divider":
            assert set(block) <= {"type", "block_id"}, where
        else:
            raise AssertionError(f"{where}: unexpected block type {kind!r}")
    assert len(action_ids) == len(set(action_ids)), f"duplicate action ids: {action_ids}"


def _check_text(obj: Any, limit: int, where: str, mentions: Sequence[str]) -> None:
    assert isinstance(obj, dict) and obj.get("type") in {"mrkdwn", "plain_text"}, where
    text = obj.get("text")
    assert isinstance(text, str) and 1 <= len(text) <= limit, (where, len(str(text)))
    assert text.strip(), f"{where}: blank text"
    if obj["type"] == "mrkdwn":
        _check_mrkdwn(text, where, mentions)


def _check_mrkdwn(text: str, where: str, mentions: Sequence[str]) -> None:
    """No markup but the allowed mentions; every & an entity, so nothing decodes into markup."""
    rest = _DATE_TOKEN.sub("", text)
    for mention in mentions:
        rest = rest.replace(mention, "")
    assert "<" not in rest and ">" not in rest, f"{where}: unescaped < or > in {text[:200]!r}"
    assert not _ENTITY.search(rest), f"{where}: bare & in {text[:200]!r}"


def _check_element(element: Any, where: str) -> str:
    """An interactive element (button, overflow, select, timepicker); its action id."""
    assert isinstance(element, dict), where
    kind = element.get("type")
    if kind == "button":
        return _check_button(element, where)
    action_id = element.get("action_id")
    assert isinstance(action_id, str) and 1 <= len(action_id) <= MAX_ACTION_ID, where
    if kind == "overflow":
        options = element["options"]
        assert 1 <= len(options) <= MAX_OVERFLOW_OPTIONS, (where, len(options))
        _check_options(options, where)
    elif kind == "static_select":
        options = element["options"]
        assert 1 <= len(options) <= MAX_SELECT_OPTIONS, (where, len(options))
        _check_options(options, where)
        if "initial_option" in element:
            assert element["initial_option"] in options, where
    elif kind == "timepicker":
        initial = element.get("initial_time")
        assert initial is None or re.fullmatch(r"(?:[01]\d|2[0-3]):[0-5]\d", initial), where
    elif kind == "plain_text_input":
        pass
    else:
        raise AssertionError(f"{where}: unexpected element type {kind!r}")
    return action_id


def _check_options(options: Sequence[Any], where: str) -> None:
    for i, option in enumerate(options):
        assert option["text"]["type"] == "plain_text", where
        text = option["text"]["text"]
        assert isinstance(text, str) and 1 <= len(text) <= MAX_OPTION_TEXT, (where, i)
        value = option["value"]
        assert isinstance(value, str) and 1 <= len(value) <= MAX_OPTION_VALUE, (where, i)


def _check_button(element: Any, where: str) -> str:
    assert isinstance(element, dict) and element.get("type") == "button", where
    label_for_screen_readers = element.get("accessibility_label")
    assert label_for_screen_readers is None or (
        isinstance(label_for_screen_readers, str)
        and 1 <= len(label_for_screen_readers) <= MAX_ACCESSIBILITY_LABEL
    ), where
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
    rest = _DATE_TOKEN.sub("", value)
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
