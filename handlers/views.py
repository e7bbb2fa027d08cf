"""Block Kit views (modals, the Home tab): pure functions, no Slack API calls.

    all_facts_view(answer)    # the modal "Show N more" opens in a thread or a DM
    subscribe_view(channel, team, ["Europe/Kyiv", "UTC"])   # `/ukraine subscribe` alone

A view holds at most 100 blocks and a 24-character title; a fact is two blocks (its line with
its menu, its citation), so a modal shows about 45 facts and counts the rest.
"""

from __future__ import annotations

import json
from typing import Any

from handlers.blocks import answer_parts, restate
from handlers.kit import (
    MAX_VIEW_BLOCKS,
    MAX_VIEW_TITLE_CHARS,
    context,
    header,
    plain,
    text_object,
)


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
    return modal("The whole answer", blocks)


SUBSCRIBE_CALLBACK_ID = "subscribe_modal"
_FREQUENCIES = (("daily", "Every day"), ("weekdays", "Every weekday"), ("weekly", "Once a week"))
_WEEKDAYS = (
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
)


def subscribe_view(
    channel: str,
    team: str | None,
    timezones: list[str],
    schedule: Any = None,
    enterprise: str | None = None,
) -> dict[str, Any]:
    """The modal `/ukraine subscribe` opens: how often, which day (weekly), the time, the time
    zone (the subscriber's first); `schedule` (a knowledge.schedules.Schedule) fills it in."""
    every = getattr(schedule, "every", "daily")
    frequency = every if every in ("daily", "weekdays") else "weekly"
    day = every if frequency == "weekly" else "mon"
    at = f"{getattr(schedule, 'hour', 9):02d}:{getattr(schedule, 'minute', 0):02d}"
    zones = list(dict.fromkeys([getattr(schedule, "timezone", None) or timezones[0], *timezones]))
    blocks = [
        section_text("The peace-talks digest for this channel: what came into the fact base."),
        _select_input("frequency", "How often", _FREQUENCIES, frequency),
        _select_input("day", "Which day (once a week)", _WEEKDAYS, day, optional=True),
        {
            "type": "input",
            "block_id": "time",
            "label": plain("At what time"),
            "element": {"type": "timepicker", "action_id": "time", "initial_time": at},
        },
        _select_input("timezone", "Time zone", tuple((z, z) for z in zones), zones[0]),
    ]
    return modal(
        "Digest schedule",
        blocks,
        submit=plain("Subscribe"),
        callback_id=SUBSCRIBE_CALLBACK_ID,
        private_metadata=json.dumps({"channel": channel, "team": team, "enterprise": enterprise}),
    )


def section_text(text: str) -> dict[str, Any]:
    return {"type": "section", "text": text_object(text)}


def _select_input(
    block_id: str,
    label: str,
    options: tuple[tuple[str, str], ...],
    initial: str,
    *,
    optional: bool = False,
) -> dict[str, Any]:
    choices = [{"text": plain(text), "value": value} for value, text in options]
    chosen = next((c for c in choices if c["value"] == initial), choices[0])
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": {
            "type": "static_select",
            "action_id": block_id,
            "options": choices,
            "initial_option": chosen,
        },
    }
    if optional:
        block["optional"] = True
    return block
