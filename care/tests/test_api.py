from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.audit import Actor
from care.models import CarePlan, DiaryEntry, TaskLog

ISSUE_EXAMPLE = {
    "side": "right",
    "pain_now": 3,
    "pain_worst": 6,
    "pain_during_activity": 4,
    "pain_after_activity": 5,
    "morning_pain": 2,
    "morning_stiffness": 2,
    "painful_activities": ["stairs_down", "stairs_up", "hills", "squats", "long_sitting", "standing_up", "running"],
    "swelling": False,
    "giving_way": False,
    "nsaid_taken": True,
}


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def today():
    return timezone.localdate().isoformat()


def test_plan_get_returns_the_active_plan(client, patient, plan2, django_assert_max_num_queries):
    client.force_login(patient)
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/me/plan")
    data = response.json()
    assert response.status_code == 200
    assert data["step"] == 2 and data["step_title"] == "Load and support"
    assert data["light"] == "none"
    assert data["history"][0]["to_step"] == 2
    assert {"exercise", "sets", "reps", "hold_s"} <= set(data["program"][0])


def test_plan_get_without_a_plan_is_404(client, patient):
    client.force_login(patient)
    assert client.get("/api/v1/me/plan").status_code == 404


def test_plan_post_starts_step_one(client, patient):
    client.force_login(patient)
    response = post(client, "/api/v1/me/plan", {"goals": "Run again"})
    assert response.status_code == 201 and response.json()["step"] == 1


def test_a_second_active_plan_is_a_409_conflict(client, patient, plan):
    client.force_login(patient)
    response = post(client, "/api/v1/me/plan", {})
    assert response.status_code == 409
    assert "already an active care plan" in response.json()["detail"]
    assert CarePlan.objects.count() == 1


def test_another_patients_plan_does_not_stop_mine(client, patient, other_patient):
    from care import services

    services.start_plan(other_patient, Actor(other_patient), step=1)
    client.force_login(patient)
    assert post(client, "/api/v1/me/plan", {}).status_code == 201


def test_a_clinician_cannot_start_a_plan_through_me(client, clinician):
    client.force_login(clinician)
    assert post(client, "/api/v1/me/plan", {}).status_code == 404
    assert not CarePlan.objects.exists()


def test_patient_cannot_start_step_three_through_the_api(client, patient):
    client.force_login(patient)
    response = post(client, "/api/v1/me/plan", {"step": 3})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "step"]


def test_diary_post_accepts_the_issues_json(client, patient, plan):
    client.force_login(patient)
    response = post(client, "/api/v1/me/diary", {"date": today(), **ISSUE_EXAMPLE})
    assert response.status_code == 201
    data = response.json()
    assert data["pain_worst"] == 6 and data["nsaid_taken"] is True and len(data["painful_activities"]) == 7


def test_diary_post_needs_only_date_side_and_pain_now(client, patient):
    client.force_login(patient)
    response = post(client, "/api/v1/me/diary", {"date": today(), "side": "left", "pain_now": 0})
    assert response.status_code == 201


def test_diary_post_again_edits_and_keeps_history(client, patient):
    client.force_login(patient)
    post(client, "/api/v1/me/diary", {"date": today(), "side": "left", "pain_now": 1})
    response = post(client, "/api/v1/me/diary", {"date": today(), "side": "left", "pain_now": 4})
    assert response.status_code == 200 and response.json()["revisions"] == 1
    assert DiaryEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pain_now": 11}, "pain_now"),
        ({"pain_worst": -1}, "pain_worst"),
        ({"date": "2999-01-01"}, "date"),
        ({"side": "middle"}, "side"),
        ({"painful_activities": ["dancing"]}, "painful_activities"),
    ],
)
def test_diary_bad_input_is_422_with_a_message_per_field(client, patient, change, field):
    client.force_login(patient)
    response = post(client, "/api/v1/me/diary", {"date": today(), "side": "right", "pain_now": 2, **change})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"][:2] == ["body", field] and detail[0]["msg"]
    assert not DiaryEntry.objects.exists()


def test_diary_without_required_fields_is_422(client, patient):
    client.force_login(patient)
    response = post(client, "/api/v1/me/diary", {"side": "right"})
    assert response.status_code == 422
    assert not DiaryEntry.objects.exists()


def test_diary_date_before_the_plan_is_422(client, patient, plan2):
    client.force_login(patient)
    before = (plan2.started_on - timedelta(days=1)).isoformat()
    response = post(client, "/api/v1/me/diary", {"date": before, "side": "right", "pain_now": 2})
    assert response.status_code == 422


def test_diary_get_lists_only_own_entries(client, patient, other_patient, django_assert_max_num_queries):
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="right", pain_now=2)
    DiaryEntry.objects.create(patient=other_patient, date=timezone.localdate(), side="right", pain_now=9)
    client.force_login(patient)
    with django_assert_max_num_queries(7):  # one is the session recording this request as activity
        data = client.get("/api/v1/me/diary").json()
    assert [e["pain_now"] for e in data] == [2]


def test_tasks_get_lists_today_and_adherence(client, patient, plan2):
    client.force_login(patient)
    data = client.get("/api/v1/me/tasks").json()
    assert data["adherence_percent"] == 0
    assert any(t["code"] == "ex:bridge" for t in data["tasks"])


