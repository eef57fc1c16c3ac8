"""The chart's plan control as Django forms: steps from the ladder, refusals in words, only the care team posts."""

from __future__ import annotations

import lxml.html
import pytest

from accounts.audit import Actor
from accounts.models import AuditEvent
from care import ladder
from care.models import CarePlan, StepChange
from chart.forms import PlanStartForm, PlanStepForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(practice, clinician, patient):
    from care import services

    return services.start_plan(patient, Actor(clinician), step=2)


def url(patient):
    return f"/clinic/patients/{patient.pk}/plan/"


def chart(client, patient) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(client.get(f"/clinic/patients/{patient.pk}/").content.decode())


def plan_changes() -> int:
    # Opening the control is audited on every post (care.plan.opened); a change would add its own entry.
    return AuditEvent.objects.filter(action__startswith="care.plan").exclude(action="care.plan.opened").count()


def nothing_changed(plan, changes_before: int) -> bool:
    plan.refresh_from_db()
    return (
        plan.step == 2
        and StepChange.objects.filter(plan=plan).count() == 1  # the start only
        and plan_changes() == changes_before
    )


def test_the_step_control_offers_the_ladders_other_steps(client, clinician, patient, plan):
    client.force_login(clinician)
    page = chart(client, patient)
    select = page.get_element_by_id("plan-new-step")
    assert select.get("name") == "step"
    assert [o.get("value") for o in select.xpath("option")] == [str(n) for n in ladder.STEP_NUMBERS if n != 2]
    assert page.xpath("//label[@for='plan-new-step']")[0].text_content() == "Move to step"
    reason = page.get_element_by_id("plan-reason")
    assert (reason.get("name"), reason.get("maxlength"), reason.get("required")) == ("reason", "500", "")
    assert page.xpath("//label[@for='plan-reason']")[0].text_content() == "Reason"


def test_the_steps_come_from_the_ladder(monkeypatch):
    three = ladder.STEPS[:3]
    monkeypatch.setattr(ladder, "STEPS", three)
    monkeypatch.setattr(ladder, "STEP_NUMBERS", tuple(s.number for s in three))
    form = PlanStepForm(current_step=1)
    assert [value for value, _label in form.fields["step"].widget.choices] == [2, 3]
    assert [value for value, _label in PlanStartForm().fields["step"].choices] == [1, 2, 3]
    refused = PlanStepForm({"step": "4", "reason": "Worse"}, current_step=1)
    assert not refused.is_valid()
    assert refused.errors["step"] == ["Choose a step from 1 to 3."]


@pytest.mark.parametrize("step", ["7", "0", "two", ""])
def test_an_unknown_step_is_refused_with_a_message_and_changes_nothing(client, clinician, patient, plan, step):
    client.force_login(clinician)
    before = plan_changes()
    response = client.post(url(patient), {"action": "step", "step": step, "reason": "Pain persists"}, follow=True)
    assert "Choose a step from 1 to 4." in response.content.decode()
    assert nothing_changed(plan, before)


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_missing_reason_is_refused_with_a_message_and_changes_nothing(client, clinician, patient, plan, reason):
    client.force_login(clinician)
    before = plan_changes()
    data = {"action": "step", "step": "3"} | ({} if reason is None else {"reason": reason})
    response = client.post(url(patient), data, follow=True)
    assert "Say why the step changes: it is kept in the plan&#x27;s history." in response.content.decode()
    assert nothing_changed(plan, before)


def test_both_problems_are_named_at_once(client, clinician, patient, plan):
    client.force_login(clinician)
    body = client.post(url(patient), {"action": "step", "step": "9"}, follow=True).content.decode()
    assert "Choose a step from 1 to 4. Say why the step changes" in body


def test_a_page_left_open_at_the_current_step_is_told_so(client, clinician, patient, plan):
    client.force_login(clinician)
    before = plan_changes()
    body = client.post(url(patient), {"action": "step", "step": "2", "reason": "Stale"}, follow=True).content.decode()
    assert "The plan is already at step 2." in body
    assert nothing_changed(plan, before)


def test_a_valid_step_change_still_goes_through(client, clinician, patient, plan):
    client.force_login(clinician)
    assert client.post(url(patient), {"action": "step", "step": "1", "reason": " Settled "}).status_code == 302
    plan.refresh_from_db()
    change = StepChange.objects.filter(plan=plan).latest("pk")
    assert (plan.step, change.from_step, change.to_step, change.reason) == (1, 2, 1, "Settled")


@pytest.mark.parametrize("who", ["staff", "patient"])
def test_front_desk_and_patients_cannot_post_the_control(client, request, patient, plan, who):
    client.force_login(request.getfixturevalue(who))
    before = plan_changes()
    assert client.post(url(patient), {"action": "step", "step": "3", "reason": "Because"}).status_code == 404
    assert nothing_changed(plan, before)


@pytest.mark.parametrize("who", ["staff", "patient"])
def test_front_desk_and_patients_cannot_start_a_plan(client, request, practice, patient, who):
    client.force_login(request.getfixturevalue(who))
    assert client.post(url(patient), {"action": "start", "step": "1"}).status_code == 404
    assert not CarePlan.objects.filter(patient=patient).exists()


def test_the_start_control_offers_every_step_of_the_ladder(client, practice, clinician, patient):
    client.force_login(clinician)
    page = chart(client, patient)
    select = page.get_element_by_id("plan-start-step")
    assert [o.get("value") for o in select.xpath("option")] == [str(n) for n in ladder.STEP_NUMBERS]
    assert page.xpath("//label[@for='plan-start-step']")[0].text_content() == "Start at step"
    assert page.get_element_by_id("plan-goals").get("name") == "goals"


def test_overlong_goals_are_refused_with_a_message(client, practice, clinician, patient):
    client.force_login(clinician)
    body = client.post(url(patient), {"action": "start", "step": "2", "goals": "g" * 2001}, follow=True)
    assert "Please keep the goals to 2000 characters (you wrote 2001)." in body.content.decode()
    assert not CarePlan.objects.filter(patient=patient).exists()


def test_the_controls_words_are_marked_for_translation(client, clinician, patient, plan, marked_for_translation):
    mark_open, mark_close = marked_for_translation
    client.force_login(clinician)
    body = client.get(f"/clinic/patients/{patient.pk}/").content.decode()
    for words in ("Move to step", "Reason", "Step 1"):
        assert f"{mark_open}{words}{mark_close}" in body
    refused = client.post(url(patient), {"action": "step", "step": "8"}, follow=True).content.decode()
    assert f"{mark_open}Choose a step from 1 to 4.{mark_close}" in refused
    assert f"{mark_open}Say why the step changes" in refused
