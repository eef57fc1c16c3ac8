"""Cadence: the runner's preferred step rate, recent runs, and progress toward a target. Pure, no database.

Evidence (docs/clinical-evidence.md section 5): +5 to 10% over the runner's own preferred step rate lowers
knee load (Heiderscheit 2011, Lenhart 2014, Willy 2016); no fixed target such as 180 steps/min is supported.
Units: steps per minute.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Cadence:
    preferred_spm: float | None
    recent_spm: float | None
    runs_counted: int
    target_pct: float | None
    target_spm: float | None
    progress_pct: float | None
    note: str = (
        "Target: 5 to 10% above your own preferred step rate at the same speed (Heiderscheit 2011, Lenhart 2014, "
        "Willy 2016). No fixed number such as 180 steps per minute is supported."
    )


def cadence_summary(
    cadences: Sequence[tuple[date, float]],
    as_of: date,
    *,
    target_pct: float | None = None,
    baseline_spm: float | None = None,
    preferred_runs: int = 10,
    recent_runs: int = 5,
) -> Cadence:
    """Preferred cadence (median of recent runs, or the baseline recorded when the target was set), the
    median of the last few runs, and progress toward ``preferred * (1 + target_pct / 100)`` in % of the way."""
    known = sorted((d, c) for d, c in cadences if d <= as_of and c > 0)
    values = [c for _, c in known]
    preferred = baseline_spm
    if preferred is None and values:
        preferred = round(statistics.median(values[-preferred_runs:]), 1)
    recent = round(statistics.median(values[-recent_runs:]), 1) if values else None
    target = round(preferred * (1 + target_pct / 100), 1) if preferred and target_pct else None
    progress = None
    if target is not None and preferred is not None and recent is not None and target > preferred:
        progress = round(max(0.0, (recent - preferred) / (target - preferred) * 100), 0)
    return Cadence(
        preferred_spm=preferred,
        recent_spm=recent,
        runs_counted=len(values),
        target_pct=target_pct,
        target_spm=target,
        progress_pct=progress,
    )
