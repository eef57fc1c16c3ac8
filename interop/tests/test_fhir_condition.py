"""Condition: each coded diagnosis with ICD-10-CM and SNOMED CT, the knee as bodySite, for the care team only."""

from __future__ import annotations

import pytest

from accounts.models import AuditEvent
from chart.models import Diagnosis, DiagnosisStatus, Knee
from interop.testing import fhir_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def diagnoses(patient, other_patient, clinician):
    left = Diagnosis.objects.create(patient=patient, side=Knee.LEFT, recorded_by=clinician)
    right = Diagnosis.objects.create(
        patient=patient, side=Knee.RIGHT, status=DiagnosisStatus.RESOLVED, recorded_by=clinician
    )
    theirs = Diagnosis.objects.create(patient=other_patient, side=Knee.UNSPECIFIED, recorded_by=clinician)
    return left, right, theirs


def test_a_runners_knee_diagnosis_carries_both_codings_and_the_knee(client, patient, diagnoses):
    left, right, _ = diagnoses
    client.force_login(patient)
    body = fhir_json(client.get(f"/fhir/Condition/{left.pk}"))
    codings = {c["system"]: c["code"] for c in body["code"]["coding"]}
    assert codings == {"http://hl7.org/fhir/sid/icd-10-cm": "M22.2X2", "http://snomed.info/sct": "430725003"}
    assert body["bodySite"][0]["coding"][0]["code"] == "82169009"
    assert body["subject"] == {"reference": f"Patient/{patient.pk}"}
    assert body["clinicalStatus"]["coding"][0]["code"] == "active"
    resolved = fhir_json(client.get(f"/fhir/Condition/{right.pk}"))
    assert resolved["bodySite"][0]["coding"][0]["code"] == "6757004"
    assert resolved["clinicalStatus"]["coding"][0]["code"] == "resolved"


def test_an_unspecified_knee_has_no_body_site(client, other_patient, diagnoses):
    client.force_login(other_patient)
    body = fhir_json(client.get(f"/fhir/Condition/{diagnoses[2].pk}"))
    assert "bodySite" not in body and body["code"]["coding"][0]["code"] == "M22.2X9"


def test_another_patients_condition_is_404(client, patient, diagnoses):
    client.force_login(patient)
    assert fhir_json(client.get(f"/fhir/Condition/{diagnoses[2].pk}"), 404)["resourceType"] == "OperationOutcome"
    assert fhir_json(client.get("/fhir/Condition/99999"), 404)["issue"][0]["code"] == "not-found"


def test_the_front_desk_reads_no_condition(client, practice, staff, diagnoses):
    client.force_login(staff)
    fhir_json(client.get(f"/fhir/Condition/{diagnoses[0].pk}"), 404)
    fhir_json(client.get("/fhir/Condition"), 404)


def test_a_clinician_searches_their_care_teams_conditions_by_patient_and_code(
    client, practice, clinician, patient, diagnoses
):
    client.force_login(clinician)
    body = fhir_json(client.get("/fhir/Condition"))
    assert sorted(int(e["resource"]["id"]) for e in body["entry"]) == sorted([diagnoses[0].pk, diagnoses[1].pk])
    by_code = fhir_json(client.get("/fhir/Condition", {"code": "http://hl7.org/fhir/sid/icd-10-cm|M22.2X1"}))
    assert [e["resource"]["id"] for e in by_code["entry"]] == [str(diagnoses[1].pk)]
    assert fhir_json(client.get("/fhir/Condition", {"code": "430725003"}))["total"] == 2
    assert fhir_json(client.get("/fhir/Condition", {"code": "http://example.org|M22.2X1"}))["total"] == 0
    mine = fhir_json(client.get("/fhir/Condition", {"patient": f"Patient/{patient.pk}", "_count": 1}))
    assert mine["total"] == 2 and len(mine["entry"]) == 1
    assert any(link["relation"] == "next" for link in mine["link"])
    assert AuditEvent.objects.filter(actor=clinician, patient=patient, action="fhir.condition.read").exists()


def test_an_outside_clinician_finds_nothing(client, practice, outside_clinician, diagnoses):
    client.force_login(outside_clinician)
    assert fhir_json(client.get("/fhir/Condition"))["total"] == 0
    fhir_json(client.get(f"/fhir/Condition/{diagnoses[0].pk}"), 404)
