"""The roster: every patient of the clinician with their flags, in a fixed number of queries.

Each source of data is read for all patients at once (one query each), then the pure
rules in chart.flags run per patient. Parts of the system that are not installed
(or not migrated yet) simply contribute no flags.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db.models import Max, Min, Model, Q, QuerySet
from django.utils import timezone

from accounts.models import EmergencyAccess, User
from assessments.queries import last_scheduled_questionnaires, urgent_self_checks
from care import pain_monitoring
from care.pain_monitoring import CheckIn, Light
from care.services.common import thresholds
from care.services.diary import LIGHT_FIELDS, checkin_from
from chart import flags as rules
from chart.models import Review
from practice.models import Appointment, AppointmentStatus
from training.queries import recent_runs, run_distances, shoes_over_limit


@dataclass
class Row:
    patient: User
    flags: list[rules.Flag] = field(default_factory=list)
    next_appointment: datetime | None = None
    reviewed_at: datetime | None = None
    #: Today's pain light, the same as on the patient's /today/ (care.pain_monitoring).
    light: Light | None = None

    @property
    def urgency(self) -> int:
        return rules.urgency(self.flags)


def model(app_label: str, name: str) -> type[Model]:
    """Another app's model, by name so that the roster reads every app without importing their views."""
    return apps.get_model(app_label, name)


def _rows(queryset: Any) -> list[Any]:
    """Another app's rows. Errors stay loud: a flag that silently vanished would hide a patient."""
    return list(queryset)


def collect(patient_ids: list[int] | QuerySet[Any], now: datetime) -> dict[int, rules.PatientData]:
    """PATIENT_IDS: a list of ids, or a ``values("pk")`` queryset used as a subquery (cheaper for long lists)."""
    return _collect(patient_ids, now)[0]


def _collect(
    patient_ids: list[int] | QuerySet[Any], now: datetime
) -> tuple[dict[int, rules.PatientData], dict[int, list[CheckIn]]]:
    """The flags' data and each patient's diary check-ins of the last 15 days (for the pain light)."""
    data: dict[int, rules.PatientData] = defaultdict(rules.PatientData)
    checkins: dict[int, list[CheckIn]] = defaultdict(list)
    since_45 = now - timedelta(days=45)
    for pid, at, outcome in urgent_self_checks(patient_ids, since_45):
        data[pid].urgent_checks.append((at, outcome))
    diary = model("care", "DiaryEntry")
    # One read of the last 15 days' entries feeds the worsening flag and the pain light.
    for row in _rows(
        diary.objects.filter(  # type: ignore[attr-defined]
            patient_id__in=patient_ids, date__gte=(now - timedelta(days=15)).date()
        ).values("patient_id", *LIGHT_FIELDS)
    ):
        pid, checkin = row["patient_id"], checkin_from(row)
        data[pid].pain.append((checkin.day, checkin.pain))
        checkins[pid].append(checkin)
    # Warning signs answered in the diary (docs/clinical-evidence.md section 3), at the self-check's levels.
    for pid, day, created, *answers in _rows(
        diary.objects.filter(  # type: ignore[attr-defined]
            reduce(or_, (Q(**{name: True}) for name in pain_monitoring.FLAGS)),
            patient_id__in=patient_ids,
            date__gte=since_45.date(),
        ).values_list("patient_id", "date", "created_at", *pain_monitoring.FLAGS)
    ):
        signs = [name for name, yes in zip(pain_monitoring.FLAGS, answers, strict=True) if yes]
        level = max(pain_monitoring.FLAG_LEVEL[name] for name in signs)
        words = ", ".join(name.replace("_", " ") for name in signs)
        data[pid].urgent_checks.append((created, f"diary:{day.isoformat()}:{level.code}:{words}"))
    for pid, at, who, email, reason in EmergencyAccess.objects.filter(
        patient_id__in=patient_ids, started_at__gte=since_45
    ).values_list("patient_id", "started_at", "actor__name", "actor__email", "reason"):
        data[pid].emergency_accesses.append((at, who or email, reason))
    for run in recent_runs(patient_ids, now):
        data[run.patient_id].recent_runs.append((run.start, run.metres, run.longest_before_m, run.previous_start))
    for pid, distances in run_distances(patient_ids, now).items():
        data[pid].week_m, data[pid].two_weeks_ago_m = distances
    plan = model("care", "CarePlan")
    for pid, started in _rows(
        plan.objects.filter(  # type: ignore[attr-defined]
            patient_id__in=patient_ids, status="active"
        ).values_list("patient_id", "started_on")
    ):
        data[pid].plan_since = started
    suggestion = model("care", "Suggestion")
    for pid, at, reason in _rows(
        suggestion.objects.filter(  # type: ignore[attr-defined]
            plan__patient_id__in=patient_ids, plan__status="active", status="open", kind="next_step"
        ).values_list("plan__patient_id", "created_at", "reason")
    ):
        data[pid].open_escalations.append((at, reason))
    task_log = model("care", "TaskLog")
    for pid, day in _rows(
        task_log.objects.filter(  # type: ignore[attr-defined]
            patient_id__in=patient_ids, status="done", date__gte=(now - timedelta(days=15)).date()
        )
        .values_list("patient_id", "date")
        .distinct()
    ):
        data[pid].done_days.add(day)
    for pid, last in last_scheduled_questionnaires(patient_ids).items():
        data[pid].last_questionnaire = last
    for shoe in shoes_over_limit(patient_ids):
        data[shoe.patient_id].shoes_over.append((shoe.last_used or now, shoe.name, shoe.total_m, shoe.alert_m))
    return data, checkins


def build(patients: list[User], now: datetime, tz: ZoneInfo, id_query: QuerySet[Any] | None = None) -> list[Row]:
    """One row per patient with its flags, the last review and the next appointment.

    ID_QUERY, when given, selects the same patients' ids as a subquery instead of a list of ids.
    """
    ids: list[int] | QuerySet[Any] = id_query if id_query is not None else [p.pk for p in patients]
    data, checkins = _collect(ids, now)
    # The patient's own pages judge the light on the server's date (their check-in's default day): so does this.
    light_day, light_thresholds = timezone.localdate(now), thresholds()
    reviews = dict(
        Review.objects.filter(patient_id__in=ids)
        .values("patient_id")
        .annotate(last=Max("reviewed_at"))
        .values_list("patient_id", "last")
    )
    upcoming = dict(
        Appointment.objects.filter(patient_id__in=ids, status=AppointmentStatus.BOOKED, start__gt=now)
        .values("patient_id")
        .annotate(first=Min("start"))
        .values_list("patient_id", "first")
    )
    rows = []
    for patient in patients:
        reviewed = reviews.get(patient.pk)
        rows.append(
            Row(
                patient=patient,
                flags=rules.evaluate(data[patient.pk], now, tz, reviewed),
                next_appointment=upcoming.get(patient.pk),
                reviewed_at=reviewed,
                light=pain_monitoring.patient_light(checkins[patient.pk], light_day, light_thresholds),
            )
        )
    return rows


def sort_rows(rows: list[Row], order: str) -> list[Row]:
    far = datetime.max.replace(tzinfo=ZoneInfo("UTC"))
    if order == "name":
        return sorted(rows, key=lambda r: r.patient.display_name.lower())
    if order == "appointment":
        return sorted(rows, key=lambda r: r.next_appointment or far)
    return sorted(rows, key=lambda r: (-r.urgency, r.patient.display_name.lower()))
