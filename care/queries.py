"""What other parts read of the care app: typed rows, one query per function.

The chart's roster and timeline and the training pages read the pain diary and the care plans
here, never through the models, so that the statuses and the daily pain rule stay care's.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from accounts.models import User
from care.models import DiaryEntry
from care.pain_monitoring import day_pain


def weekly_pain(patient: User, first: date, last: date | None = None) -> dict[date, float]:
    """Monday -> mean diary pain (0-10, ``day_pain``) of the week's check-ins from FIRST to LAST.

    Every check-in counts once: a day with a left and a right check-in gives two values.
    """
    entries = DiaryEntry.objects.filter(patient=patient, date__gte=first)
    if last is not None:
        entries = entries.filter(date__lte=last)
    values: dict[date, list[float]] = defaultdict(list)
    for day, worst, now in entries.values_list("date", "pain_worst", "pain_now"):
        values[day - timedelta(days=day.weekday())].append(day_pain(worst, now))
    return {week: sum(v) / len(v) for week, v in values.items()}
