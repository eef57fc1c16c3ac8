from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_patient_sees_who_opened_their_chart_and_when(client, practice, clinician, patient):
    client.force_login(clinician)
    client.get(f"/clinic/patients/{patient.pk}/")
    client.force_login(patient)
    response = client.get("/me/access/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dr. Care" in body and "opened your chart" in body


def test_refused_attempts_are_shown_too(client, practice, outside_clinician, patient):
    client.force_login(outside_clinician)
    client.get(f"/clinic/patients/{patient.pk}/")
    client.force_login(patient)
    assert "tried to open your record and was refused" in client.get("/me/access/").content.decode()


def test_a_patient_does_not_see_another_patients_access_log(client, practice, clinician, patient, other_patient):
    client.force_login(clinician)
    client.get(f"/clinic/patients/{patient.pk}/")
    client.force_login(other_patient)
    assert "Dr. Care" not in client.get("/me/access/").content.decode()


def test_practice_roles_have_no_access_page(client, practice, outside_clinician):
    client.force_login(outside_clinician)
    assert client.get("/me/access/").status_code == 404


def test_anonymous_is_sent_to_sign_in(client, practice):
    assert client.get("/me/access/")["Location"].startswith("/accounts/login/")


def test_the_access_page_runs_a_bounded_number_of_queries(
    client, practice, clinician, patient, django_assert_max_num_queries
):
    client.force_login(clinician)
    for _ in range(20):
        client.get(f"/clinic/patients/{patient.pk}/")
    client.force_login(patient)
    with django_assert_max_num_queries(16):  # emergency access, care-team changes, the page count
        client.get("/me/access/")


def test_changes_are_described_in_plain_words(client, practice, clinician, patient):
    client.force_login(clinician)
    client.post(
        f"/clinic/patients/{patient.pk}/diagnoses/new/", {"kind": "runners_knee", "side": "left", "status": "active"}
    )
    client.force_login(patient)
    assert "diagnosis created" in client.get("/me/access/").content.decode()
