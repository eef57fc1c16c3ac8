"""The OpenAPI document: one error vocabulary, every status an operation answers, every constraint stated."""

from __future__ import annotations

import json
from typing import Any

import jsonschema_rs
import pytest
from django.utils import timezone

from care import services
from care.models import PainfulActivity, Side, TaskStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client: Any) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").json()


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method.upper(), path, op) for path, ops in document["paths"].items() for method, op in ops.items()]


def validator(document: dict[str, Any], component: str) -> Any:
    root = {"$ref": f"#/components/schemas/{component}", "components": document["components"]}
    return jsonschema_rs.validator_for(root)


def response_ref(op: dict[str, Any], status: str) -> str:
    return op["responses"][status]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def component(document: dict[str, Any], name: str) -> dict[str, Any]:
    return document["components"]["schemas"][name]


def test_every_error_answer_uses_one_of_the_two_shared_shapes(document):
    for method, path, op in operations(document):
        for status in op["responses"]:
            if status.startswith("4"):
                expected = "ValidationErrorOut" if status == "422" else "ErrorOut"
                assert response_ref(op, status) == expected, (method, path, status)
    names = set(document["components"]["schemas"])
    assert {n for n in names if "Error" in n} == {"ErrorOut", "FieldError", "ValidationErrorOut"}


def test_djangos_ninja_own_422_fits_the_documented_schema(client, document, patient):
    client.force_login(patient)
    response = client.post("/api/v1/me/diary", json.dumps({"side": "sideways"}), content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    validator(document, "ValidationErrorOut").validate(body)
    assert {tuple(e["loc"]) for e in body["detail"]} >= {("body", "side"), ("body", "date"), ("body", "pain_now")}
    assert all(set(e) == {"loc", "msg", "type"} for e in body["detail"])


def test_a_list_item_error_names_the_index_and_still_fits(client, document):
    response = client.post("/api/v1/self-check", json.dumps({"symptoms": [1]}), content_type="application/json")
    body = response.json()
    validator(document, "ValidationErrorOut").validate(body)
    assert ["body", "symptoms", 0] in [e["loc"] for e in body["detail"]]


def test_a_services_own_422_fits_the_same_schema(client, document, patient):
    client.force_login(patient)
    response = client.post(
        "/api/v1/me/diary",
        json.dumps({"date": "2999-01-01", "side": "left", "pain_now": 2}),
        content_type="application/json",
    )
    assert response.status_code == 422
    validator(document, "ValidationErrorOut").validate(response.json())
    assert response.json()["detail"][0]["loc"] == ["body", "date"]


def test_an_unreadable_body_is_a_documented_400(client, document):
    response = client.post("/api/v1/self-check", b"{not json", content_type="application/json")
    assert response.status_code == 400
    validator(document, "ErrorOut").validate(response.json())


def test_signing_out_and_a_missing_csrf_token_are_documented_messages(document, patient):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.get("/api/v1/me/tasks")
    assert response.status_code == 401
    validator(document, "ErrorOut").validate(response.json())
    client.force_login(patient)
    response = client.post("/api/v1/me/tasks", json.dumps({"task": "ice", "status": "done"}), "application/json")
    assert response.status_code == 403
    validator(document, "ErrorOut").validate(response.json())


def can_be_invalid(parameter: dict[str, Any]) -> bool:
    schema = parameter["schema"]
    constrained = {"format", "pattern", "enum", "minimum", "maximum", "minLength", "maxLength", "anyOf"}
    return schema.get("type") != "string" or bool(constrained & set(schema))


def test_each_operation_lists_the_statuses_it_can_answer(document):
    for method, path, op in operations(document):
        statuses = set(op["responses"])
        name = f"{method} {path}"
        if op.get("security"):
            assert {"401", "403"} <= statuses, name
        if "requestBody" in op:
            assert {"400", "422"} <= statuses, name
        if any(can_be_invalid(p) for p in op.get("parameters", [])):
            assert "422" in statuses, name
        if "{" in path or op.get("security"):
            assert "404" in statuses, name


def test_the_diary_states_its_ranges_and_choices(document):
    diary = component(document, "DiaryIn")
    pain_now = diary["properties"]["pain_now"]
    assert (pain_now["minimum"], pain_now["maximum"], pain_now["type"]) == (0, 10, "integer")
    [worst, _null] = diary["properties"]["pain_worst"]["anyOf"]
    assert (worst["minimum"], worst["maximum"]) == (0, 10)
    assert component(document, "Side")["enum"] == Side.values
    assert component(document, "PainfulActivity")["enum"] == PainfulActivity.values
    assert diary["properties"]["date"]["format"] == "date"
    assert diary["additionalProperties"] is False


def test_the_cadence_target_states_the_evidence_range(document):
    [target, _null] = component(document, "CadenceTargetIn")["properties"]["target_pct"]["anyOf"]
    assert (target["minimum"], target["maximum"]) == (5, 10)


def test_the_task_codes_and_the_skip_rule_are_stated(document):
    task = component(document, "TaskIn")
    assert task["properties"]["task"]["enum"] == services.task_codes()
    assert component(document, "TaskStatus")["enum"] == TaskStatus.values
    assert task["if"]["properties"]["status"]["const"] == "skipped"
    assert task["then"]["required"] == ["reason"]


def test_the_self_check_lists_its_codes(document):
    from assessments import questions

    props = component(document, "SelfCheckIn")["properties"]
    assert props["symptoms"]["items"]["enum"] == list(questions.SYMPTOMS)
    assert props["red_flags"]["uniqueItems"] is True


def test_the_document_uses_only_json_schema_keywords(document):
    # pydantic writes a constraint it cannot place as its own name ("ge") instead of "minimum".
    text = json.dumps(document["components"])
    assert '"ge":' not in text and '"le":' not in text


def test_a_diary_entry_with_a_float_pain_that_is_whole_is_accepted(client, patient):
    client.force_login(patient)
    body = {"date": timezone.localdate().isoformat(), "side": "left", "pain_now": 3.0}
    response = client.post("/api/v1/me/diary", json.dumps(body), content_type="application/json")
    assert response.status_code == 201 and response.json()["pain_now"] == 3


@pytest.mark.parametrize("pain", ["3", True, 3.5])
def test_a_pain_that_is_not_a_whole_number_is_refused(client, patient, pain):
    client.force_login(patient)
    body = {"date": "2025-03-31", "side": "left", "pain_now": pain}
    response = client.post("/api/v1/me/diary", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "pain_now"]
