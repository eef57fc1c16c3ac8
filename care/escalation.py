"""When to suggest the next step (docs/clinical-evidence.md sections 1 and 2). Pure: scores in, a suggestion out.

After a number of weeks in a step (3 by default) without a minimal clinically
important change, the next step is suggested. MCIDs: AKPS 10 points (Crossley
2004, Arch Phys Med Rehabil 85); pain 0-10 drop of 2 points (the practice's
setting; Piva 2009 found 1.16 in patellofemoral pain, so 2 is on the safe side).
Worsening suggests a review; improvement suggests carrying on. Nothing here
changes a plan: a person accepts or dismisses each suggestion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from statistics import mean


class Kind(StrEnum):
    NEXT_STEP = "next_step"
    REVIEW = "review"
    CONTINUE = "continue"


@dataclass(frozen=True)
class Rules:
    weeks_in_step: int = 3
    akps_mcid: float = 10.0
    nrs_mcid: float = 2.0
    top_step: int = 4


@dataclass(frozen=True)
class Advice:
    kind: Kind
    target_step: int | None
    reason: str


Series = Sequence[tuple[date, float]]


def _baseline_and_latest(series: Series, since: date, window_days: int = 7) -> tuple[float, float] | None:
    """Mean of the first WINDOW_DAYS from SINCE (or the last value before it) against the mean of the last week."""
    ordered = sorted(series)
    if not ordered:
        return None
    before = [v for d, v in ordered if d <= since]
    early = [v for d, v in ordered if since <= d < since + timedelta(days=window_days)]
    baseline_values = early or before[-1:]
    if not baseline_values:
        baseline_values = [ordered[0][1]]
    last_day = ordered[-1][0]
    latest_values = [v for d, v in ordered if d > last_day - timedelta(days=window_days)]
    if ordered[-1][0] < since + timedelta(days=window_days):
        return None  # nothing after the first week: no change to judge yet
    return mean(baseline_values), mean(latest_values)


def evaluate(
    step: int,
    step_started_on: date,
    today: date,
    akps: Series,
    nrs: Series,
    rules: Rules | None = None,
) -> Advice | None:
    """Advice for a plan in STEP since STEP_STARTED_ON, judged on TODAY.

    AKPS: 0-100, higher is better. NRS: pain 0-10, lower is better. None means
    nothing to say yet (too early, and not worsening).
    """
    rules = rules or Rules()
    akps_pair = _baseline_and_latest(akps, step_started_on)
    nrs_pair = _baseline_and_latest(nrs, step_started_on)
    akps_change = akps_pair[1] - akps_pair[0] if akps_pair else None
    nrs_change = nrs_pair[1] - nrs_pair[0] if nrs_pair else None

    worse: list[str] = []
    if akps_change is not None and akps_change <= -rules.akps_mcid:
        worse.append(f"your knee function score fell by {-akps_change:g} points")
    if nrs_change is not None and nrs_change >= rules.nrs_mcid:
        worse.append(f"your pain rose by {nrs_change:.1f} points out of 10")
    if worse:
        return Advice(
            Kind.REVIEW,
            None,
            "A review is suggested because " + " and ".join(worse) + " since this step started.",
        )

    days = (today - step_started_on).days
    if days < rules.weeks_in_step * 7:
        return None

    better: list[str] = []
    if akps_change is not None and akps_change >= rules.akps_mcid:
        better.append(f"your knee function score rose by {akps_change:g} points")
    if nrs_change is not None and nrs_change <= -rules.nrs_mcid:
        better.append(f"your pain fell by {-nrs_change:.1f} points out of 10")
    weeks = days // 7
    if better:
        return Advice(
            Kind.CONTINUE,
            None,
            f"Keep going with step {step}: after {weeks} weeks " + " and ".join(better) + ", a real improvement.",
        )
    if akps_change is None and nrs_change is None:
        why = "there are not enough scores to show an improvement"
    else:
        parts = []
        if akps_change is not None:
            parts.append(f"knee function score changed by {akps_change:+g} (an improvement needs {rules.akps_mcid:g})")
        if nrs_change is not None:
            parts.append(f"pain changed by {nrs_change:+.1f} (an improvement needs a drop of {rules.nrs_mcid:g})")
        why = "; ".join(parts)
    if step >= rules.top_step:
        return Advice(Kind.REVIEW, None, f"After {weeks} weeks in the last step, {why}. A review is suggested.")
    return Advice(
        Kind.NEXT_STEP,
        step + 1,
        f"After {weeks} weeks in step {step}, {why}. Step {step + 1} is suggested.",
    )
