"""Block Kit for digests (knowledge.digest): pure functions, no Slack API calls.

digest_message(digest)        # a digest for a channel, within Slack's 50 blocks
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handlers.blocks import fact_text, heading_text, source_text
from handlers.kit import MAX_BLOCKS, clean, context, fallback_text, italic, mrkdwn, section
from knowledge.answer import truncate
from knowledge.digest import Digest


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

    blocks: list[dict[str, Any]] = [section(heading_text(digest.heading()))]
    if digest.articles:
        titles = [
            italic(mrkdwn(truncate(clean(t) or clean(i), 200), 600)) for i, t in digest.articles
        ]
        blocks.append(context(titles))
    for title, items, found in sections:
        blocks.append(section(heading_text(title)))
        for item in items[:shown]:
            blocks.append(section(fact_text(item)))
            blocks.append(context([source_text(item.fact.sources, reach=True)]))
        left_out = found - min(shown, len(items))
        if left_out > 0:
            blocks.append(context([f"…and {left_out} more."]))
    return {"text": fallback_text(digest.to_text()), "blocks": blocks[:MAX_BLOCKS]}


def _digest_blocks(sections: Sequence[tuple[str, Sequence[Any], int]], shown: int) -> int:
    """How many blocks `digest_message` makes showing at most `shown` facts per section: the
    title, two per fact, and "…and N more." when any was left out."""
    count = 0
    for _, items, found in sections:
        listed = min(shown, len(items))
        count += 1 + 2 * listed + (found > listed)
    return count
