"""Digest schedules as people write them: "daily 09:00", "weekdays 08:30", "weekly mon 09:00".

    schedule = parse_schedule("weekly mon 09:00 Europe/Kyiv", default_timezone="UTC")
    schedule.cron        # "0 9 * * mon" (crontab: minute hour day month weekday)
    schedule.describe()  # "every Monday at 09:00 (Europe/Kyiv)"
    parse_schedule("cron 0 8 * * 1-5 UTC")  # any crontab (the DIGEST_CRON setting's form)

A schedule that cannot be read raises `ScheduleError`, whose message says what was wrong and
gives the forms that work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

EXAMPLES = (
    "daily 09:00, weekdays 08:30, weekly mon 09:00, 9am, every weekday at 9 "
    "(a time zone may follow: Europe/Kyiv)"
)

_DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_TICK = timedelta(microseconds=1)
_LOOKBACKS = (timedelta(hours=1), timedelta(days=1), timedelta(days=8), timedelta(days=366))
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]?([0-5]\d)$")
# How people say it: "9am", "8:30am", "every weekday at 9", "every morning at 9", "mondays at
# 9:15 pm", "daily at 18:00", each with an optional time zone after it.
_SPOKEN = re.compile(
    r"^(?:every\s+)?(?P<every>day|daily|morning|evening|night|weekday|weekdays|"
    r"(?:mon|tues?|wed|wednes|thu|thurs?|fri|sat|satur|sun)(?:day)?s?)?\s*(?:at\s+)?"
    r"(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<half>[ap]\.?m\.?)?"
    r"(?:\s+(?P<timezone>[A-Za-z][\w/+-]*))?$",
    re.IGNORECASE,
)


class ScheduleError(ValueError):
    """A schedule that cannot be read; the message names the problem and the forms that work."""


@dataclass(frozen=True)
class Schedule:
    """When a channel gets its digest: `every` is "daily", "weekdays", a weekday ("mon"), or
    "cron" with the expression in `crontab` (hour and minute then unused)."""

    every: str
    hour: int
    minute: int
    timezone: str
    crontab: str | None = None

    @property
    def cron(self) -> str:
        if self.crontab is not None:
            return self.crontab
        days = {"daily": "*", "weekdays": "mon-fri"}.get(self.every, self.every)
        return f"{self.minute} {self.hour} * * {days}"

    def describe(self) -> str:
        if self.crontab is not None:
            return f"on the crontab schedule {self.crontab} ({self.timezone})"
        at = f"{self.hour:02d}:{self.minute:02d}"
        when = {"daily": "every day", "weekdays": "every weekday"}.get(
            self.every, f"every {_DAYS.get(self.every, self.every)}"
        )
        return f"{when} at {at} ({self.timezone})"

    def trigger(self) -> Any:
        """The APScheduler 3 `CronTrigger` firing at this schedule's times."""
        from apscheduler.triggers.cron import CronTrigger  # type: ignore[import-untyped]

        return CronTrigger.from_crontab(apscheduler_crontab(self.cron), timezone=self.timezone)

    def next_after(self, moment: datetime) -> datetime | None:
        """The first time this schedule fires after `moment`."""
        return _as_utc(self.trigger().get_next_fire_time(None, moment + _TICK))

    def last_at_or_before(self, moment: datetime) -> datetime | None:
        """The latest time this schedule fired at or before `moment` (None: not within a year).

        Looks back an hour, a day, eight days, then a year, and walks forward from the first
        window holding a firing, so a dense crontab walks at most an hour of firings.
        """
        trigger = self.trigger()
        for lookback in _LOOKBACKS:
            fire = trigger.get_next_fire_time(None, moment - lookback)
            if fire is None or fire > moment:
                continue
            while True:
                following = trigger.get_next_fire_time(fire, fire + _TICK)
                if following is None or following > moment:
                    return _as_utc(fire)
                fire = following
        return None

    def text(self) -> str:
        """The schedule in the form `parse_schedule` reads back."""
        if self.crontab is not None:
            return f"cron {self.crontab} {self.timezone}"
        at = f"{self.hour:02d}:{self.minute:02d}"
        every = self.every if self.every in ("daily", "weekdays") else f"weekly {self.every}"
        return f"{every} {at} {self.timezone}"


