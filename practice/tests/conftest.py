from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from practice.models import WorkingHours


def future_monday(at: time = time(9), weeks: int = 2) -> datetime:
    """A Monday a few weeks ahead at AT, Los Angeles time (clear of the demo closures)."""
    from zoneinfo import ZoneInfo

    today = timezone.now().astimezone(ZoneInfo("America/Los_Angeles")).date()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7) + timedelta(weeks=weeks)
    return datetime.combine(monday, at, tzinfo=ZoneInfo("America/Los_Angeles"))


@pytest.fixture
def working_clinician(practice, clinician):
    WorkingHours.objects.bulk_create(
        WorkingHours(clinician=clinician, weekday=d, starts=time(9), ends=time(16)) for d in range(5)
    )
    return clinician
