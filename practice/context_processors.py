from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from practice import hours
from practice.queries import current_practice, intervals, status


def practice(request: HttpRequest) -> dict[str, Any]:
    current = current_practice()
    if current is None:
        return {"practice": None}
    weekly = intervals(current)
    return {
        "practice": current,
        "practice_status": status(current),
        "practice_hours": hours.weekly_summary(weekly),
    }