def test_tasks_post_marks_done_and_skip_needs_a_reason(client, patient, plan2):
    client.force_login(patient)
    response = post(client, "/api/v1/me/tasks", {"task": "ex:bridge", "status": "done"})
    assert response.status_code == 200
    assert next(t for t in response.json()["tasks"] if t["code"] == "ex:bridge")["status"] == "done"
    response = post(client, "/api/v1/me/tasks", {"task": "ex:clamshell", "status": "skipped"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "reason"]
    assert TaskLog.objects.count() == 1


def test_tasks_without_a_plan_is_404(client, patient):
    client.force_login(patient)
    assert client.get("/api/v1/me/tasks").status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/me/plan"),
        ("get", "/api/v1/me/diary"),
        ("get", "/api/v1/me/tasks"),
        ("post", "/api/v1/me/diary"),
        ("post", "/api/v1/me/plan"),
        ("post", "/api/v1/me/tasks"),
    ],
)
def test_anonymous_is_refused_everywhere(client, method, url):
    response = (
        getattr(client, method)(url, content_type="application/json", data="{}")
        if method == "post"
        else client.get(url)
    )
    assert response.status_code == 401


def test_clinician_outside_the_care_team_gets_404_and_writes_nothing(client, outside_clinician, plan):
    client.force_login(outside_clinician)
    assert client.get("/api/v1/me/plan").status_code == 404
    assert client.get("/api/v1/me/diary").status_code == 404
    assert client.get("/api/v1/me/tasks").status_code == 404
    assert post(client, "/api/v1/me/diary", {"date": today(), "side": "right", "pain_now": 2}).status_code == 404
    assert not DiaryEntry.objects.exists()


def test_another_patient_sees_only_their_own_empty_record(client, plan, other_patient):
    client.force_login(other_patient)
    assert client.get("/api/v1/me/plan").status_code == 404
    assert client.get("/api/v1/me/diary").json() == []


def test_api_posts_need_the_csrf_token(db):
    from accounts.models import Role
    from conftest import make_user

    user = make_user("csrf@example.org", Role.PATIENT)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert post(client, "/api/v1/me/diary", {"date": today(), "side": "right", "pain_now": 2}).status_code == 403


def test_openapi_documents_the_error_codes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"200", "201", "422"} <= set(paths["/api/v1/me/diary"]["post"]["responses"])
    assert "404" in paths["/api/v1/me/plan"]["get"]["responses"]


def test_plan_get_gives_the_worse_knees_light_with_its_reasons(client, patient, plan2):
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="right", pain_now=1)
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="left", pain_now=2, pain_worst=9)
    client.force_login(patient)
    data = client.get("/api/v1/me/plan").json()
    assert data["light"] == "red" and data["light_knee"] == "left" and data["light_level"] is None
    assert data["light_advice"].startswith("Left knee: Pain is too high.")
    assert data["light_reasons"] == ["Left knee: Your highest pain today was 9/10 (worst pain), above 5."]


def test_plan_get_gives_an_emergency_warning_sign_as_an_emergency(client, patient, plan2):
    DiaryEntry.objects.create(
        patient=patient, date=timezone.localdate(), side="both", pain_now=1, chest_pain_or_breathless=True
    )
    client.force_login(patient)
    data = client.get("/api/v1/me/plan").json()
    assert data["light"] == "red" and data["light_level"] == "emergency" and data["light_knee"] == "both"
    assert data["light_advice"].startswith("Now: call 911")
    assert data["light_reasons"][0] == "Both knees: Warning sign: New chest pain, or you are short of breath."


def test_plan_get_without_a_check_in_today_has_no_reasons(client, patient, plan2):
    client.force_login(patient)
    data = client.get("/api/v1/me/plan").json()
    assert data["light"] == "none" and data["light_reasons"] == [] and data["light_knee"] == ""


def test_another_patients_light_never_shows_in_my_plan(client, patient, plan2, other_patient):
    from care.testing import make_plan

    make_plan(other_patient, step=2)
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="left", pain_now=9)
    client.force_login(other_patient)
    data = client.get("/api/v1/me/plan").json()
    assert data["light"] == "none" and data["light_reasons"] == []


NEW_SIGNS = [
    "calf_swelling_or_pain",
    "chest_pain_or_breathless",
    "hot_swollen_no_fever",
    "hot_red_swollen_fever",
    "cannot_bear_weight",
    "cannot_straighten_or_lift_leg",
]


@pytest.mark.parametrize("sign", NEW_SIGNS)
def test_diary_post_stores_each_new_warning_sign_and_returns_it(client, patient, sign):
    client.force_login(patient)
    response = post(client, "/api/v1/me/diary", {"date": today(), "side": "left", "pain_now": 1, sign: True})
    assert response.status_code == 201
    data = response.json()
    assert data[sign] is True
    assert all(data[other] is False for other in NEW_SIGNS if other != sign)
    assert getattr(DiaryEntry.objects.get(), sign) is True


def test_diary_post_refuses_a_warning_sign_that_is_not_yes_or_no(client, patient):
    client.force_login(patient)
    response = post(
        client, "/api/v1/me/diary", {"date": today(), "side": "left", "pain_now": 1, "cannot_bear_weight": "maybe"}
    )
    assert response.status_code == 422
    assert not DiaryEntry.objects.exists()