def parse_schedule(text: str, default_timezone: str = "UTC") -> Schedule:
    """Reads "daily HH:MM", "weekdays HH:MM" or "weekly DAY HH:MM", then an optional time zone;
    or the same said as people say it ("9am", "8:30am", "every weekday at 9", "every morning
    at 9")."""
    spoken = _spoken(" ".join((text or "").split()), default_timezone)
    if spoken is not None:
        return spoken
    words = (text or "").split()
    if not words:
        raise ScheduleError(f"Say when: {EXAMPLES}.")
    every = words[0].lower()
    rest = words[1:]
    if every == "cron":
        return _crontab(rest, default_timezone)
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
    _check_timezone(timezone)
    return Schedule(every, int(match.group(1)), int(match.group(2)), timezone)


def _spoken(text: str, default_timezone: str) -> Schedule | None:
    """A schedule said in words, or None when `text` is not one (the strict forms follow)."""
    match = _SPOKEN.match(text)
    if match is None or text.split()[0].lower() in ("weekly", "cron"):
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = (match["half"] or "").lower().replace(".", "")
    every = (match["every"] or "daily").lower()
    if half and not 1 <= hour <= 12:
        return None
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    elif not half and every in ("evening", "night") and hour < 12:
        hour += 12
    if every in ("day", "daily", "morning", "evening", "night"):
        every = "daily"
    elif every.startswith("weekday"):
        every = "weekdays"
    else:
        every = every[:3]
        if every not in _DAYS:
            return None
    timezone = match["timezone"] or default_timezone
    _check_timezone(timezone)
    return Schedule(every, hour, minute, timezone)


def _crontab(words: list[str], default_timezone: str) -> Schedule:
    """ "cron M H DOM MON DOW [TZ]": five crontab fields, then an optional time zone."""
    from apscheduler.triggers.cron import CronTrigger

    if len(words) not in (5, 6):
        raise ScheduleError(
            "A crontab schedule has five fields (minute hour day month weekday), then an "
            f"optional time zone: cron 0 8 * * mon-fri. Or: {EXAMPLES}."
        )
    crontab = " ".join(words[:5])
    timezone = words[5] if len(words) == 6 else default_timezone
    _check_timezone(timezone)
    try:
        CronTrigger.from_crontab(apscheduler_crontab(crontab), timezone=timezone)
    except ValueError as error:
        raise ScheduleError(f"{crontab!r} is not a crontab expression: {error}.") from None
    return Schedule("cron", 0, 0, timezone, crontab)


_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def apscheduler_crontab(crontab: str) -> str:
    """`crontab` with its weekday numbers as names, for APScheduler 3's `from_crontab`.

    Crontab counts weekdays from Sunday = 0 (7 is Sunday too); APScheduler 3 counts from
    Monday = 0, so "1-5" would run Tuesday to Saturday. Numbers, ranges and steps in the
    weekday field are spelled out as day names ("1-5" → "mon,tue,wed,thu,fri"); names and
    the other fields are left alone.
    """
    fields = crontab.split()
    if len(fields) != 5 or not re.search(r"\d", fields[4]):
        return crontab
    days: list[str] = []
    for part in fields[4].split(","):
        if re.search(r"[a-z]", part, re.IGNORECASE):
            days.append(part.lower())
            continue
        span, _, step_text = part.partition("/")
        if span == "*":
            first, last = 0, 6
        elif "-" in span:
            first_text, _, last_text = span.partition("-")
            first, last = int(first_text), int(last_text)
        else:
            first = int(span)
            last = 6 if step_text else first
        if not (0 <= first <= 7 and 0 <= last <= 7 and first <= last):
            raise ValueError(f"weekday {part!r} is out of range (0-7, Sunday is 0 and 7)")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ValueError(f"weekday step in {part!r} must be at least 1")
        for number in range(first, last + 1, step):
            name = _DAY_NAMES[number % 7]
            if name not in days:
                days.append(name)
    return " ".join([*fields[:4], ",".join(days)])


def _as_utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment is not None else None


def _check_timezone(timezone: str) -> None:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"{timezone!r} is not a time zone (try Europe/Kyiv or UTC). {EXAMPLES}."
        ) from None
