"""Patient invitations: where a booking from a contact request waits until its person accepts.

An email address typed into the public contact form is a claim, not an identity. Staff may file
the booking under an existing patient only after they confirm the match; otherwise it goes to an
invitation, and the confirmation email carries a signed link to accept it. Accepting files the
appointments under the patient who accepted: a new account made with accounts.services.add_user
(its password set once through the same one-time link ``kneecap add-user`` prints), or, when the
address belongs to a patient already, that patient signed in.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import Role, User
from accounts.services import add_user
from practice.models import Appointment, ContactRequest, PatientInvitation

SALT = "practice.invitation"
#: How long the emailed link works.
LINK_LIFETIME = timedelta(days=30)


def possible_match(contact: ContactRequest) -> User | None:
    """The active patient whose account has the request's email address, if any (a candidate, not a fact)."""
    if not contact.email:
        return None
    return User.objects.filter(role=Role.PATIENT, is_active=True, email__iexact=contact.email).first()


def create(contact: ContactRequest, actor: Actor) -> PatientInvitation:
    """A pending invitation for the person of CONTACT; call inside the booking's transaction."""
    invitation = PatientInvitation.objects.create(
        name=contact.name, email=contact.email, phone=contact.phone, contact_request=contact, created_by=actor.user
    )
    audit(actor, "practice.invitation.created", obj=invitation, changes={"request": contact.reference})
    return invitation


def token_for(invitation: PatientInvitation) -> str:
    return signing.dumps(invitation.pk, salt=SALT)


def link_for(invitation: PatientInvitation) -> str:
    """The absolute link to accept INVITATION; '' when it cannot be accepted online (no email address)."""
    if not invitation.email or not invitation.pending:
        return ""
    return f"{settings.SITE_URL}{reverse('practice:accept_invitation', args=[token_for(invitation)])}"


def from_token(token: str) -> PatientInvitation | None:
    """The pending invitation TOKEN names, or None when the link is forged, too old or used."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=LINK_LIFETIME)
    except signing.BadSignature:
        return None
    invitation = PatientInvitation.objects.filter(pk=pk, accepted_at__isnull=True).exclude(email="").first()
    return invitation


def account_for(invitation: PatientInvitation) -> User | None:
    """The account that already has the invitation's email address, whatever its role."""
    return User.objects.filter(email__iexact=invitation.email).first()


def accept(invitation: PatientInvitation, patient: User, actor: Actor) -> int:
    """File the invitation's appointments under PATIENT, who accepts it (ACTOR); returns how many. Once only."""
    with transaction.atomic():
        claimed = PatientInvitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now(), patient=patient
        )
        if not claimed:
            return 0
        filed = Appointment.objects.filter(invitation=invitation, patient__isnull=True).update(patient=patient)
        audit(actor, "practice.invitation.accepted", patient=patient, obj=invitation, changes={"appointments": filed})
    invitation.refresh_from_db()
    return filed


def accept_with_new_account(invitation: PatientInvitation, actor: Actor) -> User:
    """Make the patient account for INVITATION (no password yet) and accept it; ValueError if the address is taken.

    ACTOR is the visitor who opened the link, not signed in: the account is made by nobody yet, and the
    acceptance is the new patient's, from the visitor's address.
    """
    with transaction.atomic():
        patient = add_user(invitation.email, Role.PATIENT, invitation.name)
        audit(actor, "accounts.user.created", patient=patient, obj=patient, changes={"via": "invitation"})
        accept(invitation, patient, actor.as_user(patient))
    return patient
