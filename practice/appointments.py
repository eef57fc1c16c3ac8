"""Booking rules, pure: opening hours, a clinician's working hours, closures and overlaps.

Every comparison is made on aware datetimes converted to UTC, so a week with a
DST change behaves: 9:00 AM local is 16:00 UTC before the change and 17:00 after.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from practice.hours import ClosedDays, Interval, format_time, is_within_hours

#: Length of each appointment type, in minutes.
DURATIONS_MIN: dict[str, int] = {
    "new_visit": 45,
    "follow_up": 20,
    "imaging": 30,
    "injection": 30,
    "procedure_consult": 30,
}

#: Slots offered start on this grid, in minutes.
SLOT_STEP_MIN = 15


@dataclass(frozen=True)
class Busy:
    start: datetime  # aware
    end: datetime  # aware, exclusive


def duration(kind: str) -> timedelta:
    return timedelta(minutes=DURATIONS_MIN[kind])


def overlaps(start: datetime, end: datetime, busy: Iterable[Busy]) -> bool:
    """Half-open intervals: an appointment may start when the previous one ends."""
    s, e = start.astimezone(UTC), end.astimezone(UTC)
    return any(b.start.astimezone(UTC) < e and s < b.end.astimezone(UTC) for b in busy)


def working_hours_problem(interval: Interval, opening: Sequence[Interval]) -> str:
    """Why a clinician's working interval is not allowed, or '' when it fits inside the opening hours."""
    if interval.closes <= interval.opens:
        return "The end must be after the start."
    if not is_within_hours(interval.weekday, interval.opens, interval.closes, opening):
        return "Working hours must lie inside the practice's opening hours on that day."
    return ""


def slot_problem(
    start: datetime,
    end: datetime,
    *,
    tz: ZoneInfo,
    opening: Sequence[Interval],
    closures: Iterable[ClosedDays],
    working: Sequence[Interval],
    busy: Iterable[Busy],
    now: datetime,
) -> str:
    """Why START-END cannot be booked, in plain words, or '' when it can."""
    if start.astimezone(UTC) <= now.astimezone(UTC):
        return "That time has already passed. Choose a time in the future."
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    day = local_start.date()
    if local_end.date() != day:
        return "An appointment must start and end on the same day."
    for closure in closures:
        if closure.covers(day):
            return f"The practice is closed on {day:%B} {day.day} ({closure.reason or 'holiday'})."
    weekday, s, e = day.weekday(), local_start.time(), local_end.time()
    if not is_within_hours(weekday, s, e, opening):
        return "That time is outside the practice's opening hours."
    if not is_within_hours(weekday, s, e, working):
        return "The clinician does not see patients at that time."
    if overlaps(start, end, busy):
        return "The clinician already has an appointment at that time."
    return ""


def free_slots(
    day: date,
    length: timedelta,
    *,
    tz: ZoneInfo,
    opening: Sequence[Interval],
    closures: Iterable[ClosedDays],
    working: Sequence[Interval],
    busy: Sequence[Busy],
    now: datetime,
    within: tuple[time | None, time | None] = (None, None),
) -> list[datetime]:
    """Bookable start times (aware, in TZ) on DAY, on a SLOT_STEP_MIN grid, optionally between two local times."""
    closures = list(closures)
    slots: list[datetime] = []
    earliest, latest = within
    for interval in working:
        if interval.weekday != day.weekday():
            continue
        cursor = datetime.combine(day, interval.opens, tzinfo=tz)
        stop = datetime.combine(day, interval.closes, tzinfo=tz)
        while cursor + length <= stop:
            local_time = cursor.time()
            in_window = (earliest is None or local_time >= earliest) and (
                latest is None or (cursor + length).time() <= latest
            )
            if in_window and not slot_problem(
                cursor,
                cursor + length,
                tz=tz,
                opening=opening,
                closures=closures,
                working=working,
                busy=busy,
                now=now,
            ):
                slots.append(cursor)
            cursor += timedelta(minutes=SLOT_STEP_MIN)
    return sorted(slots)


def first_free_slot(
    length: timedelta,
    *,
    tz: ZoneInfo,
    opening: Sequence[Interval],
    closures: Iterable[ClosedDays],
    working: Sequence[Interval],
    busy: Sequence[Busy],
    now: datetime,
    days: Iterable[int] = (),
    within: tuple[time | None, time | None] = (None, None),
    horizon_days: int = 60,
) -> datetime | None:
    """The earliest bookable start from tomorrow on, on the preferred weekdays (all when empty)."""
    closures = list(closures)
    preferred = set(days)
    first_day = now.astimezone(tz).date() + timedelta(days=1)
    for offset in range(horizon_days):
        day = first_day + timedelta(days=offset)
        if preferred and day.weekday() not in preferred:
            continue
        slots = free_slots(
            day,
            length,
            tz=tz,
            opening=opening,
            closures=closures,
            working=working,
            busy=busy,
            now=now,
            within=within,
        )
        if slots:
            return slots[0]
    return None


def can_cancel(start: datetime, now: datetime, notice: timedelta) -> bool:
    """Patients may cancel until NOTICE before the start."""
    return now.astimezone(UTC) <= start.astimezone(UTC) - notice


def describe(start: datetime, tz: ZoneInfo) -> str:
    """'Monday, November 2 at 9:00 AM' in the practice's zone."""
    local = start.astimezone(tz)
    return f"{local:%A}, {local:%B} {local.day} at {format_time(local)}"
