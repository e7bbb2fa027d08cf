"""Block Kit for digests (knowledge.digest): pure functions, no Slack API calls.

digest_message(digest)        # a digest for a channel, within Slack's 50 blocks
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from handlers.blocks import fact_text, heading_text, source_text
from handlers.kit import (
    MAX_BLOCKS,
    clean,
    context,
    fallback_text,
    header,
    italic,
    mrkdwn,
    section,
)
from knowledge.answer import AnswerFact, describe_fact, truncate
from knowledge.digest import Digest

MAX_SUMMARY_BLOCKS = 12
SUMMARY_FACTS = 5  # the most reported new facts on the channel post (3 to 5 when there are)


def digest_summary(digest: Digest) -> dict[str, Any]:
    """The digest's channel post: header, period, the most reported new facts, counts."""
    if digest.is_empty:
        line = clean(digest.heading())
        return {"text": fallback_text(line), "blocks": [section(mrkdwn(line, 3000))]}
    count = len(digest.articles)
    articles = f"{count} new article{'s' if count != 1 else ''}"
    blocks: list[dict[str, Any]] = [
        header("Peace-talks digest"),
        section(f"{_period(digest.since, digest.until)} · {articles}"),
    ]
    lines = [f"Peace-talks digest: {articles}"]
    for item in top_items(digest):
        citation = source_text(item.fact.sources, reach=True, sentence=False)
        blocks.append(section(f"{fact_text(item)}\n{citation}"))
        lines.append(f"• {clean(describe_fact(item))}")
    counts = [f"{clean(s.title)}: {max(s.total, len(s.items))}" for s in digest.sections]
    blocks.append(context([mrkdwn(" · ".join(counts), 3000), "The full digest is in the thread."]))
    lines.append(" · ".join(counts))
    return {"text": fallback_text("\n".join(lines)), "blocks": blocks[:MAX_SUMMARY_BLOCKS]}


def top_items(digest: Digest, limit: int = SUMMARY_FACTS) -> list[AnswerFact]:
    """The new facts reported by the most articles (then by more sources), each once."""
    items = [item for s in digest.sections for item in s.items]

    def reach(item: AnswerFact) -> tuple[int, int]:
        sources = item.fact.sources
        return (-len({source.article_id for source in sources}), -len(sources))

    ranked = sorted(enumerate(items), key=lambda pair: (*reach(pair[1]), pair[0]))
    return [item for _, item in ranked[:limit]]


def _period(since: datetime | None, until: datetime) -> str:
    """ "*<!date^…|…>* to *<!date^…|…>*": Slack shows each reader their own time zone; the
    text after "|" is what clients that cannot format dates show."""
    end = _date_token(until)
    return f"{_date_token(since)} to {end}" if since else f"Up to {end}"


def _date_token(moment: datetime) -> str:
    fallback = moment.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


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
