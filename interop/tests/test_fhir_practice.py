"""Organization and Location (the practice, public as on its pages) and Practitioner (for signed-in people)."""

from __future__ import annotations

import pytest

from interop.testing import fhir_json

pytestmark = pytest.mark.django_db


def test_the_practice_is_an_organization_with_a_location_and_its_hours(client, practice):
    org = fhir_json(client.get(f"/fhir/Organization/{practice.pk}"))
    assert org["name"] == practice.name
    assert {"system": "phone", "value": practice.phone, "use": "work"} in org["telecom"]
    place = fhir_json(client.get(f"/fhir/Location/{practice.pk}"))
    assert place["managingOrganization"] == {"reference": f"Organization/{practice.pk}"}
    hours = {(h["daysOfWeek"][0], h["openingTime"], h["closingTime"]) for h in place["hoursOfOperation"]}
    assert ("mon", "08:00:00", "17:00:00") in hours
    assert not any(day in ("sat", "sun") for day, _o, _c in hours)


def test_an_unknown_organization_or_location_is_404(client, practice):
    assert fhir_json(client.get("/fhir/Organization/999"), 404)["resourceType"] == "OperationOutcome"
    assert fhir_json(client.get("/fhir/Location/999"), 404)["issue"][0]["code"] == "not-found"


def test_practitioners_are_the_clinicians_for_signed_in_people_only(client, practice, clinician, staff, patient):
    assert fhir_json(client.get(f"/fhir/Practitioner/{clinician.pk}"), 401)["issue"][0]["code"] == "login"
    client.force_login(patient)
    body = fhir_json(client.get(f"/fhir/Practitioner/{clinician.pk}"))
    assert body["name"] == [{"use": "official", "text": "Dr. Care"}]
    assert "telecom" not in body
    fhir_json(client.get(f"/fhir/Practitioner/{staff.pk}"), 404)
    found = fhir_json(client.get("/fhir/Practitioner"))
    assert [e["resource"]["id"] for e in found["entry"]] == [str(clinician.pk)]
