"""Block Kit pieces every message is built of: pure functions within Slack's limits, text inert.

Text from articles and users is inert: Slack markup is neutralized (`<!channel>` → "@channel")
and then `escape` turns &, < and > into entities, so nothing can ping anyone or render as a
link. mrkdwn emphasis characters (* _ ~ `) in article text are left as written: Slack has no
escape for them, each piece of text sits in its own block on one line (whitespace is
collapsed), so a stray one can at worst style a few words of its own line; our own bold and
italics are applied only to spans without their own marker. Button labels and headers are
plain_text, which Slack does not parse: they are neutralized but not entity-escaped. Button
values are data sent back to us, never shown.

Slack's limits are named constants here; handlers/blocks.py (answers), handlers/digest_blocks.py
(digests), handlers/views.py (modals, the Home tab) build on these pieces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from knowledge.answer import neutralize_markup, truncate

MAX_BLOCKS = 50
MAX_VIEW_BLOCKS = 100  # a modal or the Home tab
MAX_TEXT_CHARS = 3000
MAX_HEADER_CHARS = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTIONS_ELEMENTS = 25
MAX_BUTTON_TEXT_CHARS = 75
MAX_BUTTON_VALUE_CHARS = 2000
MAX_ACCESSIBILITY_LABEL_CHARS = 75
MAX_OVERFLOW_OPTIONS = 5
MAX_OPTION_TEXT_CHARS = 75
MAX_OPTION_VALUE_CHARS = 150
MAX_VIEW_TITLE_CHARS = 24
MAX_FALLBACK_CHARS = 4000

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape(text: str) -> str:
    """Text as mrkdwn shows it literally: & → &amp;, < → &lt;, > → &gt;."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- Blocks -----------------------------------------------------------------------------------


def section(text: str, accessory: dict[str, Any] | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": text_object(text)}
    if accessory is not None:
        block["accessory"] = accessory
    return block


def header(plain: str) -> dict[str, Any]:
    """A header block: `plain` cleaned and cut to Slack's 150 characters (plain_text)."""
    text = truncate(clean(plain), MAX_HEADER_CHARS) or "Answer"
    return {"type": "header", "text": {"type": "plain_text", "text": text}}


def context(texts: Sequence[str]) -> dict[str, Any]:
    """A context block of mrkdwn texts; past ten, the tenth says how many were left out."""
    texts = [t for t in texts if t]
    if len(texts) > MAX_CONTEXT_ELEMENTS:
        left_out = len(texts) - (MAX_CONTEXT_ELEMENTS - 1)
        texts = [*texts[: MAX_CONTEXT_ELEMENTS - 1], f"…and {left_out} more."]
    return {"type": "context", "elements": [text_object(t) for t in texts]}


def text_object(text: str) -> dict[str, Any]:
    """mrkdwn, `verbatim`: Slack renders the markup we wrote and finds none of its own, so a
    neutralized "@channel" or a bare channel name in article text stays plain words."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def plain(text: str, limit: int = MAX_BUTTON_TEXT_CHARS) -> dict[str, Any]:
    """A plain_text object of at most `limit` characters."""
    return {"type": "plain_text", "text": truncate(clean(text), limit) or "…"}


def actions(buttons: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "actions", "elements": list(buttons[:MAX_ACTIONS_ELEMENTS])}


def button(
    label: str,
    action_id: str,
    value: str,
    *,
    primary: bool = False,
    accessibility: str | None = None,
) -> dict[str, Any]:
    """A button; `accessibility` is what a screen reader says for it (the label otherwise)."""
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(label),
        "action_id": action_id,
    }
    data = clean(value)[:MAX_BUTTON_VALUE_CHARS].rstrip()
    if data:
        element["value"] = data
    if primary:
        element["style"] = "primary"
    spoken = truncate(clean(accessibility or label), MAX_ACCESSIBILITY_LABEL_CHARS)
    if spoken:
        element["accessibility_label"] = spoken
    return element


def overflow(action_id: str, options: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """An overflow menu ("⋯") of (label, value) options, at most five."""
    return {
        "type": "overflow",
        "action_id": action_id,
        "options": [
            {"text": plain(label, MAX_OPTION_TEXT_CHARS), "value": value[:MAX_OPTION_VALUE_CHARS]}
            for label, value in options[:MAX_OVERFLOW_OPTIONS]
        ],
    }


# --- Text -------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """Slack markup neutralized and whitespace collapsed: one plain line.

    Short texts are cached, as the same names, titles and sentences come back in answer after
    answer; a long question is not kept."""
    if len(text) > _CACHED_TEXT_CHARS:
        return _clean_now(text)
    return _clean_cached(text)


def _clean_now(text: str) -> str:
    return " ".join(printable(neutralize_markup(text)).split())


_CACHED_TEXT_CHARS = 1000
_clean_cached = lru_cache(maxsize=8192)(_clean_now)  # at most about 8 M characters


def printable(text: str) -> str:
    """Control characters (but tab and newline) as spaces; lone surrogates, which are not
    UTF-8 and come only from JSON escapes such as "\\ud800", as U+FFFD."""
    text = _CONTROL_RE.sub(" ", text)
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def fallback_text(plain_text: str) -> str:
    """The message's top-level `text`: what notifications and screen readers show."""
    return mrkdwn(printable(neutralize_markup(plain_text)), MAX_FALLBACK_CHARS) or "…"


def mrkdwn(plain_text: str, limit: int, emphasis: Sequence[str] = ()) -> str:
    """Plain text as escaped mrkdwn of at most `limit` characters, `emphasis` names in bold.

    Escaping lengthens text, so the plain text is cut until its escaped form fits; cutting
    the plain text, never the escaped one, keeps every entity whole.
    """
    budget = limit
    while True:
        text = truncate(plain_text, budget)
        rendered = _emphasise(text, emphasis)
        if len(rendered) <= limit:
            return rendered
        budget = max(1, budget - (len(rendered) - limit))


@lru_cache(maxsize=4096)
def _whole_word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def _emphasise(text: str, names: Sequence[str]) -> str:
    """`text` escaped, with the first whole-word occurrence of each name in bold.

    A name holding "*" is left plain: its own asterisk would end the bold early.
    """
    spans: list[tuple[int, int]] = []
    for name in sorted({clean(n) for n in names}, key=len, reverse=True):
        if not name or "*" in name:
            continue
        match = _whole_word(name).search(text)
        if match and not any(s < match.end() and match.start() < e for s, e in spans):
            spans.append(match.span())
    parts: list[str] = []
    position = 0
    for start, end in sorted(spans):
        parts.append(escape(text[position:start]))
        parts.append(f"*{escape(text[start:end])}*")
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def bold(text: str) -> str:
    return _wrap(text, "*")


def italic(text: str) -> str:
    return _wrap(text, "_")


def _wrap(text: str, marker: str) -> str:
    """`text` between mrkdwn markers, unless its own marker would end the style early."""
    if not text or marker in text or text != text.strip():
        return text
    return f"{marker}{text}{marker}"
