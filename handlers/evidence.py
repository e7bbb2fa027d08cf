"""Block Kit for an answer's evidence: the cited article sentences after its facts.

`evidence_blocks` is called by `handlers.blocks.answer_message`; a pure function like the rest
of Block Kit here. Per sentence a section (its answer part in bold) and a context line citing
it (`render.cite`: the outlet and date linked to the article, else _title, date_ ¶N). Sentence
text is article text: neutralized and entity-escaped as every other text
(`handlers.blocks.escape`), and bold only where the answer path marked it, never across a "*"
of its own.
"""

from __future__ import annotations

from typing import Any

from knowledge.answer import Answer, Evidence, cite, neutralize_markup, truncate
from knowledge.answer.model import EVIDENCE_HEADING

MAX_EVIDENCE_CHARS = 700
_MAX_TITLE_CHARS = 150


def evidence_blocks(answer: Answer, room: int) -> list[dict[str, Any]]:
    """The answer's evidence as at most `room` blocks: a heading when facts come before it,
    then a section and a context line per sentence."""
    if not answer.evidence or room < 2:
        return []
    blocks: list[dict[str, Any]] = []
    if answer.facts:
        blocks.append(_mrkdwn_block("context", f"*{EVIDENCE_HEADING}*"))
    for item in answer.evidence:
        if len(blocks) + 2 > room:
            break
        blocks.append(_mrkdwn_block("section", _sentence_mrkdwn(item)))
        blocks.append(_mrkdwn_block("context", _citation_mrkdwn(item)))
    return blocks


def _sentence_mrkdwn(item: Evidence) -> str:
    """The sentence escaped, its bold ranges between "*"; cut to `MAX_EVIDENCE_CHARS`."""
    from handlers.blocks import escape  # blocks imports this module

    text = item.sentence.text
    parts: list[str] = []
    position = 0
    glosses = dict(item.glosses)
    for start, end in item.bold:
        bold = text[start:end]
        edges = text[max(0, start - 1) : start] + text[end : end + 1]
        if start < position or "*" in bold + edges or bold != bold.strip() or not bold:
            continue  # its own "*" next to ours would end or double the bold
        parts.append(escape(_inert(text[position:start])))
        parts.append(f"*{escape(_inert(bold))}*")
        if end in glosses:
            parts.append(f" ({escape(glosses[end])})")  # "on *Saturday* (27 December 2025)"
        position = end
    parts.append(escape(_inert(text[position:])))
    rendered = "".join(parts)
    if len(rendered) > MAX_EVIDENCE_CHARS:
        # Cut on the plain text, so neither an entity nor a bold span is left open.
        rendered = escape(truncate(_inert(text), MAX_EVIDENCE_CHARS // 2))
    return rendered


def _citation_mrkdwn(item: Evidence) -> str:
    """ "_Title_ article ¶N"."""
    from handlers.blocks import escape

    citation = cite([item.sentence.source], title_chars=_MAX_TITLE_CHARS, clean=_plain)
    assert citation is not None
    label = escape(citation.label)
    if citation.url:  # render.safe_url: http(s), no spaces, <, > or |
        return f"<{citation.url.replace('&', '&amp;')}|{label}>"
    title_part = f"_{label}_" if label and "_" not in label else label
    return f"{title_part} {escape(citation.locator)}".strip()


def _plain(text: str) -> str:
    return " ".join(_inert(text).split())


def _inert(text: str) -> str:
    """Article text with Slack markup neutralized (no mention or link can come alive)."""
    return neutralize_markup(text).replace("\n", " ")


def _mrkdwn_block(kind: str, text: str) -> dict[str, Any]:
    element = {"type": "mrkdwn", "text": text}
    if kind == "context":
        return {"type": "context", "elements": [element]}
    return {"type": "section", "text": element}
