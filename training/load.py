"""Training load over daily series: pure functions, no database (numpy arrays in, dataclasses out).

The warnings these measures raise, in the patient's words, are in training.load_warnings; the cadence
summary is in training.cadence.

Evidence (docs/clinical-evidence.md section 5):
- long-run spike, the primary warning: a run more than 10% longer than the longest run of the previous
  30 days (Frandsen 2025, BJSM 59(17): HR 1.64 at 10-30%, 1.52 at 30-100%, 2.28 above 100%);
- return after a break: a run after 30 or more days without running, which the long-run spike cannot judge
  because it has no run of the 30 days before to compare with; the patient rebuilds on the return-to-running
  track (the University of Delaware walk-jog progression, Capin & Snyder-Mackler 2018, Ann Joint 3:40);
- two-week ramp: weekly distance over 2 weeks more than 30% above the 2 weeks before (Nielsen 2014,
  JOSPT 44(10): HR 1.59, not significant);
- downhill metres: very likely raise kneecap load (an inference, not trial evidence);
- ACWR (Gabbett 2016) is information only, never an alert (criticised: Lolli 2019, Impellizzeri 2021);

Units: metres, seconds, steps per minute. Days are local calendar days; weeks start on Monday.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

FloatArray = np.ndarray[Any, np.dtype[np.float64]]

SPIKE_WINDOW_DAYS = 30
SPIKE_THRESHOLD = 0.10
#: Days without running after which a run is a return after a break. The long-run spike compares a run with
#: the longest of the SPIKE_WINDOW_DAYS before it (Frandsen 2025); after this many days off that window is empty
#: and the spike has nothing to say, so the two are one number: the return warning starts where the spike stops.
BREAK_DAYS = SPIKE_WINDOW_DAYS
ACWR_WARMUP_DAYS = 28

SPIKE_BANDS: tuple[tuple[float, float, str, float], ...] = (
    # (lower, upper, label, hazard ratio reported by Frandsen 2025)
    (0.10, 0.30, "10-30%", 1.64),
    (0.30, 1.00, "30-100%", 1.52),
    (1.00, float("inf"), "over 100%", 2.28),
)

ACWR_FORMULA = {
    "coupled": "mean daily distance of the last 7 days / mean of the last 28 days (days t-27..t)",
    "uncoupled": "mean daily distance of the last 7 days / mean of days t-27..t-7",
    "ewma": "EWMA_t = lambda * x_t + (1 - lambda) * EWMA_(t-1), lambda = 2 / (N + 1), N = 7 (acute) and 28 "
    "(chronic); ratio = acute / chronic; shown after a 28-day warm-up (Williams 2017)",
}
ACWR_CRITICISM = (
    "Shown for information only, never as an alert: the acute:chronic workload ratio (Gabbett 2016) has been "
    "criticised as a statistical artefact that does not predict injury reliably (Lolli 2019, Impellizzeri 2021)."
)


@dataclass(frozen=True)
class RunDay:
    """One run or walk as the load module sees it."""

    day: date
    distance_m: float
    duration_s: float
    descent_m: float = 0.0
    cadence_spm: float | None = None
    uneven: bool = False


@dataclass(frozen=True)
class DailySeries:
    """Per-day totals from ``first_day`` (a Monday) over whole weeks."""

    first_day: date
    distance_m: FloatArray
    duration_s: FloatArray
    longest_m: FloatArray
    descent_m: FloatArray
    uneven_m: FloatArray
    runs: FloatArray

    def __len__(self) -> int:
        return int(self.distance_m.shape[0])

    def index(self, day: date) -> int:
        return (day - self.first_day).days


def build_daily(runs: Iterable[RunDay], first_day: date, last_day: date) -> DailySeries:
    """Sum RUNS into days from the Monday on or before FIRST_DAY to the Sunday on or after LAST_DAY."""
    start = first_day - timedelta(days=first_day.weekday())
    end = last_day + timedelta(days=6 - last_day.weekday())
    n = (end - start).days + 1
    items = [r for r in runs if start <= r.day <= end]
    idx = np.fromiter(((r.day - start).days for r in items), dtype=np.int64, count=len(items))
    dist = np.fromiter((r.distance_m for r in items), dtype=np.float64, count=len(items))

    def summed(values: Iterable[float]) -> FloatArray:
        out = np.zeros(n)
        np.add.at(out, idx, np.fromiter(values, dtype=np.float64, count=len(items)))
        return out

    longest = np.zeros(n)
    np.maximum.at(longest, idx, dist)
    return DailySeries(
        first_day=start,
        distance_m=summed(r.distance_m for r in items),
        duration_s=summed(r.duration_s for r in items),
        longest_m=longest,
        descent_m=summed(r.descent_m for r in items),
        uneven_m=summed(r.distance_m if r.uneven else 0.0 for r in items),
        runs=summed(1.0 for _ in items),
    )


@dataclass(frozen=True)
class Week:
    start: date
    distance_m: float
    duration_s: float
    runs: int
    descent_m: float
    uneven_share: float | None
    change_pct: float | None
    descent_change_pct: float | None


def _pct_change(current: FloatArray, previous: FloatArray) -> FloatArray:
    with np.errstate(all="ignore"):
        return np.where(previous > 0, (current - previous) / np.where(previous > 0, previous, 1) * 100, np.nan)


def weekly(series: DailySeries) -> list[Week]:
    """Weekly distance, time, runs, downhill metres and uneven share, with the change on the week before."""
    weeks = len(series) // 7

    def per_week(values: FloatArray) -> FloatArray:
        result: FloatArray = values[: weeks * 7].reshape(weeks, 7).sum(axis=1)
        return result

    dist = per_week(series.distance_m)
    dur = per_week(series.duration_s)
    runs = per_week(series.runs)
    desc = per_week(series.descent_m)
    uneven = per_week(series.uneven_m)
    prev_dist = np.concatenate([[0.0], dist[:-1]])
    prev_desc = np.concatenate([[0.0], desc[:-1]])
    change = _pct_change(dist, prev_dist)
    desc_change = _pct_change(desc, prev_desc)
    with np.errstate(all="ignore"):
        share = np.where(dist > 0, uneven / np.where(dist > 0, dist, 1), np.nan)

    def rounded(values: FloatArray, digits: int) -> list[float | None]:
        return [None if v != v else v for v in np.round(values, digits).tolist()]  # NaN -> None

    starts = [series.first_day + timedelta(weeks=i) for i in range(weeks)]
    return [
        Week(*row)
        for row in zip(
            starts,
            np.round(dist, 1).tolist(),
            np.round(dur, 1).tolist(),
            runs.astype(int).tolist(),
            np.round(desc, 1).tolist(),
            rounded(share, 3),
            rounded(change, 1),
            rounded(desc_change, 1),
            strict=True,
        )
    ]


def previous_longest(series: DailySeries, window: int = SPIKE_WINDOW_DAYS) -> FloatArray:
    """For each day, the longest single run of the WINDOW days before it (0 when none)."""
    padded = np.concatenate([np.zeros(window), series.longest_m])
    result: FloatArray = sliding_window_view(padded[:-1], window).max(axis=1)
    return result


@dataclass(frozen=True)
class Spike:
    day: date
    longest_m: float
    previous_longest_m: float
    increase_pct: float
    band: str
    hazard_ratio: float


def long_run_spikes(series: DailySeries) -> list[Spike]:
    """Days with a run more than 10% longer than the longest run of the previous 30 days.

    A day with no run in the previous 30 days is not a spike: there is nothing to compare with.
    """
    prev = previous_longest(series)
    longest = series.longest_m
    with np.errstate(all="ignore"):
        # Rounded so that floating point does not turn exactly 10% into a spike.
        ratio = np.round(np.where(prev >= 1.0, longest / np.where(prev >= 1.0, prev, 1) - 1, 0.0), 9)
    spikes: list[Spike] = []
    for i in np.flatnonzero(ratio > SPIKE_THRESHOLD):
        r = float(ratio[i])
        label, hr = next((lbl, h) for lo, hi, lbl, h in SPIKE_BANDS if lo < r <= hi)
        spikes.append(
            Spike(
                day=series.first_day + timedelta(days=int(i)),
                longest_m=round(float(longest[i]), 1),
                previous_longest_m=round(float(prev[i]), 1),
                increase_pct=round(r * 100, 1),
                band=label,
                hazard_ratio=hr,
            )
        )
    return spikes


def days_off(last_run: date, run: date) -> int:
    """Whole calendar days without running between LAST_RUN and RUN, neither counted (0 on consecutive days)."""
    return (run - last_run).days - 1


@dataclass(frozen=True)
class Return:
    day: date
    distance_m: float
    days_off: int
    last_run: date


def returns_after_break(series: DailySeries, earlier_run: date | None = None) -> list[Return]:
    """Days with a run after at least BREAK_DAYS days without running, oldest first.

    The boundary: a run on day D is a return when there is an earlier run and none on days D-30 .. D-1, that is
    when ``days_off(last run, D) >= 30``; the last run on D-31 gives 30 days off (a return), on D-30 gives 29 (not).
    The first run on record is never a return. SERIES holds runs only (walks do not count); EARLIER_RUN is the day
    of the last run before the series starts, if any, since the series covers only the last months.
    ``distance_m`` is the distance run that day, in metres.
    """
    run_days = [series.first_day + timedelta(days=int(i)) for i in np.flatnonzero(series.runs > 0)]
    out = []
    # Each run day beside the run day before it (EARLIER_RUN for the first).
    for last, day in zip([earlier_run, *run_days], run_days, strict=False):
        if last is not None and days_off(last, day) >= BREAK_DAYS:
            distance = round(float(series.distance_m[series.index(day)]), 1)
            out.append(Return(day=day, distance_m=distance, days_off=days_off(last, day), last_run=last))
    return out


def rolling_sum(values: FloatArray, window: int) -> FloatArray:
    """Sum of the WINDOW days ending on each day (days before the series count as 0)."""
    c = np.concatenate([[0.0], np.cumsum(values)])
    i = np.arange(1, len(values) + 1)
    result: FloatArray = c[i] - c[np.maximum(i - window, 0)]
    return result


def two_week_ramp(series: DailySeries) -> FloatArray:
    """Per day: % change of the last 14 days' distance over the 14 days before (NaN when those were 0)."""
    last = rolling_sum(series.distance_m, 14)
    before = np.concatenate([np.zeros(14), last[:-14]]) if len(last) > 14 else np.zeros_like(last)
    return _pct_change(last, before)


