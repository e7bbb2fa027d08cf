"""The schedule modal of `/ukraine subscribe` (alone): opened by the slash command, submitted
here. The subscriber's time zone (users.info) is offered first; the schedule is checked and
saved as the typed command would save it (handlers/subscriptions.py), the same people allowed,
and a refusal is shown in the modal next to the field it is about."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers import subscriptions
from handlers.deps import Deps, slack_error
from handlers.surface import clicker, enterprise_of, is_channel_id, is_conversation_id
from handlers.views import SUBSCRIBE_CALLBACK_ID, subscribe_view
from knowledge.schedules import ScheduleError, parse_schedule


def open_modal(client: WebClient, deps: Deps, command: dict[str, Any]) -> str | None:
    """Opens the modal for the channel of `command`; why not (words for the asker) or None."""
    channel = str(command.get("channel_id") or "")
    user = str(command.get("user_id") or "")
    team = str(command.get("team_id") or "") or None
    enterprise = enterprise_of(command)
    if not is_conversation_id(channel):
        return "I could not tell which channel this is. Please try again."
    zones = [subscriptions.user_timezone(deps, client, user), deps.timezone, "UTC"]
    current = deps.store.subscription(channel)
    schedule = None
    if current is not None and not current.is_off:
        try:
            schedule = parse_schedule(current.schedule, default_timezone=deps.timezone)
        except ScheduleError:
            schedule = None
    if schedule is not None and schedule.crontab is not None:
        schedule = None  # a crontab does not fit the modal's fields: start afresh
    view = subscribe_view(channel, team, list(dict.fromkeys(zones)), schedule, enterprise)
    try:
        client.views_open(trigger_id=str(command.get("trigger_id") or ""), view=view)
    except SlackApiError as error:
        return f"I could not open the schedule form ({slack_error(error)}): type it instead, " + (
            "for example `/ukraine subscribe every weekday at 9`."
        )
    return None


def submitted(
    ack: Ack, body: dict[str, Any], client: WebClient, logger: logging.Logger, deps: Deps
) -> None:
    """The modal's Subscribe: the schedule saved and confirmed in the channel, or the modal
    kept open with what is wrong."""
    view = body.get("view") or {}
    values = (view.get("state") or {}).get("values") or {}
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    channel, team = str(meta.get("channel") or ""), meta.get("team")
    enterprise = meta.get("enterprise") or enterprise_of(body)
    user = clicker(body)
    if not (is_channel_id(channel) or is_conversation_id(channel)):
        ack(response_action="errors", errors={"frequency": "This form lost its channel."})
        return
    text = _schedule_text(values)
    try:
        schedule = parse_schedule(text)
    except ScheduleError as error:
        ack(response_action="errors", errors={"time": str(error)[:150]})
        return
    refused = subscriptions.refusal(deps, client, channel, user, live=False)
    if refused:
        ack(response_action="errors", errors={"frequency": refused[:150]})
        return
    ack()
    reply = subscriptions.save_schedule(
        deps, client, channel, user, team, schedule, enterprise=enterprise
    )
    if not reply.message["text"].startswith("Done:"):  # the channel refused: tell them
        try:
            client.chat_postMessage(channel=user, **reply.message)
        except SlackApiError as error:
            logger.warning("could not tell %s: %s", user, slack_error(error))


def _schedule_text(values: dict[str, Any]) -> str:
    """ "weekly fri 17:30 Europe/Kyiv" from the modal's fields."""

    def chosen(block: str, kind: str = "selected_option") -> str:
        field = (values.get(block) or {}).get(block) or {}
        if kind == "selected_time":
            return str(field.get("selected_time") or "")
        return str((field.get("selected_option") or {}).get("value") or "")

    frequency = chosen("frequency") or "daily"
    every = f"weekly {chosen('day') or 'mon'}" if frequency == "weekly" else frequency
    return f"{every} {chosen('time', 'selected_time') or '09:00'} {chosen('timezone') or 'UTC'}"


def register(app: App) -> None:
    app.view(SUBSCRIBE_CALLBACK_ID)(submitted)
