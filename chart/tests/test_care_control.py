"""The care plan control on the chart: step changes, suggestions and program tailoring through care.services."""

from __future__ import annotations

import pytest

from accounts.audit import Actor
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(practice, clinician, patient):
    from care import services

    return services.start_plan(patient, Actor(clinician), step=1)


def url(patient):
    return f"/clinic/patients/{patient.pk}/plan/"


def test_the_clinician_steps_the_plan_up_with_a_reason(client, clinician, patient, plan):
    client.force_login(clinician)
    response = client.post(url(patient), {"action": "step", "step": "2", "reason": "Pain persists after rest."})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.step == 2
    assert AuditEvent.objects.filter(action="care.plan.stepped_up", actor=clinician).exists()
    assert 'Step <strong id="plan-step">2</strong>' in client.get(f"/clinic/patients/{patient.pk}/").content.decode()


def test_a_step_change_without_a_reason_is_refused_with_the_reason_why(client, clinician, patient, plan):
    client.force_login(clinician)
    response = client.post(url(patient), {"action": "step", "step": "2", "reason": " "}, follow=True)
    assert "Say why the step changes" in response.content.decode()
    plan.refresh_from_db()
    assert plan.step == 1


def test_suggestions_are_accepted_or_dismissed(client, clinician, patient, plan):
    from care.models import Suggestion

    step_up = Suggestion.objects.create(
        plan=plan, kind="next_step", target_step=2, audience="clinician", reason="Stalled"
    )
    review = Suggestion.objects.create(plan=plan, kind="review", audience="clinician", reason="Worse")
    client.force_login(clinician)
    client.post(url(patient), {"action": "accept", "suggestion": step_up.pk})
    client.post(url(patient), {"action": "dismiss", "suggestion": review.pk})
    step_up.refresh_from_db()
    review.refresh_from_db()
    plan.refresh_from_db()
    assert (step_up.status, review.status, plan.step) == ("accepted", "dismissed", 2)


def test_the_clinician_tailors_the_program(client, clinician, patient, plan):
    from care import services

    client.force_login(clinician)
    client.post(url(patient), {"action": "add", "exercise": "quad_stretch", "sets": "2", "reps": "5", "hold_s": "30"})
    assert [row.item.exercise_code for row in services.program_for(patient)] == ["quad_stretch"]
    client.post(url(patient), {"action": "remove", "exercise": "quad_stretch"})
    assert services.program_for(patient) == []


@pytest.mark.parametrize("who", ["outside_clinician", "staff", "patient", "other_patient"])
def test_only_the_care_team_clinician_changes_the_plan(client, request, patient, plan, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(url(patient), {"action": "step", "step": "2", "reason": "Because"})
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.step == 1


def test_anonymous_cannot_change_the_plan(client, patient, plan):
    assert client.post(url(patient), {"action": "step", "step": "2", "reason": "Because"}).status_code == 302
    plan.refresh_from_db()
    assert plan.step == 1


def test_without_a_plan_the_control_says_so(client, practice, clinician, patient):
    client.force_login(clinician)
    response = client.post(url(patient), {"action": "step", "step": "2", "reason": "x"}, follow=True)
    assert "no active care plan" in response.content.decode()


def test_the_clinician_starts_a_plan_at_any_step(client, practice, clinician, patient):
    from care import services

    client.force_login(clinician)
    page = client.get(f"/clinic/patients/{patient.pk}/").content.decode()
    assert "Start the plan" in page
    client.post(url(patient), {"action": "start", "step": "3", "goals": "Back to 10 km"})
    plan = services.active_plan(patient)
    assert (plan.step, plan.goals) == (3, "Back to 10 km")
    assert AuditEvent.objects.filter(patient=patient, actor=clinician, action__startswith="care.plan").exists()


def test_a_second_plan_is_refused_with_a_message(client, clinician, patient, plan):
    client.force_login(clinician)
    response = client.post(url(patient), {"action": "start", "step": "1"}, follow=True)
    assert "already" in response.content.decode().lower()
    plan.refresh_from_db()
    assert plan.step == 1


@pytest.mark.parametrize("who", ["outside_clinician", "staff", "other_patient"])
def test_only_the_care_team_clinician_starts_a_plan(client, request, practice, patient, who):
    from care.models import CarePlan

    client.force_login(request.getfixturevalue(who))
    assert client.post(url(patient), {"action": "start", "step": "1"}).status_code == 404
    assert not CarePlan.objects.filter(patient=patient).exists()


def test_a_bad_start_step_is_refused(client, practice, clinician, patient):
    from care.models import CarePlan

    client.force_login(clinician)
    response = client.post(url(patient), {"action": "start", "step": "7"}, follow=True)
    assert "Choose a step from 1 to 4." in response.content.decode()
    assert not CarePlan.objects.filter(patient=patient).exists()
