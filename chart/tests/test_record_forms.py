from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from chart.models import Diagnosis, Imaging, Medication, Procedure, Visit

pytestmark = pytest.mark.django_db

CAUTION_KEYS = (
    "nsaid_reaction", "asthma", "stomach", "ibd", "kidney_liver", "heart_bp", "stroke", "blood_thinners",
    "interacting", "pregnancy", "breastfeeding_conceiving", "over_65", "under_18", "long_runs",
)  # fmt: skip
CAUTIONS = {f"caution_{k}": "no" for k in CAUTION_KEYS}
# What a statement recorded on the eight-item checklist holds after chart 0002: the new items not asked.
BEFORE_THE_CHECKLIST_GREW = {
    "stomach": False, "kidney_liver": False, "heart_bp": True, "blood_thinners": False, "aspirin_asthma": True,
    "pregnancy": False, "over_65": False, "under_18": False, "nsaid_reaction": None, "asthma": None, "ibd": None,
    "stroke": None, "interacting": None, "breastfeeding_conceiving": None, "long_runs": None,
}  # fmt: skip


def new(patient, kind):
    return f"/clinic/patients/{patient.pk}/{kind}/new/"


def test_a_visit_with_exam_findings_and_both_knees_diagnosed_is_stored_and_audited(
    client, practice, clinician, patient
):
    client.force_login(clinician)
    response = client.post(
        new(patient, "visits"),
        {
            "date": timezone.localdate().isoformat(),
            "side": "right",
            "squat_pain": "positive",
            "step_down_pain": "positive",
            "sitting_pain": "negative",
            "patellar_grind": "positive",
            "effusion": "none",
            "flexion_deg": "135",
            "hip_abductor_strength": "4",
            "foot_posture": "over_pronation",
            "hamstring_tightness": "positive",
            "alignment": "valgus",
            "note": "Anterior knee pain on stairs.",
            "runners_knee": ["right", "left"],
        },
    )
    assert response.status_code == 302
    visit = Visit.objects.get(patient=patient)
    assert visit.foot_posture == "over_pronation"
    assert sorted(Diagnosis.objects.filter(patient=patient).values_list("icd10_code", flat=True)) == [
        "M22.2X1",
        "M22.2X2",
    ]
    assert AuditEvent.objects.filter(action="chart.visit.created", actor=clinician, patient=patient).exists()
    assert AuditEvent.objects.filter(action="chart.diagnosis.created").count() == 2


def test_a_visit_in_the_future_is_refused(client, practice, clinician, patient):
    client.force_login(clinician)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(new(patient, "visits"), {"date": tomorrow, "side": "right"})
    assert response.status_code == 400
    assert "cannot be dated in the future" in response.content.decode()
    assert not Visit.objects.exists()


def test_another_diagnosis_needs_an_icd10_cm_shaped_code(client, practice, clinician, patient):
    client.force_login(clinician)
    data = {"kind": "other", "side": "left", "icd10_code": "knee1", "text": "Plica", "status": "active"}
    response = client.post(new(patient, "diagnoses"), data)
    assert response.status_code == 400
    assert "is not an ICD-10-CM code" in response.content.decode()
    assert not Diagnosis.objects.exists()
    response = client.post(new(patient, "diagnoses"), {**data, "icd10_code": "m67.51"})
    assert response.status_code == 302
    assert Diagnosis.objects.get().icd10_code == "M67.51"


def test_runners_knee_is_coded_from_the_knee_and_not_twice(client, practice, clinician, patient):
    client.force_login(clinician)
    data = {"kind": "runners_knee", "side": "unspecified", "status": "active"}
    assert client.post(new(patient, "diagnoses"), data).status_code == 302
    diagnosis = Diagnosis.objects.get()
    assert (diagnosis.icd10_code, diagnosis.snomed_code) == ("M22.2X9", "430725003")
    response = client.post(new(patient, "diagnoses"), data)
    assert "already has an active" in response.content.decode()
    assert Diagnosis.objects.count() == 1


def test_resolving_a_diagnosis_is_audited_with_the_change(client, practice, clinician, patient):
    diagnosis = Diagnosis.objects.create(patient=patient, side="right", recorded_by=clinician)
    client.force_login(clinician)
    url = f"/clinic/patients/{patient.pk}/diagnoses/{diagnosis.pk}/"
    response = client.post(url, {"kind": "runners_knee", "side": "right", "status": "resolved"})
    assert response.status_code == 302
    diagnosis.refresh_from_db()
    assert diagnosis.status == "resolved"
    event = AuditEvent.objects.get(action="chart.diagnosis.updated")
    assert event.changes["status"] == ["active", "resolved"]


