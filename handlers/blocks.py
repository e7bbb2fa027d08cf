"""Block Kit messages for answers: pure functions, no Slack API calls.

    answer_message(answer, share_button=True)   # {"text": fallback, "blocks": [...]}
    digest_message(digest)                      # a digest (knowledge.digest) for a channel
    error_message("The fact base is not ready yet.")

Layout of an answer, top to bottom: the heading in bold; the notes (what a fuzzy name was
matched to) as a context line; per fact a section (names and numbers in bold) and a context
line citing its first source ("sentence" — _title_ ¶N · +N more sources); "…and N more." when
facts were left out; "You could ask:" with one button per suggestion; the "Share in channel"
button; "Shared by <@U…>".

Slack's limits hold whatever the answer holds: at most 50 blocks (facts are dropped from the
end and counted in "…and N more."), 3000 characters of section and context text (cut on a word
boundary with "…"), 10 context elements, 25 actions elements, 75 characters of button text,
2000 of button value, 4000 of fallback text.

Text from articles and users is inert: Slack markup is neutralized (`<!channel>` → "@channel")
and then `escape` turns &, < and > into entities, so nothing can ping anyone or render as a
link; the only live mention is "Shared by <@U…>", built from a checked user ID. mrkdwn emphasis
characters (* _ ~ `) in article text are left as written: Slack has no escape for them, each
piece of text sits in its own block on one line (whitespace is collapsed), so a stray one can at
worst style a few words of its own line; our own bold (names, numbers, the heading) and italics
(article titles) are applied only to spans without their own marker. Button labels are
plain_text, which Slack does not parse: they are neutralized but not entity-escaped, which
could show "&amp;" literally. Button values are data sent back to us, never shown: the
neutralized question, unescaped, so the handler asks exactly what was shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from handlers.evidence import evidence_blocks
from handlers.surface import SHARE_ACTION_ID, SUGGESTION_ACTION_PREFIX, is_user_id, mention
from knowledge.answer import Answer, AnswerFact, cite, describe_fact, neutralize_markup, truncate
from knowledge.digest import Digest
from knowledge.facts import Actor, Figure, Meeting, Quote, Role, Source, Statement

MAX_BLOCKS = 50
MAX_TEXT_CHARS = 3000
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTIONS_ELEMENTS = 25
MAX_BUTTON_TEXT_CHARS = 75
MAX_BUTTON_VALUE_CHARS = 2000
MAX_FALLBACK_CHARS = 4000

# Tighter than Slack's limits, for reading: a fact is a line, a cited sentence a sentence.
_MAX_FACT_CHARS = 1000
_MAX_SENTENCE_CHARS = 500
_MAX_TITLE_CHARS = 150
_MAX_NOTE_CHARS = 300

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape(text: str) -> str:
    """Text as mrkdwn shows it literally: & → &amp;, < → &lt;, > → &gt;."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def answer_message(
    answer: Answer, *, share_button: bool = False, shared_by: str | None = None
) -> dict[str, Any]:
    """The answer as a Slack message: `{"text": plain fallback, "blocks": [...]}`.

    With `share_button`, a primary "Share in channel" button (action `share_answer`, value the
    question); with `shared_by` (a Slack user ID), a "Shared by <@USER>" line. Suggestions are
    buttons (action `ask_suggestion:<i>`, value the suggested question) so a click asks them.
    """
    notes = [_note_text(note) for note in answer.notes]
    notes = [note for note in notes if note]
    suggestions = [s for s in (_clean(s) for s in answer.suggestions) if s]
    suggestions = suggestions[:MAX_ACTIONS_ELEMENTS]

    fixed = 1 + bool(notes) + 2 * bool(suggestions) + bool(share_button) + bool(shared_by)
    found = max(answer.total, len(answer.facts))
    shown = len(answer.facts)
    if fixed + 2 * shown + (found > shown) > MAX_BLOCKS:
        shown = (MAX_BLOCKS - fixed - 1) // 2

    blocks: list[dict[str, Any]] = [_section(_bold(_mrkdwn(_heading(answer), MAX_TEXT_CHARS - 2)))]
    if notes:
        blocks.append(_context([_mrkdwn(truncate(note, _MAX_NOTE_CHARS), 1500) for note in notes]))
    for item in answer.facts[:shown]:
        blocks.append(_section(_fact_text(item)))
        blocks.append(_context([_source_text(item.fact.sources)]))
    if found > shown:
        blocks.append(_context([f"…and {found - shown} more."]))
    blocks += evidence_blocks(answer, room=MAX_BLOCKS - len(blocks) - 4)
    if suggestions:
        blocks.append(_section("You could ask:"))
        blocks.append(
            _actions(
                [_button(s, f"{SUGGESTION_ACTION_PREFIX}{i}", s) for i, s in enumerate(suggestions)]
            )
        )
    if share_button:
        blocks.append(
            _actions([_button("Share in channel", SHARE_ACTION_ID, answer.question, primary=True)])
        )
    if shared_by:
        blocks.append(_context([f"Shared by {_mention(shared_by)}"]))
    return {"text": _fallback_text(answer.to_text()), "blocks": blocks}


