from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.audit import Actor
from accounts.models import AuditEvent
from care import services
from care.models import IceSession, TaskLog
from care.services.today import todays_tasks
from care.testing import make_plan


def test_task_done_is_logged_and_audited(plan, patient):
    log = services.log_task(patient, plan, timezone.localdate(), "elevation", "done", actor=Actor(patient))
    assert log.status == "done"
    assert AuditEvent.objects.filter(action="care.task.logged").exists()


def test_logging_again_replaces_the_days_log(plan, patient):
    today = timezone.localdate()
    services.log_task(patient, plan, today, "elevation", "done", actor=Actor(patient))
    services.log_task(patient, plan, today, "elevation", "skipped", "At work all day", actor=Actor(patient))
    assert TaskLog.objects.get().status == "skipped"


def test_skipping_needs_a_reason(plan, patient):
    with pytest.raises(services.CareError) as error:
        services.log_task(patient, plan, timezone.localdate(), "elevation", "skipped", "", actor=Actor(patient))
    assert "reason" in error.value.errors
    assert not TaskLog.objects.exists()


def test_unknown_task_future_day_and_day_before_the_plan_are_refused(plan, patient):
    today = timezone.localdate()
    with pytest.raises(services.CareError, match="not one of your tasks"):
        services.log_task(patient, plan, today, "jump", "done", actor=Actor(patient))
    with pytest.raises(services.CareError, match="future"):
        services.log_task(patient, plan, today + timedelta(days=1), "elevation", "done", actor=Actor(patient))
    with pytest.raises(services.CareError, match="before your plan"):
        services.log_task(patient, plan, today - timedelta(days=1), "elevation", "done", actor=Actor(patient))


def test_checklist_lists_each_exercise_with_its_dosage(plan2, patient):
    program = services.program_for(patient)
    rows = services.checklist(plan2, program, {}, timezone.localdate())
    exercise_rows = [r for r in rows if r.kind == "exercise"]
    assert len(exercise_rows) == len(program)
    assert exercise_rows[0].detail.startswith(f"{program[0].item.sets} set")


def test_checklist_offers_ice_only_in_the_first_days(patient):
    plan = make_plan(patient, step=1)
    assert "ice" in [r.code for r in services.checklist(plan, [], {}, timezone.localdate())]
    plan.step_started_on = timezone.localdate() - timedelta(days=5)
    assert "ice" not in [r.code for r in services.checklist(plan, [], {}, timezone.localdate())]


def test_weekly_adherence_is_done_over_due(patient):
    plan = make_plan(patient, step=1, days_ago=10)
    today = timezone.localdate()
    # Step 1 after the ice days: 3 reminders a day (rest, wrap, elevation) over 7 days = 21 due.
    for d in range(7):
        services.log_task(patient, plan, today - timedelta(days=d), "elevation", "done", actor=Actor(patient))
    assert services.adherence(patient, plan, 0, today) == round(100 * 7 / 21)


def test_ice_session_is_logged_with_its_minutes(plan, patient):
    session = services.log_ice(patient, 18, actor=Actor(patient))
    assert session.minutes == 18
    assert AuditEvent.objects.filter(action="care.ice.logged").exists()


@pytest.mark.parametrize("minutes", [0, 61, "abc"])
def test_ice_session_over_an_hour_or_invalid_is_refused(plan, patient, minutes):
    with pytest.raises(services.CareError) as error:
        services.log_ice(patient, minutes, actor=Actor(patient))
    assert "minutes" in error.value.errors
    assert not IceSession.objects.exists()


def test_ice_is_limited_per_day(plan, patient, settings):
    settings.CARE_ICE_PER_DAY = 2
    services.log_ice(patient, 15, actor=Actor(patient))
    services.log_ice(patient, 15, actor=Actor(patient))
    with pytest.raises(services.CareError, match="2 ice sessions"):
        services.log_ice(patient, 15, actor=Actor(patient))


def test_ice_is_only_offered_in_the_first_days_of_the_plan(patient):
    make_plan(patient, step=1, days_ago=5)
    with pytest.raises(services.CareError, match="first days"):
        services.log_ice(patient, 15, actor=Actor(patient))


def test_ice_without_a_plan_is_refused(patient):
    with pytest.raises(services.CareError):
        services.log_ice(patient, 15, actor=Actor(patient))


def test_ice_days_follow_the_setting_in_the_checklist_and_the_log(patient, settings):
    settings.CARE_ICE_FIRST_DAYS = 2
    plan = make_plan(patient, step=1, days_ago=2)
    assert "ice" not in [r.code for r in services.checklist(plan, [], {}, timezone.localdate())]
    with pytest.raises(services.CareError, match="first days"):
        services.log_ice(patient, 15, actor=Actor(patient))
    settings.CARE_ICE_FIRST_DAYS = 3
    assert "ice" in [r.code for r in services.checklist(plan, [], {}, timezone.localdate())]


def test_todays_tasks_are_the_checklist_with_todays_logs(patient, django_assert_max_num_queries):
    plan = make_plan(patient, step=2)
    services.log_task(patient, plan, timezone.localdate(), "load", "done", actor=Actor(patient))
    with django_assert_max_num_queries(2):  # the program and the day's logs
        tasks = todays_tasks(patient, plan)
    assert tasks.day == timezone.localdate()
    assert tasks.rows == services.checklist(plan, tasks.program, {"load": TaskLog.objects.get()}, tasks.day)
    assert tasks.row("load").log.status == "done"
    assert tasks.row(services.exercise_code(tasks.program[0].exercise.code)).kind == "exercise"
    assert tasks.row("no_such_task") is None
    assert tasks.adherence() == services.adherence(patient, plan, len(tasks.program), tasks.day)


def test_step_1_has_no_exercise_rows(patient):
    tasks = todays_tasks(patient, make_plan(patient, step=1))
    assert tasks.program == [] and not [r for r in tasks.rows if r.kind == "exercise"]
