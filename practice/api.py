"""The signed-in patient's appointments under /api/v1/me/: the upcoming ones, and cancelling one.

Session authentication; POSTs need the CSRF token. Another patient's appointment is a 404, never a
403; one that can no longer be cancelled online (not booked any more, or inside the notice time) is a 409.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from accounts.access import Capability, own_record, requires
from accounts.audit import Actor
from common.api_errors import errors
from practice import booking
from practice.models import Appointment
from practice.queries import current_practice, upcoming_for_patient

router = Router(tags=["practice"], auth=django_auth)


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


# The operation ids are those the operations had under chart/api.py, so clients generated from the
# document keep their method names.
@router.get(
    "/me/appointments",
    response={200: list[AppointmentOut], **errors(401, 403, 404)},
    summary="The signed-in patient's upcoming appointments, booked or cancelled",
    operation_id="chart_api_my_appointments_api",
)
@requires(Capability.OWN_RECORD)
def my_appointments_api(request: HttpRequest) -> list[AppointmentOut]:
    patient = own_record(request)
    now = timezone.now()
    return [_appointment_out(a, now) for a in upcoming_for_patient(patient, now)]


@router.post(
    "/me/appointments/{appointment_id}/cancel",
    response={200: AppointmentOut, **errors(401, 403, 404, 409, 422)},
    summary="Cancel one of the signed-in patient's appointments (until the notice time; 409 after it)",
    operation_id="chart_api_cancel_my_appointment_api",
)
@requires(Capability.OWN_RECORD)
def cancel_my_appointment_api(
    request: HttpRequest, appointment_id: Annotated[int, Path(ge=1, description="The appointment's id")]
) -> AppointmentOut:
    patient = own_record(request)
    try:
        appointment = booking.cancel_for_patient(patient, appointment_id, Actor.of(request))
    except booking.CancelRefused as refusal:
        raise HttpError(409, str(refusal)) from None
    return _appointment_out(appointment, timezone.now())
