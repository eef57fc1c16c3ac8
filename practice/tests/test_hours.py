from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from practice.hours import ClosedDays, Interval, format_time, status_at, weekly_summary

LA = ZoneInfo("America/Los_Angeles")
WEEKDAYS = [Interval(day, time(8), time(17)) for day in range(5)]


def at(y, m, d, hh, mm=0, ss=0):
    return datetime(y, m, d, hh, mm, ss, tzinfo=LA)


def message(now, closures=()):
    return status_at(now, LA, WEEKDAYS, closures).message


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2026, 11, 18, 12), "Open now until 5:00 PM"),  # Wednesday noon
        (at(2026, 11, 18, 8), "Open now until 5:00 PM"),  # exactly at opening
        (at(2026, 11, 18, 7, 59, 59), "Closed, opens today at 8:00 AM"),
        (at(2026, 11, 18, 16, 59, 59), "Open now until 5:00 PM"),
        (at(2026, 11, 18, 17), "Closed, opens tomorrow at 8:00 AM"),  # exactly at closing
        (at(2026, 11, 20, 17, 30), "Closed, opens Monday at 8:00 AM"),  # Friday evening
        (at(2026, 11, 21, 10), "Closed, opens Monday at 8:00 AM"),  # Saturday
        (at(2026, 11, 22, 23, 59), "Closed, opens tomorrow at 8:00 AM"),  # Sunday night
    ],
)
def test_open_and_closed_around_the_week(now, expected):
    assert message(now) == expected


def test_the_answer_is_in_the_practice_time_zone_whatever_the_server_clock():
    # 16:30 UTC on a Monday in November is 8:30 AM in Los Angeles.
    now = datetime(2026, 11, 16, 16, 30, tzinfo=ZoneInfo("UTC"))
    assert message(now) == "Open now until 5:00 PM"
    assert message(datetime(2026, 11, 16, 15, 30, tzinfo=ZoneInfo("UTC"))) == "Closed, opens today at 8:00 AM"


def test_spring_forward_sunday_opens_monday_at_local_eight():
    # DST starts Sunday 2027-03-14 at 2:00 AM: Monday 8:00 AM is 15:00 UTC, not 16:00.
    status = status_at(at(2027, 3, 14, 12), LA, WEEKDAYS)
    assert status.opens_at.astimezone(ZoneInfo("UTC")).hour == 15
    assert status.message == "Closed, opens tomorrow at 8:00 AM"
    assert message(datetime(2027, 3, 15, 15, 0, tzinfo=ZoneInfo("UTC"))) == "Open now until 5:00 PM"
    assert message(datetime(2027, 3, 15, 14, 59, tzinfo=ZoneInfo("UTC"))) == "Closed, opens today at 8:00 AM"


def test_fall_back_week_uses_standard_time_after_the_change():
    # DST ends Sunday 2026-11-01: Friday before closes at 00:00 UTC, Monday after at 01:00 UTC.
    assert message(datetime(2026, 10, 30, 23, 59, tzinfo=ZoneInfo("UTC"))) == "Open now until 5:00 PM"
    assert message(datetime(2026, 10, 31, 0, 0, tzinfo=ZoneInfo("UTC"))).startswith("Closed")
    assert message(datetime(2026, 11, 3, 0, 59, tzinfo=ZoneInfo("UTC"))) == "Open now until 5:00 PM"
    assert message(datetime(2026, 11, 3, 1, 0, tzinfo=ZoneInfo("UTC"))).startswith("Closed")


def test_closures_skip_whole_days_and_say_why():
    thanksgiving = [ClosedDays(date(2026, 11, 26), date(2026, 11, 27), "Thanksgiving")]
    assert message(at(2026, 11, 26, 10), thanksgiving) == "Closed today (Thanksgiving), opens Monday at 8:00 AM"
    assert message(at(2026, 11, 25, 18), thanksgiving) == "Closed, opens Monday at 8:00 AM"


def test_a_long_closure_names_the_date():
    closed = [ClosedDays(date(2026, 12, 21), date(2027, 1, 1), "Winter break")]
    assert message(at(2026, 12, 19, 9), closed) == "Closed, opens Monday, January 4 at 8:00 AM"


def test_no_hours_at_all_just_says_closed():
    assert status_at(at(2026, 11, 18, 12), LA, []).message == "Closed"


def test_split_days_with_a_lunch_break():
    hours = [Interval(0, time(8), time(12)), Interval(0, time(13), time(17))]
    assert status_at(at(2026, 11, 16, 12, 30), LA, hours).message == "Closed, opens today at 1:00 PM"
    assert status_at(at(2026, 11, 16, 11), LA, hours).message == "Open now until 12:00 PM"


def test_time_format_and_weekly_summary():
    assert [format_time(time(h, m)) for h, m in ((0, 5), (8, 0), (12, 0), (17, 30))] == [
        "12:05 AM",
        "8:00 AM",
        "12:00 PM",
        "5:30 PM",
    ]
    assert weekly_summary(WEEKDAYS) == [
        ("Monday to Friday", "8:00 AM to 5:00 PM"),
        ("Saturday and Sunday", "Closed"),
    ]
