from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from care import queries
from care.models import (
    CarePlan,
    DiaryEntry,
    PlanStatus,
    Side,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    TaskLog,
    TaskStatus,
)
from care.testing import make_plan

pytestmark = pytest.mark.django_db


def entry(patient, days_ago=0, side=Side.LEFT, **answers):
    day = timezone.localdate() - timedelta(days=days_ago)
    return DiaryEntry.objects.create(patient=patient, date=day, side=side, **{"pain_now": 2, **answers})


def test_check_ins_since_a_day_are_per_patient_with_their_warning_signs(patient, other_patient):
    entry(patient, locking=True)
    entry(patient, side=Side.RIGHT, pain_worst=5)
    entry(patient, days_ago=20)
    entry(other_patient)
    since = timezone.localdate() - timedelta(days=15)
    checkins = queries.checkins_since([patient.pk], since)
    assert list(checkins) == [patient.pk]
    assert sorted((c.side, c.pain, c.flags) for c in checkins[patient.pk]) == [
        ("left", 2.0, frozenset({"locking"})),
        ("right", 5.0, frozenset()),
    ]


def test_warning_signs_are_the_check_ins_answering_yes_in_the_order_they_are_asked(patient):
    sign = entry(patient, cannot_bear_weight=True, locking=True)
    entry(patient, side=Side.RIGHT)
    assert queries.warning_signs_since([patient.pk], sign.date) == [
        (patient.pk, sign.date, sign.created_at, ("locking", "cannot_bear_weight"))
    ]


def test_recent_check_ins_are_the_patients_own_newest_day_first(patient, other_patient):
    entry(patient, days_ago=2)
    entry(patient)
    entry(other_patient)
    assert [c.day for c in queries.recent_checkins(patient, 1)] == [timezone.localdate()]


def test_weekly_pain_is_the_mean_of_each_check_ins_worst_else_now_pain(patient):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    DiaryEntry.objects.create(patient=patient, date=monday, side="left", pain_now=2, pain_worst=6)
    DiaryEntry.objects.create(patient=patient, date=monday, side="right", pain_now=3)
    DiaryEntry.objects.create(patient=patient, date=monday - timedelta(days=7), side="both", pain_now=1)
    assert queries.weekly_pain(patient, monday) == {monday: 4.5}
    assert queries.weekly_pain(patient, monday - timedelta(days=7), monday - timedelta(days=1)) == {
        monday - timedelta(days=7): 1.0
    }


def test_an_active_plan_its_open_next_step_suggestion_and_the_days_with_a_task_done(patient, other_patient):
    plan = make_plan(patient, step=2, days_ago=20)
    CarePlan.objects.filter(pk=make_plan(other_patient).pk).update(status=PlanStatus.CLOSED)
    Suggestion.objects.create(plan=plan, kind=SuggestionKind.NEXT_STEP, target_step=3, audience="clinician", reason="x")
    Suggestion.objects.create(plan=plan, kind=SuggestionKind.REVIEW, audience="clinician", reason="review")
    today = timezone.localdate()
    for days_ago, code, status in (
        (0, "bridge", TaskStatus.DONE),
        (0, "ice", TaskStatus.DONE),
        (1, "bridge", "skipped"),
    ):
        day = today - timedelta(days=days_ago)
        TaskLog.objects.create(patient=patient, plan=plan, date=day, task_code=code, status=status)
    ids = [patient.pk, other_patient.pk]
    assert queries.active_plan_starts(ids) == {patient.pk: plan.started_on}
    assert [(s.patient_id, s.reason) for s in queries.open_next_step_suggestions(ids)] == [(patient.pk, "x")]
    assert queries.exercise_days(ids, today - timedelta(days=15)) == {patient.pk: {today}}
    Suggestion.objects.filter(kind=SuggestionKind.NEXT_STEP).update(status=SuggestionStatus.DISMISSED)
    assert queries.open_next_step_suggestions(ids) == []


def test_the_plans_step_changes_and_suggestions_come_newest_first(patient, clinician):
    plan = make_plan(patient, step=3, actor=clinician)
    Suggestion.objects.create(plan=plan, kind=SuggestionKind.CONTINUE, audience="patient", reason="Keep going")
    changes = queries.recent_step_changes(patient, 60)
    assert [(c.from_step, c.to_step) for c in changes] == [(2, 3), (None, 2)]
    assert [(s.kind, s.status) for s in queries.recent_suggestions(patient, 60)] == [("continue", "open")]
