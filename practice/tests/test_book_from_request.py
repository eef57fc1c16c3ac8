"""Booking from a contact request: an email address alone never files the appointment under a patient."""

from __future__ import annotations

from datetime import time

import pytest
from django.core import mail

from accounts.models import AuditEvent, CareTeam
from accounts.testing import PASSWORD, fresh_totp_code
from practice import invitations
from practice.models import Appointment, ContactRequest, PatientInvitation
from practice.testing import future_monday

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    """Through the pages, with the TOTP step for practice roles, as a browser session would be."""
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    if user.works_at_practice:
        client.post("/accounts/2fa/authenticate/", {"code": fresh_totp_code(user)})
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.fixture
def request_as_pat(db, patient):
    """An anonymous request that gives the existing patient's email address (in other letter case)."""
    return ContactRequest.objects.create(
        submission_token="m" * 20, name="Pat Someone", email="PAT@example.org", phone="555-0100", reason="runners_knee"
    )


def url(contact) -> str:
    return f"/staff/requests/{contact.pk}/book/"


def slot(clinician, **extra):
    start = future_monday(time(10))
    return {"clinician": clinician.pk, "kind": "new_visit", "date": start.date(), "time": "10:00", **extra}


def test_the_form_shows_the_possible_match_and_leaves_it_unconfirmed(
    client, staff, working_clinician, patient, request_as_pat, marked_for_translation
):
    sign_in(client, staff)
    response = client.get(url(request_as_pat))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Possibly an existing patient" in body and "Pat Owner" in body and "pat@example.org" in body
    assert patient.date_joined.strftime("%B") in body
    form = response.context["form"]
    assert form["confirm_match"].value() in (None, False)
    assert form["match_id"].value() == patient.pk
    mark_open, _close = marked_for_translation
    assert f"{mark_open}Possibly an existing patient" in body
    assert f"{mark_open}I have checked that this request is from this patient" in body
    assert AuditEvent.objects.filter(
        action="practice.request.match_shown", actor=staff, patient=patient, object_id=str(request_as_pat.pk)
    ).exists()


def test_without_confirmation_the_booking_goes_to_a_new_invitation(
    client, staff, working_clinician, patient, request_as_pat
):
    sign_in(client, staff)
    response = client.post(url(request_as_pat), slot(working_clinician, match_id=patient.pk))
    assert response.status_code == 302
    booked = Appointment.objects.get()
    invitation = PatientInvitation.objects.get()
    assert booked.patient is None and booked.invitation == invitation
    assert (invitation.email, invitation.name, invitation.contact_request) == (
        "PAT@example.org",
        "Pat Someone",
        request_as_pat,
    )
    assert invitation.pending and invitation.patient is None
    assert not Appointment.objects.filter(patient=patient).exists()
    assert AuditEvent.objects.filter(action="practice.invitation.created", actor=staff).exists()
    booked_event = AuditEvent.objects.get(action="practice.appointment.booked")
    assert booked_event.patient is None and booked_event.changes["invitation"] == invitation.pk
    assert not AuditEvent.objects.filter(action="practice.request.match_confirmed").exists()


def test_the_unconfirmed_booking_never_shows_in_the_patients_own_list(
    client, staff, working_clinician, patient, request_as_pat
):
    sign_in(client, staff)
    client.post(url(request_as_pat), slot(working_clinician))
    client.logout()
    sign_in(client, patient)
    assert "New visit" not in client.get("/me/appointments/").content.decode()
    assert client.get("/api/v1/me/appointments").json() == []


def test_confirming_the_match_files_the_booking_in_that_record(
    client, staff, working_clinician, patient, request_as_pat
):
    sign_in(client, staff)
    response = client.post(url(request_as_pat), slot(working_clinician, confirm_match="on", match_id=patient.pk))
    assert response.status_code == 302
    booked = Appointment.objects.get()
    assert booked.patient == patient and booked.invitation is None
    assert not PatientInvitation.objects.exists()
    confirmed = AuditEvent.objects.get(action="practice.request.match_confirmed")
    assert (confirmed.actor, confirmed.patient, confirmed.object_id) == (staff, patient, str(request_as_pat.pk))
    assert AuditEvent.objects.get(action="practice.appointment.booked").patient == patient


