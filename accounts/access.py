"""The one access policy: who may see and change which patient's data.

Every view and API operation declares the capability it needs with ``@requires``
(a test walks every URL and fails on one without); patient data is reached only
through ``patient_for``, ``own_record`` and ``visible_patients``, which apply the
minimum necessary for each role (docs/security.md has the role table):

- a patient sees only their own record;
- the front desk sees demographics, contact details, appointments and contact
  requests of every patient, never clinical data;
- a clinician sees the full record of their care team's patients;
- an administrator configures the practice, users and the audit trail, and sees
  demographics; clinical data only through emergency access;
- a clinician or administrator outside the care team may open a record with
  **emergency access** (break-the-glass): a written reason, time-limited,
  audited, shown on the care team's roster and to the patient.

A practice role reaches none of it until this very session has passed TOTP:
enrolling an authenticator is not enough. Anything else is a 404, never a 403,
so that the existence of another person's record is not revealed. Staff reads,
refused attempts and every write are written to the audit trail.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import CareTeam, EmergencyAccess, Role, User


class Capability(StrEnum):
    """What a view or API operation needs. The role table is ROLE_CAPABILITIES."""

    #: Anyone, signed in or not; no patient data.
    PUBLIC = "public"
    #: The signed-in person's own account (landing page, sessions).
    ACCOUNT = "account"
    #: A patient's own record, through own_record.
    OWN_RECORD = "own.record"
    #: A practice role's desk: counts and links, no patient data.
    DESK = "practice.desk"
    #: Name, contact details and appointments of a patient.
    RECORD_DEMOGRAPHICS = "record.demographics"
    #: The clinical record: diagnoses, visits, imaging, procedures, NSAIDs, diary, questionnaires, load, plan.
    RECORD_CLINICAL = "record.clinical"
    #: Writing to the clinical record and the care plan.
    RECORD_WRITE = "record.write"
    #: Opening a record outside one's care team in an emergency.
    EMERGENCY_ACCESS = "record.emergency_access"
    APPOINTMENTS_MANAGE = "appointments.manage"
    REQUESTS_MANAGE = "requests.manage"
    TESTIMONIALS_MODERATE = "testimonials.moderate"
    AUDIT_VIEW = "audit.view"
    PRACTICE_CONFIGURE = "practice.configure"


C = Capability
ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.PATIENT: frozenset({C.ACCOUNT, C.OWN_RECORD}),
    Role.STAFF: frozenset(
        {C.ACCOUNT, C.DESK, C.RECORD_DEMOGRAPHICS, C.APPOINTMENTS_MANAGE, C.REQUESTS_MANAGE, C.TESTIMONIALS_MODERATE}
    ),
    Role.CLINICIAN: frozenset(
        {
            C.ACCOUNT,
            C.DESK,
            C.RECORD_DEMOGRAPHICS,
            C.RECORD_CLINICAL,
            C.RECORD_WRITE,
            C.EMERGENCY_ACCESS,
            C.APPOINTMENTS_MANAGE,
            C.REQUESTS_MANAGE,
        }
    ),
    # Reading the clinical record reaches only the patients the administrator opened with emergency
    # access; writing to it is for clinicians.
    Role.ADMIN: frozenset(
        {
            C.ACCOUNT,
            C.DESK,
            C.RECORD_DEMOGRAPHICS,
            C.RECORD_CLINICAL,
            C.EMERGENCY_ACCESS,
            C.TESTIMONIALS_MODERATE,
            C.AUDIT_VIEW,
            C.PRACTICE_CONFIGURE,
        }
    ),
}
#: Capabilities that reach every patient for these roles; for the others, the care team or emergency access.
PRACTICE_WIDE: dict[str, frozenset[Capability]] = {
    Role.STAFF: frozenset({C.RECORD_DEMOGRAPHICS, C.APPOINTMENTS_MANAGE}),
    Role.CLINICIAN: frozenset(),
    Role.ADMIN: frozenset({C.RECORD_DEMOGRAPHICS}),
}
CLINICAL = frozenset({C.RECORD_CLINICAL, C.RECORD_WRITE})


class MFARequired(Exception):
    """A practice role reached patient data before enrolling TOTP, or in a session that has not passed it."""

    def __init__(self, enrolled: bool = False) -> None:
        super().__init__("two-factor needed")
        #: True when an authenticator exists and only this session's TOTP step is missing.
        self.enrolled = enrolled


class LoginRequired(Exception):
    """An anonymous visitor opened a practice page: send them to sign in."""


def has_mfa(user: User) -> bool:
    from allauth.mfa.models import Authenticator

    cached: bool | None = getattr(user, "_kneecap_has_mfa", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._kneecap_has_mfa = cached  # type: ignore[attr-defined]
    return cached


def session_passed_mfa(request: HttpRequest) -> bool:
    """Whether this session's user completed a TOTP step in this session (allauth records each step)."""
    from allauth.account.authentication import get_authentication_records

    user = _acting_user(request.user)
    if user is None:
        return False
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


