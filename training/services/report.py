"""The load report over the database: weekly load, warnings, ACWR and cadence, and the runs page's numbers.

Computation lives in :mod:`training.load`, :mod:`training.load_warnings` and :mod:`training.cadence`; these
functions fetch the rows (a few queries each) and shape the results for views, the API and the CLI alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from accounts.models import User
from training import load, load_warnings
from training.cadence import Cadence, cadence_summary
from training.models import UNEVEN_SURFACES, Activity, Shoe, Sport, TrainingProfile
from training.services.shoes import shoe_warnings, shoes_with_stats

HISTORY_DAYS = 240
WEEKS_SHOWN = 12


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