def test_a_confirmation_for_another_record_is_refused(
    client, staff, working_clinician, patient, other_patient, request_as_pat
):
    sign_in(client, staff)
    response = client.post(url(request_as_pat), slot(working_clinician, confirm_match="on", match_id=other_patient.pk))
    assert response.status_code == 400
    assert "The matching record changed" in response.content.decode()
    assert not Appointment.objects.exists()
    assert not PatientInvitation.objects.exists()


def test_a_confirmation_without_any_match_still_makes_an_invitation(client, staff, working_clinician, patient):
    stranger = ContactRequest.objects.create(
        submission_token="n" * 20, name="New Person", email="new@example.org", reason="runners_knee"
    )
    sign_in(client, staff)
    response = client.post(url(stranger), slot(working_clinician, confirm_match="on", match_id=patient.pk))
    assert response.status_code == 302
    booked = Appointment.objects.get()
    assert booked.patient is None and booked.invitation.email == "new@example.org"


def test_a_clinician_outside_the_care_team_sees_no_match_and_cannot_confirm(
    client, outside_clinician, working_clinician, patient, request_as_pat
):
    sign_in(client, outside_clinician)
    body = client.get(url(request_as_pat)).content.decode()
    assert "Possibly an existing patient" not in body and "Pat Owner" not in body
    client.post(url(request_as_pat), slot(working_clinician, confirm_match="on", match_id=patient.pk))
    assert Appointment.objects.get().patient is None
    assert not AuditEvent.objects.filter(patient=patient).exists()


def test_the_care_team_clinician_may_confirm(client, working_clinician, patient, request_as_pat):
    assert CareTeam.objects.filter(clinician=working_clinician, patient=patient).exists()
    sign_in(client, working_clinician)
    assert "Possibly an existing patient" in client.get(url(request_as_pat)).content.decode()
    client.post(url(request_as_pat), slot(working_clinician, confirm_match="on", match_id=patient.pk))
    assert Appointment.objects.get().patient == patient


@pytest.mark.parametrize("who", ["patient", "other_patient"])
def test_patients_cannot_open_or_post_the_booking_form(client, request, working_clinician, request_as_pat, who):
    sign_in(client, request.getfixturevalue(who))
    assert client.get(url(request_as_pat)).status_code == 404
    data = slot(working_clinician, confirm_match="on", match_id=request.getfixturevalue("patient").pk)
    assert client.post(url(request_as_pat), data).status_code == 404
    assert not Appointment.objects.exists() and not PatientInvitation.objects.exists()
    assert not AuditEvent.objects.filter(action="practice.request.match_shown").exists()


def test_an_anonymous_visitor_is_sent_to_sign_in_and_books_nothing(client, working_clinician, patient, request_as_pat):
    assert client.get(url(request_as_pat))["Location"].startswith("/accounts/login/")
    response = client.post(url(request_as_pat), slot(working_clinician, confirm_match="on", match_id=patient.pk))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Appointment.objects.exists() and not PatientInvitation.objects.exists()
    assert not AuditEvent.objects.filter(patient=patient).exists()


def test_the_confirmation_email_carries_the_invitation_link(
    client, staff, working_clinician, request_as_pat, django_capture_on_commit_callbacks
):
    sign_in(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(request_as_pat), slot(working_clinician))
    [message] = [m for m in mail.outbox if m.to == ["PAT@example.org"]]
    link = invitations.link_for(PatientInvitation.objects.get())
    assert link and link in message.body and "accept this invitation" in message.body


def test_a_phone_only_request_makes_an_invitation_without_a_link(client, staff, working_clinician):
    caller = ContactRequest.objects.create(
        submission_token="p" * 20, name="Phone Only", phone="555-0199", reason="runners_knee"
    )
    sign_in(client, staff)
    client.post(url(caller), slot(working_clinician))
    invitation = PatientInvitation.objects.get()
    assert Appointment.objects.get().invitation == invitation
    assert invitations.link_for(invitation) == ""
