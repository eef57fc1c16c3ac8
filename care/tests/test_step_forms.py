"""The patient's own step forms offer the steps the ladder lets a patient choose, and no others."""

from __future__ import annotations

from care import ladder
from care.forms import StartPlanForm, StepForm


def test_the_patient_step_choices_are_the_ladders_patient_steps():
    for form in (StartPlanForm(), StepForm()):
        offered = {number for number, _label in form.fields["step"].choices}
        assert offered == set(ladder.PATIENT_STEPS)
    labels = dict(StartPlanForm().fields["step"].choices)
    assert labels[1] == "Step 1: calm it down"


def test_a_clinician_only_step_is_refused_with_the_patients_own_steps_named():
    clinician_only = max(ladder.STEP_NUMBERS)
    assert clinician_only not in ladder.PATIENT_STEPS
    form = StepForm({"step": str(clinician_only), "reason": "Feels worse"})
    assert not form.is_valid()
    assert form.errors["step"] == ["Choose step 1 or step 2."]
