from __future__ import annotations

import html

from accounts.models import AuditEvent
from care.models import CarePlan, StepChange, Suggestion
from care.testing import make_plan, self_check
from practice.medicine_advice import NSAID_ADVICE


def test_owner_sees_plan_history_and_program(client, patient, plan2, django_assert_max_num_queries):
    client.force_login(patient)
    with django_assert_max_num_queries(15):
        response = client.get("/plan/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Load and support" in body and "you are here" in body
    assert "Started at step 2" in body
    assert "Clamshell" in body and "Stop when:" in body and "Sources:" in body
    assert "Ask a doctor or pharmacist first" in body and "mg" not in body.split()


def test_plan_without_one_goes_to_start(client, patient):
    client.force_login(patient)
    response = client.get("/plan/")
    assert response.status_code == 302 and response["Location"] == "/plan/start/"


def test_other_patient_outside_clinician_and_anonymous_never_see_the_plan(
    client, plan2, other_patient, outside_clinician
):
    client.force_login(other_patient)
    assert client.get("/plan/")["Location"] == "/plan/start/"
    client.force_login(outside_clinician)
    assert client.get("/plan/").status_code == 404
    assert client.get("/plan/print/").status_code == 404
    client.logout()
    assert "/accounts/login/" in client.get("/plan/")["Location"]
    assert "/accounts/login/" in client.get("/plan/print/")["Location"]


def test_patient_moves_between_steps_one_and_two_with_a_reason(client, patient, plan):
    client.force_login(patient)
    response = client.post("/plan/", {"step": "2", "reason": "Swelling gone"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.step == 2
    assert StepChange.objects.filter(plan=plan, to_step=2, reason="Swelling gone").exists()


def test_step_change_without_a_reason_shows_a_message(client, patient, plan):
    client.force_login(patient)
    response = client.post("/plan/", {"step": "2", "reason": ""})
    assert response.status_code == 422
    assert b"Say why you are changing step." in response.content
    plan.refresh_from_db()
    assert plan.step == 1


def test_patient_cannot_post_step_three(client, patient, plan):
    client.force_login(patient)
    response = client.post("/plan/", {"step": "3", "reason": "please"})
    assert response.status_code == 422
    plan.refresh_from_db()
    assert plan.step == 1


def test_start_page_from_a_self_care_result_starts_step_one(client, patient):
    check = self_check(patient)
    client.force_login(patient)
    page = client.get(f"/plan/start/?self_check={check.pk}")
    assert b"suggested you can start with self-care" in page.content
    response = client.post(f"/plan/start/?self_check={check.pk}", {"step": "1", "goals": "Run again"})
    assert response.status_code == 302 and response["Location"] == "/today/"
    plan = CarePlan.objects.get(patient=patient)
    assert plan.self_check_id == check.pk and plan.goals == "Run again"
    assert AuditEvent.objects.filter(action="care.plan.started", patient=patient).exists()


def test_start_without_a_self_check_points_to_the_self_check_first(client, patient):
    client.force_login(patient)
    body = client.get("/plan/start/").content.decode()
    assert '<a href="/self-check/">Take the self-check</a>' in body


def test_start_with_someone_elses_self_check_explains_and_does_not_use_it(client, patient, other_patient):
    check = self_check(other_patient)
    client.force_login(patient)
    page = client.get(f"/plan/start/?self_check={check.pk}")
    assert b"could not find that self-check" in page.content
    response = client.post(f"/plan/start/?self_check={check.pk}", {"step": "1"})
    assert response.status_code == 422
    assert not CarePlan.objects.exists()


def test_start_when_a_plan_exists_goes_to_the_plan(client, patient, plan):
    client.force_login(patient)
    response = client.post("/plan/start/", {"step": "1"})
    assert response["Location"] == "/plan/"
    assert CarePlan.objects.filter(patient=patient).count() == 1


def test_start_is_for_patients_only(client, outside_clinician):
    client.force_login(outside_clinician)
    assert client.get("/plan/start/").status_code == 404
    client.logout()
    assert client.get("/plan/start/").status_code == 302


def test_print_handout_lists_the_program_with_the_print_stylesheet(client, patient, plan2):
    client.force_login(patient)
    response = client.get("/plan/print/")
    body = response.content.decode()
    assert "Exercise program for Pat Owner" in body
    assert "care/print.css" in body and 'media="print"' in body
    assert "Bridge" in body


def test_print_handout_at_step_one_does_not_tell_to_do_exercises_it_does_not_list(client, patient, plan):
    client.force_login(patient)
    body = client.get("/plan/print/").content.decode()
    assert "Your exercises start at step 2." in body
    assert "Do the exercises once a day" not in body
    assert "<strong>Raise the leg when resting.</strong>" in body


def test_long_goals_wrap_instead_of_widening_the_plan_page(client, patient, plan):
    plan.goals = "x" * 500
    plan.save()
    client.force_login(patient)
    body = client.get("/plan/").content.decode()
    assert '<p class="goals">' in body
    assert '<button type="submit" class="primary">Change step</button>' in body


def test_patient_dismisses_their_own_suggestion(client, patient, plan):
    suggestion = Suggestion.objects.create(plan=plan, kind="next_step", target_step=2, audience="patient", reason="x")
    client.force_login(patient)
    assert client.post(f"/plan/suggestions/{suggestion.pk}/dismiss/").status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "dismissed"


def test_nobody_else_can_dismiss_a_patients_suggestion(client, patient, other_patient, outside_clinician):
    plan = make_plan(patient)
    suggestion = Suggestion.objects.create(plan=plan, kind="review", audience="patient", reason="x")
    for user in (other_patient, outside_clinician):
        client.force_login(user)
        assert client.post(f"/plan/suggestions/{suggestion.pk}/dismiss/").status_code == 404
    client.logout()
    assert client.post(f"/plan/suggestions/{suggestion.pk}/dismiss/").status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "open"


def test_overlong_goals_are_refused_in_plain_words(client, patient):
    client.force_login(patient)
    response = client.post("/plan/start/", {"step": "1", "goals": "g" * 2500})
    assert response.status_code == 422
    assert "Please keep your goals to 2000 characters (you wrote 2500)." in response.content.decode()
    assert not CarePlan.objects.filter(patient=patient).exists()


def test_the_plan_says_what_the_evidence_says_of_injections_and_surgery(client, patient, plan2):
    client.force_login(patient)
    body = client.get("/plan/").content.decode()
    assert "does not support corticosteroid injections for runner&#x27;s knee itself" in body
    assert "arthroscopy added to exercise did no better than exercise alone" in body


def test_the_plan_gives_the_same_complete_nsaid_cautions_as_the_condition_page(client, patient, plan2):
    client.force_login(patient)
    body = html.unescape(client.get("/plan/").content.decode())
    for item in (*NSAID_ADVICE.do_not, *NSAID_ADVICE.ask_first):
        assert body.count(f"<li>{item}</li>") == 1, item
    assert "Lipman et al. 2017, Emerg Med J 34(10)" in body and "NHS: Reye's syndrome" in body
    # The physical therapy guideline says nothing on NSAID safety: it is no source for this list.
    nsaid_card = body.split('id="nsaid-title"')[1].split("</section>")[0]
    assert "Willy" not in nsaid_card
