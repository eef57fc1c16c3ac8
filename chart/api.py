"""Clinician roster under /api/v1/clinic/ and the patient's own appointments under /api/v1/me/.

Session authentication; POSTs need the CSRF token. Access goes through accounts.access
like the pages: a patient outside the caller's reach is a 404, never a 403. An appointment
that can no longer be cancelled online is a 409.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from accounts.access import Capability, own_record, requires
from accounts.audit import Actor
from chart import roster
from common.api_errors import errors
from practice import booking
from practice.models import Appointment, AppointmentStatus
from practice.services import current_practice

router = Router(tags=["chart"], auth=django_auth)


class FlagOut(Schema):
    code: str = Field(
        description="red_flag, worsening, long_run_spike, return_after_break, two_week_ramp, stalled, adherence, ..."
    )
    label: str
    reason: str
    raised_at: datetime


class RosterRowOut(Schema):
    patient_id: int
    name: str
    urgency: int = Field(description="Sum of the flags' weights; higher first")
    flags: list[FlagOut]
    light: str = Field(description="Today's pain light, as the patient sees it: green, amber, red or none")
    light_knee: str = Field(description="left, right or both: the knee the light is for; empty without a check-in")
    light_level: str | None = Field(description="urgent or emergency when a warning sign was answered today")
    light_reasons: list[str]
    next_appointment: datetime | None = Field(description="UTC")
    reviewed_at: datetime | None


class AppointmentOut(Schema):
    id: int
    kind: str
    kind_label: str
    start: datetime = Field(description="UTC")
    end: datetime = Field(description="UTC")
    local_start: str = Field(description="Wall-clock start in the practice's time zone, ISO 8601 with offset")
    clinician: str
    status: str
    can_cancel: bool


@router.get(
    "/clinic/roster",
    response={200: list[RosterRowOut], **errors(401, 403, 404)},
    summary="The caller's patients with their flags, most urgent first",
)
@requires(Capability.RECORD_CLINICAL)
def roster_api(request: HttpRequest) -> list[RosterRowOut]:
    rows = roster.for_viewer(Actor.of(request), via="api")
    return [
        RosterRowOut(
            patient_id=row.patient.pk,
            name=row.patient.display_name,
            urgency=row.urgency,
            flags=[FlagOut(code=f.code, label=f.label, reason=f.reason, raised_at=f.raised_at) for f in row.flags],
            light=row.light.colour.value if row.light else "none",
            light_knee=row.light.knee if row.light else "",
            light_level=row.light.level.code if row.light and row.light.level is not None else None,
            light_reasons=list(row.light.reasons) if row.light else [],
            next_appointment=row.next_appointment,
            reviewed_at=row.reviewed_at,
        )
        for row in rows
    ]


def _appointment_out(appointment: Appointment, now: datetime) -> AppointmentOut:
    practice = current_practice()
    local = appointment.start.astimezone(practice.tz) if practice else appointment.start
    return AppointmentOut(
        id=appointment.pk,
        kind=appointment.kind,
        kind_label=appointment.get_kind_display(),
        start=appointment.start,
        end=appointment.end,
        local_start=local.isoformat(),
        clinician=appointment.clinician.display_name,
        status=appointment.status,
        can_cancel=booking.patient_can_cancel(appointment, now),
    )


@router.get(
    "/me/appointments",
    response={200: list[AppointmentOut], **errors(401, 403, 404)},
    summary="The signed-in patient's upcoming appointments",
)
@requires(Capability.OWN_RECORD)
def my_appointments_api(request: HttpRequest) -> list[AppointmentOut]:
    patient = own_record(request)
    now = timezone.now()
    items = Appointment.objects.filter(patient=patient, start__gte=now).select_related("clinician")
    return [_appointment_out(a, now) for a in items]


@router.post(
    "/me/appointments/{appointment_id}/cancel",
    response={200: AppointmentOut, **errors(401, 403, 404, 409, 422)},
    summary="Cancel one of the signed-in patient's appointments (until the notice time; 409 after it)",
)
@requires(Capability.OWN_RECORD)
def cancel_my_appointment_api(
    request: HttpRequest, appointment_id: Annotated[int, Path(ge=1, description="The appointment's id")]
) -> AppointmentOut:
    patient = own_record(request)
    appointment = get_object_or_404(Appointment.objects.select_related("clinician"), pk=appointment_id, patient=patient)
    if appointment.status != AppointmentStatus.BOOKED:
        raise HttpError(409, "This appointment is not booked any more.")
    if not booking.patient_can_cancel(appointment):
        raise HttpError(409, "This appointment can no longer be cancelled online. Please call the practice.")
    booking.cancel(appointment, Actor.of(request))
    return _appointment_out(appointment, timezone.now())