def _ewma(values: FloatArray, n: int) -> FloatArray:
    lam = 2.0 / (n + 1)
    out = np.empty_like(values)
    acc = 0.0
    keep = 1.0 - lam
    for i, x in enumerate(values.tolist()):
        acc = lam * x + keep * acc
        out[i] = acc
    return out


@dataclass(frozen=True)
class Acwr:
    day: date
    acute_mean_m: float
    chronic_mean_m: float
    coupled: float | None
    uncoupled: float | None
    ewma_acute_m: float | None
    ewma_chronic_m: float | None
    ewma_ratio: float | None
    warmed_up: bool
    formula: dict[str, str] = field(default_factory=lambda: dict(ACWR_FORMULA))
    note: str = ACWR_CRITICISM
    sources: tuple[str, ...] = ("Gabbett 2016", "Williams 2017", "Lolli 2019", "Impellizzeri 2021")


@dataclass(frozen=True)
class AcwrSeries:
    coupled: FloatArray
    uncoupled: FloatArray
    ewma_ratio: FloatArray
    ewma_acute: FloatArray
    ewma_chronic: FloatArray
    acute_mean: FloatArray
    chronic_mean: FloatArray


def acwr_series(series: DailySeries) -> AcwrSeries:
    """Rolling coupled, uncoupled and EWMA ratios for every day (NaN where the chronic load is 0)."""
    d = series.distance_m
    acute = rolling_sum(d, 7) / 7
    chronic = rolling_sum(d, 28) / 28
    uncoupled_chronic = (rolling_sum(d, 28) - rolling_sum(d, 7)) / 21
    ea = _ewma(d, 7)
    ec = _ewma(d, 28)
    with np.errstate(all="ignore"):
        coupled = np.where(chronic > 0, acute / np.where(chronic > 0, chronic, 1), np.nan)
        uncoupled = np.where(
            uncoupled_chronic > 0, acute / np.where(uncoupled_chronic > 0, uncoupled_chronic, 1), np.nan
        )
        ewma_ratio = np.where(ec > 0, ea / np.where(ec > 0, ec, 1), np.nan)
    return AcwrSeries(coupled, uncoupled, ewma_ratio, ea, ec, acute, chronic)


