"""Accepting an invitation files its appointments under the account of the invited address, and only that one."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core import signing

from accounts.audit import Actor
from accounts.models import AuditEvent, Role, User
from practice import invitations
from practice.models import Appointment, ContactRequest, PatientInvitation
from practice.testing import future_monday

pytestmark = pytest.mark.django_db


def invite(clinician, email: str, name: str = "Rita Runner") -> PatientInvitation:
    contact = ContactRequest.objects.create(submission_token=email * 2, name=name, email=email, reason="runners_knee")
    invitation = invitations.create(contact, Actor(clinician))
    start = future_monday(time(10))
    Appointment.objects.create(
        invitation=invitation, name=name, email=email, clinician=clinician, kind="new_visit", start=start,
        end=start + timedelta(minutes=30), contact_request=contact,
    )  # fmt: skip
    return invitation


def link(invitation) -> str:
    return "/invitation/" + invitations.token_for(invitation) + "/"


def test_a_new_person_accepts_and_chooses_a_password_once(client, practice, clinician, marked_for_translation):
    invitation = invite(clinician, "rita@example.org")
    page = client.get(link(invitation))
    assert page.status_code == 200
    assert f"{marked_for_translation[0]}Accept and create my account" in page.content.decode()
    response = client.post(link(invitation))
    rita = User.objects.get(email="rita@example.org")
    assert (rita.role, rita.name, rita.has_usable_password()) == (Role.PATIENT, "Rita Runner", False)
    assert "/accounts/password/reset/key/" in response["Location"]
    assert Appointment.objects.get().patient == rita
    invitation.refresh_from_db()
    assert invitation.patient == rita and not invitation.pending
    accepted = AuditEvent.objects.get(action="practice.invitation.accepted")
    assert (accepted.actor, accepted.patient, accepted.changes) == (rita, rita, {"appointments": 1})


def test_the_link_works_once(client, practice, clinician):
    invitation = invite(clinician, "rita@example.org")
    client.post(link(invitation))
    client.logout()
    assert client.get(link(invitation)).status_code == 404
    assert client.post(link(invitation)).status_code == 404
    assert User.objects.filter(email="rita@example.org").count() == 1


def test_a_forged_or_old_link_opens_nothing(client, practice, clinician, monkeypatch):
    invitation = invite(clinician, "rita@example.org")
    assert client.get(f"/invitation/{invitation.pk}/").status_code == 404
    forged = signing.dumps(invitation.pk, salt="another.salt")
    assert client.post(f"/invitation/{forged}/").status_code == 404
    monkeypatch.setattr(invitations, "LINK_LIFETIME", timedelta(seconds=-1))  # every link is past its age
    assert client.post(link(invitation)).status_code == 404
    assert Appointment.objects.get().patient is None


def test_the_owner_of_an_existing_account_signs_in_to_accept(client, practice, clinician, patient):
    invitation = invite(clinician, "PAT@example.org", name="Pat")
    page = client.get(link(invitation)).content.decode()
    assert "Sign in to add the appointment" in page
    client.post(link(invitation))
    assert Appointment.objects.get().patient is None, "signed out, nothing is filed"
    client.force_login(patient)
    response = client.post(link(invitation))
    assert response["Location"] == "/me/appointments/"
    assert Appointment.objects.get().patient == patient
    assert "New visit" in client.get("/me/appointments/").content.decode()
    assert AuditEvent.objects.filter(action="practice.invitation.accepted", actor=patient, patient=patient).exists()


def test_another_patient_signed_in_cannot_take_the_appointment(client, practice, clinician, patient, other_patient):
    invitation = invite(clinician, "pat@example.org")
    client.force_login(other_patient)
    response = client.post(link(invitation))
    assert response.status_code == 400
    assert "signed in with another account" in response.content.decode()
    assert Appointment.objects.get().patient is None
    assert PatientInvitation.objects.get().pending


def test_someone_signed_in_cannot_accept_for_a_new_address(client, practice, clinician, other_patient):
    invitation = invite(clinician, "fresh@example.org")
    client.force_login(other_patient)
    assert client.post(link(invitation)).status_code == 400
    assert not User.objects.filter(email="fresh@example.org").exists()
    assert Appointment.objects.get().patient is None


def test_an_address_of_a_practice_account_is_never_accepted_online(client, practice, clinician, staff):
    invitation = invite(clinician, staff.email)
    assert client.post(link(invitation)).status_code == 400
    client.force_login(staff)
    assert client.post(link(invitation)).status_code == 400
    assert Appointment.objects.get().patient is None
