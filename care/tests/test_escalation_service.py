from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.audit import Actor
from accounts.models import AuditEvent, CareTeam
from care import services
from care.models import DiaryEntry, Suggestion
from care.tasks import run_nightly_escalation
from care.testing import make_plan


def diary(patient, days, pain):
    today = timezone.localdate()
    for d in days:
        DiaryEntry.objects.create(
            patient=patient, date=today - timedelta(days=d), side="right", pain_now=pain, pain_worst=pain
        )


def akps(patient, days_ago, score):
    from assessments.models import QuestionnaireResponse

    at = datetime.combine(
        timezone.localdate() - timedelta(days=days_ago), time(9), tzinfo=timezone.get_current_timezone()
    )
    QuestionnaireResponse.objects.create(
        patient=patient, instrument="akps", version="1", answers={}, score=score, submitted_at=at
    )


def test_stalled_plan_suggests_the_next_step_to_the_clinician(patient, clinician):
    make_plan(patient, step=2, days_ago=22)
    diary(patient, range(22, 15, -1), 5)
    diary(patient, range(6, -1, -1), 4)
    suggestion = services.run_escalation(patient, timezone.localdate())
    assert suggestion is not None
    assert (suggestion.kind, suggestion.target_step, suggestion.audience) == ("next_step", 3, "clinician")
    assert "Step 3 is suggested" in suggestion.reason
    assert AuditEvent.objects.filter(action="care.suggestion.created").exists()


def test_suggestion_is_never_applied_automatically(patient, clinician):
    plan = make_plan(patient, step=2, days_ago=22)
    diary(patient, range(22, -1, -1), 4)
    services.run_escalation(patient, timezone.localdate())
    plan.refresh_from_db()
    assert plan.step == 2


def test_without_a_clinician_the_patient_is_told_to_book_with_phone_and_hours(patient, practice):
    make_plan(patient, step=1, days_ago=22)
    diary(patient, range(22, -1, -1), 4)
    suggestion = services.run_escalation(patient, timezone.localdate())
    assert suggestion.audience == "patient"
    assert "Book an appointment: call (888) 261-7506" in suggestion.reason


def test_akps_gain_at_the_mcid_suggests_carrying_on(patient, clinician):
    make_plan(patient, step=2, days_ago=22)
    akps(patient, 21, 60)
    akps(patient, 1, 70)
    suggestion = services.run_escalation(patient, timezone.localdate())
    assert suggestion.kind == "continue"


def test_worsening_suggests_a_review(patient, clinician):
    make_plan(patient, step=2, days_ago=10)
    diary(patient, range(10, 5, -1), 3)
    diary(patient, range(2, -1, -1), 6)
    assert services.run_escalation(patient, timezone.localdate()).kind == "review"


def test_running_twice_keeps_one_open_suggestion(patient, clinician):
    make_plan(patient, step=2, days_ago=22)
    diary(patient, range(22, -1, -1), 4)
    first = services.run_escalation(patient, timezone.localdate())
    second = services.run_escalation(patient, timezone.localdate())
    assert first.pk == second.pk
    assert Suggestion.objects.count() == 1


def test_a_dismissed_suggestion_is_not_repeated_within_a_week(patient, clinician):
    make_plan(patient, step=2, days_ago=22)
    diary(patient, range(22, -1, -1), 4)
    suggestion = services.run_escalation(patient, timezone.localdate())
    services.decide_suggestion(suggestion, Actor(clinician), accept=False)
    assert services.run_escalation(patient, timezone.localdate()) is None


def test_clinician_accepting_a_next_step_suggestion_changes_the_step(patient, clinician):
    plan = make_plan(patient, step=2, days_ago=22)
    diary(patient, range(22, -1, -1), 4)
    suggestion = services.run_escalation(patient, timezone.localdate())
    services.decide_suggestion(suggestion, Actor(clinician), accept=True)
    plan.refresh_from_db()
    assert plan.step == 3
    assert plan.step_changes.first().actor == clinician


def test_no_plan_means_no_suggestion(patient):
    assert services.run_escalation(patient, timezone.localdate()) is None


def test_nightly_task_runs_escalation_for_every_active_plan(
    patient, other_patient, clinician, django_capture_on_commit_callbacks
):
    CareTeam.objects.create(clinician=clinician, patient=other_patient)
    for p in (patient, other_patient):
        make_plan(p, step=2, days_ago=22)
        diary(p, range(22, -1, -1), 4)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_nightly_escalation.delay().get() == 2
    assert Suggestion.objects.count() == 2


def test_the_diary_pain_series_has_one_value_a_day_the_worse_knees(patient):
    today = timezone.localdate()
    DiaryEntry.objects.create(patient=patient, date=today, side="left", pain_now=2, pain_worst=6)
    DiaryEntry.objects.create(patient=patient, date=today, side="right", pain_now=3)
    DiaryEntry.objects.create(patient=patient, date=today - timedelta(days=1), side="both", pain_now=4)
    assert services.pain_series(patient, today - timedelta(days=7), today) == [
        (today - timedelta(days=1), 4.0),
        (today, 6.0),
    ]
