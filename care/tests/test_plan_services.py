from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.audit import Actor
from accounts.models import AuditEvent
from care import services
from care.models import CarePlan, PlanStatus, ProgramItem, StepChange
from care.testing import make_plan, self_check


def test_patient_starts_step_one_on_their_own(patient):
    plan = services.start_plan(patient, Actor(patient))
    assert plan.step == 1 and plan.status == PlanStatus.ACTIVE
    assert plan.started_on == timezone.localdate()
    change = StepChange.objects.get(plan=plan)
    assert change.from_step is None and change.to_step == 1 and change.actor == patient
    assert AuditEvent.objects.filter(action="care.plan.started", patient=patient).exists()


def test_patient_starts_from_their_own_self_care_result(patient):
    check = self_check(patient)
    plan = services.start_plan(patient, Actor(patient), self_check_id=check.pk)
    assert plan.self_check_id == check.pk
    assert "self-check" in plan.step_changes.get().reason


def test_someone_elses_self_check_is_refused_and_nothing_stored(patient, other_patient):
    check = self_check(other_patient)
    with pytest.raises(services.CareError) as error:
        services.start_plan(patient, Actor(patient), self_check_id=check.pk)
    assert "self_check" in error.value.errors
    assert not CarePlan.objects.exists()


def test_a_self_check_that_said_see_a_clinician_cannot_start_self_care(patient):
    check = self_check(patient, outcome="see_clinician")
    with pytest.raises(services.CareError, match="see a clinician"):
        services.start_plan(patient, Actor(patient), self_check_id=check.pk)


def test_patient_cannot_start_at_step_three(patient):
    with pytest.raises(services.CareError) as error:
        services.start_plan(patient, Actor(patient), step=3)
    assert "step" in error.value.errors
    assert not CarePlan.objects.exists()


def test_a_second_active_plan_is_refused(patient):
    services.start_plan(patient, Actor(patient))
    with pytest.raises(services.CareError) as error:
        services.start_plan(patient, Actor(patient))
    assert "already" in error.value.errors["plan"]
    assert CarePlan.objects.filter(patient=patient).count() == 1


def test_database_allows_only_one_active_plan_per_patient(patient):
    from django.db import IntegrityError, transaction

    services.start_plan(patient, Actor(patient))
    with pytest.raises(IntegrityError), transaction.atomic():
        CarePlan.objects.create(patient=patient, step=1, started_on="2026-01-01", step_started_on="2026-01-01")


def test_a_closed_plan_does_not_block_a_new_one(patient):
    plan = services.start_plan(patient, Actor(patient))
    CarePlan.objects.filter(pk=plan.pk).update(status=PlanStatus.CLOSED)
    assert services.start_plan(patient, Actor(patient)).pk != plan.pk


def test_clinician_of_the_care_team_starts_step_three(patient, clinician):
    plan = services.start_plan(patient, Actor(clinician), step=3)
    assert plan.step == 3


def test_clinician_outside_the_care_team_cannot_start_a_plan(patient, outside_clinician):
    with pytest.raises(services.CareError, match="care team"):
        services.start_plan(patient, Actor(outside_clinician))


def test_another_patient_cannot_start_a_plan_for_someone(patient, other_patient):
    with pytest.raises(services.CareError):
        services.start_plan(patient, Actor(other_patient))


def test_patient_moves_to_step_two_and_gets_the_default_program(plan, patient):
    services.change_step(plan, 2, Actor(patient), "Knee has settled")
    plan.refresh_from_db()
    assert plan.step == 2
    assert ProgramItem.objects.filter(patient=patient).count() >= 9
    change = plan.step_changes.first()
    assert (change.from_step, change.to_step, change.reason) == (1, 2, "Knee has settled")
    assert AuditEvent.objects.filter(action="care.plan.stepped_up").exists()


def test_patient_cannot_step_up_to_clinical_treatment(plan2, patient):
    with pytest.raises(services.CareError) as error:
        services.change_step(plan2, 3, Actor(patient), "I want an injection")
    assert "clinician" in error.value.errors["step"]
    plan2.refresh_from_db()
    assert plan2.step == 2


def test_clinician_of_the_care_team_steps_up_to_three_and_four(plan2, clinician):
    services.change_step(plan2, 3, Actor(clinician), "No change after 3 weeks of exercise")
    services.change_step(plan2, 4, Actor(clinician), "Injection did not help")
    plan2.refresh_from_db()
    assert plan2.step == 4
    assert [c.to_step for c in plan2.step_changes.all()][:2] == [4, 3]


def test_patient_cannot_step_down_from_a_clinician_step(plan2, clinician, patient):
    services.change_step(plan2, 3, Actor(clinician), "Clinic decision")
    with pytest.raises(services.CareError):
        services.change_step(plan2, 2, Actor(patient), "Feeling better")


def test_clinician_steps_down_and_it_is_audited(plan2, clinician):
    services.change_step(plan2, 3, Actor(clinician), "Clinic decision")
    services.change_step(plan2, 2, Actor(clinician), "Much better")
    assert AuditEvent.objects.filter(action="care.plan.stepped_down", actor=clinician).exists()


def test_step_change_by_someone_outside_the_care_team_is_refused(plan2, outside_clinician, staff):
    for actor in (outside_clinician, staff):
        with pytest.raises(services.CareError, match="care team"):
            services.change_step(plan2, 3, Actor(actor), "Not mine to decide")
    plan2.refresh_from_db()
    assert plan2.step == 2
    assert plan2.step_changes.count() == 1


def test_step_change_needs_a_reason_and_a_real_step(plan, patient):
    with pytest.raises(services.CareError) as error:
        services.change_step(plan, 2, Actor(patient), " ")
    assert "reason" in error.value.errors
    with pytest.raises(services.CareError) as error:
        services.change_step(plan, 1, Actor(patient), "same")
    assert "already" in error.value.errors["step"]


def test_step_change_restarts_the_step_clock(patient, clinician):
    plan = make_plan(patient, step=2, days_ago=30)
    services.change_step(plan, 3, Actor(clinician), "Stalled")
    plan.refresh_from_db()
    assert plan.step_started_on == timezone.localdate()
    assert plan.started_on < plan.step_started_on
