"""Whether the practice is open, computed in its own time zone.

Pure: plain opening intervals and closed date ranges in, a status out. All
comparisons are made in UTC, because Python compares two datetimes that share
a tzinfo by wall-clock time, which is wrong across a DST change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: How far ahead to look for the next opening (long closures included).
HORIZON_DAYS = 400


@dataclass(frozen=True)
class Interval:
    weekday: int  # Monday = 0
    opens: time
    closes: time


@dataclass(frozen=True)
class ClosedDays:
    start: date
    end: date  # inclusive
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Status:
    is_open: bool
    now: datetime  # in the practice's zone
    closes_at: datetime | None = None  # when open
    opens_at: datetime | None = None  # when closed; None if no opening is scheduled
    closed_for: str = ""  # the closure's reason when closed for one today

    @property
    def message(self) -> str:
        if self.is_open and self.closes_at is not None:
            return f"Open now until {format_time(self.closes_at)}"
        prefix = f"Closed today ({self.closed_for})" if self.closed_for else "Closed"
        if self.opens_at is None:
            return prefix
        return f"{prefix}, opens {describe_day(self.opens_at.date(), self.now.date())} at {format_time(self.opens_at)}"


def format_time(moment: datetime | time) -> str:
    """8:00 AM, 5:30 PM."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def describe_day(day: date, today: date) -> str:
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta < 7:
        return day.strftime("%A")
    return f"{day.strftime('%A')}, {day.strftime('%B')} {day.day}"


def local_interval(day: date, interval: Interval, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The interval on DAY as aware datetimes in TZ (wall-clock times, DST resolved by zoneinfo)."""
    return (
        datetime.combine(day, interval.opens, tzinfo=tz),
        datetime.combine(day, interval.closes, tzinfo=tz),
    )


def status_at(
    now: datetime,
    tz: ZoneInfo,
    hours: Sequence[Interval],
    closures: Iterable[ClosedDays] = (),
) -> Status:
    """The practice's status at NOW (an aware datetime)."""
    closures = list(closures)
    local_now = now.astimezone(tz)
    now_utc = now.astimezone(UTC)
    by_day: dict[int, list[Interval]] = {}
    for interval in sorted(hours, key=lambda i: (i.weekday, i.opens)):
        by_day.setdefault(interval.weekday, []).append(interval)

    today = local_now.date()
    closed_for = next((c.reason or "holiday" for c in closures if c.covers(today)), "")
    for offset in range(HORIZON_DAYS):
        day = today + timedelta(days=offset)
        if any(c.covers(day) for c in closures):
            continue
        for interval in by_day.get(day.weekday(), []):
            opens, closes = local_interval(day, interval, tz)
            if opens.astimezone(UTC) <= now_utc < closes.astimezone(UTC):
                return Status(True, local_now, closes_at=closes)
            if now_utc < opens.astimezone(UTC):
                return Status(False, local_now, opens_at=opens, closed_for=closed_for)
    return Status(False, local_now, closed_for=closed_for)


def is_within_hours(day: int, start: time, end: time, hours: Sequence[Interval]) -> bool:
    """Whether START-END on weekday DAY lies inside one opening interval."""
    return any(i.weekday == day and i.opens <= start and end <= i.closes for i in hours)


def weekly_summary(hours: Sequence[Interval]) -> list[tuple[str, str]]:
    """Rows like ("Monday to Friday", "8:00 AM to 5:00 PM") grouping equal consecutive days."""
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    per_day: list[str] = []
    for weekday in range(7):
        spans = [f"{format_time(i.opens)} to {format_time(i.closes)}" for i in hours if i.weekday == weekday]
        per_day.append(", ".join(spans) if spans else "Closed")
    rows: list[tuple[str, str]] = []
    start = 0
    for weekday in range(1, 8):
        if weekday == 7 or per_day[weekday] != per_day[start]:
            span = weekday - start
            last = names[weekday - 1]
            label = names[start] if span == 1 else f"{names[start]} {'and' if span == 2 else 'to'} {last}"
            rows.append((label, per_day[start]))
            start = weekday
    return rows