def acwr_on(series: DailySeries, day: date, first_activity: date | None) -> Acwr:
    """ACWR on DAY; ratios stay empty until 28 days after FIRST_ACTIVITY (the warm-up)."""
    s = acwr_series(series)
    i = series.index(day)
    warmed = first_activity is not None and (day - first_activity).days >= ACWR_WARMUP_DAYS - 1

    def val(arr: FloatArray, digits: int = 2) -> float | None:
        v = float(arr[i])
        return None if not warmed or np.isnan(v) else round(v, digits)

    return Acwr(
        day=day,
        acute_mean_m=round(float(s.acute_mean[i]), 1),
        chronic_mean_m=round(float(s.chronic_mean[i]), 1),
        coupled=val(s.coupled),
        uncoupled=val(s.uncoupled),
        ewma_acute_m=val(s.ewma_acute, 1),
        ewma_chronic_m=val(s.ewma_chronic, 1),
        ewma_ratio=val(s.ewma_ratio),
        warmed_up=warmed,
    )


def as_jsonable(obj: Any) -> Any:
    """Dataclasses, dates and tuples as JSON values."""
    if hasattr(obj, "__dataclass_fields__"):
        return as_jsonable(asdict(obj))
    if isinstance(obj, dict):
        return {("date" if k == "day" else k): as_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [as_jsonable(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


@dataclass(frozen=True)
class Metrics:
    weeks: list[Week]
    spikes: list[Spike]
    ramp_pct: FloatArray
    acwr: AcwrSeries


def all_metrics(series: DailySeries) -> Metrics:
    """Every metric over the whole series (what the benchmark times)."""
    return Metrics(weekly(series), long_run_spikes(series), two_week_ramp(series), acwr_series(series))
