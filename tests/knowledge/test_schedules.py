"""Digest schedules as people write them, and the messages for the ones that cannot be read."""

from __future__ import annotations

import pytest
from apscheduler.triggers.cron import CronTrigger  # type: ignore[import-untyped]

from knowledge.schedules import EXAMPLES, Schedule, ScheduleError, parse_schedule


@pytest.mark.parametrize(
    ("text", "cron", "described"),
    [
        ("daily 09:00", "0 9 * * *", "every day at 09:00 (UTC)"),
        ("weekdays 08:30", "30 8 * * mon-fri", "every weekday at 08:30 (UTC)"),
        ("weekly mon 09:00", "0 9 * * mon", "every Monday at 09:00 (UTC)"),
        ("Weekly Friday 17:45", "45 17 * * fri", "every Friday at 17:45 (UTC)"),
        ("daily 7:05 Europe/Kyiv", "5 7 * * *", "every day at 07:05 (Europe/Kyiv)"),
        ("daily 0930", "30 9 * * *", "every day at 09:30 (UTC)"),
    ],
)
def test_schedules_people_write_become_cron_expressions(
    text: str, cron: str, described: str
) -> None:
    schedule = parse_schedule(text)

    assert schedule.cron == cron and schedule.describe() == described
    CronTrigger.from_crontab(schedule.cron, timezone=schedule.timezone)  # APScheduler reads it
    assert parse_schedule(schedule.text()) == schedule  # and it round-trips


def test_the_default_time_zone_is_the_channels() -> None:
    assert parse_schedule("daily 09:00", default_timezone="Europe/Kyiv").timezone == "Europe/Kyiv"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "Say when"),
        ("hourly 09:00", "'hourly' is not a schedule"),
        ("daily", "At what time?"),
        ("daily 25:00", "'25:00' is not a time of day"),
        ("daily 9am", "'9am' is not a time of day"),
        ("weekly 09:00", "'09:00' is not a day of the week"),
        ("weekly", "Which day of the week?"),
        ("daily 09:00 Mars/Olympus", "'Mars/Olympus' is not a time zone"),
        ("daily 09:00 UTC please", "I did not understand 'please'"),
    ],
)
def test_bad_schedules_say_what_is_wrong_and_give_examples(text: str, complaint: str) -> None:
    with pytest.raises(ScheduleError) as error:
        parse_schedule(text)

    assert complaint in str(error.value) and EXAMPLES in str(error.value)


def test_schedule_is_a_value() -> None:
    assert parse_schedule("weekly mon 9:00") == Schedule("mon", 9, 0, "UTC")
