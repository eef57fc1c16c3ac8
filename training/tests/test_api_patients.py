"""Per-patient endpoints for the care team: the load report and the cadence target."""

from __future__ import annotations

import pytest

from accounts.models import AuditEvent
from training.models import TrainingProfile


def load_url(patient) -> str:
    return f"/api/v1/patients/{patient.pk}/load"


def target_url(patient) -> str:
    return f"/api/v1/patients/{patient.pk}/cadence-target"


def test_the_care_team_clinician_reads_the_load_report_and_it_is_audited(client, clinician, patient, runs):
    client.force_login(clinician)
    response = client.get(load_url(patient))
    assert response.status_code == 200
    assert response.json()["warnings"][0]["code"] == "long_run_spike"
    assert AuditEvent.objects.filter(actor=clinician, patient=patient, action="training.load.viewed").exists()


def test_the_care_team_sees_the_return_after_a_break_with_its_numbers(client, clinician, patient, comeback):
    client.force_login(clinician)
    warnings = client.get(load_url(patient)).json()["warnings"]
    assert [(w["code"], w["days_off"], w["distance_m"]) for w in warnings] == [("return_after_break", 39, 5000)]


def test_the_patient_reads_their_own(client, patient, runs):
    client.force_login(patient)
    assert client.get(load_url(patient)).status_code == 200


@pytest.mark.parametrize("who", ["other_patient", "outside_clinician"])
def test_others_get_404(client, request, who, patient, runs):
    client.force_login(request.getfixturevalue(who))
    assert client.get(load_url(patient)).status_code == 404
    assert client.put(target_url(patient), {"target_pct": 7}, content_type="application/json").status_code == 404


def test_anonymous_gets_401(client, patient):
    assert client.get(load_url(patient)).status_code == 401


def test_a_practice_role_without_two_factor_gets_403(client, staff_without_mfa, patient):
    client.force_login(staff_without_mfa)
    assert client.get(load_url(patient)).status_code == 403


def test_the_clinician_sets_a_cadence_target_from_the_preferred_cadence(client, clinician, patient, runs):
    client.force_login(clinician)
    response = client.put(target_url(patient), {"target_pct": 7.5}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["baseline_spm"] == 164
    assert response.json()["target_spm"] == 176.3
    profile = TrainingProfile.objects.get(patient=patient)
    assert profile.cadence_target_set_by == clinician
    assert AuditEvent.objects.filter(action="training.cadence_target.set", patient=patient).exists()


def test_a_target_outside_the_evidence_is_a_422(client, clinician, patient):
    client.force_login(clinician)
    response = client.put(target_url(patient), {"target_pct": 15}, content_type="application/json")
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["body", "target_pct"]]


def test_front_desk_staff_cannot_set_a_clinical_target(client, staff, patient):
    client.force_login(staff)
    assert client.put(target_url(patient), {"target_pct": 6}, content_type="application/json").status_code == 404
    assert not TrainingProfile.objects.filter(patient=patient, cadence_target_pct=6).exists()


def test_clearing_the_target(client, patient, runs):
    client.force_login(patient)
    client.put(target_url(patient), {"target_pct": 6}, content_type="application/json")
    response = client.put(target_url(patient), {"target_pct": None}, content_type="application/json")
    assert response.json()["target_pct"] is None
