"""Digest schedules as people write them, and the messages for the ones that cannot be read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.triggers.cron import CronTrigger  # type: ignore[import-untyped]

from knowledge.schedules import (
    EXAMPLES,
    Schedule,
    ScheduleError,
    apscheduler_crontab,
    parse_schedule,
)


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
        ("daily 13pm", "'13pm' is not a time of day"),
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


MON, TUE, WED, THU, FRI, SAT, SUN = range(7)  # Python's weekday() numbers


@pytest.mark.parametrize(
    ("crontab", "names", "fires_on"),
    [
        ("0 8 * * 1-5", "mon,tue,wed,thu,fri", {MON, TUE, WED, THU, FRI}),
        ("0 8 * * 0", "sun", {SUN}),
        ("0 8 * * 7", "sun", {SUN}),
        ("0 8 * * 5-7", "fri,sat,sun", {FRI, SAT, SUN}),
        ("0 8 * * */2", "sun,tue,thu,sat", {SUN, TUE, THU, SAT}),
        ("0 8 * * 1,3,5", "mon,wed,fri", {MON, WED, FRI}),
        ("0 8 * * mon-fri", "mon-fri", {MON, TUE, WED, THU, FRI}),
        ("0 8 * * *", "*", set(range(7))),
    ],
)
def test_crontab_weekday_numbers_count_from_sunday(
    crontab: str, names: str, fires_on: set[int]
) -> None:
    translated = apscheduler_crontab(crontab)
    assert translated.split()[4] == names

    # APScheduler 3 reads raw numbers from Monday = 0: "1-5" would fire Tuesday to Saturday.
    trigger = CronTrigger.from_crontab(translated, timezone="UTC")
    fired: set[int] = set()
    moment = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    for _ in range(14):
        moment = trigger.get_next_fire_time(None, moment + timedelta(seconds=1))
        fired.add(moment.weekday())
    assert fired == fires_on


def test_a_weekday_out_of_range_is_refused() -> None:
    with pytest.raises(ScheduleError, match="out of range"):
        parse_schedule("cron 0 8 * * 9")


def test_a_crontab_schedule_round_trips() -> None:
    schedule = parse_schedule("cron 30 7 * * 1-5 Europe/Kyiv")

    assert schedule.cron == "30 7 * * 1-5" and schedule.timezone == "Europe/Kyiv"
    assert parse_schedule(schedule.text()) == schedule
    assert "crontab" in schedule.describe()


@pytest.mark.parametrize(
    ("text", "moment", "last", "following"),
    [
        # Sunday 22 November 2026, 10:30 UTC.
        ("daily 09:00", "2026-11-22T10:30", "2026-11-22T09:00", "2026-11-23T09:00"),
        ("daily 09:00", "2026-11-22T09:00", "2026-11-22T09:00", "2026-11-23T09:00"),
        ("weekdays 08:30", "2026-11-22T10:30", "2026-11-20T08:30", "2026-11-23T08:30"),
        ("weekly mon 09:00", "2026-11-22T10:30", "2026-11-16T09:00", "2026-11-23T09:00"),
        ("cron */5 * * * *", "2026-11-22T10:32", "2026-11-22T10:30", "2026-11-22T10:35"),
        # 09:00 in Kyiv (UTC+2 in November) is 07:00 UTC.
        ("daily 09:00 Europe/Kyiv", "2026-11-22T10:30", "2026-11-22T07:00", "2026-11-23T07:00"),
    ],
)
def test_the_last_and_next_firing_around_a_moment(
    text: str, moment: str, last: str, following: str
) -> None:
    schedule = parse_schedule(text)
    at = datetime.fromisoformat(moment).replace(tzinfo=UTC)

    assert schedule.last_at_or_before(at) == datetime.fromisoformat(last).replace(tzinfo=UTC)
    assert schedule.next_after(at) == datetime.fromisoformat(following).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("9am", "daily 09:00 UTC"),
        ("8:30am", "daily 08:30 UTC"),
        ("every weekday at 9", "weekdays 09:00 UTC"),
        ("every morning at 9", "daily 09:00 UTC"),
        ("every evening at 7", "daily 19:00 UTC"),
        ("mondays at 9:15 pm", "weekly mon 21:15 UTC"),
        ("12am", "daily 00:00 UTC"),
        ("daily at 18:00 Europe/Kyiv", "daily 18:00 Europe/Kyiv"),
        ("9am", "daily 09:00 UTC"),
    ],
)
def test_schedules_as_people_say_them(said: str, read: str) -> None:
    assert parse_schedule(said).text() == read


def test_a_spoken_schedule_takes_the_default_time_zone() -> None:
    assert parse_schedule("every weekday at 9", default_timezone="Europe/Kyiv").timezone == (
        "Europe/Kyiv"
    )
