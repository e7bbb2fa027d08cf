"""The Home tab's content (a pure function of the store and the user) and its cache.

What the base holds (articles, the dates they were ingested over, the last ingest, facts of each
kind), six example questions as buttons (the suggestion buttons: a click answers by DM), the
latest digest's headline, and the user's own digest subscriptions with Edit and Unsubscribe.
The part everyone sees is built once per fact-base revision (the store's `revision()`), not
at every open: opening the tab costs one revision read, one subscription read and one
views.publish.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from handlers.deps import Deps
from handlers.kit import MAX_VIEW_BLOCKS, actions, button, context, header, section
from handlers.surface import (
    HOME_EDIT_ACTION_ID,
    HOME_UNSUBSCRIBE_ACTION_ID,
    SUGGESTION_ACTION_PREFIX,
    is_channel_id,
)
from knowledge.answer import index_for, suggest_questions
from knowledge.digest import compose_digest
from knowledge.schedules import ScheduleError, parse_schedule

EXAMPLES = 6
_lock = threading.Lock()
_cache: dict[int, tuple[str, list[dict[str, Any]]]] = {}  # id(store) -> (revision, blocks)


def home_view(deps: Deps, user: str) -> dict[str, Any]:
    """The Home tab of `user`: the shared part (cached per revision) and their subscriptions."""
    blocks = [*shared_blocks(deps), *_subscription_blocks(deps, user)]
    return {"type": "home", "blocks": blocks[:MAX_VIEW_BLOCKS]}


def shared_blocks(deps: Deps) -> list[dict[str, Any]]:
    """What everyone's Home tab shows, rebuilt when the fact base's revision changes."""
    revision = deps.store.revision()
    key = id(deps.store)
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == revision:
            return cached[1]
    blocks = _build_shared(deps)
    with _lock:
        _cache[key] = (revision, blocks)
    return blocks


def _build_shared(deps: Deps) -> list[dict[str, Any]]:
    stats = deps.store.stats()
    ingested = deps.store.articles_between(None)
    blocks: list[dict[str, Any]] = [header("The peace-talks fact base")]
    held = (
        f"{stats['articles']} articles: {stats['actors']} people and groups, "
        f"{stats['meetings']} meetings, {stats['figures']} figures, "
        f"{stats['quotes'] + stats['statements']} quotes and statements, each cited."
    )
    blocks.append(section(held))
    if ingested:
        first, last = ingested[0][2], ingested[-1][2]
        blocks.append(
            context(
                [
                    f"Ingested {first:%d %b %Y} to {last:%d %b %Y} · "
                    f"last ingest {last:%d %b %Y %H:%M} UTC"
                ]
            )
        )
    facts = deps.facts()
    examples = suggest_questions(index_for(facts), EXAMPLES) if facts.actors else []
    if examples:
        blocks.append(section("*Try asking*"))
        blocks.append(
            actions(
                [
                    button(q, f"{SUGGESTION_ACTION_PREFIX}{i}", q, accessibility=f"Ask: {q}")
                    for i, q in enumerate(examples)
                ]
            )
        )
    now = deps.clock()
    digest = compose_digest(deps.store, now - timedelta(hours=24), now, facts=facts)
    blocks.append(section(f"*Latest digest*: {_escape(digest.heading())}"))
    return blocks


def _subscription_blocks(deps: Deps, user: str) -> list[dict[str, Any]]:
    """The user's own subscriptions, each with Edit and Unsubscribe."""
    mine = [
        s
        for s in deps.store.subscriptions()
        if s.subscribed_by == user and not s.is_off and is_channel_id(s.channel)
    ]
    blocks: list[dict[str, Any]] = [section("*Your digest subscriptions*")]
    if not mine:
        blocks.append(context(["None yet: `/ukraine subscribe` in a channel starts one."]))
    for subscription in mine[: (MAX_VIEW_BLOCKS - 20) // 2]:
        try:
            described = parse_schedule(subscription.schedule, deps.timezone).describe()
        except ScheduleError:
            described = "on a schedule that cannot be read"
        blocks.append(section(f"<#{subscription.channel}>: {described}"))
        blocks.append(
            actions(
                [
                    button(
                        "Edit",
                        f"{HOME_EDIT_ACTION_ID}:{subscription.channel}",
                        subscription.channel,
                        accessibility="Change this channel's digest schedule",
                    ),
                    button(
                        "Unsubscribe",
                        f"{HOME_UNSUBSCRIBE_ACTION_ID}:{subscription.channel}",
                        subscription.channel,
                        accessibility="Stop this channel's digest",
                    ),
                ]
            )
        )
    return blocks


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
