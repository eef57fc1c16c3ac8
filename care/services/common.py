"""What every care service shares: the error type, settings, who is acting and the active plan."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from accounts.access import Capability, can_access
from accounts.models import CareTeam, Role, User
from care import escalation, ladder
from care.models import (
    CarePlan,
    PlanStatus,
)
from care.pain_monitoring import Thresholds


class CareError(Exception):
    """Bad input or a rule broken: ERRORS maps a field name to a plain message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


class CareConflict(CareError):
    """Well-formed input that the record's current state refuses (an active plan already exists): 409 in the API."""


def ice_limits() -> tuple[int, int, int, int]:
    """(minimum minutes, maximum minutes, sessions per day, days from the start of step 1 it is offered)."""
    return (
        settings.CARE_ICE_MIN_MINUTES,
        settings.CARE_ICE_MAX_MINUTES,
        settings.CARE_ICE_PER_DAY,
        settings.CARE_ICE_FIRST_DAYS,
    )


def escalation_rules() -> escalation.Rules:
    return escalation.Rules(
        weeks_in_step=settings.CARE_ESCALATION_WEEKS,
        akps_mcid=settings.CARE_AKPS_MCID,
        nrs_mcid=settings.CARE_NRS_MCID,
    )


def thresholds() -> Thresholds:
    return Thresholds.from_settings(settings)


def in_care_team(clinician: User, patient: User) -> bool:
    return CareTeam.objects.filter(clinician=clinician, patient=patient).exists()


def starter_for(actor: User | None, patient: User) -> ladder.Starter:
    """Who changes PATIENT's plan: the patient, or a clinician who may write to the record; the system may not."""
    if actor is not None and actor.pk == patient.pk and actor.role == Role.PATIENT:
        return ladder.Starter.PATIENT
    # A clinician of the care team, or one who opened the record with emergency access.
    if actor is not None and actor.role == Role.CLINICIAN and can_access(actor, patient, Capability.RECORD_WRITE):
        return ladder.Starter.CLINICIAN
    raise CareError({"actor": "Only the patient or a clinician of their care team may change this plan."})


def active_plan(patient: User) -> CarePlan | None:
    return CarePlan.objects.filter(patient=patient, status=PlanStatus.ACTIVE).first()
