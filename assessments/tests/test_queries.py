from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.audit import Actor
from assessments import instruments, queries, services
from assessments.models import Outcome, SelfCheck

pytestmark = pytest.mark.django_db

AKPS_BEST = {item.code: item.options[0].code for item in instruments.INSTRUMENTS["akps"].items}


def self_check(patient, outcome, days_ago=0):
    at = timezone.now() - timedelta(days=days_ago)
    return SelfCheck.objects.create(patient=patient, answers={}, outcome=outcome, reasons=["why"], created_at=at)


def test_urgent_self_checks_are_the_emergency_and_urgent_ones_since_the_date(patient, other_patient):
    urgent = self_check(patient, Outcome.URGENT)
    self_check(patient, Outcome.SELF_CARE)
    self_check(patient, Outcome.EMERGENCY, days_ago=10)
    self_check(other_patient, Outcome.EMERGENCY)
    since = timezone.now() - timedelta(days=5)
    assert queries.urgent_self_checks([patient.pk], since) == [(patient.pk, urgent.created_at, "urgent")]


def test_the_last_scheduled_questionnaire_ignores_the_pain_rating_and_corrected_answers(patient, other_patient):
    first = services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    services.submit_response(
        patient, "nprs", {"pain": "3"}, at=timezone.now() + timedelta(days=1), actor=Actor(patient)
    )
    correction = services.submit_response(patient, "akps", AKPS_BEST, corrects=first, actor=Actor(patient))
    assert queries.last_scheduled_questionnaires([patient.pk, other_patient.pk]) == {
        patient.pk: correction.submitted_at
    }


def test_recent_self_checks_and_responses_are_the_patients_own_newest_first(patient, other_patient):
    old, new = self_check(patient, Outcome.SELF_CARE, days_ago=3), self_check(patient, Outcome.URGENT)
    self_check(other_patient, Outcome.URGENT)
    assert [c.at for c in queries.recent_self_checks(patient, 60)] == [new.created_at, old.created_at]
    assert queries.recent_self_checks(patient, 1)[0].reasons == ["why"]
    response = services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    assert queries.recent_responses(patient, 60) == [(response.submitted_at, "akps", 100.0)]


def test_the_score_series_has_every_scheduled_instrument_oldest_first(patient):
    a = services.submit_response(patient, "akps", {**AKPS_BEST, "limp": "constant"}, actor=Actor(patient))
    b = services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    assert queries.score_series(patient) == {"akps": [(a.submitted_at, 95.0), (b.submitted_at, 100.0)], "koos_pf": []}
