from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from chart import flags
from chart.flags import PatientData

TZ = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 6, 15, 18, 0, tzinfo=UTC)
TODAY = NOW.astimezone(TZ).date()


def codes(data: PatientData, reviewed_at: datetime | None = None) -> list[str]:
    return [f.code for f in flags.evaluate(data, NOW, TZ, reviewed_at)]


def test_no_data_raises_no_flag():
    assert codes(PatientData()) == []


def test_an_urgent_self_check_raises_a_red_flag_that_a_later_review_clears():
    data = PatientData(urgent_checks=[(NOW - timedelta(days=2), "urgent")])
    assert codes(data) == ["red_flag"]
    assert codes(data, reviewed_at=NOW - timedelta(days=1)) == []
    assert codes(data, reviewed_at=NOW - timedelta(days=3)) == ["red_flag"]


def test_pain_two_points_higher_than_the_week_before_is_worsening():
    pain = [(TODAY - timedelta(days=d), 6.0) for d in range(0, 4)] + [
        (TODAY - timedelta(days=d), 3.0) for d in range(8, 12)
    ]
    data = PatientData(pain=pain)
    assert codes(data) == ["worsening"]
    assert codes(data, reviewed_at=NOW) == []


def test_a_small_rise_in_pain_is_not_worsening():
    pain = [(TODAY - timedelta(days=d), 4.0) for d in range(0, 4)] + [
        (TODAY - timedelta(days=d), 3.0) for d in range(8, 12)
    ]
    assert codes(PatientData(pain=pain)) == []


def test_the_rise_that_counts_as_worsening_is_the_care_plans_pain_setting(settings):
    pain = [(TODAY - timedelta(days=d), 6.0) for d in range(0, 4)] + [
        (TODAY - timedelta(days=d), 3.0) for d in range(8, 12)
    ]
    settings.CARE_NRS_MCID = 3.5
    assert codes(PatientData(pain=pain)) == []
    settings.CARE_NRS_MCID = 3.0
    assert codes(PatientData(pain=pain)) == ["worsening"]


def test_a_run_more_than_ten_percent_longer_than_the_longest_of_30_days_is_a_spike():
    runs = [(NOW - timedelta(days=20), 10000.0), (NOW - timedelta(days=10), 8000.0), (NOW - timedelta(days=1), 11500.0)]
    assert "long_run_spike" in codes(PatientData(**flags.summarise_runs(runs, NOW)))
    runs[-1] = (NOW - timedelta(days=1), 10900.0)
    assert "long_run_spike" not in codes(PatientData(**flags.summarise_runs(runs, NOW)))


@pytest.mark.parametrize(("last_run_days_ago", "flagged"), [(35, True), (34, False)])
def test_a_run_after_30_days_without_running_is_back_after_a_break_and_29_is_not(last_run_days_ago, flagged):
    runs = [(NOW - timedelta(days=last_run_days_ago), 8000.0), (NOW - timedelta(days=4), 5000.0)]
    data = PatientData(**flags.summarise_runs(runs, NOW))
    assert ("return_after_break" in codes(data)) is flagged


def test_back_after_a_break_says_how_long_and_a_review_clears_it():
    runs = [(NOW - timedelta(days=50), 8000.0), (NOW - timedelta(days=3), 5000.0)]
    data = PatientData(**flags.summarise_runs(runs, NOW))
    [flag] = flags.evaluate(data, NOW, TZ, None)
    assert flag.label == "Back after a break"
    assert "5.0 km" in flag.reason and "46 days without running" in flag.reason
    assert codes(data, reviewed_at=NOW - timedelta(hours=1)) == []


def test_the_first_run_on_record_is_not_back_after_a_break():
    assert codes(PatientData(**flags.summarise_runs([(NOW - timedelta(days=2), 5000.0)], NOW))) == []


def test_back_after_a_break_ranks_below_the_long_run_spike_and_above_the_ramp():
    assert flags.KINDS["long_run_spike"][1] > flags.KINDS["return_after_break"][1] > flags.KINDS["two_week_ramp"][1]
    runs = [(NOW - timedelta(days=60), 5000.0), (NOW - timedelta(days=6), 5000.0), (NOW - timedelta(days=1), 8000.0)]
    assert codes(PatientData(**flags.summarise_runs(runs, NOW))) == ["long_run_spike", "return_after_break"]


