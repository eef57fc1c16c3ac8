from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from chart import timeline
from chart.models import Diagnosis, Procedure

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("America/Los_Angeles")


def titles(patient):
    return {(i.title, i.detail) for i in timeline.build(patient, TZ, timezone.now())}


def test_a_procedure_reads_as_words_without_an_iso_date(practice, clinician, patient):
    Diagnosis.objects.create(patient=patient, side="left", recorded_by=clinician)
    Procedure.objects.create(
        patient=patient, clinician=clinician, kind="injection", side="left", status="completed",
        date=date(2026, 11, 2), site="lateral", product="Triamcinolone", outcome_note="Tolerated well",
    )  # fmt: skip
    assert ("Corticosteroid injection, left knee (completed)", "Tolerated well") in titles(patient)


def test_an_urgent_self_check_shows_what_made_it_urgent(practice, patient):
    from assessments.models import SelfCheck

    SelfCheck.objects.create(
        patient=patient, answers={}, outcome="urgent", reasons=["The knee locks and will not straighten."]
    )
    assert ("Self-check", "urgent: The knee locks and will not straighten.") in titles(patient)


def test_a_week_with_one_run_says_one_run_and_the_day_has_no_leading_zero(monkeypatch, practice, patient):
    monkeypatch.setattr(timeline, "weekly_runs", lambda *_: {date(2026, 11, 2): (8400.0, 1)})
    assert ("Week of Nov 2: 1 run", "8.4 km") in titles(patient)


def test_a_diary_entry_with_warning_signs_names_them_at_their_level(practice, patient):
    from care.models import DiaryEntry

    DiaryEntry.objects.create(
        patient=patient, date=timezone.localdate(), side="left", pain_now=2, pain_worst=4, locking=True,
        hot_red_swollen_fever=True,
    )  # fmt: skip
    detail = "Pain now 2/10, worst 4/10; emergency warning sign: locking, hot red swollen fever"
    assert ("Diary (left)", detail) in titles(patient)


def test_a_diary_entry_without_warning_signs_shows_only_the_pain(practice, patient):
    from care.models import DiaryEntry

    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="right", pain_now=3)
    assert ("Diary (right)", "Pain now 3/10") in titles(patient)