def error_message(text: str) -> dict[str, Any]:
    """A plain one-section message for when something goes wrong; the text is escaped."""
    plain = neutralize_markup(text).strip() or "Something went wrong."
    return {
        "text": _fallback_text(plain),
        "blocks": [_section(_mrkdwn(plain, MAX_TEXT_CHARS))],
    }


def with_note(message: dict[str, Any], note: str) -> dict[str, Any]:
    """`message` with a context line of the bot's own words first (not escaped: `note` is ours),
    within Slack's 50 blocks."""
    first = {"type": "context", "elements": [_text_object(note[:MAX_TEXT_CHARS])]}
    return {**message, "blocks": [first, *message["blocks"]][:MAX_BLOCKS]}


def notice_message(lines: Sequence[str]) -> dict[str, Any]:
    """The bot's own sentences as one message, not escaped: for text whose only markup is
    mentions and channel links the caller built from checked IDs (`<@U…>`, `<#C…>`)."""
    text = "\n".join(lines)[:MAX_TEXT_CHARS]
    return {"text": text, "blocks": [_section(text)]}


def digest_message(digest: Digest) -> dict[str, Any]:
    """A digest as a Slack message: its heading, the new articles, then per section a title and
    per fact a section and a context line citing the new article that reported it.

    Within 50 blocks: when the sections hold more, each shows fewer facts (the rest are
    counted in its "…and N more.").
    """
    # (title, facts, how many were found): `total` counts the facts left out too.
    sections = [(s.title, s.items, max(s.total, len(s.items))) for s in digest.sections]
    if digest.is_empty and digest.state_of_play:
        play = digest.state_of_play
        sections = [("State of play, the most reported facts", play, len(play))]
    shown = max((len(items) for _, items, _ in sections), default=0)
    while shown > 1 and _digest_blocks(sections, shown) > MAX_BLOCKS - 2:
        shown -= 1

    blocks: list[dict[str, Any]] = [_section(_bold(_mrkdwn(_clean(digest.heading()), 3000)))]
    if digest.articles:
        titles = [
            _italic(_mrkdwn(truncate(_clean(t) or _clean(i), 200), 600)) for i, t in digest.articles
        ]
        blocks.append(_context(titles))
    for title, items, found in sections:
        blocks.append(_section(_bold(_mrkdwn(_clean(title), 300))))
        for item in items[:shown]:
            blocks.append(_section(_fact_text(item)))
            blocks.append(_context([_source_text(item.fact.sources, reach=True)]))
        left_out = found - min(shown, len(items))
        if left_out > 0:
            blocks.append(_context([f"…and {left_out} more."]))
    return {"text": _fallback_text(digest.to_text()), "blocks": blocks[:MAX_BLOCKS]}


def _digest_blocks(sections: Sequence[tuple[str, Sequence[Any], int]], shown: int) -> int:
    """How many blocks `digest_message` makes showing at most `shown` facts per section: the
    title, two per fact, and "…and N more." when any was left out."""
    count = 0
    for _, items, found in sections:
        listed = min(shown, len(items))
        count += 1 + 2 * listed + (found > listed)
    return count


# --- Pieces -----------------------------------------------------------------------------------


def _heading(answer: Answer) -> str:
    return _clean(answer.heading) or _clean(answer.question) or "Answer"


def _note_text(note: str) -> str:
    """A note without the parentheses `to_text` puts round it: "witkof → Steve Witkoff"."""
    text = _clean(note)
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text


def _fact_text(item: AnswerFact) -> str:
    plain = truncate(_clean(describe_fact(item)), _MAX_FACT_CHARS)
    return _mrkdwn(plain, MAX_TEXT_CHARS, _emphasis(item, plain))


def _emphasis(item: AnswerFact, plain: str) -> list[str]:
    """What to bold in a fact's line: the people in it, or a figure's number."""
    fact = item.fact
    if isinstance(fact, Meeting):
        return item.counterparts() or list(fact.participants)
    if isinstance(fact, Figure):
        return [plain.split(" — ", 1)[0]]
    if isinstance(fact, Quote | Statement):
        return [fact.speaker]
    if isinstance(fact, Role):
        return [item.actor] if item.actor else []
    if isinstance(fact, Actor):
        return [fact.name]
    return []


