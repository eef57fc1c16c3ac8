from __future__ import annotations

import pytest

from care import exercises


def test_library_has_at_least_fourteen_exercises_with_unique_codes():
    assert len(exercises.EXERCISES) >= 14
    assert len({e.code for e in exercises.EXERCISES}) == len(exercises.EXERCISES)


def test_every_exercise_is_complete():
    for e in exercises.EXERCISES:
        assert e.purpose and e.how and e.feel and e.stop_if and e.sources
        assert e.sets >= 1 and e.reps >= 1 and e.hold_s >= 0


def test_library_covers_the_stretches_and_strength_groups_the_practice_names():
    codes = set(exercises.BY_CODE)
    for needed in (
        "quad_stretch",
        "hamstring_stretch",
        "calf_stretch",
        "wall_sit",
        "step_down",
        "straight_leg_raise",
        "clamshell",
        "side_lying_leg_raise",
        "bridge",
        "calf_raise",
        "side_plank",
        "hip_external_rotation",
    ):
        assert needed in codes


def test_default_program_only_uses_library_exercises():
    assert set(exercises.DEFAULT_PROGRAM) <= set(exercises.BY_CODE)


def test_dosage_reads_in_plain_words():
    assert exercises.dosage_text(3, 10, 5) == "3 sets of 10, hold 5 seconds"
    assert exercises.dosage_text(1, 12, 0) == "1 set of 12"


def test_unknown_exercise_names_itself():
    with pytest.raises(KeyError, match="lunge"):
        exercises.exercise("lunge")


def test_no_exercise_text_proposes_a_medicine_dose():
    for e in exercises.EXERCISES:
        text = " ".join([e.purpose, *e.how, e.feel, e.stop_if]).lower()
        assert "mg" not in text.split()
        assert "ibuprofen" not in text
