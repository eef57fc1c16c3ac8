"""The pure load module: weekly totals, long-run spikes, the two-week ramp, downhill, ACWR and cadence."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from training import cadence, load, load_warnings
from training.load import RunDay

MONDAY = date(2025, 3, 3)


def runs_every_other_day(days: int, km: float = 8.0, start: date = MONDAY) -> list[RunDay]:
    return [RunDay(start + timedelta(days=i), km * 1000, km * 360) for i in range(0, days, 2)]


def test_daily_series_starts_on_a_monday_and_covers_whole_weeks():
    series = load.build_daily([RunDay(date(2025, 3, 5), 5000, 1800)], date(2025, 3, 5), date(2025, 3, 12))
    assert series.first_day == MONDAY
    assert len(series) % 7 == 0
    assert series.distance_m[2] == 5000


def test_weekly_totals_and_week_over_week_change():
    runs = [RunDay(MONDAY, 10000, 3600), RunDay(MONDAY + timedelta(days=7), 15000, 5400)]
    weeks = load.weekly(load.build_daily(runs, MONDAY, MONDAY + timedelta(days=13)))
    assert [w.distance_m for w in weeks] == [10000, 15000]
    assert weeks[0].change_pct is None
    assert weeks[1].change_pct == 50.0
    assert weeks[1].duration_s == 5400


def test_a_run_more_than_10_percent_longer_than_the_longest_of_30_days_is_a_spike():
    runs = [*runs_every_other_day(28, km=10), RunDay(MONDAY + timedelta(days=29), 12000, 4000)]
    spikes = load.long_run_spikes(load.build_daily(runs, MONDAY, MONDAY + timedelta(days=30)))
    assert len(spikes) == 1
    assert spikes[0].day == MONDAY + timedelta(days=29)
    assert spikes[0].increase_pct == 20.0
    assert spikes[0].band == "10-30%"
    assert spikes[0].hazard_ratio == 1.64


def test_spike_bands_follow_frandsen():
    for km, band in [(14, "30-100%"), (25, "over 100%"), (11.5, "10-30%")]:
        runs = [RunDay(MONDAY, 10000, 3600), RunDay(MONDAY + timedelta(days=10), km * 1000, 3600)]
        spikes = load.long_run_spikes(load.build_daily(runs, MONDAY, MONDAY + timedelta(days=10)))
        assert [s.band for s in spikes] == [band]


def test_exactly_10_percent_longer_is_not_a_spike():
    runs = [RunDay(MONDAY, 10000, 3600), RunDay(MONDAY + timedelta(days=3), 11000, 3900)]
    assert load.long_run_spikes(load.build_daily(runs, MONDAY, MONDAY + timedelta(days=3))) == []


def test_a_run_after_more_than_30_days_off_has_nothing_to_compare_with():
    runs = [RunDay(MONDAY, 5000, 1800), RunDay(MONDAY + timedelta(days=40), 20000, 7200)]
    assert load.long_run_spikes(load.build_daily(runs, MONDAY, MONDAY + timedelta(days=40))) == []


def returns_on(runs: list[RunDay], day: date, earlier_run: date | None = None) -> list[load_warnings.LoadWarning]:
    warnings = load_warnings.warnings_on(load.build_daily(runs, MONDAY, day), day, earlier_run=earlier_run)
    return [w for w in warnings if w.code == "return_after_break"]


def test_a_run_after_exactly_30_days_off_is_a_return_after_a_break():
    back = MONDAY + timedelta(days=31)  # the last run was on D-31: days D-30 .. D-1 had none
    [warning] = returns_on([RunDay(MONDAY, 10000, 3600), RunDay(back, 6000, 2100)], back)
    assert warning.day == back
    assert warning.as_dict()["days_off"] == 30
    assert warning.as_dict()["distance_m"] == 6000
    assert "30 days without running" in warning.message
    assert "return-to-running track" in warning.message
    assert "Capin & Snyder-Mackler 2018" in warning.source


def test_29_days_off_is_not_a_break_and_the_long_run_spike_still_judges_the_run():
    back = MONDAY + timedelta(days=30)  # the last run was on D-30, inside the spike's window
    runs = [RunDay(MONDAY, 5000, 1800), RunDay(back, 8000, 2900)]
    assert returns_on(runs, back) == []
    assert [w.code for w in load_warnings.warnings_on(load.build_daily(runs, MONDAY, back), back)] == ["long_run_spike"]


def test_days_off_counts_the_whole_days_between_two_runs():
    assert load.days_off(MONDAY, MONDAY + timedelta(days=1)) == 0
    assert load.days_off(MONDAY, MONDAY + timedelta(days=31)) == 30


def test_the_first_run_ever_is_not_a_return():
    day = MONDAY + timedelta(days=40)
    assert returns_on([RunDay(day, 6000, 2100)], day) == []
    assert returns_on([RunDay(MONDAY, 6000, 2100), RunDay(day, 6000, 2100)], day)[0].day == day


def test_a_run_before_the_series_makes_its_first_run_a_return():
    day = MONDAY + timedelta(days=10)
    [warning] = returns_on([RunDay(day, 6000, 2100)], day, earlier_run=MONDAY - timedelta(days=100))
    assert warning.numbers["days_off"] == 109


def test_two_runs_on_the_day_back_give_one_warning_with_the_days_distance():
    back = MONDAY + timedelta(days=45)
    [warning] = returns_on([RunDay(MONDAY, 5000, 1800), RunDay(back, 3000, 1000), RunDay(back, 2000, 700)], back)
    assert warning.numbers == {"distance_m": 5000, "days_off": 44}


def test_a_return_after_a_break_comes_after_a_long_run_spike_and_before_the_ramp():
    back, spike = MONDAY + timedelta(days=40), MONDAY + timedelta(days=45)
    runs = [RunDay(MONDAY, 5000, 1800), RunDay(back, 5000, 1800), RunDay(spike, 8000, 2900)]
    codes = [w.code for w in load_warnings.warnings_on(load.build_daily(runs, MONDAY, spike), spike)]
    assert codes == ["long_run_spike", "return_after_break"]


def test_a_return_is_listed_for_4_weeks():
    back = MONDAY + timedelta(days=40)
    runs = [RunDay(MONDAY, 5000, 1800), RunDay(back, 5000, 1800)]
    assert len(returns_on(runs, back + timedelta(days=27))) == 1
    assert returns_on(runs, back + timedelta(days=28)) == []


def test_two_week_ramp_over_30_percent_warns_with_the_numbers():
    runs = runs_every_other_day(14, km=5) + runs_every_other_day(14, km=8, start=MONDAY + timedelta(days=14))
    day = MONDAY + timedelta(days=27)
    warnings = load_warnings.warnings_on(load.build_daily(runs, MONDAY, day), day)
    ramp = [w for w in warnings if w.code == "two_week_ramp"]
    assert len(ramp) == 1
    assert ramp[0].numbers["increase_pct"] == 60.0
    assert ramp[0].source.startswith("Nielsen 2014")


def test_steady_running_gives_no_warning():
    runs = runs_every_other_day(60, km=8)
    day = MONDAY + timedelta(days=59)
    assert load_warnings.warnings_on(load.build_daily(runs, MONDAY, day), day) == []


def test_more_downhill_than_the_week_before_warns():
    runs = [RunDay(MONDAY + timedelta(days=i), 8000, 2800, descent_m=50) for i in range(0, 7, 2)]
    runs += [RunDay(MONDAY + timedelta(days=7 + i), 8000, 2800, descent_m=150) for i in range(0, 7, 2)]
    day = MONDAY + timedelta(days=13)
    codes = [w.code for w in load_warnings.warnings_on(load.build_daily(runs, MONDAY, day), day)]
    assert codes == ["downhill_increase"]


def test_spike_warnings_come_first_and_only_from_the_last_4_weeks():
    runs = [RunDay(MONDAY, 5000, 1800), RunDay(MONDAY + timedelta(days=2), 9000, 3000)]
    runs += runs_every_other_day(40, km=9, start=MONDAY + timedelta(days=4))
    day = MONDAY + timedelta(days=44)
    assert load_warnings.warnings_on(load.build_daily(runs, MONDAY, day), day) == []
    runs.append(RunDay(day, 15000, 5400))
    first = load_warnings.warnings_on(load.build_daily(runs, MONDAY, day), day)[0]
    assert first.code == "long_run_spike"
    assert first.as_dict()["date"] == day.isoformat()
    assert first.as_dict()["band"] == "30-100%"


def test_acwr_is_empty_during_the_28_day_warm_up_and_carries_its_formula():
    runs = runs_every_other_day(60, km=8)
    series = load.build_daily(runs, MONDAY, MONDAY + timedelta(days=59))
    early = load.acwr_on(series, MONDAY + timedelta(days=10), MONDAY)
    assert early.coupled is None and not early.warmed_up
    later = load.acwr_on(series, MONDAY + timedelta(days=58), MONDAY)
    assert later.warmed_up
    assert later.coupled is not None and 0.8 < later.coupled < 1.2
    assert later.uncoupled is not None and later.ewma_ratio is not None
    assert "never as an alert" in later.note
    assert set(later.formula) == {"coupled", "uncoupled", "ewma"}


def test_coupled_acwr_matches_its_formula():
    values = np.arange(60, dtype=float)
    series = load.DailySeries(MONDAY, values, values, values, values * 0, values * 0, values * 0 + 1)
    acwr = load.acwr_series(series)
    t = 40
    assert np.isclose(acwr.coupled[t], values[t - 6 : t + 1].mean() / values[t - 27 : t + 1].mean())
    assert np.isclose(acwr.uncoupled[t], values[t - 6 : t + 1].mean() / values[t - 27 : t - 6].mean())


def test_cadence_preferred_is_the_median_of_recent_runs_and_progress_is_toward_the_target():
    cad = [(MONDAY + timedelta(days=i), 160.0 + (i % 3)) for i in range(10)]
    summary = cadence.cadence_summary(cad, MONDAY + timedelta(days=20), target_pct=5, baseline_spm=160)
    assert summary.preferred_spm == 160
    assert summary.target_spm == 168
    assert summary.recent_spm == 161
    assert summary.progress_pct == 12
    assert "180" in summary.note


def test_cadence_without_a_target_has_no_progress():
    summary = cadence.cadence_summary([(MONDAY, 170.0)], MONDAY)
    assert summary.preferred_spm == 170 and summary.target_spm is None and summary.progress_pct is None


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 120), st.floats(0, 60000)), max_size=60))
def test_metrics_never_fail_and_weekly_sums_match_the_runs(pairs):
    runs = [RunDay(MONDAY + timedelta(days=d), m, m / 3) for d, m in pairs]
    series = load.build_daily(runs, MONDAY, MONDAY + timedelta(days=120))
    metrics = load.all_metrics(series)
    assert np.isclose(sum(w.distance_m for w in metrics.weeks), sum(m for _, m in pairs), atol=1)
    for spike in metrics.spikes:
        assert spike.longest_m > spike.previous_longest_m * 1.1


@settings(max_examples=50, deadline=None)
@given(st.sets(st.integers(0, 150), max_size=30))
def test_a_return_is_a_run_with_an_earlier_run_and_none_in_the_30_days_before(days):
    runs = [RunDay(MONDAY + timedelta(days=d), 5000, 1800) for d in days]
    series = load.build_daily(runs, MONDAY, MONDAY + timedelta(days=150))
    returns = {(r.day - MONDAY).days for r in load.returns_after_break(series)}
    expected = {d for d in days if any(e < d for e in days) and not any(d - 30 <= e < d for e in days)}
    assert returns == expected
