"""Digest schedules as people write them: "daily 09:00", "weekdays 08:30", "weekly mon 09:00".

    schedule = parse_schedule("weekly mon 09:00 Europe/Kyiv", default_timezone="UTC")
    schedule.cron        # "0 9 * * mon" (crontab: minute hour day month weekday)
    schedule.describe()  # "every Monday at 09:00 (Europe/Kyiv)"

A schedule that cannot be read raises `ScheduleError`, whose message says what was wrong and
gives the forms that work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

EXAMPLES = "daily 09:00, weekdays 08:30, weekly mon 09:00 (a time zone may follow: Europe/Kyiv)"

_DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]?([0-5]\d)$")


class ScheduleError(ValueError):
    """A schedule that cannot be read; the message names the problem and the forms that work."""


@dataclass(frozen=True)
class Schedule:
    """When a channel gets its digest: `every` is "daily", "weekdays" or a weekday ("mon")."""

    every: str
    hour: int
    minute: int
    timezone: str

    @property
    def cron(self) -> str:
        days = {"daily": "*", "weekdays": "mon-fri"}.get(self.every, self.every)
        return f"{self.minute} {self.hour} * * {days}"

    def describe(self) -> str:
        at = f"{self.hour:02d}:{self.minute:02d}"
        when = {"daily": "every day", "weekdays": "every weekday"}.get(
            self.every, f"every {_DAYS.get(self.every, self.every)}"
        )
        return f"{when} at {at} ({self.timezone})"

    def text(self) -> str:
        """The schedule in the form `parse_schedule` reads back."""
        at = f"{self.hour:02d}:{self.minute:02d}"
        every = self.every if self.every in ("daily", "weekdays") else f"weekly {self.every}"
        return f"{every} {at} {self.timezone}"


def parse_schedule(text: str, default_timezone: str = "UTC") -> Schedule:
    """Reads "daily HH:MM", "weekdays HH:MM" or "weekly DAY HH:MM", then an optional time zone."""
    words = (text or "").split()
    if not words:
        raise ScheduleError(f"Say when: {EXAMPLES}.")
    every = words[0].lower()
    rest = words[1:]
    if every in ("daily", "weekdays"):
        pass
    elif every == "weekly":
        if not rest:
            raise ScheduleError(f"Which day of the week? For example: {EXAMPLES}.")
        day = rest[0].lower()[:3]
        if day not in _DAYS:
            raise ScheduleError(f"{rest[0]!r} is not a day of the week (mon … sun). {EXAMPLES}.")
        every, rest = day, rest[1:]
    else:
        raise ScheduleError(f"{words[0]!r} is not a schedule. Try: {EXAMPLES}.")
    if not rest:
        raise ScheduleError(f"At what time? For example: {EXAMPLES}.")
    match = _TIME.match(rest[0])
    if match is None:
        raise ScheduleError(f"{rest[0]!r} is not a time of day (HH:MM, 24-hour). {EXAMPLES}.")
    timezone = rest[1] if len(rest) > 1 else default_timezone
    if len(rest) > 2:
        raise ScheduleError(f"I did not understand {' '.join(rest[2:])!r}. Try: {EXAMPLES}.")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"{timezone!r} is not a time zone (try Europe/Kyiv or UTC). {EXAMPLES}."
        ) from None
    return Schedule(every, int(match.group(1)), int(match.group(2)), timezone)
