"""GET /api/v1/me/load and /api/v1/me/activities: the signed-in patient's own data only."""

from __future__ import annotations

import pytest
from django.utils import timezone

LOAD = "/api/v1/me/load"


def test_patient_gets_their_load_report(client, patient, runs, django_assert_max_num_queries):
    client.force_login(patient)
    with django_assert_max_num_queries(9):  # one is the session recording this request as activity
        response = client.get(LOAD, {"date": timezone.localdate().isoformat()})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"date", "weekly", "warnings", "acwr", "cadence"}
    assert body["warnings"][0]["code"] == "long_run_spike"
    assert body["warnings"][0]["previous_longest_m"] == 8000


def test_the_run_back_after_a_break_keeps_its_days_off_and_distance(client, patient, comeback):
    client.force_login(patient)
    body = client.get(LOAD).json()
    [warning] = [w for w in body["warnings"] if w["code"] == "return_after_break"]
    assert warning["days_off"] == 39
    assert warning["distance_m"] == 5000
    assert "return-to-running track" in warning["message"]


def test_the_schema_documents_the_return_after_a_break(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    fields = spec["components"]["schemas"]["WarningOut"]["properties"]
    assert "return_after_break" in fields["code"]["description"]
    assert "days_off" in fields


def test_a_bad_date_is_a_422(client, patient):
    client.force_login(patient)
    response = client.get(LOAD, {"date": "31/12/2025"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "date"] and "2025-03-31" in error["msg"]


def test_another_patient_sees_only_their_own(client, other_patient, runs):
    client.force_login(other_patient)
    assert client.get(LOAD).json()["warnings"] == []
    assert client.get("/api/v1/me/activities").json() == []


@pytest.mark.parametrize("who", ["outside_clinician", "clinician"])
def test_practice_roles_get_404(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(LOAD).status_code == 404


def test_anonymous_gets_401(client, db):
    assert client.get(LOAD).status_code == 401
    assert client.get("/api/v1/me/activities").status_code == 401


def test_activities_use_the_cli_field_names(client, patient, runs):
    client.force_login(patient)
    rows = client.get("/api/v1/me/activities").json()
    assert len(rows) == len(runs)
    assert {"start", "sport", "distance_m", "duration_s", "moving_time_s", "source_file", "pain_after"} <= set(rows[0])


def test_the_endpoints_are_documented_with_their_errors(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    responses = spec["paths"]["/api/v1/me/load"]["get"]["responses"]
    assert {"200", "401", "404", "422"} <= set(responses)
