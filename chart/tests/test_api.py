"""The clinician roster under /api/v1/clinic/ (the patient's appointments: practice/tests/test_api.py)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


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


def test_the_roster_is_documented(client, practice):
    assert "/api/v1/clinic/roster" in client.get("/api/v1/openapi.json").json()["paths"]


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
