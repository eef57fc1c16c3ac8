from __future__ import annotations

import pytest

from care import ladder
from care.ladder import Starter, may_change


def test_the_ladder_has_four_steps_in_order():
    assert [s.number for s in ladder.STEPS] == [1, 2, 3, 4]
    assert ladder.LADDER_VERSION


def test_every_step_lists_tasks_starters_next_and_sources():
    for step in ladder.STEPS:
        assert step.tasks
        assert step.who_can_start
        assert step.think_of_next
        assert step.sources


def test_only_clinicians_can_start_steps_three_and_four():
    assert ladder.step(3).who_can_start == {Starter.CLINICIAN}
    assert ladder.step(4).who_can_start == {Starter.CLINICIAN}
    assert Starter.PATIENT in ladder.step(1).who_can_start


def test_patient_may_start_step_one_or_two_without_a_plan():
    assert may_change(Starter.PATIENT, None, 1)
    assert may_change(Starter.PATIENT, None, 2)
    assert not may_change(Starter.PATIENT, None, 3)


def test_patient_may_move_between_steps_one_and_two():
    assert may_change(Starter.PATIENT, 1, 2)
    assert may_change(Starter.PATIENT, 2, 1)


def test_patient_may_not_step_up_to_clinical_treatment_or_surgery():
    assert not may_change(Starter.PATIENT, 2, 3)
    assert not may_change(Starter.PATIENT, 2, 4)


def test_patient_may_not_leave_a_step_a_clinician_started():
    assert not may_change(Starter.PATIENT, 3, 2)
    assert not may_change(Starter.PATIENT, 4, 1)


def test_clinician_may_set_any_step_but_not_outside_the_ladder():
    assert all(may_change(Starter.CLINICIAN, 1, n) for n in (1, 2, 3, 4))
    assert not may_change(Starter.CLINICIAN, 1, 5)
    assert not may_change(Starter.CLINICIAN, 1, 0)


def test_ice_is_only_offered_in_the_first_four_days_of_step_one():
    codes = [t.code for t in ladder.tasks_for(1, 3)]
    assert "ice" in codes
    assert "ice" not in [t.code for t in ladder.tasks_for(1, 4)]


def test_step_two_brings_the_exercise_program():
    assert any(t.kind is ladder.TaskKind.EXERCISES for t in ladder.step(2).tasks)


def test_unknown_step_is_refused():
    with pytest.raises(ValueError, match="step 7"):
        ladder.step(7)
