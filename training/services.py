"""Training services over the database: the load report, shoe statistics, weekly pain and surfaces.

Computation lives in :mod:`training.load`, :mod:`training.load_warnings` and :mod:`training.cadence`; these
functions fetch the rows (a few queries each) and shape the results for views, the API and the CLI alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Avg, Count, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import User
from care.queries import weekly_pain
from training import load, load_warnings
from training.cadence import Cadence, cadence_summary
from training.models import UNEVEN_SURFACES, Activity, Shoe, Sport, TrainingProfile

HISTORY_DAYS = 240
WEEKS_SHOWN = 12
ROTATION_WEEKS = 8


@dataclass(frozen=True)
class RunRow:
    day: date
    sport: str
    distance_m: float
    duration_s: float
    descent_m: float
    cadence_spm: float | None
    surface: str
    pain_after: int | None
    pain_during: int | None


def _local_day(start: datetime, offset: int | None) -> date:
    if offset is not None:
        return (start + timedelta(seconds=offset)).date()
    return timezone.localtime(start).date()


def run_rows(patient: User, first: date, last: date) -> list[RunRow]:
    """Runs and walks whose local day falls between FIRST and LAST (one query)."""
    lo = timezone.make_aware(datetime.combine(first - timedelta(days=1), time.min), timezone.get_current_timezone())
    hi = timezone.make_aware(datetime.combine(last + timedelta(days=2), time.min), timezone.get_current_timezone())
    rows = Activity.objects.filter(patient=patient, start__gte=lo, start__lt=hi).values_list(
        "start",
        "utc_offset_s",
        "sport",
        "distance_m",
        "moving_time_s",
        "elapsed_s",
        "elevation_loss_m",
        "avg_cadence_spm",
        "surface",
        "pain_after",
        "pain_during",
    )
    out = []
    for start, offset, sport, dist, moving, elapsed, loss, cad, surface, pain_after, pain_during in rows:
        day = _local_day(start, offset)
        if first <= day <= last:
            out.append(RunRow(day, sport, dist, moving or elapsed, loss or 0.0, cad, surface, pain_after, pain_during))
    out.sort(key=lambda r: r.day)
    return out


def last_run_before(patient: User, first: date) -> date | None:
    """The local day of the patient's last run before FIRST, or None when the runs from FIRST on already begin
    with it or there is none (one query).

    A run starting at noon UTC on FIRST or later falls on FIRST or later in every time zone (offsets go down to
    -12 h), so only the latest run starting before that can be the last one before FIRST.
    """
    row = (
        Activity.objects.filter(patient=patient, sport=Sport.RUN, start__lt=datetime.combine(first, time(12), UTC))
        .order_by("-start")
        .values_list("start", "utc_offset_s")
        .first()
    )
    if row is None:
        return None
    day = _local_day(*row)
    return day if day < first else None


def _series(rows: list[RunRow], first: date, last: date) -> load.DailySeries:
    return load.build_daily(
        (
            load.RunDay(r.day, r.distance_m, r.duration_s, r.descent_m, r.cadence_spm, r.surface in UNEVEN_SURFACES)
            for r in rows
        ),
        first,
        last,
    )


def shoes_with_stats(patient: User, today: date | None = None) -> list[Shoe]:
    """The patient's shoes with ``total_m``, ``run_count``, ``pain_after_avg`` and ``rotation_share`` (one query
    plus one count)."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(
        datetime.combine(today - timedelta(weeks=ROTATION_WEEKS), time.min), timezone.get_current_timezone()
    )
    shoes: list[Shoe] = list(
        Shoe.objects.filter(patient=patient).annotate(
            run_distance=Coalesce(Sum("activities__distance_m"), Value(0.0), output_field=FloatField()),
            run_count=Count("activities"),
            pain_after_avg=Avg("activities__pain_after"),
            recent_runs=Count("activities", filter=Q(activities__start__gte=cutoff)),
        )
    )
    recent_total = Activity.objects.filter(patient=patient, start__gte=cutoff, sport=Sport.RUN).count()
    for shoe in shoes:
        shoe.total_m = shoe.start_distance_m + shoe.run_distance  # type: ignore[attr-defined]
        shoe.rotation_share = (  # type: ignore[attr-defined]
            shoe.recent_runs / recent_total if recent_total else None  # type: ignore[attr-defined]
        )
        shoe.over_limit = shoe.total_m >= shoe.alert_distance_m  # type: ignore[attr-defined]
        shoe.limit_share = min(1.0, shoe.total_m / shoe.alert_distance_m)  # type: ignore[attr-defined]
    return shoes


def shoe_warnings(shoes: list[Shoe], day: date) -> list[load_warnings.LoadWarning]:
    return [
        load_warnings.LoadWarning(
            code="shoe_over_limit",
            day=day,
            message=(
                f"{shoe.name} has {shoe.total_m / 1000:,.0f} km, past the {shoe.alert_distance_m / 1000:,.0f} km "  # type: ignore[attr-defined]
                "you chose as a reminder. This is a preference, not injury evidence: replacement mileage comes "
                "from laboratory tests of the foam."
            ),
            source=load_warnings.SOURCE_SHOES,
            numbers={
                "shoe": shoe.name,
                "total_distance_m": round(shoe.total_m, 1),  # type: ignore[attr-defined]
                "alert_distance_m": shoe.alert_distance_m,
            },
        )
        for shoe in shoes
        if not shoe.retired and shoe.over_limit  # type: ignore[attr-defined]
    ]


