"""Block Kit views (modals, the Home tab): pure functions, no Slack API calls.

    all_facts_view(answer)    # the modal "Show N more" opens in a thread or a DM

A view holds at most 100 blocks and a 24-character title; a fact is two blocks (its line with
its menu, its citation), so a modal shows about 45 facts and counts the rest.
"""

from __future__ import annotations

from typing import Any

from handlers.blocks import answer_parts, restate
from handlers.kit import MAX_VIEW_BLOCKS, MAX_VIEW_TITLE_CHARS, context, header, plain


def modal(title: str, blocks: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A modal view: `title` cut to 24 characters, a Close button, at most 100 blocks."""
    return {
        "type": "modal",
        "title": plain(title, MAX_VIEW_TITLE_CHARS),
        "close": plain("Close"),
        "blocks": blocks[:MAX_VIEW_BLOCKS],
        **extra,
    }


def all_facts_view(answer: Any) -> dict[str, Any]:
    """Every fact of `answer` (an `Answer`) in a modal, under a header restating the question."""
    parts = answer_parts(answer)
    found = max(answer.total, len(answer.facts)) + (len(parts) - len(answer.facts))
    blocks: list[dict[str, Any]] = [header(restate(answer))]
    shown = 0
    for part in parts:
        if len(blocks) + len(part.blocks) > MAX_VIEW_BLOCKS - 1:
            break
        blocks.extend(part.blocks)
        shown += 1
    if found > shown:
        blocks.append(context([f"…and {found - shown} more not shown."]))
    return modal(f"All {shown} facts" if shown else "Answer", blocks)
