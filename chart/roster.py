"""The roster: every patient of the clinician with their flags, in a fixed number of queries.

``for_viewer`` is the roster as a viewer may see it, filtered, sorted and audited: what the page and the
API show.

Each source of data is read for all patients at once, one query each through the typed reads
the other apps export (their ``queries`` modules), then the pure rules in chart.flags run per
patient.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from accounts.access import Capability, visible_patients
from accounts.audit import Actor, audit
from accounts.models import EmergencyAccess, User
from assessments.queries import last_scheduled_questionnaires, urgent_self_checks
from care.checkins import CheckIn
from care.pain_monitoring import Light, patient_light
from care.queries import (
    active_plan_starts,
    checkins_since,
    exercise_days,
    open_next_step_suggestions,
    warning_signs_since,
)
from care.services.common import thresholds
from care.warning_signs import FLAG_LEVEL
from chart import flags as rules
from chart.models import Review
from practice.queries import current_practice, first_booked_after
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


def collect(patient_ids: list[int] | QuerySet[Any], now: datetime) -> dict[int, rules.PatientData]:
    """PATIENT_IDS: a list of ids, or a ``values("pk")`` queryset used as a subquery (cheaper for long lists)."""
    return _collect(patient_ids, now)[0]


def _collect(
    patient_ids: list[int] | QuerySet[Any], now: datetime
) -> tuple[dict[int, rules.PatientData], dict[int, list[CheckIn]]]:
    """The flags' data and each patient's diary check-ins of the last 15 days (for the pain light)."""
    data: dict[int, rules.PatientData] = defaultdict(rules.PatientData)
    since_45 = now - timedelta(days=45)
    for pid, at, outcome in urgent_self_checks(patient_ids, since_45):
        data[pid].urgent_checks.append((at, outcome))
    # One read of the last 15 days' entries feeds the worsening flag and the pain light.
    checkins = checkins_since(patient_ids, (now - timedelta(days=15)).date())
    for pid, entries in checkins.items():
        data[pid].pain.extend((c.day, c.pain) for c in entries)
    # Warning signs answered in the diary (docs/clinical-evidence.md section 3), at the self-check's levels.
    for pid, day, entered, signs in warning_signs_since(patient_ids, since_45.date()):
        level = max(FLAG_LEVEL[name] for name in signs)
        words = ", ".join(name.replace("_", " ") for name in signs)
        data[pid].urgent_checks.append((entered, f"diary:{day.isoformat()}:{level.code}:{words}"))
    for pid, at, who, email, reason in EmergencyAccess.objects.filter(
        patient_id__in=patient_ids, started_at__gte=since_45
    ).values_list("patient_id", "started_at", "actor__name", "actor__email", "reason"):
        data[pid].emergency_accesses.append((at, who or email, reason))
    for run in recent_runs(patient_ids, now):
        data[run.patient_id].recent_runs.append((run.start, run.metres, run.longest_before_m, run.previous_start))
    for pid, distances in run_distances(patient_ids, now).items():
        data[pid].week_m, data[pid].two_weeks_ago_m = distances
    for pid, started in active_plan_starts(patient_ids).items():
        data[pid].plan_since = started
    for pid, at, reason in open_next_step_suggestions(patient_ids):
        data[pid].open_escalations.append((at, reason))
    for pid, days in exercise_days(patient_ids, (now - timedelta(days=15)).date()).items():
        data[pid].done_days.update(days)
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
    upcoming = first_booked_after(ids, now)
    rows = []
    for patient in patients:
        reviewed = reviews.get(patient.pk)
        rows.append(
            Row(
                patient=patient,
                flags=rules.evaluate(data[patient.pk], now, tz, reviewed),
                next_appointment=upcoming.get(patient.pk),
                reviewed_at=reviewed,
                light=patient_light(checkins.get(patient.pk, []), light_day, light_thresholds),
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


def for_viewer(
    actor: Actor,
    *,
    query: str = "",
    flag: str = "",
    order: str = "urgency",
    via: str = "page",
    tz: ZoneInfo | None = None,
) -> list[Row]:
    """The roster as ACTOR may see it: the patients whose clinical record they may read, with their flags.

    QUERY narrows it to names or email addresses containing it, FLAG (a code of chart.flags.KINDS) to the
    patients with that flag; ORDER is urgency, name or appointment. The read is audited as
    ``chart.roster.viewed`` with how many patients it showed, the filters and VIA (page or api). TZ is the
    practice's time zone, in which the flags count days (read when not given).
    """
    if actor.user is None:
        return []
    if tz is None:
        practice = current_practice()
        tz = practice.tz if practice else timezone.get_current_timezone()
    patients = visible_patients(actor.user, Capability.RECORD_CLINICAL)
    if query:
        patients = patients.filter(Q(name__icontains=query) | Q(email__icontains=query))
    rows = build(list(patients), timezone.now(), tz, id_query=patients.values("pk"))
    if flag in rules.KINDS:
        rows = [r for r in rows if any(f.code == flag for f in r.flags)]
    rows = sort_rows(rows, order)
    audit(actor, "chart.roster.viewed", changes={"patients": len(rows), "flag": flag, "q": query, "via": via})
    return rows
