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


def test_step_three_says_the_evidence_does_not_support_corticosteroid_injections():
    clinical = ladder.step(3)
    assert "does not support corticosteroid injections for runner's knee" in str(clinical.summary)
    assert "may still discuss one for another problem" in str(clinical.summary)
    assert any(s.startswith("Heintjes et al. 2004") for s in clinical.sources)


def test_step_four_says_arthroscopy_added_to_exercise_did_no_better_than_exercise_alone():
    surgical = ladder.step(4)
    # The practice's options stay on the ladder; the evidence is said next to them.
    assert "cartilage repair or removal, or realigning the kneecap" in str(surgical.summary)
    assert "arthroscopy added to exercise did no better than exercise alone" in str(surgical.summary)
    assert {"Kettunen et al. 2007, BMC Med 5:38", "Kettunen et al. 2012, Br J Sports Med 46(4)"} <= set(
        surgical.sources
    )


def test_the_new_step_texts_are_marked_for_translation(marked_for_translation):
    opening, closing = marked_for_translation
    for number in (3, 4):
        text = str(ladder.step(number).summary)
        assert text.startswith(opening) and text.endswith(closing)
