"""`/ukraine subscribe | unsubscribe | subscription | digest`: a channel's digest, by hand.

Not a listener: the slash command (handlers/slash_command.py) hands these words here. Each
function returns the Slack message to show and whether everyone in the channel should see it
(a schedule change concerns them all; a preview or a mistake only the person who typed it).

    /ukraine subscribe daily 09:00 | weekdays 08:30 | weekly mon 09:00 [Europe/Kyiv]
    /ukraine unsubscribe
    /ukraine subscription
    /ukraine digest
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from handlers.blocks import error_message, notice_message
from handlers.deps import Deps
from handlers.digest_blocks import digest_message
from handlers.surface import COMMAND, is_conversation_id, is_user_id, mention
from knowledge.digest import compose_digest
from knowledge.schedules import EXAMPLES, ScheduleError, parse_schedule
from knowledge.store import SCHEDULE_OFF, Subscription

COMMANDS = ("subscribe", "unsubscribe", "subscription", "digest")


@dataclass(frozen=True)
class Reply:
    """A message for the channel (`public`) or for the person who typed the command."""

    message: dict[str, Any]
    public: bool = False


def command_of(text: str) -> tuple[str, str] | None:
    """("subscribe", "daily 09:00") for "subscribe daily 09:00"; None for a question."""
    words = text.strip().split(maxsplit=1)
    if not words or words[0].lower() not in COMMANDS:
        return None
    return words[0].lower(), words[1] if len(words) > 1 else ""


def handle(deps: Deps, name: str, rest: str, command: dict[str, Any]) -> Reply:
    """The reply to `/ukraine NAME REST` typed in the channel of `command` (a slash payload)."""
    channel = str(command.get("channel_id") or "")
    user = str(command.get("user_id") or "")
    team = str(command.get("team_id") or "") or None
    if not is_conversation_id(channel):
        return Reply(error_message("I could not tell which channel this is. Please try again."))
    if name == "subscribe":
        return subscribe(deps, channel, user, team, rest)
    if rest.strip():
        return Reply(error_message(f"`{COMMAND} {name}` takes nothing after it."))
    if name == "unsubscribe":
        return unsubscribe(deps, channel, user, team)
    if name == "subscription":
        return subscription(deps, channel)
    return digest_now(deps, channel)


def subscribe(deps: Deps, channel: str, user: str, team: str | None, rest: str) -> Reply:
    if not rest.strip():
        return Reply(error_message(f"When should the digest come? For example: {EXAMPLES}."))
    try:
        schedule = parse_schedule(rest, default_timezone=deps.timezone)
    except ScheduleError as error:
        return Reply(error_message(str(error)))
    deps.store.subscribe(channel, schedule.text(), subscribed_by=_user(user), team_id=team)
    following = schedule.next_after(deps.clock())
    lines = [
        f"{_who(user)} subscribed this channel to the peace-talks digest, {schedule.describe()}.",
        f"The first one comes {_when(following, schedule.timezone)}, covering the news since "
        "the slot before; each one after covers what came in since the last.",
        "I post it as ukraine-bot, so I need to be in the channel: `/invite @ukraine-bot`. "
        f"`{COMMAND} unsubscribe` stops it.",
    ]
    return Reply(notice_message(lines), public=True)


def unsubscribe(deps: Deps, channel: str, user: str, team: str | None) -> Reply:
    current = deps.store.subscription(channel)
    if current is None or current.is_off:
        return Reply(error_message("This channel has no digest subscription."))
    if channel in deps.default_channels:
        # Keep a row saying "off", so the settings' default does not come back at restart.
        deps.store.subscribe(channel, SCHEDULE_OFF, subscribed_by=_user(user), team_id=team)
    else:
        deps.store.unsubscribe(channel)
    return Reply(
        notice_message([f"{_who(user)} turned off the peace-talks digest in this channel."]),
        public=True,
    )


def subscription(deps: Deps, channel: str) -> Reply:
    current = deps.store.subscription(channel)
    if current is None or current.is_off:
        return Reply(
            notice_message(
                [
                    "This channel gets no digest.",
                    f"`{COMMAND} subscribe daily 09:00` starts one ({EXAMPLES}).",
                ]
            )
        )
    return Reply(notice_message(_describe(deps, current)))


def digest_now(deps: Deps, channel: str) -> Reply:
    """The digest the channel would get now: since its last one, or the last 24 hours."""
    now = deps.clock()
    current = deps.store.subscription(channel)
    since = (current.posted_until if current else None) or now - timedelta(hours=24)
    digest = compose_digest(deps.store, since, now, facts=deps.facts())
    return Reply(digest_message(digest))


def _describe(deps: Deps, current: Subscription) -> list[str]:
    try:
        schedule = parse_schedule(current.schedule, default_timezone=deps.timezone)
    except ScheduleError:
        return [f"This channel's digest schedule cannot be read ({current.schedule!r}).", ""]
    who = (
        f"subscribed by {_who(current.subscribed_by)}"
        if current.subscribed_by
        else "set in the bot's settings (DIGEST_CHANNELS)"
    )
    lines = [f"This channel gets the peace-talks digest {schedule.describe()}, {who}."]
    if current.failing_since is not None:
        lines.append(
            f"It is paused: Slack refused the last post (`{current.failure}`). Invite me "
            "(`/invite @ukraine-bot`) and subscribe again to resume."
        )
        return lines
    if current.posted_until is not None:
        lines.append(
            f"The last one covered the news up to {_when(current.posted_until, schedule.timezone)}."
        )
    following = schedule.next_after(deps.clock())
    lines.append(f"The next one comes {_when(following, schedule.timezone)}.")
    return lines


def _user(user: str) -> str | None:
    return user if is_user_id(user) else None


def _who(user: str | None) -> str:
    return mention(user) if user and is_user_id(user) else "Someone"


def _when(moment: datetime | None, timezone: str) -> str:
    if moment is None:
        return "never (the schedule does not fire within a year)"
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(timezone))
    return local.strftime("%a %d %b %Y at %H:%M ") + timezone
