"""The load report service: the contract's shape, warnings from runs and shoes, and the diary overlay."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from training.services import build_report, diary_pain_by_week, load_report, shoes_with_stats
from training.tests.conftest import make_run


def test_load_report_has_the_contract_shape(patient, runs):
    report = load_report(patient, timezone.localdate())
    assert set(report) == {"date", "weekly", "warnings", "acwr", "cadence"}
    assert report["date"] == timezone.localdate().isoformat()
    assert {"start", "distance_m", "duration_s", "change_pct"} <= set(report["weekly"][-1])
    assert {"coupled", "uncoupled", "ewma_ratio", "formula", "note"} <= set(report["acwr"])
    assert report["cadence"]["preferred_spm"] == 164


def test_the_long_run_spike_is_the_first_warning(patient, runs):
    warnings = load_report(patient, timezone.localdate())["warnings"]
    assert warnings[0]["code"] == "long_run_spike"
    assert warnings[0]["increase_pct"] == 75.0
    assert warnings[0]["band"] == "30-100%"
    assert {"code", "date", "message", "source"} <= set(warnings[0])


def test_a_shoe_past_its_reminder_distance_warns_without_claiming_injury_evidence(patient, shoe):
    make_run(patient, days_ago=3, km=12, shoe=shoe)
    warnings = load_report(patient, timezone.localdate())["warnings"]
    [w] = [w for w in warnings if w["code"] == "shoe_over_limit"]
    assert w["total_distance_m"] == 702_000
    assert "not injury evidence" in w["message"]


def test_retired_shoes_do_not_warn(patient, shoe):
    shoe.retired = True
    shoe.save()
    make_run(patient, days_ago=3, km=12, shoe=shoe)
    assert all(w["code"] != "shoe_over_limit" for w in load_report(patient, timezone.localdate())["warnings"])


def test_shoe_stats_give_rotation_share_and_average_pain(patient, shoe, other_patient):
    make_run(patient, days_ago=3, km=5, shoe=shoe, pain_after=4)
    make_run(patient, days_ago=5, km=5, shoe=shoe, pain_after=2)
    make_run(patient, days_ago=7, km=5)
    make_run(other_patient, days_ago=3, km=5)
    [stats] = shoes_with_stats(patient)
    assert stats.run_count == 2
    assert stats.pain_after_avg == 3
    assert abs(stats.rotation_share - 2 / 3) < 1e-9
    assert stats.total_m == 700_000


def test_another_patients_runs_never_count(patient, other_patient, runs):
    assert load_report(other_patient, timezone.localdate())["warnings"] == []
    assert build_report(other_patient, timezone.localdate()).rows == []


def test_diary_pain_is_empty_or_weekly_means(patient):
    today = timezone.localdate()
    assert isinstance(diary_pain_by_week(patient, today, today), dict)


def test_load_report_is_a_bounded_number_of_queries(patient, runs, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        load_report(patient, timezone.localdate())


def test_diary_pain_is_averaged_per_week_when_the_care_diary_exists(patient):
    from django.apps import apps

    if not apps.is_installed("care"):
        return
    try:
        diary = apps.get_model("care", "DiaryEntry")
    except LookupError:
        return
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    diary.objects.create(patient=patient, date=monday, side="left", pain_now=2, pain_worst=6)
    diary.objects.create(patient=patient, date=monday, side="right", pain_now=4)
    assert diary_pain_by_week(patient, monday - timedelta(weeks=2), today) == {monday: 5.0}
