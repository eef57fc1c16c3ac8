"""/fhir/: the CapabilityStatement, and Patient read and search through the access policy, as FHIR JSON."""

from __future__ import annotations

import pytest

from accounts.models import AuditEvent, CareTeam, Role
from accounts.testing import make_user, sign_in_with_password_only
from interop.testing import fhir_json

pytestmark = pytest.mark.django_db


def test_metadata_lists_exactly_what_the_server_answers(client):
    body = fhir_json(client.get("/fhir/metadata"))
    assert body["resourceType"] == "CapabilityStatement" and body["fhirVersion"] == "4.0.1"
    resources = {r["type"]: r for r in body["rest"][0]["resource"]}
    assert set(resources) == {"Patient", "Condition", "Appointment", "Organization", "Location", "Practitioner"}
    patient = resources["Patient"]
    assert [i["code"] for i in patient["interaction"]] == ["read", "search-type"]
    assert {p["name"] for p in patient["searchParam"]} == {"_id", "_count"}


def test_a_patient_reads_their_own_patient_resource(client, patient):
    client.force_login(patient)
    body = fhir_json(client.get(f"/fhir/Patient/{patient.pk}"))
    assert body["id"] == str(patient.pk)
    assert body["name"] == [{"use": "official", "text": "Pat Owner"}]
    assert body["telecom"] == [{"system": "email", "value": "pat@example.org", "use": "home"}]


def test_another_patients_resource_is_404_as_an_operation_outcome(client, patient, other_patient):
    client.force_login(patient)
    body = fhir_json(client.get(f"/fhir/Patient/{other_patient.pk}"), 404)
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == "not-found"
    assert fhir_json(client.get("/fhir/Patient/99999"), 404) == body


def test_an_anonymous_caller_gets_401(client, patient):
    body = fhir_json(client.get(f"/fhir/Patient/{patient.pk}"), 401)
    assert body["issue"][0]["code"] == "login"
    assert fhir_json(client.get("/fhir/Patient"), 401)["issue"][0]["code"] == "login"


def test_the_front_desk_reads_demographics_and_the_read_is_audited(client, practice, staff, patient):
    client.force_login(staff)
    fhir_json(client.get(f"/fhir/Patient/{patient.pk}"))
    assert AuditEvent.objects.filter(actor=staff, patient=patient, action="fhir.patient.read").count() == 1


def test_a_staff_session_without_its_totp_step_gets_403(client, practice, staff, patient):
    sign_in_with_password_only(client, staff)
    body = fhir_json(client.get(f"/fhir/Patient/{patient.pk}"), 403)
    assert body["issue"][0]["code"] == "security"


def test_a_clinician_reads_their_care_team_and_nobody_else(client, practice, clinician, patient, other_patient):
    client.force_login(clinician)
    fhir_json(client.get(f"/fhir/Patient/{patient.pk}"))
    fhir_json(client.get(f"/fhir/Patient/{other_patient.pk}"), 404)
    assert AuditEvent.objects.filter(actor=clinician, patient=other_patient, action="access.denied").exists()


def test_a_patients_search_finds_only_themselves(client, patient, other_patient):
    client.force_login(patient)
    body = fhir_json(client.get("/fhir/Patient"))
    assert body["type"] == "searchset" and body["total"] == 1
    assert [e["resource"]["id"] for e in body["entry"]] == [str(patient.pk)]
    assert fhir_json(client.get("/fhir/Patient", {"_id": other_patient.pk}))["total"] == 0


def test_a_clinicians_search_pages_through_the_care_team_with_next_links(client, practice, clinician, patient):
    others = [make_user(f"p{i}@example.org", Role.PATIENT, f"Patient {i}") for i in range(3)]
    for person in others:
        CareTeam.objects.create(clinician=clinician, patient=person)
    make_user("stranger@example.org", Role.PATIENT, "Not Mine")
    client.force_login(clinician)
    seen, url = [], "/fhir/Patient?_count=2"
    while url:
        body = fhir_json(client.get(url))
        assert body["total"] == 4
        seen += [e["resource"]["id"] for e in body["entry"]]
        links = {link["relation"]: link["url"] for link in body["link"]}
        url = links.get("next", "").removeprefix("http://testserver")
    assert seen == sorted([str(patient.pk), *(str(p.pk) for p in others)], key=int)
    assert AuditEvent.objects.filter(actor=clinician, action="fhir.patient.read").count() == 4


@pytest.mark.parametrize("query", [{"name": "Pat"}, {"_count": "many"}, {"_count": "-1"}])
def test_an_unsupported_or_bad_search_parameter_is_a_400_outcome(client, patient, query):
    client.force_login(patient)
    body = fhir_json(client.get("/fhir/Patient", query), 400)
    assert body["resourceType"] == "OperationOutcome"


def test_fhir_answers_are_never_cached(client, patient):
    assert client.get("/fhir/metadata")["Cache-Control"] == "no-store, private"
    client.force_login(patient)
    assert client.get(f"/fhir/Patient/{patient.pk}")["Cache-Control"] == "no-store, private"
