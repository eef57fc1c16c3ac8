from __future__ import annotations

import pytest

from accounts.audit import Actor
from accounts.models import AuditEvent
from accounts.testing import mailed_link
from assessments import questions
from assessments.models import SelfCheck

pytestmark = pytest.mark.django_db

ABOUT = {"age": "29", "side": "left", "pain_nrs": "4", "duration_weeks": "2"}
NO_SIGNS: dict[str, list[str]] = {}
NO_INJURY = {"fall_or_blow": "no", "recent_injury": "no"}
PFP = {"symptoms": ["pain_around_kneecap", "pain_squatting", "pain_going_down"]}
RISKS = {"risk_factors": ["mileage_increase"]}


def walk(client, about=ABOUT, signs=NO_SIGNS, injury=NO_INJURY, symptoms=PFP, risks=RISKS):
    client.get("/self-check/")
    for step, data in enumerate((about, signs, injury, symptoms), start=1):
        response = client.post(f"/self-check/step/{step}/", data)
        assert response.status_code == 302, response.context["form"].errors
    response = client.post("/self-check/step/5/", risks)
    assert response.status_code == 302
    return response


def test_the_first_step_explains_the_check(client, practice):
    response = client.get("/self-check/")
    assert response.status_code == 200
    assert "not a diagnosis" in response.content.decode()
    assert "Step 1 of 5" in response.content.decode()


def test_walking_the_steps_stores_a_self_care_result_and_shows_it(client, practice):
    response = walk(client)
    check = SelfCheck.objects.get()
    assert response["Location"] == f"/self-check/result/{check.pk}/"
    assert check.outcome == "self_care"
    assert check.patient is None
    assert check.answers["risk_factors"] == ["mileage_increase"]
    page = client.get(response["Location"]).content.decode()
    assert "Start self-care" in page
    assert "This is information, not a diagnosis." in page
    assert practice.phone in page
    assert "/runners-knee/#treatment-step-1" in page
    assert "/runners-knee/#when-to-get-help" in page
    assert f"/self-check/{check.claim_token}/claim/" in page
    assert "A recent jump in running distance" in page


@pytest.mark.parametrize(
    ("signs", "injury", "outcome", "anchor"),
    [
        ({"knee_flags": ["hot_red_swollen_fever"]}, NO_INJURY, "emergency", "#help-emergency"),
        (
            NO_SIGNS,
            {"fall_or_blow": "no", "recent_injury": "yes", "injury_findings": ["cannot_walk_4_steps"]},
            "emergency",
            "#help-emergency",
        ),
        ({"circulation_flags": ["chest_pain_or_breathless"]}, NO_INJURY, "emergency", "#help-emergency"),
        (NO_SIGNS, {**NO_INJURY, "injury_flags": ["cannot_straighten_or_lift_leg"]}, "emergency", "#help-emergency"),
        ({"knee_flags": ["locked_knee"]}, NO_INJURY, "urgent", "#help-urgent"),
        ({"knee_flags": ["hot_swollen_no_fever"]}, NO_INJURY, "urgent", "#help-urgent"),
        ({"knee_flags": ["cannot_bear_weight"]}, NO_INJURY, "urgent", "#help-urgent"),
        ({"circulation_flags": ["calf_swelling_or_pain"]}, NO_INJURY, "urgent", "#help-urgent"),
        ({"review_flags": ["night_or_rest_pain"]}, NO_INJURY, "see_clinician", "#help-review"),
        ({"treatment_flags": ["recent_knee_surgery_or_injection"]}, NO_INJURY, "see_clinician", "#help-review"),
        (
            {"treatment_flags": ["recent_knee_surgery_or_injection"], "knee_flags": ["hot_swollen_no_fever"]},
            NO_INJURY,
            "emergency",
            "#help-emergency",
        ),
        ({"knee_flags": ["cannot_bear_weight"]}, {**NO_INJURY, "recent_injury": "yes"}, "emergency", "#help-emergency"),
    ],
)
def test_warning_signs_lead_to_their_outcome_and_page_section(client, practice, signs, injury, outcome, anchor):
    response = walk(client, signs=signs, injury=injury)
    check = SelfCheck.objects.get()
    assert check.outcome == outcome
    page = client.get(response["Location"]).content.decode()
    assert f"/runners-knee/{anchor}" in page
    assert "Save and start my plan" not in page
    assert check.reasons[0] in page


