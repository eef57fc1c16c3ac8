"""What other parts read of runs and shoes: typed rows, one query per function.

Distances are metres; times are aware. PATIENT_IDS is a list of ids, or a ``values("pk")``
queryset used as a subquery (cheaper for long lists).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.db.models import F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from training.models import Activity, Shoe, Sport


class RecentRun(NamedTuple):
    patient_id: int
    start: datetime
    metres: float
    longest_before_m: float  # the longest run of the 30 days before this start, 0 when none
    previous_start: datetime | None  # the run before it, however long ago; None for the first run on record


class RunDistances(NamedTuple):
    week_m: float  # run in the last 7 days
    two_weeks_ago_m: float  # run in days 14 to 21 before now


class ShoeOverLimit(NamedTuple):
    patient_id: int
    name: str
    total_m: float  # the distance it started with plus its runs
    alert_m: float
    last_used: datetime | None


def recent_runs(patient_ids: list[int] | QuerySet[Any], now: datetime) -> list[RecentRun]:
    """The patients' runs of the 7 days up to NOW, each with what came before it, computed by the database.

    About one row per recent run instead of every run of the last five weeks: parsing thousands of
    timestamps was most of the roster's time.
    """
    runs = Activity.objects.filter(sport=Sport.RUN)
    longest_before = (
        runs.filter(
            patient=OuterRef("patient"),
            start__lt=OuterRef("start"),
            start__gte=OuterRef("start") - timedelta(days=30),
        )
        .order_by()
        .values("patient")
        .annotate(m=Max("distance_m"))
        .values("m")
    )
    # The start of the run before, however long ago: a return after a break needs the gap. One more
    # column on the same rows, found through the (patient, start) index.
    previous_start = (
        runs.filter(patient=OuterRef("patient"), start__lt=OuterRef("start")).order_by("-start").values("start")[:1]
    )
    rows = (
        runs.filter(patient_id__in=patient_ids, start__gte=now - timedelta(days=7), start__lte=now)
        .annotate(longest=Coalesce(Subquery(longest_before), 0.0), before=Subquery(previous_start))
        .values_list("patient_id", "start", "distance_m", "longest", "before")
    )
    return [
        RecentRun(pid, start, float(metres or 0), float(longest or 0), before)
        for pid, start, metres, longest, before in rows
    ]


def run_distances(patient_ids: list[int] | QuerySet[Any], now: datetime) -> dict[int, RunDistances]:
    """Patient id -> the metres run in the last 7 days and in days 14 to 21 before NOW (patients who ran)."""
    runs = Activity.objects.filter(sport=Sport.RUN)
    week = Q(start__gt=now - timedelta(days=7), start__lte=now)
    two_weeks_ago = Q(start__gt=now - timedelta(days=21), start__lte=now - timedelta(days=14))
    rows = (
        runs.filter(patient_id__in=patient_ids, start__gt=now - timedelta(days=21), start__lte=now)
        .values("patient_id")
        .annotate(week=Sum("distance_m", filter=week), before=Sum("distance_m", filter=two_weeks_ago))
        .values_list("patient_id", "week", "before")
    )
    return {pid: RunDistances(float(week_m or 0), float(before_m or 0)) for pid, week_m, before_m in rows}


def shoes_over_limit(patient_ids: list[int] | QuerySet[Any]) -> list[ShoeOverLimit]:
    """The patients' shoes in use whose distance is past their alert distance."""
    runs = Activity.objects.filter(shoe=OuterRef("pk")).values("shoe")
    rows = (
        Shoe.objects.filter(patient_id__in=patient_ids, retired=False)
        .annotate(
            used=Coalesce(Subquery(runs.annotate(s=Sum("distance_m")).values("s")), 0.0),
            last_used=Subquery(runs.annotate(m=Max("start")).values("m")),
        )
        .filter(used__gt=F("alert_distance_m") - F("start_distance_m"))
        .values_list("patient_id", "name", "start_distance_m", "alert_distance_m", "used", "last_used")
    )
    return [
        ShoeOverLimit(pid, name, float(start_m) + float(used_m), float(limit), last_used)
        for pid, name, start_m, limit, used_m, last_used in rows
    ]


def weekly_runs(patient: User, tz: ZoneInfo, now: datetime, weeks: int = 26) -> dict[date, tuple[float, int]]:
    """Monday of each of the last WEEKS weeks with a run -> (metres run, number of runs), in zone TZ."""
    totals: dict[date, tuple[float, int]] = {}
    for start, distance in Activity.objects.filter(
        patient=patient, sport=Sport.RUN, start__gte=now - timedelta(weeks=weeks)
    ).values_list("start", "distance_m"):
        day = start.astimezone(tz).date()
        monday = day - timedelta(days=day.weekday())
        metres, runs = totals.get(monday, (0.0, 0))
        totals[monday] = (metres + float(distance or 0), runs + 1)
    return totals


def first_run_on(patient: User, day: date) -> int | None:
    """The id of the patient's first run on DAY (in the current time zone), if there is one."""
    start = datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
    found = (
        Activity.objects.filter(patient=patient, sport=Sport.RUN, start__gte=start, start__lt=start + timedelta(days=1))
        .order_by("start")
        .values_list("pk", flat=True)
        .first()
    )
    return int(found) if found is not None else None