def test_a_procedure_on_a_knee_without_a_diagnosis_is_refused(client, practice, clinician, patient):
    Diagnosis.objects.create(patient=patient, side="right", recorded_by=clinician)
    client.force_login(clinician)
    data = {
        "kind": "injection", "side": "left", "status": "completed", "date": timezone.localdate().isoformat(),
        "site": "Lateral parapatellar", "product": "Triamcinolone 40 mg/mL",
    }  # fmt: skip
    response = client.post(new(patient, "procedures"), data)
    assert response.status_code == 400
    assert "The left knee has no diagnosis" in response.content.decode()
    assert client.post(new(patient, "procedures"), {**data, "side": "right"}).status_code == 302
    assert Procedure.objects.get().clinician == clinician


def test_a_completed_procedure_cannot_be_in_the_future_and_an_injection_needs_site_and_product(
    client, practice, clinician, patient
):
    Diagnosis.objects.create(patient=patient, side="right", recorded_by=clinician)
    client.force_login(clinician)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = {"kind": "injection", "side": "right", "status": "completed", "date": tomorrow}
    body = client.post(new(patient, "procedures"), data).content.decode()
    assert "cannot be dated in the future" in body
    assert "Give the injection site" in body
    assert not Procedure.objects.exists()
    planned = {"kind": "referral", "side": "right", "status": "planned", "date": tomorrow}
    assert client.post(new(patient, "procedures"), planned).status_code == 302


def test_completed_imaging_needs_findings_and_a_past_date(client, practice, clinician, patient):
    client.force_login(clinician)
    today = timezone.localdate().isoformat()
    data = {"modality": "mri", "side": "right", "status": "completed", "ordered_on": today, "completed_on": today}
    assert "Write the findings" in client.post(new(patient, "imaging"), data).content.decode()
    response = client.post(new(patient, "imaging"), {**data, "findings": "Lateral patellar tilt, cartilage intact."})
    assert response.status_code == 302
    assert Imaging.objects.get().status == "completed"


def test_an_nsaid_statement_needs_every_caution_answered(client, practice, clinician, patient):
    client.force_login(clinician)
    data = {"drug": "naproxen", "started_on": timezone.localdate().isoformat()}
    response = client.post(new(patient, "medications"), data)
    assert response.status_code == 400
    assert not Medication.objects.exists()
    answered_but_one = {name: value for name, value in CAUTIONS.items() if name != "caution_long_runs"}
    response = client.post(new(patient, "medications"), {**data, **answered_but_one})
    assert response.status_code == 400
    assert "Answer yes or no." in response.content.decode()
    assert not Medication.objects.exists()
    response = client.post(
        new(patient, "medications"), {**data, **CAUTIONS, "caution_over_65": "yes", "caution_long_runs": "yes"}
    )
    assert response.status_code == 302
    medication = Medication.objects.get()
    assert set(medication.cautions) == set(CAUTION_KEYS)
    assert medication.cautions["over_65"] is True and medication.cautions["stomach"] is False
    assert [str(label) for label in medication.cautions_present] == [
        "Aged over 65",
        "Runs long distances or races: advised no NSAID before or during (acute kidney injury)",
    ]
    assert medication.cautions_not_asked == []


def test_a_new_statement_offers_every_caution_with_no_answer_chosen(client, practice, clinician, patient):
    client.force_login(clinician)
    body = client.get(new(patient, "medications")).content.decode()
    for key in CAUTION_KEYS:
        assert f'name="caution_{key}"' in body
    assert "checked" not in body and "Answered on an earlier checklist" not in body
    assert "Previous hypersensitivity to aspirin or another NSAID" in body
    assert "Other interacting medicines: SSRI, ACE inhibitor or diuretic" in body
    assert "No dose is recorded here" in body and "mg" not in body.split()


