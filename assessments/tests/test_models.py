from __future__ import annotations

import pytest

from accounts.audit import Actor
from assessments import instruments, services
from assessments.models import QuestionnaireResponse

pytestmark = pytest.mark.django_db

AKPS_BEST = {item.code: item.options[0].code for item in instruments.INSTRUMENTS["akps"].items}


def test_a_submitted_response_cannot_be_edited(patient):
    response = services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    response.score = 50
    with pytest.raises(ValueError, match="cannot be changed"):
        response.save()
    assert QuestionnaireResponse.objects.get().score == 100.0


def test_bad_answers_store_nothing(patient):
    with pytest.raises(instruments.AnswerError):
        services.submit_response(patient, "akps", {"limp": "none"}, actor=Actor(patient))
    assert QuestionnaireResponse.objects.count() == 0


def test_a_correction_of_another_patients_response_is_refused(patient, other_patient):
    theirs = services.submit_response(other_patient, "akps", AKPS_BEST, actor=Actor(other_patient))
    with pytest.raises(instruments.AnswerError):
        services.submit_response(patient, "akps", AKPS_BEST, corrects=theirs, actor=Actor(patient))
    assert QuestionnaireResponse.objects.count() == 1
    theirs.refresh_from_db()
    assert theirs.superseded_by is None


def test_score_history_is_current_responses_oldest_first(patient):
    a = services.submit_response(patient, "akps", {**AKPS_BEST, "limp": "constant"}, actor=Actor(patient))
    b = services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    assert services.score_history(patient, "akps") == [(a.submitted_at, 95.0), (b.submitted_at, 100.0)]
    assert services.score_history(patient, "koos_pf") == []


def test_a_claimed_self_check_cannot_be_claimed_by_another_patient(patient, other_patient):
    from assessments import triage

    check = services.run_self_check(triage.Answers(age=30), Actor(None))
    assert check.patient is None
    assert services.claim_self_check(check, patient, Actor(patient))
    assert not services.claim_self_check(check, other_patient, Actor(other_patient))
    check.refresh_from_db()
    assert check.patient == patient


def test_practice_roles_cannot_claim_a_self_check(outside_clinician):
    from assessments import triage

    check = services.run_self_check(triage.Answers(age=30), Actor(None))
    assert not services.claim_self_check(check, outside_clinician, Actor(outside_clinician))
