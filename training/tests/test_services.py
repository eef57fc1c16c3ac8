"""The load report service: the contract's shape, warnings from runs and shoes, and the diary overlay."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from care.models import DiaryEntry
from training.diary_pain import diary_pain_by_week
from training.models import Sport
from training.services.report import HISTORY_DAYS, build_report, load_report
from training.services.shoes import shoes_with_stats
from training.testing import make_run


def returns(patient) -> list[dict]:
    return [w for w in load_report(patient, timezone.localdate())["warnings"] if w["code"] == "return_after_break"]


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


def test_diary_pain_is_averaged_per_week(patient):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    DiaryEntry.objects.create(patient=patient, date=monday, side="left", pain_now=2, pain_worst=6)
    DiaryEntry.objects.create(patient=patient, date=monday, side="right", pain_now=4)
    assert diary_pain_by_week(patient, monday - timedelta(weeks=2), today) == {monday: 5.0}


def test_the_run_back_after_39_days_off_warns_with_its_days_off_and_distance(patient, comeback):
    [warning] = returns(patient)
    assert warning["date"] == comeback.local_date.isoformat()
    assert warning["days_off"] == 39
    assert warning["distance_m"] == 5000


@pytest.mark.parametrize(("last_run_days_ago", "warns"), [(34, True), (33, False)])
def test_30_days_off_between_local_days_warns_and_29_does_not(patient, last_run_days_ago, warns):
    make_run(patient, days_ago=last_run_days_ago)
    make_run(patient, days_ago=3, km=5)
    assert [w["days_off"] for w in returns(patient)] == ([30] if warns else [])


def test_the_first_run_ever_does_not_warn_even_after_walks(patient):
    make_run(patient, days_ago=60, km=3, sport=Sport.WALK)
    make_run(patient, days_ago=3, km=5)
    assert returns(patient) == []


def test_walks_during_the_break_do_not_count_as_running(patient):
    make_run(patient, days_ago=45)
    for d in (35, 25, 15):
        make_run(patient, days_ago=d, km=4, sport=Sport.WALK)
    make_run(patient, days_ago=5, km=5)
    assert [w["days_off"] for w in returns(patient)] == [39]


def test_a_walk_after_the_break_is_not_a_return(patient):
    make_run(patient, days_ago=45)
    make_run(patient, days_ago=5, km=4, sport=Sport.WALK)
    assert returns(patient) == []


def test_a_run_older_than_the_reports_history_still_makes_the_next_one_a_return(patient, django_assert_max_num_queries):
    make_run(patient, days_ago=HISTORY_DAYS + 60)
    make_run(patient, days_ago=3, km=5)
    with django_assert_max_num_queries(5):
        [warning] = returns(patient)
    assert warning["days_off"] == HISTORY_DAYS + 56
