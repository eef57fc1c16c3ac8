from __future__ import annotations

import pytest

from accounts.audit import Actor
from accounts.models import AuditEvent
from care import services
from care.models import ProgramItem


def codes(patient):
    return list(ProgramItem.objects.filter(patient=patient).values_list("exercise_code", flat=True))


def test_clinician_adds_removes_and_redoses_exercises(plan2, patient, clinician):
    rows = services.tailor_program(
        patient,
        Actor(clinician),
        [
            {"action": "add", "exercise": "step_down", "sets": 2, "reps": 8},
            {"action": "remove", "exercise": "wall_sit"},
            {"action": "update", "exercise": "bridge", "sets": 4, "reps": 15, "hold_s": 5, "notes": "single leg"},
        ],
    )
    assert "step_down" in codes(patient) and "wall_sit" not in codes(patient)
    bridge = ProgramItem.objects.get(patient=patient, exercise_code="bridge")
    assert (bridge.sets, bridge.reps, bridge.hold_s, bridge.notes) == (4, 15, 5, "single leg")
    assert any(r.exercise.code == "step_down" and r.dosage == "2 sets of 8" for r in rows)
    assert AuditEvent.objects.filter(action="care.program.tailored", actor=clinician).exists()


def test_added_exercise_takes_the_library_dosage_by_default(plan2, patient, clinician):
    services.tailor_program(patient, Actor(clinician), [{"action": "add", "exercise": "side_plank"}])
    item = ProgramItem.objects.get(patient=patient, exercise_code="side_plank")
    assert (item.sets, item.reps, item.hold_s) == (3, 3, 20)


def test_bad_dosage_changes_nothing(plan2, patient, clinician):
    before = codes(patient)
    with pytest.raises(services.CareError) as error:
        services.tailor_program(
            patient,
            Actor(clinician),
            [{"action": "add", "exercise": "step_down"}, {"action": "update", "exercise": "bridge", "sets": 0}],
        )
    assert "sets" in error.value.errors
    assert codes(patient) == before


def test_unknown_exercise_and_duplicates_are_refused(plan2, patient, clinician):
    with pytest.raises(services.CareError, match="no exercise"):
        services.tailor_program(patient, Actor(clinician), [{"action": "add", "exercise": "lunge"}])
    with pytest.raises(services.CareError, match="already"):
        services.tailor_program(patient, Actor(clinician), [{"action": "add", "exercise": "bridge"}])


def test_only_the_care_team_clinician_can_tailor(plan2, patient, outside_clinician, staff):
    for actor in (patient, outside_clinician, staff):
        with pytest.raises(services.CareError, match="care team"):
            services.tailor_program(patient, Actor(actor), [{"action": "remove", "exercise": "bridge"}])
    assert "bridge" in codes(patient)
