"""What other parts read of the care app: typed rows, one query per function.

The chart's roster and timeline and the training pages read the pain diary and the care plans
here, never through the models, so that the statuses and the daily pain rule stay care's.
PATIENT_IDS is a list of ids, or a ``values("pk")`` queryset used as a subquery (cheaper for
long lists).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any, NamedTuple

from django.db.models import Q, QuerySet

from accounts.models import User
from care.checkins import CheckIn, day_pain
from care.models import (
    CarePlan,
    DiaryEntry,
    PlanStatus,
    StepChange,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    TaskLog,
    TaskStatus,
)
from care.services.diary import LIGHT_FIELDS, checkin_from
from care.warning_signs import FLAGS


class WarningSigns(NamedTuple):
    patient_id: int
    day: date
    entered_at: datetime
    signs: tuple[str, ...]  # the warning signs answered yes, in the order of care.warning_signs.FLAGS


class OpenSuggestion(NamedTuple):
    patient_id: int
    created_at: datetime
    reason: str


class StepChangeRow(NamedTuple):
    at: datetime
    from_step: int | None  # None when the plan started
    to_step: int
    reason: str


class SuggestionRow(NamedTuple):
    at: datetime
    kind: str  # a SuggestionKind
    reason: str
    status: str  # a SuggestionStatus


def checkins_since(patient_ids: list[int] | QuerySet[Any], since: date) -> dict[int, list[CheckIn]]:
    """Patient id -> the patient's diary check-ins from SINCE on (any order), as the pain light reads them."""
    checkins: dict[int, list[CheckIn]] = defaultdict(list)
    for row in DiaryEntry.objects.filter(patient_id__in=patient_ids, date__gte=since).values(
        "patient_id", *LIGHT_FIELDS
    ):
        checkins[row["patient_id"]].append(checkin_from(row))
    return dict(checkins)


def warning_signs_since(patient_ids: list[int] | QuerySet[Any], since: date) -> list[WarningSigns]:
    """The patients' diary check-ins from SINCE on that answered yes to a warning sign."""
    rows = DiaryEntry.objects.filter(
        reduce(or_, (Q(**{name: True}) for name in FLAGS)),
        patient_id__in=patient_ids,
        date__gte=since,
    ).values_list("patient_id", "date", "created_at", *FLAGS)
    return [
        WarningSigns(pid, day, created, tuple(name for name, yes in zip(FLAGS, answers, strict=True) if yes))
        for pid, day, created, *answers in rows
    ]


def recent_checkins(patient: User, limit: int) -> list[CheckIn]:
    """The patient's latest LIMIT diary check-ins, newest day first."""
    rows = DiaryEntry.objects.filter(patient=patient).order_by("-date").values(*LIGHT_FIELDS)[:limit]
    return [checkin_from(row) for row in rows]


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


def has_active_plan(patient: User) -> bool:
    """Whether the patient follows a care plan now."""
    return CarePlan.objects.filter(patient=patient, status=PlanStatus.ACTIVE).exists()


def active_plan_starts(patient_ids: list[int] | QuerySet[Any]) -> dict[int, date]:
    """Patient id -> the day their active care plan started (patients with one)."""
    return dict(
        CarePlan.objects.filter(patient_id__in=patient_ids, status=PlanStatus.ACTIVE).values_list(
            "patient_id", "started_on"
        )
    )


def open_next_step_suggestions(patient_ids: list[int] | QuerySet[Any]) -> list[OpenSuggestion]:
    """The open suggestions to move the patients' active plans to the next step."""
    rows = Suggestion.objects.filter(
        plan__patient_id__in=patient_ids,
        plan__status=PlanStatus.ACTIVE,
        status=SuggestionStatus.OPEN,
        kind=SuggestionKind.NEXT_STEP,
    ).values_list("plan__patient_id", "created_at", "reason")
    return [OpenSuggestion(*row) for row in rows]


def exercise_days(patient_ids: list[int] | QuerySet[Any], since: date) -> dict[int, set[date]]:
    """Patient id -> the days from SINCE on with a daily task or exercise done."""
    days: dict[int, set[date]] = defaultdict(set)
    for pid, day in (
        TaskLog.objects.filter(patient_id__in=patient_ids, status=TaskStatus.DONE, date__gte=since)
        .values_list("patient_id", "date")
        .distinct()
    ):
        days[pid].add(day)
    return dict(days)


def recent_step_changes(patient: User, limit: int) -> list[StepChangeRow]:
    """The latest LIMIT step changes of the patient's care plans, newest first."""
    rows = (
        StepChange.objects.filter(plan__patient=patient)
        .order_by("-at")
        .values_list("at", "from_step", "to_step", "reason")[:limit]
    )
    return [StepChangeRow(*row) for row in rows]


def recent_suggestions(patient: User, limit: int) -> list[SuggestionRow]:
    """The latest LIMIT suggestions on the patient's care plans, newest first, whatever their status."""
    rows = (
        Suggestion.objects.filter(plan__patient=patient)
        .order_by("-created_at")
        .values_list("created_at", "kind", "reason", "status")[:limit]
    )
    return [SuggestionRow(*row) for row in rows]
