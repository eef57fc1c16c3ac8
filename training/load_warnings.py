"""Load warnings in the patient's words, each with its source, ranked by evidence (docs/clinical-evidence.md
section 5): long-run spikes, returns after a break, the two-week ramp, downhill metres. The measures behind
them are in training.load. Units: metres and days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from training.load import (
    SPIKE_WINDOW_DAYS,
    DailySeries,
    Return,
    Spike,
    long_run_spikes,
    returns_after_break,
    rolling_sum,
    two_week_ramp,
)

#: How far back from the report's day warnings about single runs (spikes, returns) are listed: 4 weeks.
WARNING_LOOKBACK_DAYS = 28
RAMP_THRESHOLD = 0.30
DOWNHILL_THRESHOLD = 0.30
DOWNHILL_MIN_INCREASE_M = 100.0

SOURCE_FRANDSEN = "Frandsen 2025, BJSM 59(17)"
SOURCE_NIELSEN = "Nielsen 2014, JOSPT 44(10)"
SOURCE_DOWNHILL = "Inference: downhill running very likely raises kneecap load; return-to-run programmes avoid hills"
SOURCE_SHOES = "Replacement mileage is laboratory data, not injury evidence; the alert distance is a preference"


@dataclass(frozen=True)
class LoadWarning:
    code: str
    day: date
    message: str
    source: str
    numbers: dict[str, float | str]

    def as_dict(self) -> dict[str, Any]:
        head = {"code": self.code, "date": self.day.isoformat(), "message": self.message, "source": self.source}
        return head | self.numbers


def _km(metres: float) -> str:
    return f"{metres / 1000:.1f} km"


def spike_warning(spike: Spike) -> LoadWarning:
    return LoadWarning(
        code="long_run_spike",
        day=spike.day,
        message=(
            f"Your run on {spike.day:%b} {spike.day.day} ({_km(spike.longest_m)}) was {spike.increase_pct:.0f}% "
            f"longer than your longest run of the 30 days before ({_km(spike.previous_longest_m)}). A single run "
            "more than 10% longer than that was linked to more running injuries; build long runs up in small steps."
        ),
        source=SOURCE_FRANDSEN,
        numbers={
            "distance_m": spike.longest_m,
            "previous_longest_m": spike.previous_longest_m,
            "increase_pct": spike.increase_pct,
            "band": spike.band,
            "hazard_ratio": spike.hazard_ratio,
        },
    )


def return_warning(back: Return) -> LoadWarning:
    when = date_format(back.day, "M j")
    message = ngettext(
        "Your run on %(when)s (%(distance)s) was your first after %(days)d day without running.",
        "Your run on %(when)s (%(distance)s) was your first after %(days)d days without running.",
        back.days_off,
    ) % {"when": when, "distance": _km(back.distance_m), "days": back.days_off}
    advice = _(
        "After a break that long your knee is no longer used to your old distances, and there is no recent run "
        "to measure this one against. Build back up with the return-to-running track in your plan: short walk-jog "
        "sessions on flat ground, moving up a level only when your knee stays calm."
    )
    return LoadWarning(
        code="return_after_break",
        day=back.day,
        message=f"{message} {advice}",
        source=_(
            "No run in the %(window)d days before to compare with (Frandsen 2025 compares with those days); "
            "return-to-running progression: Capin & Snyder-Mackler 2018, Ann Joint 3:40"
        )
        % {"window": SPIKE_WINDOW_DAYS},
        numbers={"distance_m": back.distance_m, "days_off": back.days_off},
    )


def warnings_on(
    series: DailySeries,
    day: date,
    *,
    earlier_run: date | None = None,
    lookback_days: int = WARNING_LOOKBACK_DAYS,
) -> list[LoadWarning]:
    """Load warnings as of DAY, ranked by evidence: long-run spikes of the last 4 weeks (newest first), then
    returns after a break of the last 4 weeks (newest first), then the two-week ramp and downhill.

    EARLIER_RUN: the day of the last run before the series starts, if any (see ``returns_after_break``).
    """
    i = series.index(day)

    def recent(warnings: Iterable[LoadWarning]) -> list[LoadWarning]:
        return sorted(
            (w for w in warnings if 0 <= (day - w.day).days < lookback_days), key=lambda w: w.day, reverse=True
        )

    out = recent(spike_warning(s) for s in long_run_spikes(series))
    out += recent(return_warning(r) for r in returns_after_break(series, earlier_run))
    ramp = two_week_ramp(series)
    last14 = rolling_sum(series.distance_m, 14)
    if not np.isnan(ramp[i]) and ramp[i] > RAMP_THRESHOLD * 100:
        before = float(last14[i - 14]) if i >= 14 else 0.0
        out.append(
            LoadWarning(
                code="two_week_ramp",
                day=day,
                message=(
                    f"You ran {_km(float(last14[i]))} in the last 2 weeks, {float(ramp[i]):.0f}% more than the "
                    f"2 weeks before ({_km(before)}). Increases over 30% were linked to more knee and other "
                    "distance-related injuries in one study (not statistically certain)."
                ),
                source=SOURCE_NIELSEN,
                numbers={
                    "last_14_days_m": round(float(last14[i]), 1),
                    "previous_14_days_m": round(before, 1),
                    "increase_pct": round(float(ramp[i]), 1),
                },
            )
        )
    desc7 = rolling_sum(series.descent_m, 7)
    now = float(desc7[i])
    before = float(desc7[i - 7]) if i >= 7 else 0.0
    if before > 0 and now > before * (1 + DOWNHILL_THRESHOLD) and now - before >= DOWNHILL_MIN_INCREASE_M:
        out.append(
            LoadWarning(
                code="downhill_increase",
                day=day,
                message=(
                    f"You ran {now:.0f} m downhill in the last 7 days, up from {before:.0f} m the week before. "
                    "Running downhill loads the kneecap more; while your knee settles, keep hills gentle."
                ),
                source=SOURCE_DOWNHILL,
                numbers={
                    "downhill_last_7_days_m": round(now, 1),
                    "downhill_previous_7_days_m": round(before, 1),
                    "increase_pct": round((now - before) / before * 100, 1),
                },
            )
        )
    return out
