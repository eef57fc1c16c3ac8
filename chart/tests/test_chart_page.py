from __future__ import annotations

import pytest

from accounts.models import AuditEvent
from chart.models import Diagnosis, Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(patient):
    return f"/clinic/patients/{patient.pk}/"


def test_the_care_team_clinician_sees_the_chart_and_the_view_is_audited(client, practice, clinician, patient, url):
    Visit.objects.create(patient=patient, clinician=clinician, squat_pain="positive", note="Pain on stairs")
    Diagnosis.objects.create(patient=patient, side="left", recorded_by=clinician)
    client.force_login(clinician)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "M22.2X2" in body and "430725003" in body
    assert "Squat reproduces pain" in body
    assert AuditEvent.objects.filter(action="chart.viewed", actor=clinician, patient=patient).count() == 1


def test_the_chart_runs_a_bounded_number_of_queries(
    client, practice, clinician, patient, url, django_assert_max_num_queries
):
    for _ in range(5):
        Visit.objects.create(patient=patient, clinician=clinician)
    client.force_login(clinician)
    with django_assert_max_num_queries(45):
        assert client.get(url).status_code == 200


def test_a_clinician_outside_the_care_team_gets_404_and_the_attempt_is_audited(
    client, practice, outside_clinician, patient, url
):
    client.force_login(outside_clinician)
    assert client.get(url).status_code == 404
    denied = AuditEvent.objects.get(action="access.denied", actor=outside_clinician)
    assert denied.patient == patient
    assert denied.changes == {"attempted": "chart.viewed"}


def test_staff_may_read_the_chart_and_that_is_audited(client, practice, staff, patient, url):
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="chart.viewed", actor=staff, patient=patient).exists()


@pytest.mark.parametrize("who", ["patient", "other_patient"])
def test_patients_never_open_the_clinic_chart(client, request, practice, patient, url, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, practice, url):
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_an_unknown_patient_is_404(client, practice, clinician):
    client.force_login(clinician)
    assert client.get("/clinic/patients/999999/").status_code == 404


def test_staff_without_totp_is_sent_to_enrol(client, practice, staff_without_mfa, url):
    client.force_login(staff_without_mfa)
    assert "/accounts/2fa/" in client.get(url)["Location"]