def check_mfa(request: HttpRequest) -> None:
    """Raise MFARequired unless the request's user is a patient or a practice role whose session passed TOTP."""
    user = _acting_user(request.user)
    if user is None or not user.works_at_practice:
        return
    if not has_mfa(user):
        raise MFARequired(enrolled=False)
    if not session_passed_mfa(request):
        raise MFARequired(enrolled=True)


def _acting_user(user: User | AnonymousUser) -> User | None:
    return user if isinstance(user, User) and user.is_authenticated else None


def has_capability(user: User | AnonymousUser, capability: Capability) -> bool:
    """Whether USER's role holds CAPABILITY at all (which patients it reaches is a second question)."""
    if capability is Capability.PUBLIC:
        return True
    actor = _acting_user(user)
    return actor is not None and actor.is_active and capability in ROLE_CAPABILITIES.get(actor.role, frozenset())


def emergency_hours() -> int:
    return settings.EMERGENCY_ACCESS_HOURS


def active_emergency_access(actor: User, patient: User, now: datetime | None = None) -> EmergencyAccess | None:
    """ACTOR's emergency access to PATIENT that is open now, if any."""
    now = now or timezone.now()
    return (
        EmergencyAccess.objects.filter(
            actor=actor, patient=patient, ended_at__isnull=True, started_at__lte=now, expires_at__gt=now
        )
        .order_by("-expires_at")
        .first()
    )


def _emergency_patient_ids(actor: User) -> QuerySet[EmergencyAccess, Any]:
    now = timezone.now()
    return EmergencyAccess.objects.filter(
        actor=actor, ended_at__isnull=True, started_at__lte=now, expires_at__gt=now
    ).values("patient_id")


def can_access(user: User | AnonymousUser, patient: User, capability: Capability = Capability.RECORD_CLINICAL) -> bool:
    """Whether USER may use CAPABILITY on PATIENT (two-factor aside)."""
    actor = _acting_user(user)
    if actor is None or not actor.is_active or patient.role != Role.PATIENT:
        return False
    if actor.role == Role.PATIENT:
        # A patient holds every part of their own record, and nothing of anyone else's.
        return actor.pk == patient.pk
    if not has_capability(actor, capability):
        return False
    if capability in PRACTICE_WIDE.get(actor.role, frozenset()):
        return True
    if actor.role == Role.CLINICIAN and CareTeam.objects.filter(clinician=actor, patient=patient).exists():
        return True
    return active_emergency_access(actor, patient) is not None


def visible_patients(user: User | AnonymousUser, capability: Capability = Capability.RECORD_CLINICAL) -> QuerySet[User]:
    """The patients USER may use CAPABILITY on, as one query (the roster, lists, the API)."""
    actor = _acting_user(user)
    patients = User.objects.filter(role=Role.PATIENT, is_active=True)
    if actor is None:
        return patients.none()
    if actor.role == Role.PATIENT:
        return patients.filter(pk=actor.pk)
    if not has_capability(actor, capability):
        return patients.none()
    if actor.works_at_practice and not has_mfa(actor):
        return patients.none()
    if capability in PRACTICE_WIDE.get(actor.role, frozenset()):
        return patients
    emergency = Q(pk__in=_emergency_patient_ids(actor))
    if actor.role == Role.CLINICIAN:
        return patients.filter(Q(care_team__clinician=actor) | emergency).distinct()
    return patients.filter(emergency)


V = TypeVar("V", bound=Callable[..., Any])


def requires(*capabilities: Capability, patient_kwarg: str | None = None) -> Callable[[V], V]:
    """Declare, and enforce, the capabilities (any one of them) a view or API operation needs.

    Anonymous visitors are sent to sign in (LoginRequired); a role with none of them gets a 404,
    audited as refused for practice roles (with the patient when PATIENT_KWARG names the view argument
    that holds the patient's id); a practice role also needs a session that passed TOTP.
    """
    if not capabilities:
        raise ValueError("requires() needs at least one capability")
    declared = frozenset(capabilities)

    def decorate(view: V) -> V:
        if Capability.PUBLIC in declared:
            view.kneecap_capabilities = declared  # type: ignore[attr-defined]
            return view

        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            actor = _acting_user(request.user)
            if actor is None:
                raise LoginRequired()
            if not any(has_capability(actor, c) for c in declared):
                if actor.works_at_practice:
                    _audit_refusal(request, declared, kwargs.get(patient_kwarg) if patient_kwarg else None)
                raise Http404("Not found")
            check_mfa(request)
            return view(request, *args, **kwargs)

        wrapped.kneecap_capabilities = declared  # type: ignore[attr-defined]
        # Django Ninja reads an operation's parameters from its signature and resolves string annotations
        # in the function's own module; give the wrapper the view's signature, already resolved.
        with suppress(NameError):
            wrapped.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


