"""Test helpers for the practice: a bookable time clear of the demo closures."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone


def future_monday(at: time = time(9), weeks: int = 2) -> datetime:
    """A Monday a few weeks ahead at AT, Los Angeles time (clear of the demo closures)."""
    from zoneinfo import ZoneInfo

    today = timezone.now().astimezone(ZoneInfo("America/Los_Angeles")).date()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7) + timedelta(weeks=weeks)
    return datetime.combine(monday, at, tzinfo=ZoneInfo("America/Los_Angeles"))