def test_a_week_over_30_percent_above_two_weeks_earlier_is_a_ramp_and_review_clears_it():
    runs = [(NOW - timedelta(days=16), 10000.0), (NOW - timedelta(days=2), 7000.0), (NOW - timedelta(days=1), 7000.0)]
    data = PatientData(**flags.summarise_runs(runs, NOW))
    assert "two_week_ramp" in codes(data)
    assert "two_week_ramp" not in codes(data, reviewed_at=NOW - timedelta(hours=1))


def test_an_open_escalation_means_stalled():
    data = PatientData(open_escalations=[(NOW - timedelta(days=1), "No AKPS change in 3 weeks.")])
    assert codes(data) == ["stalled"]
    assert codes(data, reviewed_at=NOW) == []


def test_exercise_on_fewer_than_half_of_the_last_14_days_is_low_adherence():
    since = TODAY - timedelta(days=30)
    low = PatientData(plan_since=since, done_days={TODAY - timedelta(days=d) for d in range(5)}, last_questionnaire=NOW)
    good = PatientData(
        plan_since=since, done_days={TODAY - timedelta(days=d) for d in range(8)}, last_questionnaire=NOW
    )
    assert codes(low) == ["adherence"]
    assert codes(good) == []
    assert codes(low, reviewed_at=NOW) == []


def test_a_questionnaire_five_weeks_old_is_overdue():
    since = TODAY - timedelta(days=90)
    days = {TODAY - timedelta(days=d) for d in range(14)}
    assert codes(PatientData(plan_since=since, done_days=days, last_questionnaire=NOW - timedelta(days=36))) == [
        "questionnaire"
    ]
    assert codes(PatientData(plan_since=since, done_days=days, last_questionnaire=NOW - timedelta(days=20))) == []


def test_a_shoe_over_its_limit_is_flagged():
    data = PatientData(shoes_over=[(NOW - timedelta(days=1), "Daily trainer", 720000.0, 700000.0)])
    assert codes(data) == ["shoe"]
    assert codes(data, reviewed_at=NOW) == []


def test_flags_sort_by_urgency():
    data = PatientData(
        urgent_checks=[(NOW, "emergency")],
        shoes_over=[(NOW, "Old pair", 800000.0, 700000.0)],
        open_escalations=[(NOW, "Stalled")],
    )
    assert codes(data) == ["red_flag", "stalled", "shoe"]
    assert flags.urgency(flags.evaluate(data, NOW, TZ, None)) == 128


def test_plan_start_date_is_a_date():
    assert isinstance(TODAY, date)


def test_a_red_flag_in_the_diary_is_named_as_such():
    data = PatientData(urgent_checks=[(NOW - timedelta(hours=3), "diary:2026-06-15:urgent:locking")])
    [flag] = flags.evaluate(data, NOW, TZ, None)
    assert flag.code == "red_flag"
    assert flag.reason == "The diary of Jun 15 reports an urgent warning sign: locking."


def test_an_emergency_sign_in_the_diary_is_named_an_emergency():
    data = PatientData(
        urgent_checks=[(NOW - timedelta(hours=3), "diary:2026-06-15:emergency:chest pain or breathless")]
    )
    [flag] = flags.evaluate(data, NOW, TZ, None)
    assert flag.reason == "The diary of Jun 15 reports an emergency warning sign: chest pain or breathless."


def test_a_later_urgent_result_does_not_hide_an_earlier_emergency():
    data = PatientData(
        urgent_checks=[
            (NOW - timedelta(hours=5), "diary:2026-06-15:emergency:chest pain or breathless"),
            (NOW - timedelta(hours=1), "urgent"),
        ]
    )
    [flag] = flags.evaluate(data, NOW, TZ, None)
    assert "emergency warning sign" in flag.reason


def test_a_review_after_the_emergency_leaves_the_later_urgent_result_flagged():
    data = PatientData(
        urgent_checks=[
            (NOW - timedelta(hours=5), "diary:2026-06-15:emergency:chest pain or breathless"),
            (NOW - timedelta(hours=1), "urgent"),
        ]
    )
    [flag] = flags.evaluate(data, NOW, TZ, NOW - timedelta(hours=3))
    assert flag.reason.endswith("gave an urgent result.")