def profile_for(patient: User) -> TrainingProfile:
    profile, _ = TrainingProfile.objects.get_or_create(patient=patient)
    return profile


@dataclass(frozen=True)
class Report:
    day: date
    weeks: list[load.Week]
    warnings: list[load_warnings.LoadWarning]
    acwr: load.Acwr
    cadence: Cadence
    rows: list[RunRow]
    shoes: list[Shoe]


def build_report(patient: User, day: date) -> Report:
    """Everything the /runs/ page and the load report need, in a handful of queries."""
    first = day - timedelta(days=HISTORY_DAYS)
    rows = run_rows(patient, first, day)
    runs = [r for r in rows if r.sport == Sport.RUN]
    series = _series(runs, first, day)
    weeks = load.weekly(series)
    this_monday = day - timedelta(days=day.weekday())
    weeks = [w for w in weeks if w.start <= this_monday][-WEEKS_SHOWN:]
    shoes = shoes_with_stats(patient, day)
    # Whether older runs exist matters only when the history's first run is recent enough to be warned about:
    # a return after a break must not pass for the first run ever because the break outlasted HISTORY_DAYS.
    recent_first = bool(runs) and (day - runs[0].day).days < load_warnings.WARNING_LOOKBACK_DAYS
    earlier = last_run_before(patient, first) if recent_first else None
    warnings = load_warnings.warnings_on(series, day, earlier_run=earlier) + shoe_warnings(shoes, day)
    first_run = runs[0].day if runs else None
    profile = TrainingProfile.objects.filter(patient=patient).first()
    cadence = cadence_summary(
        [(r.day, r.cadence_spm) for r in runs if r.cadence_spm and (day - r.day).days <= 90],
        day,
        target_pct=profile.cadence_target_pct if profile else None,
        baseline_spm=profile.cadence_baseline_spm if profile else None,
    )
    return Report(day, weeks, warnings, load.acwr_on(series, day, first_run), cadence, rows, shoes)


def report_as_dict(report: Report) -> dict[str, Any]:
    return {
        "date": report.day.isoformat(),
        "weekly": load.as_jsonable(report.weeks),
        "warnings": [w.as_dict() for w in report.warnings],
        "acwr": load.as_jsonable(report.acwr),
        "cadence": load.as_jsonable(report.cadence),
    }


def load_report(patient: User, date: date) -> dict[str, Any]:
    """{date, weekly, warnings: [{code, date, message, source, ...numbers}], acwr, cadence} as JSON values."""
    return report_as_dict(build_report(patient, date))


def diary_pain_by_week(patient: User, first: date, last: date) -> dict[date, float]:
    """Mean diary pain (0-10, care's daily pain: worst of the day, else now) per Monday, to one decimal."""
    return {week: round(pain, 1) for week, pain in weekly_pain(patient, first, last).items()}


def run_pain_by_week(rows: list[RunRow]) -> dict[date, float]:
    per_week: dict[date, list[float]] = defaultdict(list)
    for r in rows:
        if r.pain_after is not None:
            per_week[r.day - timedelta(days=r.day.weekday())].append(float(r.pain_after))
    return {week: round(sum(v) / len(v), 1) for week, v in per_week.items()}


def surface_shares(rows: list[RunRow], since: date) -> list[tuple[str, float]]:
    """Share of distance per surface since SINCE, largest first ("" is "not set")."""
    totals: dict[str, float] = defaultdict(float)
    for r in rows:
        if r.day >= since and r.sport == Sport.RUN:
            totals[r.surface] += r.distance_m
    whole = sum(totals.values())
    if not whole:
        return []
    return sorted(((s, d / whole) for s, d in totals.items()), key=lambda x: -x[1])


def assign_shoe(patient: User, activities: QuerySet[Activity], shoe: Shoe | None, actor: Actor) -> int:
    """Put SHOE on these runs of PATIENT (None takes it off); returns how many changed."""
    ids = list(activities.filter(patient=patient).values_list("pk", flat=True))
    count = Activity.objects.filter(pk__in=ids).update(shoe=shoe)
    audit(
        actor,
        "training.activity.shoe_assigned",
        patient=patient,
        obj=shoe,
        changes={"activities": ids, "shoe": shoe.pk if shoe else None},
    )
    return count


def make_default_shoe(patient: User, shoe: Shoe) -> None:
    with transaction.atomic():
        Shoe.objects.filter(patient=patient, is_default=True).exclude(pk=shoe.pk).update(is_default=False)
        shoe.is_default = True
        shoe.save(update_fields=["is_default"])


def activity_json(activity: Activity) -> dict[str, Any]:
    """One activity with the field names of the CLI and API (metres, seconds, steps per minute)."""
    return {
        "start": activity.start.isoformat(),
        "sport": activity.sport,
        "distance_m": activity.distance_m,
        "duration_s": activity.elapsed_s,
        "moving_time_s": activity.moving_time_s,
        "elevation_gain_m": activity.elevation_gain_m,
        "elevation_loss_m": activity.elevation_loss_m,
        "avg_hr": activity.avg_hr,
        "avg_cadence_spm": activity.avg_cadence_spm,
        "surface": activity.surface or None,
        "shoe": activity.shoe.name if activity.shoe else None,
        "source_format": activity.source_format,
        "source_file": activity.source_file,
    }