def test_editing_a_statement_recorded_before_the_checklist_grew_asks_the_new_items(
    client, practice, clinician, patient
):
    medication = Medication.objects.create(
        patient=patient, recorded_by=clinician, drug="naproxen", started_on=timezone.localdate(),
        cautions=dict(BEFORE_THE_CHECKLIST_GREW),
    )  # fmt: skip
    url = f"/clinic/patients/{patient.pk}/medications/{medication.pk}/"
    client.force_login(clinician)
    form = client.get(url).context["form"]
    # Earlier answers are kept; items not asked then start empty, with a note, so they cannot pass as "no".
    assert form["caution_heart_bp"].initial == "yes" and form["caution_stomach"].initial == "no"
    for key in ("nsaid_reaction", "asthma", "ibd", "stroke", "interacting", "breastfeeding_conceiving", "long_runs"):
        assert form[f"caution_{key}"].initial is None
        assert "Not asked when this statement was recorded" in str(form.fields[f"caution_{key}"].help_text)
    assert form["caution_over_65"].help_text == ""
    page = client.get(url).content.decode()
    assert "Answered on an earlier checklist: Asthma made worse by aspirin (earlier checklist): yes" in page

    earlier_answers = {
        f"caution_{key}": "yes" if value else "no"
        for key, value in BEFORE_THE_CHECKLIST_GREW.items()
        if isinstance(value, bool) and key != "aspirin_asthma"
    }
    data = {"drug": "naproxen", "started_on": timezone.localdate().isoformat(), **earlier_answers}
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.content.decode().count("Answer yes or no.") == 7
    medication.refresh_from_db()
    assert medication.cautions == BEFORE_THE_CHECKLIST_GREW

    response = client.post(url, {**data, **{f"caution_{k}": "no" for k in ("nsaid_reaction", "ibd", "stroke",
                                                                              "interacting", "long_runs")},
                                 "caution_asthma": "yes", "caution_breastfeeding_conceiving": "no"})  # fmt: skip
    assert response.status_code == 302
    medication.refresh_from_db()
    assert None not in medication.cautions.values()
    assert medication.cautions["asthma"] is True and medication.cautions["heart_bp"] is True
    # The retired item's answer stays on the statement it was given for, and still shows.
    assert medication.cautions["aspirin_asthma"] is True
    assert [str(label) for label in medication.cautions_present] == [
        "Asthma",
        "Heart disease or hypertension",
        "Asthma made worse by aspirin (earlier checklist)",
    ]


def test_aspirin_is_refused_for_a_teenager(client, practice, clinician, patient):
    client.force_login(clinician)
    data = {"drug": "aspirin", "started_on": timezone.localdate().isoformat(), **CAUTIONS, "caution_under_18": "yes"}
    body = client.post(new(patient, "medications"), data).content.decode()
    assert "not for children and teenagers under 18 (Reye&#x27;s syndrome)" in body
    assert not Medication.objects.exists()


@pytest.mark.parametrize("who", ["outside_clinician", "staff", "patient", "other_patient"])
def test_only_the_care_team_clinician_writes(client, request, practice, patient, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(new(patient, "diagnoses"), {"kind": "runners_knee", "side": "left", "status": "active"})
    assert response.status_code == 404
    assert not Diagnosis.objects.exists()


def test_anonymous_cannot_write(client, practice, patient):
    response = client.post(new(patient, "diagnoses"), {"kind": "runners_knee", "side": "left", "status": "active"})
    assert response.status_code == 302
    assert not Diagnosis.objects.exists()


def test_an_unknown_record_kind_is_404(client, practice, clinician, patient):
    client.force_login(clinician)
    assert client.get(new(patient, "letters")).status_code == 404


def test_a_runners_knee_code_entered_as_another_diagnosis_is_refused_so_code_and_knee_agree(
    client, practice, clinician, patient
):
    client.force_login(clinician)
    data = {"kind": "other", "side": "left", "icd10_code": "M22.2X1", "text": "Runner's knee", "status": "active"}
    response = client.post(new(patient, "diagnoses"), data)
    assert response.status_code == 400
    assert "choose &quot;Runner&#x27;s knee&quot; as the kind" in response.content.decode()
    assert not Diagnosis.objects.exists()


def test_imaging_cannot_be_done_or_scheduled_before_it_was_ordered(client, practice, clinician, patient):
    client.force_login(clinician)
    today = timezone.localdate()
    earlier = (today - timedelta(days=3)).isoformat()
    data = {
        "modality": "mri", "side": "right", "status": "completed", "ordered_on": today.isoformat(),
        "completed_on": earlier, "findings": "Cartilage intact.",
    }  # fmt: skip
    body = client.post(new(patient, "imaging"), data).content.decode()
    assert "cannot be done before it was ordered" in body
    scheduled = {**data, "status": "scheduled", "completed_on": "", "scheduled_for": earlier}
    body = client.post(new(patient, "imaging"), scheduled).content.decode()
    assert "cannot be scheduled before it was ordered" in body
    assert not Imaging.objects.exists()


def test_a_visit_cannot_code_a_named_knee_and_an_unspecified_knee_together(client, practice, clinician, patient):
    client.force_login(clinician)
    data = {"date": timezone.localdate().isoformat(), "side": "right", "runners_knee": ["right", "unspecified"]}
    response = client.post(new(patient, "visits"), data)
    assert response.status_code == 400
    assert "on its own" in response.content.decode()
    assert not Visit.objects.exists() and not Diagnosis.objects.exists()


def test_negative_exam_measurements_get_the_same_plain_range_message(client, practice, clinician, patient):
    client.force_login(clinician)
    data = {"date": timezone.localdate().isoformat(), "side": "right", "flexion_deg": "-5"}
    data["extension_deficit_deg"] = "-3"
    body = client.post(new(patient, "visits"), data).content.decode()
    assert "Knee flexion is measured in degrees from 0 to 170." in body
    assert "An extension deficit is between 0 and 90 degrees." in body
    assert "Ensure this value" not in body