def test_an_emergency_result_does_not_talk_of_opening_hours_while_the_practice_is_open(client, practice):
    response = walk(client, signs={"circulation_flags": ["numbness_or_cold_foot"]})
    page = client.get(response["Location"]).content.decode()
    assert "Do not wait for an appointment with us:" in page
    assert "wait for us to open" not in page


def test_bad_input_is_explained_next_to_the_field_and_nothing_moves_on(client, practice):
    response = client.post("/self-check/step/1/", {"age": "old", "side": "", "duration_weeks": "-2"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "whole number" in errors["age"][0]
    assert "choose the knee" in errors["side"][0]
    assert "0 to 10" in errors["pain_nrs"][0]
    assert "0 or more" in errors["duration_weeks"][0]
    assert SelfCheck.objects.count() == 0


def test_a_later_step_cannot_be_reached_first(client, practice):
    response = client.get("/self-check/step/3/")
    assert response["Location"] == "/self-check/step/1/"
    assert client.get("/self-check/step/9/").status_code == 404


def test_back_keeps_the_earlier_answers(client, practice):
    client.post("/self-check/step/1/", ABOUT)
    response = client.get("/self-check/step/1/")
    assert response.context["form"].initial["age"] == 29


def test_another_browser_cannot_see_an_anonymous_result(client, practice, patient, other_patient, outside_clinician):
    response = walk(client)
    url = response["Location"]
    from django.test import Client

    for user in (None, patient, other_patient, outside_clinician):
        other = Client()
        if user is not None:
            other.force_login(user)
        assert other.get(url).status_code == 404


def test_a_signed_in_patients_result_is_theirs_and_audited(client, practice, patient):
    client.force_login(patient)
    response = walk(client)
    check = SelfCheck.objects.get()
    assert check.patient == patient
    assert AuditEvent.objects.filter(action="assessments.self_check.created", patient=patient).exists()
    assert client.get(response["Location"]).status_code == 200


def test_claiming_asks_an_anonymous_visitor_to_sign_in_first(client, practice):
    walk(client)
    check = SelfCheck.objects.get()
    response = client.get(f"/self-check/{check.claim_token}/claim/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert check.claim_token in response["Location"]


def test_after_sign_in_the_claim_attaches_the_result_and_continues_to_the_plan(client, practice, patient):
    walk(client)
    check = SelfCheck.objects.get()
    client.force_login(patient)  # keeps the session, as signing in or signing up does
    response = client.get(f"/self-check/{check.claim_token}/claim/")
    assert response["Location"] == f"/plan/start/?self_check={check.pk}"
    check.refresh_from_db()
    assert check.patient == patient
    assert check.claimed_at is not None
    assert AuditEvent.objects.filter(action="assessments.self_check.claimed", patient=patient).exists()
    result_url = f"/self-check/result/{check.pk}/"
    assert client.get(result_url).status_code == 200


def test_sign_up_with_next_claims_the_result_once_the_address_is_confirmed(client, practice):
    walk(client)
    check = SelfCheck.objects.get()
    claim = f"/self-check/{check.claim_token}/claim/"
    response = client.post(
        f"/accounts/signup/?next={claim}",
        {
            "name": "New Runner",
            "email": "new.runner@example.org",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/accounts/confirm-email/"
    check.refresh_from_db()
    assert check.patient is None, "nothing is saved before the address is confirmed"
    response = client.post(mailed_link("new.runner@example.org", "/accounts/confirm-email/"), follow=True)
    check.refresh_from_db()
    assert check.patient is not None
    assert check.patient.email == "new.runner@example.org"
    assert response.redirect_chain[-1][0] == f"/plan/start/?self_check={check.pk}"


def test_a_result_already_claimed_by_someone_else_is_404(client, practice, patient, other_patient):
    walk(client)
    check = SelfCheck.objects.get()
    client.force_login(patient)
    client.get(f"/self-check/{check.claim_token}/claim/")
    client.force_login(other_patient)
    assert client.get(f"/self-check/{check.claim_token}/claim/").status_code == 404
    check.refresh_from_db()
    assert check.patient == patient


def test_a_clinician_cannot_claim_a_result(client, practice, outside_clinician):
    walk(client)
    check = SelfCheck.objects.get()
    client.force_login(outside_clinician)
    assert client.get(f"/self-check/{check.claim_token}/claim/").status_code == 404
    assert SelfCheck.objects.get().patient is None


def test_the_claim_link_alone_does_not_claim_from_another_browser(client, practice, patient):
    walk(client)
    check = SelfCheck.objects.get()
    from django.test import Client

    elsewhere = Client()
    elsewhere.force_login(patient)
    assert elsewhere.get(f"/self-check/{check.claim_token}/claim/").status_code == 404
    assert SelfCheck.objects.get().patient is None


def test_claiming_twice_still_continues_to_the_plan(client, practice, patient):
    walk(client)
    check = SelfCheck.objects.get()
    client.force_login(patient)
    client.get(f"/self-check/{check.claim_token}/claim/")
    again = client.get(f"/self-check/{check.claim_token}/claim/")
    assert again["Location"] == f"/plan/start/?self_check={check.pk}"


def test_an_unknown_token_is_404(client, patient):
    client.force_login(patient)
    assert client.get("/self-check/not-a-token/claim/").status_code == 404


def test_the_result_page_runs_a_bounded_number_of_queries(client, practice, django_assert_max_num_queries):
    response = walk(client)
    with django_assert_max_num_queries(12):
        assert client.get(response["Location"]).status_code == 200


def test_each_step_runs_a_bounded_number_of_queries(client, practice, django_assert_max_num_queries):
    client.post("/self-check/step/1/", ABOUT)
    client.post("/self-check/step/2/", NO_SIGNS)
    client.post("/self-check/step/3/", NO_INJURY)
    for step in (1, 2, 3, 4):
        with django_assert_max_num_queries(10):
            assert client.get(f"/self-check/step/{step}/").status_code == 200


def test_a_patient_who_already_has_a_plan_is_sent_to_it_not_offered_a_new_one(client, practice, patient):
    from care import services

    services.start_plan(patient, Actor(patient), step=1)
    client.force_login(patient)
    html = client.get(walk(client)["Location"]).content.decode()
    assert "Go to today&#x27;s plan" in html or "Go to today's plan" in html
    assert "Save and start my plan" not in html


def test_a_patient_without_a_plan_is_offered_one(client, practice, patient):
    client.force_login(patient)
    html = client.get(walk(client)["Location"]).content.decode()
    assert "Save and start my plan" in html


def test_every_red_flag_is_asked_on_exactly_one_step():
    from assessments.forms import INJURY_FLAGS, WARNING_GROUPS

    asked = [code for _, codes in WARNING_GROUPS.values() for code in codes] + list(INJURY_FLAGS)
    assert sorted(asked) == sorted(questions.RED_FLAGS)


def test_weight_bearing_is_asked_of_everyone_not_only_after_an_injury(client, practice):
    client.post("/self-check/step/1/", ABOUT)
    page = client.get("/self-check/step/2/").content.decode()
    assert 'value="cannot_bear_weight"' in page
    assert "take 4 steps on the leg now" in page


def test_the_fall_question_comes_before_the_injury_questions(client, practice):
    client.post("/self-check/step/1/", ABOUT)
    client.post("/self-check/step/2/", NO_SIGNS)
    page = client.get("/self-check/step/3/").content.decode()
    assert page.index('name="fall_or_blow"') < page.index('name="recent_injury"') < page.index('value="cannot_flex_90"')
    assert "does not change how urgent" not in page


def test_an_older_fall_with_a_swelling_knee_books_a_visit_and_says_the_fall_changed_it(client, practice):
    response = walk(
        client,
        injury={"fall_or_blow": "yes", "recent_injury": "no"},
        symptoms={"symptoms": [*PFP["symptoms"], "knee_swelling"]},
    )
    check = SelfCheck.objects.get()
    assert check.outcome == "see_clinician"
    assert check.answers["risk_factors"] == ["fall_or_blow", "mileage_increase"]
    assert check.deciding_risk_factors == ["fall_or_blow"]
    page = client.get(response["Location"]).content.decode()
    assert "This changed your result" in page
    assert "next 1 to 2 weeks" in page


def test_a_runner_aged_60_books_a_visit_whatever_the_pattern(client, practice):
    response = walk(client, about={**ABOUT, "age": "60"})
    assert SelfCheck.objects.get().outcome == "see_clinician"
    assert "From 60" in client.get(response["Location"]).content.decode()


def test_an_urgent_result_says_today_or_tomorrow(client, practice):
    response = walk(client, signs={"circulation_flags": ["calf_swelling_or_pain"]})
    page = client.get(response["Location"]).content.decode()
    assert "Today or tomorrow" in page
    assert "urgent care center" in page
    assert "within a few days" not in page
