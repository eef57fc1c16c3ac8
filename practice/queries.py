"""The practice's data as pages, tasks and the pure hours module read it: the practice, its hours, its status now."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from practice import hours
from practice.models import Practice


def current_practice() -> Practice | None:
    """The practice this installation serves (the first one), with its hours and closures."""
    return Practice.objects.prefetch_related("hours", "closures").order_by("pk").first()


def intervals(practice: Practice) -> list[hours.Interval]:
    return [hours.Interval(h.weekday, h.opens, h.closes) for h in practice.hours.all()]


def closed_days(practice: Practice) -> list[hours.ClosedDays]:
    return [hours.ClosedDays(c.start, c.end, c.reason) for c in practice.closures.all()]


def status(practice: Practice, now: datetime | None = None) -> hours.Status:
    return hours.status_at(now or timezone.now(), practice.tz, intervals(practice), closed_days(practice))
