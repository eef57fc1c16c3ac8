from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.audit import Actor
from accounts.models import AuditEvent
from assessments import instruments, services
from assessments.models import QuestionnaireResponse

pytestmark = pytest.mark.django_db

AKPS_BEST = {item.code: item.options[0].code for item in instruments.INSTRUMENTS["akps"].items}


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in ("/questionnaires/", "/questionnaires/akps/", "/progress/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_practice_roles_have_no_questionnaire_pages(client, outside_clinician):
    client.force_login(outside_clinician)
    for url in ("/questionnaires/", "/questionnaires/akps/", "/progress/"):
        assert client.get(url).status_code == 404


def test_a_new_patient_sees_both_baselines_due(client, patient, django_assert_max_num_queries):
    client.force_login(patient)
    with django_assert_max_num_queries(8):
        response = client.get("/questionnaires/")
    assert response.status_code == 200
    due = response.context["due"]
    assert [d.instrument for d in due] == ["akps", "koos_pf"]
    assert not any(d.overdue for d in due)
    assert "Baseline" in response.content.decode()


def test_an_overdue_follow_up_is_marked(client, patient):
    services.submit_response(patient, "akps", AKPS_BEST, at=timezone.now() - timedelta(weeks=4), actor=Actor(patient))
    client.force_login(patient)
    response = client.get("/questionnaires/")
    akps = next(d for d in response.context["due"] if d.instrument == "akps")
    assert akps.overdue and akps.label == "Week 2"
    assert "Overdue" in response.content.decode()


def test_the_form_lists_every_item_with_its_options(client, patient):
    client.force_login(patient)
    response = client.get("/questionnaires/akps/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('type="radio"') == sum(len(i.options) for i in instruments.INSTRUMENTS["akps"].items)


def test_submitting_stores_option_ids_points_and_score_and_audits(client, patient):
    client.force_login(patient)
    response = client.post("/questionnaires/akps/", {**AKPS_BEST, "running": "severe"})
    assert response.status_code == 302
    saved = QuestionnaireResponse.objects.get()
    assert (saved.patient, saved.instrument, saved.version, saved.score) == (patient, "akps", "kujala-1993", 93.0)
    assert saved.answers["running"] == {"option": "severe", "points": 3}
    assert AuditEvent.objects.filter(action="assessments.response.submitted", patient=patient).exists()


def test_a_missing_akps_answer_is_shown_next_to_the_question_and_nothing_is_stored(client, patient):
    client.force_login(patient)
    answers = dict(AKPS_BEST)
    del answers["pain"]
    response = client.post("/questionnaires/akps/", answers)
    assert response.status_code == 400
    assert response.context["form"].errors["pain"] == ["Please answer this question."]
    assert QuestionnaireResponse.objects.count() == 0


def test_koos_pf_needs_six_answers(client, patient):
    client.force_login(patient)
    response = client.post("/questionnaires/koos_pf/", {"pf1": "mild", "pf2": "weekly"})
    assert response.status_code == 400
    assert "at least 6 of the 11" in str(response.context["form"].non_field_errors())
    six = {f"pf{n}": "mild" for n in range(1, 7)}
    six["pf2"] = six["pf3"] = "weekly"
    assert client.post("/questionnaires/koos_pf/", six).status_code == 302
    assert QuestionnaireResponse.objects.get().score == pytest.approx(100 - 25 * 8 / 6)


def test_an_unknown_questionnaire_is_404(client, patient):
    client.force_login(patient)
    assert client.get("/questionnaires/womac/").status_code == 404
    assert client.get("/questionnaires/nprs/").status_code == 404


def test_a_correction_supersedes_and_keeps_the_original(client, patient):
    first = services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    client.force_login(patient)
    form = client.get(f"/questionnaires/akps/?corrects={first.pk}")
    assert form.context["form"].initial["limp"] == "none"
    client.post("/questionnaires/akps/", {**AKPS_BEST, "limp": "constant", "corrects": first.pk})
    first.refresh_from_db()
    correction = QuestionnaireResponse.objects.exclude(pk=first.pk).get()
    assert first.superseded_by == correction
    assert first.score == 100.0
    assert services.score_history(patient, "akps") == [(correction.submitted_at, 95.0)]
    assert AuditEvent.objects.filter(action="assessments.response.corrected", patient=patient).exists()


def test_another_patient_cannot_correct_my_response(client, patient, other_patient):
    mine = services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    client.force_login(other_patient)
    assert client.get(f"/questionnaires/akps/?corrects={mine.pk}").status_code == 404
    assert client.post("/questionnaires/akps/", {**AKPS_BEST, "corrects": mine.pk}).status_code == 404
    mine.refresh_from_db()
    assert mine.superseded_by is None


def test_another_patient_sees_only_their_own_list(client, patient, other_patient):
    services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    client.force_login(other_patient)
    response = client.get("/questionnaires/")
    assert response.context["responses"] == []


def test_a_superseded_response_cannot_be_corrected_again(client, patient):
    first = services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    services.submit_response(patient, "akps", AKPS_BEST, corrects=first, actor=Actor(patient))
    client.force_login(patient)
    assert client.get(f"/questionnaires/akps/?corrects={first.pk}").status_code == 404


def test_the_form_runs_a_bounded_number_of_queries(client, patient, django_assert_max_num_queries):
    first = services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    client.force_login(patient)
    with django_assert_max_num_queries(8):
        assert client.get(f"/questionnaires/akps/?corrects={first.pk}").status_code == 200
