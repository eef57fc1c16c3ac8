"""The clinician roster under /api/v1/clinic/ (the patient's appointments are practice/api.py).

Session authentication. Access goes through accounts.access like the pages: a patient outside
the caller's reach is not listed, and a role without the clinical record gets a 404, never a 403.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.security import django_auth

from accounts.access import Capability, requires
from accounts.audit import Actor
from chart import roster
from common.api_errors import errors

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
