"""Each roster flag raised from the other parts' real rows, and cleared by marking the patient reviewed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import QuestionnaireResponse
from care import services
from care.models import CarePlan, DiaryEntry, Suggestion, TaskLog
from chart import roster
from chart.models import Review
from training.models import Activity, Shoe

pytestmark = pytest.mark.django_db


def flag_codes(patient, practice):
    return [f.code for f in roster.build([patient], timezone.now(), practice.tz)[0].flags]


def review(patient, clinician):
    Review.objects.create(patient=patient, reviewed_by=clinician, reviewed_at=timezone.now() + timedelta(seconds=1))


def plan_for(patient, days_ago=60):
    started = timezone.localdate() - timedelta(days=days_ago)
    return CarePlan.objects.create(
        patient=patient, step=2, started_on=started, step_started_on=started, ladder_version="test"
    )


def fresh_questionnaire(patient):
    QuestionnaireResponse.objects.create(patient=patient, instrument="akps", version="t", answers={}, score=70)


def exercise_every_day(patient, plan):
    today = timezone.localdate()
    TaskLog.objects.bulk_create(
        TaskLog(patient=patient, plan=plan, date=today - timedelta(days=d), task_code="bridge", status="done")
        for d in range(14)
    )


def test_worsening_pain_in_the_diary(practice, clinician, patient):
    today = timezone.localdate()
    for d in range(4):
        DiaryEntry.objects.create(
            patient=patient, date=today - timedelta(days=d), side="right", pain_now=6, pain_worst=7
        )
        DiaryEntry.objects.create(
            patient=patient, date=today - timedelta(days=8 + d), side="right", pain_now=2, pain_worst=3
        )
    assert "worsening" in flag_codes(patient, practice)
    review(patient, clinician)
    assert "worsening" not in flag_codes(patient, practice)


def test_a_red_flag_in_the_diary(practice, clinician, patient):
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="left", pain_now=5, locking=True)
    assert flag_codes(patient, practice) == ["red_flag"]
    review(patient, clinician)
    assert flag_codes(patient, practice) == []


def test_long_run_spike_ramp_and_shoe_over_its_limit(practice, clinician, patient):
    now = timezone.now()
    shoe = Shoe.objects.create(patient=patient, name="Old trainers", start_distance_m=690000, alert_distance_m=700000)
    for days, metres in ((25, 8000), (16, 8000), (1, 12000)):
        Activity.objects.create(
            patient=patient, start=now - timedelta(days=days), elapsed_s=3600, distance_m=metres, shoe=shoe
        )
    codes = flag_codes(patient, practice)
    assert {"long_run_spike", "two_week_ramp", "shoe"} <= set(codes)
    review(patient, clinician)
    assert flag_codes(patient, practice) == []


def test_back_after_a_break_counts_runs_only_and_a_review_clears_it(practice, clinician, patient):
    now = timezone.now()
    for days, sport in ((50, "run"), (20, "walk"), (2, "walk")):
        Activity.objects.create(
            patient=patient, sport=sport, start=now - timedelta(days=days), elapsed_s=3600, distance_m=5000
        )
    assert "return_after_break" not in flag_codes(patient, practice)
    Activity.objects.create(patient=patient, start=now - timedelta(days=1), elapsed_s=1800, distance_m=4000)
    assert flag_codes(patient, practice) == ["return_after_break"]
    review(patient, clinician)
    assert flag_codes(patient, practice) == []


def test_stalled_low_adherence_and_overdue_questionnaire(practice, clinician, patient):
    plan = plan_for(patient)
    Suggestion.objects.create(plan=plan, kind="next_step", target_step=3, audience="clinician", reason="No change")
    codes = flag_codes(patient, practice)
    assert {"stalled", "adherence", "questionnaire"} <= set(codes)
    review(patient, clinician)
    assert flag_codes(patient, practice) == []


def test_a_patient_doing_well_has_no_flags(practice, patient):
    plan = plan_for(patient)
    exercise_every_day(patient, plan)
    fresh_questionnaire(patient)
    assert flag_codes(patient, practice) == []


def test_the_chart_shows_the_timeline_and_charts_from_the_other_parts(client, practice, clinician, patient):
    for days, score in ((40, 55), (10, 72)):
        QuestionnaireResponse.objects.create(
            patient=patient, instrument="akps", version="t", answers={}, score=score,
            submitted_at=timezone.now() - timedelta(days=days),
        )  # fmt: skip
    client.force_login(clinician)
    response = client.get(f"/clinic/patients/{patient.pk}/")
    body = response.content.decode()
    assert "AKPS (Kujala)" in body
    assert "chart-akps" in body


@pytest.mark.parametrize(
    ("sign", "words"),
    [
        ("calf_swelling_or_pain", "an urgent warning sign: calf swelling or pain"),
        ("hot_swollen_no_fever", "an urgent warning sign: hot swollen no fever"),
        ("cannot_bear_weight", "an urgent warning sign: cannot bear weight"),
        ("chest_pain_or_breathless", "an emergency warning sign: chest pain or breathless"),
        ("hot_red_swollen_fever", "an emergency warning sign: hot red swollen fever"),
        ("cannot_straighten_or_lift_leg", "an emergency warning sign: cannot straighten or lift leg"),
    ],
)
def test_each_new_warning_sign_in_the_diary_is_a_red_flag_at_its_level(practice, clinician, patient, sign, words):
    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="right", pain_now=0, **{sign: True})
    [flag] = roster.build([patient], timezone.now(), practice.tz)[0].flags
    assert flag.code == "red_flag" and words in flag.reason


def test_the_most_serious_sign_of_an_entry_names_its_level(practice, patient):
    DiaryEntry.objects.create(
        patient=patient, date=timezone.localdate(), side="left", pain_now=0, locking=True, chest_pain_or_breathless=True
    )
    [flag] = roster.build([patient], timezone.now(), practice.tz)[0].flags
    assert "an emergency warning sign: locking, chest pain or breathless" in flag.reason


def test_the_roster_row_carries_the_patients_own_light(practice, patient):
    today = timezone.localdate()
    DiaryEntry.objects.create(patient=patient, date=today - timedelta(days=2), side="left", pain_now=0, morning_pain=1)
    DiaryEntry.objects.create(patient=patient, date=today, side="left", pain_now=0, morning_pain=3)
    DiaryEntry.objects.create(patient=patient, date=today, side="right", pain_now=1)
    light = roster.build([patient], timezone.now(), practice.tz)[0].light
    assert light == services.traffic_light(patient, today)
    assert light.colour == "red" and light.knee == "left"
