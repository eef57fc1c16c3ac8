"""The patient's appointments under /api/v1/me/ (practice/api.py): the list, cancelling, and who reaches them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from practice.models import Appointment, AppointmentStatus

pytestmark = pytest.mark.django_db

LIST = "/api/v1/me/appointments"


def cancel_url(appointment):
    return f"/api/v1/me/appointments/{appointment.pk}/cancel"


def appointment(patient, clinician, days=5, status=AppointmentStatus.BOOKED):
    start = timezone.now() + timedelta(days=days)
    return Appointment.objects.create(
        patient=patient, clinician=clinician, start=start, end=start + timedelta(minutes=20), status=status
    )


@pytest.fixture
def booked(practice, clinician, patient):
    return appointment(patient, clinician)


def test_anonymous_gets_401(client, practice, booked):
    assert client.get(LIST).status_code == 401
    assert client.post(cancel_url(booked)).status_code == 401


def test_the_patient_lists_and_cancels_their_appointment(client, practice, patient, booked):
    client.force_login(patient)
    [item] = client.get(LIST).json()
    assert item["id"] == booked.pk and item["can_cancel"] is True
    assert item["local_start"].endswith(("-08:00", "-07:00"))
    response = client.post(cancel_url(booked))
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled" and response.json()["can_cancel"] is False
    booked.refresh_from_db()
    assert booked.status == AppointmentStatus.CANCELLED
    assert AuditEvent.objects.filter(action="practice.appointment.cancelled", actor=patient).exists()


def test_cancelling_twice_is_a_409_that_says_it_is_not_booked_any_more(client, practice, patient, booked):
    client.force_login(patient)
    client.post(cancel_url(booked))
    response = client.post(cancel_url(booked))
    assert response.status_code == 409
    assert response.json()["detail"] == "This appointment is not booked any more."


def test_another_patient_and_a_clinician_cannot_touch_it(client, practice, other_patient, outside_clinician, booked):
    client.force_login(other_patient)
    assert client.get(LIST).json() == []
    assert client.post(cancel_url(booked)).status_code == 404
    client.force_login(outside_clinician)
    assert client.post(cancel_url(booked)).status_code == 404
    booked.refresh_from_db()
    assert booked.status == AppointmentStatus.BOOKED


@pytest.mark.parametrize("who", ["staff", "clinician", "admin_user"])
def test_practice_roles_have_no_patient_appointments_here(client, request, practice, booked, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(LIST).status_code == 404
    assert client.post(cancel_url(booked)).status_code == 404
    booked.refresh_from_db()
    assert booked.status == AppointmentStatus.BOOKED


def test_inside_the_notice_time_cancelling_is_refused_with_409(client, practice, clinician, patient, settings):
    settings.APPOINTMENT_CANCEL_NOTICE_HOURS = 24
    start = timezone.now() + timedelta(hours=3)
    soon = Appointment.objects.create(
        patient=patient, clinician=clinician, start=start, end=start + timedelta(minutes=20)
    )
    client.force_login(patient)
    response = client.post(cancel_url(soon))
    assert response.status_code == 409
    assert "no longer be cancelled online" in response.json()["detail"]
    assert practice.phone in response.json()["detail"]


def test_the_list_shows_booked_and_cancelled_upcoming_appointments_as_the_page_does(
    client, practice, clinician, patient
):
    booked = appointment(patient, clinician, days=3)
    cancelled = appointment(patient, clinician, days=4, status=AppointmentStatus.CANCELLED)
    appointment(patient, clinician, days=5, status=AppointmentStatus.COMPLETED)
    appointment(patient, clinician, days=6, status=AppointmentStatus.NO_SHOW)
    appointment(patient, clinician, days=-2)
    client.force_login(patient)
    assert [a["id"] for a in client.get(LIST).json()] == [booked.pk, cancelled.pk]
    assert [a.pk for a, _ in client.get("/me/appointments/").context["rows"]] == [booked.pk, cancelled.pk]


def test_the_endpoints_are_documented_under_their_old_operation_ids(client, practice):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert paths["/api/v1/me/appointments"]["get"]["operationId"] == "chart_api_my_appointments_api"
    cancel = paths["/api/v1/me/appointments/{appointment_id}/cancel"]["post"]
    assert cancel["operationId"] == "chart_api_cancel_my_appointment_api"
