"""The signed-in patient's running data under /api/v1/me/ (session authentication)."""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import ConfigDict

from accounts.access import Capability, MFARequired, own_record, patient_for, requires
from accounts.audit import Actor
from accounts.models import Role, User
from common.api_errors import errors
from common.api_schema import IsoDate
from training.services.activities import activities_of, activity_json
from training.services.cadence import set_cadence_target as store_cadence_target
from training.services.report import load_report

router = Router(tags=["training"])


class WarningOut(Schema):
    code: str = Field(
        description="long_run_spike | return_after_break | two_week_ramp | downhill_increase | shoe_over_limit, "
        "in this order (ranked by evidence)"
    )
    date: str
    message: str
    source: str = Field(description="The study or reasoning behind the warning")
    # The numbers behind each warning; only the ones of its code are present.
    distance_m: float | None = Field(
        None, description="long_run_spike: the run's distance; return_after_break: metres run that day"
    )
    days_off: int | None = Field(
        None, description="return_after_break: whole days without running between the last run and this one (30+)"
    )
    previous_longest_m: float | None = Field(None, description="long_run_spike: longest run of the 30 days before")
    increase_pct: float | None = None
    band: str | None = Field(None, description="long_run_spike: 10-30%, 30-100% or over 100%")
    hazard_ratio: float | None = Field(None, description="long_run_spike: as reported by Frandsen 2025")
    last_14_days_m: float | None = None
    previous_14_days_m: float | None = None
    downhill_last_7_days_m: float | None = None
    downhill_previous_7_days_m: float | None = None
    shoe: str | None = None
    total_distance_m: float | None = None
    alert_distance_m: float | None = None


class LoadReportOut(Schema):
    date: str
    weekly: list[dict[str, Any]] = Field(description="Weeks from Monday: metres, seconds, runs, changes in %")
    warnings: list[WarningOut]
    acwr: dict[str, Any] = Field(description="Information only, with its formula and criticism; never an alert")
    cadence: dict[str, Any] = Field(description="Preferred and recent cadence in steps per minute, target, progress")


class ActivityOut(Schema):
    id: int
    start: str
    sport: str
    distance_m: float
    duration_s: float
    moving_time_s: float | None
    elevation_gain_m: float | None
    elevation_loss_m: float | None
    avg_hr: float | None
    avg_cadence_spm: float | None
    surface: str | None
    shoe: str | None
    source_format: str
    source_file: str
    pain_during: int | None
    pain_after: int | None


AsOf = Annotated[IsoDate | None, Query(description="The day to report on, YYYY-MM-DD; today when absent")]


@router.get(
    "/me/load",
    response={200: LoadReportOut, **errors(401, 403, 404, 422)},
    auth=django_auth,
    exclude_none=True,
    summary="My training load report as of a date",
)
@requires(Capability.OWN_RECORD)
def my_load(request: HttpRequest, date: AsOf = None) -> dict[str, Any]:
    """Weekly distance and time, load warnings ranked by evidence, ACWR (information only) and cadence."""
    try:
        patient = own_record(request)
    except Http404:
        raise HttpError(404, "Only patients have running data here") from None
    return load_report(patient, _as_of(date))


def _as_of(value: Date | None) -> Date:
    return value or timezone.localdate()


@router.get(
    "/me/activities",
    response={200: list[ActivityOut], **errors(401, 403, 404, 422)},
    auth=django_auth,
    summary="My runs and walks, newest first",
)
@requires(Capability.OWN_RECORD)
def my_activities(
    request: HttpRequest, limit: Annotated[int, Query(ge=1, le=1000, description="How many, newest first")] = 100
) -> list[dict[str, Any]]:
    try:
        patient = own_record(request)
    except Http404:
        raise HttpError(404, "Only patients have running data here") from None
    rows = activities_of(patient)[:limit]
    return [activity_json(a) | {"id": a.pk, "pain_during": a.pain_during, "pain_after": a.pain_after} for a in rows]


def _patient(request: HttpRequest, patient_id: int, action: str) -> User:
    try:
        return patient_for(request, patient_id, action=action)
    except MFARequired:
        raise HttpError(403, "Enrol two-factor authentication before opening patient records") from None


PatientId = Annotated[int, Path(ge=1, description="The patient's user id")]


@router.get(
    "/patients/{patient_id}/load",
    response={200: LoadReportOut, **errors(401, 403, 404, 422)},
    auth=django_auth,
    exclude_none=True,
    summary="A patient's training load report (the patient, or their care team)",
)
@requires(Capability.RECORD_CLINICAL, Capability.OWN_RECORD)
def patient_load(request: HttpRequest, patient_id: PatientId, date: AsOf = None) -> dict[str, Any]:
    patient = _patient(request, patient_id, "training.load.viewed")
    return load_report(patient, _as_of(date))


class CadenceTargetIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    # The evidence for raising cadence covers 5 to 10% (docs/clinical-rules.md).
    target_pct: float | None = Field(
        ge=5, le=10, description="5 to 10 (% above the preferred cadence), or null to clear it"
    )


class CadenceTargetOut(Schema):
    target_pct: float | None
    baseline_spm: float | None = Field(description="Preferred cadence when the target was set, steps per minute")
    target_spm: float | None
    set_on: str | None


@router.put(
    "/patients/{patient_id}/cadence-target",
    response={200: CadenceTargetOut, **errors(400, 401, 403, 404, 422)},
    auth=django_auth,
    summary="Set a patient's cadence target (the patient, or a clinician of their care team)",
)
@requires(Capability.RECORD_WRITE, Capability.OWN_RECORD)
def set_cadence_target(request: HttpRequest, patient_id: PatientId, payload: CadenceTargetIn) -> dict[str, Any]:
    patient = _patient(request, patient_id, "training.cadence_target.viewed")
    actor = Actor.of(request)
    if actor.user is None or actor.user.role not in (Role.PATIENT, Role.CLINICIAN):
        raise HttpError(404, "Only the patient or their clinician sets the cadence target")
    profile = store_cadence_target(patient, payload.target_pct, actor)
    baseline = profile.cadence_baseline_spm
    return {
        "target_pct": profile.cadence_target_pct,
        "baseline_spm": baseline,
        "target_spm": round(baseline * (1 + profile.cadence_target_pct / 100), 1)
        if baseline and profile.cadence_target_pct
        else None,
        "set_on": profile.cadence_target_set_on.isoformat() if profile.cadence_target_set_on else None,
    }
