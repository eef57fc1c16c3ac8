"""The one access policy: who may see and change which patient's data.

Every view and API endpoint that touches a patient asks this module. A
patient sees only their own record; a clinician sees the patients of their
care team; front-desk staff and administrators see every patient. A practice
role reaches none of it until this very session has passed TOTP: enrolling an
authenticator is not enough, a session signed in by password alone is sent to
the second step. Anything else is a 404, never a 403, so that the existence of
another person's record is not revealed. Staff reads and every write are
written to the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from accounts.models import AuditEvent, CareTeam, Role, User


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


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _acting_user(user: User | AnonymousUser) -> User | None:
    return user if isinstance(user, User) and user.is_authenticated else None


def can_access(user: User | AnonymousUser, patient: User) -> bool:
    """Whether USER may read PATIENT's record (MFA aside)."""
    actor = _acting_user(user)
    if actor is None or not actor.is_active or patient.role != Role.PATIENT:
        return False
    if actor.role == Role.PATIENT:
        return actor.pk == patient.pk
    if actor.role == Role.CLINICIAN:
        return CareTeam.objects.filter(clinician=actor, patient=patient).exists()
    return actor.role in (Role.STAFF, Role.ADMIN)


def visible_patients(user: User | AnonymousUser) -> QuerySet[User]:
    """The patients USER may see, as one query."""
    actor = _acting_user(user)
    patients = User.objects.filter(role=Role.PATIENT, is_active=True)
    if actor is None:
        return patients.none()
    if actor.role == Role.PATIENT:
        return patients.filter(pk=actor.pk)
    if actor.works_at_practice and not has_mfa(actor):
        return patients.none()
    if actor.role == Role.CLINICIAN:
        return patients.filter(care_team__clinician=actor)
    return patients


def audit(
    request: HttpRequest | None,
    action: str,
    *,
    patient: User | None = None,
    obj: Model | None = None,
    changes: dict[str, Any] | None = None,
    actor: User | None = None,
) -> AuditEvent:
    """Write one audit entry. ACTION is dotted: ``app.object.verb``."""
    if actor is None and request is not None:
        actor = _acting_user(request.user)
    return AuditEvent.objects.create(
        actor=actor,
        patient=patient,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        changes=changes or {},
        ip=client_ip(request),
    )


def patient_for(request: HttpRequest, pk: int | str, *, action: str = "record.viewed") -> User:
    """Return the patient PK if the request's user may see them, else raise Http404.

    A staff read is audited under ACTION; a denied attempt by a practice role is
    audited as ``access.denied``. A practice role without TOTP raises
    MFARequired, which the middleware turns into the enrolment page.
    """
    user = request.user
    actor = _acting_user(user)
    if actor is None:
        raise Http404("No such patient")
    check_mfa(request)
    try:
        patient = User.objects.get(pk=int(pk), role=Role.PATIENT)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404("No such patient") from None
    if not can_access(actor, patient):
        if actor.works_at_practice:
            audit(request, "access.denied", patient=patient, changes={"attempted": action})
        raise Http404("No such patient")
    if actor.works_at_practice:
        audit(request, action, patient=patient)
    return patient


def own_record(request: HttpRequest) -> User:
    """The signed-in patient's own record; anyone else gets a 404."""
    actor = _acting_user(request.user)
    if actor is None or actor.role != Role.PATIENT:
        raise Http404("Only patients have a record here")
    return actor


def require_practice_role(request: HttpRequest, *roles: Role) -> User:
    """Gate a practice page (queues, audit) by role and TOTP; others get a 404."""
    actor = _acting_user(request.user)
    allowed = set(roles) if roles else set(Role) - {Role.PATIENT}
    if actor is None:
        raise LoginRequired()
    if actor.role not in allowed:
        raise Http404("Not found")
    check_mfa(request)
    return actor
