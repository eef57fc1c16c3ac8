from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from practice import appointments as rules
from practice.hours import ClosedDays, Interval

LA = ZoneInfo("America/Los_Angeles")
OPEN = [Interval(d, time(8), time(17)) for d in range(5)]
WORK = [Interval(d, time(9), time(16)) for d in range(5)]
NOW = datetime(2026, 10, 1, tzinfo=UTC)


def problem(start, minutes=20, busy=(), closures=(), now=NOW, working=WORK):
    return rules.slot_problem(
        start, start + timedelta(minutes=minutes), tz=LA, opening=OPEN, closures=closures, working=working,
        busy=list(busy), now=now,
    )  # fmt: skip


def test_a_slot_inside_opening_and_working_hours_is_bookable():
    assert problem(datetime(2026, 10, 6, 9, 0, tzinfo=LA)) == ""


def test_outside_opening_hours_is_refused():
    assert "opening hours" in problem(datetime(2026, 10, 6, 7, 30, tzinfo=LA))
    assert "opening hours" in problem(datetime(2026, 10, 10, 10, 0, tzinfo=LA))  # a Saturday
    assert "opening hours" in problem(datetime(2026, 10, 6, 16, 50, tzinfo=LA))


def test_outside_the_clinicians_hours_is_refused():
    assert "does not see patients" in problem(datetime(2026, 10, 6, 8, 15, tzinfo=LA))


def test_overlaps_are_refused_and_back_to_back_is_fine():
    taken = rules.Busy(datetime(2026, 10, 6, 9, 0, tzinfo=LA), datetime(2026, 10, 6, 9, 45, tzinfo=LA))
    assert "already has an appointment" in problem(datetime(2026, 10, 6, 9, 30, tzinfo=LA), busy=[taken])
    assert "already has an appointment" in problem(datetime(2026, 10, 6, 9, 15, tzinfo=LA), 10, busy=[taken])
    assert problem(datetime(2026, 10, 6, 9, 45, tzinfo=LA), busy=[taken]) == ""


def test_closures_and_the_past_are_refused():
    thanksgiving = [ClosedDays(date(2026, 11, 26), date(2026, 11, 27), "Thanksgiving")]
    assert "Thanksgiving" in problem(datetime(2026, 11, 26, 10, 0, tzinfo=LA), closures=thanksgiving)
    assert "already passed" in problem(datetime(2026, 9, 30, 10, 0, tzinfo=LA))


def test_working_hours_must_fit_the_opening_hours():
    assert rules.working_hours_problem(Interval(0, time(9), time(16)), OPEN) == ""
    assert "inside the practice's opening hours" in rules.working_hours_problem(Interval(0, time(7), time(12)), OPEN)
    assert "inside the practice's opening hours" in rules.working_hours_problem(Interval(5, time(9), time(12)), OPEN)


def test_in_the_week_dst_ends_nine_am_local_moves_from_16_to_17_utc():
    # DST ends on Sunday, November 1, 2026 in Los Angeles.
    friday = datetime(2026, 10, 30, 9, 0, tzinfo=LA)
    monday = datetime(2026, 11, 2, 9, 0, tzinfo=LA)
    assert friday.astimezone(UTC).hour == 16 and monday.astimezone(UTC).hour == 17
    assert problem(friday) == "" and problem(monday) == ""
    # 8:30 AM local on Monday is 16:30 UTC: still outside the clinician's 9:00 start.
    assert "does not see patients" in problem(datetime(2026, 11, 2, 16, 30, tzinfo=UTC))


def test_in_the_week_dst_starts_slots_follow_local_time():
    # DST starts on Sunday, March 8, 2026.
    now = datetime(2026, 3, 1, tzinfo=UTC)
    slots = rules.free_slots(
        date(2026, 3, 9), timedelta(minutes=20), tz=LA, opening=OPEN, closures=[], working=WORK, busy=[], now=now
    )
    assert slots[0].astimezone(UTC) == datetime(2026, 3, 9, 16, 0, tzinfo=UTC)
    friday = rules.free_slots(
        date(2026, 3, 6), timedelta(minutes=20), tz=LA, opening=OPEN, closures=[], working=WORK, busy=[], now=now
    )
    assert friday[0].astimezone(UTC) == datetime(2026, 3, 6, 17, 0, tzinfo=UTC)
    assert rules.describe(slots[0], LA) == "Monday, March 9 at 9:00 AM"


def test_the_first_free_slot_honours_preferred_days_and_times():
    slot = rules.first_free_slot(
        timedelta(minutes=45), tz=LA, opening=OPEN, closures=[], working=WORK, busy=[], now=NOW,
        days=[1], within=(time(14), None),
    )  # fmt: skip
    assert slot == datetime(2026, 10, 6, 14, 0, tzinfo=LA)


def test_cancellation_is_allowed_until_the_notice_time():
    start = datetime(2026, 10, 6, 9, 0, tzinfo=LA)
    assert rules.can_cancel(start, start - timedelta(hours=25), timedelta(hours=24))
    assert not rules.can_cancel(start, start - timedelta(hours=23), timedelta(hours=24))
