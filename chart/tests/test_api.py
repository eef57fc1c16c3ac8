from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from practice.models import Appointment, AppointmentStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(practice, clinician, patient):
    start = timezone.now() + timedelta(days=5)
    return Appointment.objects.create(
        patient=patient, clinician=clinician, start=start, end=start + timedelta(minutes=20)
    )


def test_the_clinician_reads_the_roster_and_it_is_audited(client, practice, clinician, patient, other_patient):
    client.force_login(clinician)
    response = client.get("/api/v1/clinic/roster")
    assert response.status_code == 200
    assert [row["patient_id"] for row in response.json()] == [patient.pk]
    assert AuditEvent.objects.filter(action="chart.roster.viewed", actor=clinician).exists()


def test_an_outside_clinician_gets_an_empty_roster(client, practice, outside_clinician, patient):
    client.force_login(outside_clinician)
    assert client.get("/api/v1/clinic/roster").json() == []


@pytest.mark.parametrize("who", ["patient", "other_patient"])
def test_patients_have_no_roster(client, request, practice, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/api/v1/clinic/roster").status_code == 404


def test_anonymous_gets_401(client, practice):
    assert client.get("/api/v1/clinic/roster").status_code == 401
    assert client.get("/api/v1/me/appointments").status_code == 401


def test_the_patient_lists_and_cancels_their_appointment(client, practice, patient, booked):
    client.force_login(patient)
    [item] = client.get("/api/v1/me/appointments").json()
    assert item["id"] == booked.pk and item["can_cancel"] is True
    assert item["local_start"].endswith(("-08:00", "-07:00"))
    response = client.post(f"/api/v1/me/appointments/{booked.pk}/cancel")
    assert response.status_code == 200
    booked.refresh_from_db()
    assert booked.status == AppointmentStatus.CANCELLED
    assert client.post(f"/api/v1/me/appointments/{booked.pk}/cancel").status_code == 409


def test_another_patient_and_a_clinician_cannot_touch_it(client, practice, other_patient, outside_clinician, booked):
    client.force_login(other_patient)
    assert client.get("/api/v1/me/appointments").json() == []
    assert client.post(f"/api/v1/me/appointments/{booked.pk}/cancel").status_code == 404
    client.force_login(outside_clinician)
    assert client.post(f"/api/v1/me/appointments/{booked.pk}/cancel").status_code == 404
    booked.refresh_from_db()
    assert booked.status == AppointmentStatus.BOOKED


def test_inside_the_notice_time_cancelling_is_refused_with_409(client, practice, clinician, patient, settings):
    settings.APPOINTMENT_CANCEL_NOTICE_HOURS = 24
    start = timezone.now() + timedelta(hours=3)
    soon = Appointment.objects.create(
        patient=patient, clinician=clinician, start=start, end=start + timedelta(minutes=20)
    )
    client.force_login(patient)
    response = client.post(f"/api/v1/me/appointments/{soon.pk}/cancel")
    assert response.status_code == 409
    assert "no longer be cancelled online" in response.json()["detail"]


def test_the_endpoints_are_documented(client, practice):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/clinic/roster" in paths and "/api/v1/me/appointments/{appointment_id}/cancel" in paths


def test_the_roster_api_gives_the_patients_light_with_its_reasons(client, practice, clinician, patient):
    from care.models import DiaryEntry

    DiaryEntry.objects.create(
        patient=patient, date=timezone.localdate(), side="left", pain_now=1, cannot_straighten_or_lift_leg=True
    )
    client.force_login(clinician)
    [row] = client.get("/api/v1/clinic/roster").json()
    assert row["light"] == "red" and row["light_knee"] == "left" and row["light_level"] == "emergency"
    assert row["light_reasons"][0].startswith("Left knee: Warning sign: Since an injury")


def test_the_roster_api_without_a_check_in_today_gives_no_light(client, practice, clinician, patient):
    client.force_login(clinician)
    [row] = client.get("/api/v1/clinic/roster").json()
    assert row["light"] == "none" and row["light_reasons"] == [] and row["light_level"] is None


def test_an_outside_clinician_sees_no_light_of_the_patient(client, practice, outside_clinician, patient):
    from care.models import DiaryEntry

    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="left", pain_now=9)
    client.force_login(outside_clinician)
    assert client.get("/api/v1/clinic/roster").json() == []