def _source_text(sources: Sequence[Source], *, reach: bool = False) -> str:
    """ "sentence" — title ¶N · +N more sources, for the first of a fact's sources; with
    `reach`, how many articles reported the fact when more than one did."""
    citation = cite(
        sources, title_chars=_MAX_TITLE_CHARS, sentence_chars=_MAX_SENTENCE_CHARS, clean=_clean
    )
    if citation is None:
        return "No source recorded."
    parts: list[str] = []
    if citation.sentence:
        parts.append(f'"{_mrkdwn(citation.sentence, 1500)}"')
    title = citation.title or truncate(_clean(citation.source.article_id), _MAX_TITLE_CHARS)
    label = citation.label if citation.outlet else ", ".join(
        part for part in (title, citation.date) if part
    )
    where = _mrkdwn(label, 600)
    # The article's link (render.safe_url: http(s), no spaces, no <, >, |), else in italics.
    where = f"<{_slack_url(citation.url)}|{where}>" if citation.url else _italic(where)
    if not citation.outlet:
        where += f" ¶{citation.source.paragraph}"
    parts.append(where.lstrip())
    text = " — ".join(parts)
    if citation.more:
        text += f" · {citation.more_sources}"
        if citation.also:
            text += " (also " + _mrkdwn(", ".join(citation.also), 300) + ")"
    if reach and citation.articles > 1:
        text += f" · reported by {citation.articles} articles"
    return text


def _slack_url(url: str) -> str:
    """A URL as Slack's link syntax wants it: `&`, `<`, `>` escaped (render.safe_url has
    already refused spaces, `<`, `>` and `|`)."""
    return url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mention(user_id: str) -> str:
    if is_user_id(user_id):
        return mention(user_id)
    return _mrkdwn(_clean(user_id), 200) or "someone"


def _fallback_text(plain: str) -> str:
    return _mrkdwn(_printable(neutralize_markup(plain)), MAX_FALLBACK_CHARS)


# --- Blocks -----------------------------------------------------------------------------------


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": _text_object(text)}


def _context(texts: Sequence[str]) -> dict[str, Any]:
    """A context block of mrkdwn texts; past ten, the tenth says how many were left out."""
    texts = [t for t in texts if t]
    if len(texts) > MAX_CONTEXT_ELEMENTS:
        left_out = len(texts) - (MAX_CONTEXT_ELEMENTS - 1)
        texts = [*texts[: MAX_CONTEXT_ELEMENTS - 1], f"…and {left_out} more."]
    return {"type": "context", "elements": [_text_object(t) for t in texts]}


def _text_object(text: str) -> dict[str, Any]:
    """mrkdwn, `verbatim`: Slack renders the markup we wrote and finds none of its own, so a
    neutralized "@channel" or a bare channel name in article text stays plain words."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _actions(buttons: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "actions", "elements": list(buttons[:MAX_ACTIONS_ELEMENTS])}


def _button(label: str, action_id: str, value: str, *, primary: bool = False) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": truncate(_clean(label), MAX_BUTTON_TEXT_CHARS)},
        "action_id": action_id,
    }
    data = _clean(value)[:MAX_BUTTON_VALUE_CHARS].rstrip()
    if data:
        button["value"] = data
    if primary:
        button["style"] = "primary"
    return button


# --- Text -------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Slack markup neutralized and whitespace collapsed: one plain line.

    Short texts are cached, as the same names, titles and sentences come back in answer after
    answer; a long question is not kept."""
    if len(text) > _CACHED_TEXT_CHARS:
        return _clean_now(text)
    return _clean_cached(text)


def _clean_now(text: str) -> str:
    return " ".join(_printable(neutralize_markup(text)).split())


_CACHED_TEXT_CHARS = 1000
_clean_cached = lru_cache(maxsize=8192)(_clean_now)  # at most about 8 M characters


def _printable(text: str) -> str:
    """Control characters (but tab and newline) as spaces; lone surrogates, which are not
    UTF-8 and come only from JSON escapes such as "\\ud800", as U+FFFD."""
    text = _CONTROL_RE.sub(" ", text)
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _mrkdwn(plain: str, limit: int, emphasis: Sequence[str] = ()) -> str:
    """Plain text as escaped mrkdwn of at most `limit` characters, `emphasis` names in bold.

    Escaping lengthens text, so the plain text is cut until its escaped form fits; cutting
    the plain text, never the escaped one, keeps every entity whole.
    """
    budget = limit
    while True:
        text = truncate(plain, budget)
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
    for name in sorted({_clean(n) for n in names}, key=len, reverse=True):
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


def _bold(text: str) -> str:
    return _wrap(text, "*")


def _italic(text: str) -> str:
    return _wrap(text, "_")


def _wrap(text: str, marker: str) -> str:
    """`text` between mrkdwn markers, unless its own marker would end the style early."""
    if not text or marker in text or text != text.strip():
        return text
    return f"{marker}{text}{marker}"
