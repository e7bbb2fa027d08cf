"""`/ukraine subscribe | unsubscribe | subscription | digest`: a channel's digest, by hand.

Not a listener: the slash command (handlers/slash_command.py) hands these words here. Each
function returns the Slack message to show and whether everyone in the channel should see it
(a schedule change concerns them all; a preview or a mistake only the person who typed it).

    /ukraine subscribe daily 09:00 | weekdays 08:30 | weekly mon 09:00 [Europe/Kyiv]
    /ukraine subscribe 9am | every weekday at 9 | every morning at 9
    /ukraine subscribe            (alone: a modal, handlers/subscribe_modal.py)
    /ukraine unsubscribe
    /ukraine subscription
    /ukraine digest

A schedule without a time zone is in the subscriber's own (users.info), else DIGEST_TIMEZONE.
The confirmation is posted in the channel at once, as the bot, so a channel the bot is not in
is reported then, not at the first digest. Only whoever subscribed the channel, a workspace
admin or owner, or a user in DIGEST_ADMINS may replace or remove its schedule.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.blocks import error_message, notice_message
from handlers.deps import SLACK_ERROR_HINTS, Deps, slack_error
from handlers.digest_blocks import digest_message
from handlers.surface import COMMAND, enterprise_of, is_conversation_id, is_user_id, mention
from knowledge.digest import compose_digest
from knowledge.schedules import EXAMPLES, Schedule, ScheduleError, parse_schedule
from knowledge.store import SCHEDULE_OFF, Subscription

COMMANDS = ("subscribe", "unsubscribe", "subscription", "digest")
log = logging.getLogger(__name__)


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


def handle(
    deps: Deps, name: str, rest: str, command: dict[str, Any], client: WebClient | None = None
) -> Reply:
    """The reply to `/ukraine NAME REST` typed in the channel of `command` (a slash payload);
    `client` (the Web API) reads the subscriber's time zone and role and posts confirmations."""
    channel = str(command.get("channel_id") or "")
    user = str(command.get("user_id") or "")
    team = str(command.get("team_id") or "") or None
    enterprise = enterprise_of(command)
    if not is_conversation_id(channel):
        return Reply(error_message("I could not tell which channel this is. Please try again."))
    if name == "subscribe":
        return subscribe(deps, channel, user, team, rest, client, enterprise=enterprise)
    if rest.strip():
        return Reply(error_message(f"`{COMMAND} {name}` takes nothing after it."))
    if name == "unsubscribe":
        refused = refusal(deps, client, channel, user)
        if refused:
            return Reply(notice_message([refused]))
        return unsubscribe(deps, channel, user, team, enterprise=enterprise)
    if name == "subscription":
        return subscription(deps, channel)
    return digest_now(deps, channel)


def subscribe(
    deps: Deps,
    channel: str,
    user: str,
    team: str | None,
    rest: str,
    client: WebClient | None = None,
    *,
    enterprise: str | None = None,
) -> Reply:
    if not rest.strip():
        return Reply(error_message(f"When should the digest come? For example: {EXAMPLES}."))
    try:
        schedule = parse_schedule(rest, default_timezone=user_timezone(deps, client, user))
    except ScheduleError as error:
        return Reply(error_message(str(error)))
    refused = refusal(deps, client, channel, user)
    if refused:
        return Reply(notice_message([refused]))
    return save_schedule(deps, client, channel, user, team, schedule, enterprise=enterprise)


def save_schedule(
    deps: Deps,
    client: WebClient | None,
    channel: str,
    user: str,
    team: str | None,
    schedule: Schedule,
    *,
    enterprise: str | None = None,
) -> Reply:
    """Stores `schedule` for `channel` and tells the channel: posted by the bot at once when a
    Web API `client` is given (so a channel it is not in is reported now), else as the
    command's public reply. `team` and `enterprise` (an Enterprise Grid organization) say
    whose installation posts its digests."""
    deps.store.subscribe(
        channel,
        schedule.text(),
        subscribed_by=_user(user),
        team_id=team,
        enterprise_id=enterprise,
    )
    following = schedule.next_after(deps.clock())
    lines = [
        f"{_who(user)} subscribed this channel to the peace-talks digest, {schedule.describe()}.",
        f"The first one comes {_when(following, schedule.timezone)}, covering the news since "
        "the slot before; each one after covers what came in since the last.",
        f"`{COMMAND} unsubscribe` stops it.",
    ]
    if client is None:
        return Reply(notice_message(lines), public=True)
    try:
        client.chat_postMessage(channel=channel, **notice_message(lines))
    except SlackApiError as error:
        code = slack_error(error)
        log.warning("the subscription of %s could not be confirmed there: %s", channel, code)
        hint = SLACK_ERROR_HINTS.get(code, f"Slack refused my post ({code}).")
        return Reply(
            notice_message(
                [
                    f"The schedule is saved ({schedule.describe()}), but I cannot post in this "
                    f"channel. {hint} Until then no digest can come here."
                ]
            )
        )
    return Reply(notice_message([f"Done: the digest comes {schedule.describe()}."]))


def user_timezone(deps: Deps, client: WebClient | None, user: str) -> str:
    """The subscriber's time zone as Slack knows it (users.info), else DIGEST_TIMEZONE."""
    found = _user_info(client, user)
    timezone = str(found.get("tz") or "")
    try:
        parse_schedule("daily 09:00", default_timezone=timezone)
    except ScheduleError:
        return deps.timezone
    return timezone if timezone else deps.timezone


def refusal(
    deps: Deps, client: WebClient | None, channel: str, user: str, *, live: bool = True
) -> str | None:
    """Why `user` may not replace or remove `channel`'s schedule; None when they may: no
    schedule yet, they set it, they are in DIGEST_ADMINS, or a workspace admin or owner."""
    current = deps.store.subscription(channel)
    if current is None or current.is_off or (user and current.subscribed_by == user):
        return None
    if user in deps.schedule_admins:
        return None
    found = _user_info(client, user)
    if found.get("is_admin") or found.get("is_owner"):
        return None
    owner = ""
    if current.subscribed_by:
        owner = f"{_who(current.subscribed_by)} (who subscribed it)" if live else "its subscriber"
    who = ", ".join(x for x in (owner, "a workspace admin") if x)
    return f"Only {who} or someone in DIGEST_ADMINS can change this channel's digest schedule."


def _user_info(client: WebClient | None, user: str) -> dict[str, Any]:
    """users.info's `user` (time zone, admin), or {} without a client or when it fails."""
    if client is None or not is_user_id(user):
        return {}
    try:
        found = client.users_info(user=user).get("user")
    except SlackApiError as error:
        log.warning("users.info for %s failed: %s", user, slack_error(error))
        return {}
    return found if isinstance(found, dict) else {}


def unsubscribe(
    deps: Deps, channel: str, user: str, team: str | None, *, enterprise: str | None = None
) -> Reply:
    current = deps.store.subscription(channel)
    if current is None or current.is_off:
        return Reply(error_message("This channel has no digest subscription."))
    if channel in deps.default_channels:
        # Keep a row saying "off", so the settings' default does not come back at restart.
        deps.store.subscribe(
            channel, SCHEDULE_OFF, subscribed_by=_user(user), team_id=team, enterprise_id=enterprise
        )
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