def enforced_elsewhere(capability: Capability, why: str) -> Callable[[V], V]:
    """Declare the capability of a view whose gate is someone else's (WHY says whose), without wrapping it."""

    def decorate(view: V) -> V:
        view.kneecap_capabilities = frozenset({capability})  # type: ignore[attr-defined]
        view.kneecap_enforced_by = why  # type: ignore[attr-defined]
        return view

    return decorate


def public(view: V) -> V:
    """Declare a view open to everyone: it shows no patient data, or only the visitor's own."""
    return requires(Capability.PUBLIC)(view)


def capabilities_of(view: Callable[..., Any]) -> frozenset[Capability] | None:
    return getattr(view, "kneecap_capabilities", None)


def _audit_refusal(request: HttpRequest, capabilities: frozenset[Capability], patient_id: Any) -> None:
    patient = None
    if patient_id is not None:
        try:
            patient = User.objects.filter(pk=int(patient_id), role=Role.PATIENT).first()
        except (TypeError, ValueError):
            patient = None
    audit(
        Actor.of(request),
        "access.denied",
        patient=patient,
        changes={"capability": sorted(capabilities), "method": request.method, "path": request.path},
    )


def patient_for(
    request: HttpRequest,
    pk: int | str,
    *,
    capability: Capability = Capability.RECORD_CLINICAL,
    action: str = "record.viewed",
) -> User:
    """Return the patient PK if the request's user may use CAPABILITY on them, else raise Http404.

    A practice role's read is audited under ACTION (with ``via: emergency_access`` when that is what
    opened it); a refused attempt is audited as ``access.denied`` with what was attempted. A practice
    role whose session has not passed TOTP raises MFARequired, which the middleware turns into the
    second sign-in step.
    """
    actor = _acting_user(request.user)
    if actor is None:
        raise Http404("No such patient")
    check_mfa(request)
    try:
        patient = User.objects.get(pk=int(pk), role=Role.PATIENT)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404("No such patient") from None
    if not can_access(actor, patient, capability):
        if actor.works_at_practice:
            audit(
                Actor.of(request),
                "access.denied",
                patient=patient,
                changes={"attempted": action, "capability": str(capability), "method": request.method},
            )
        raise Http404("No such patient")
    if actor.works_at_practice:
        changes: dict[str, Any] = {}
        if not _reached_without_emergency(actor, patient, capability):
            changes["via"] = "emergency_access"
        audit(Actor.of(request), action, patient=patient, changes=changes)
    return patient


def _reached_without_emergency(actor: User, patient: User, capability: Capability) -> bool:
    if capability in PRACTICE_WIDE.get(actor.role, frozenset()):
        return True
    return actor.role == Role.CLINICIAN and CareTeam.objects.filter(clinician=actor, patient=patient).exists()


def sees_clinical(request: HttpRequest, patient: User) -> bool:
    """Whether the request's user may read PATIENT's clinical record (the chart shows the rest otherwise)."""
    return can_access(request.user, patient, Capability.RECORD_CLINICAL)


def open_emergency_access(request: HttpRequest, patient: User, reason: str) -> EmergencyAccess:
    """Open ACTOR's emergency access to PATIENT for EMERGENCY_ACCESS_HOURS, audited with its reason."""
    actor = _acting_user(request.user)
    if actor is None or not has_capability(actor, Capability.EMERGENCY_ACCESS):
        raise Http404("Not found")
    check_mfa(request)
    reason = reason.strip()
    if len(reason) < 10:
        raise ValueError("Give the reason in a few words (10 characters or more).")
    now = timezone.now()
    grant = EmergencyAccess.objects.create(
        actor=actor, patient=patient, reason=reason, started_at=now, expires_at=now + timedelta(hours=emergency_hours())
    )
    audit(
        Actor.of(request),
        "record.emergency_access.opened",
        patient=patient,
        obj=grant,
        changes={"reason": reason, "until": grant.expires_at.isoformat()},
    )
    return grant


def own_record(request: HttpRequest) -> User:
    """The signed-in patient's own record; anyone else gets a 404."""
    actor = _acting_user(request.user)
    if actor is None or actor.role != Role.PATIENT:
        raise Http404("Only patients have a record here")
    return actor


def acting_user(request: HttpRequest) -> User:
    """The signed-in person (after @requires has checked their capability); anonymous gets a 404."""
    actor = _acting_user(request.user)
    if actor is None:
        raise Http404("Not found")
    return actor
