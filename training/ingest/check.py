"""The check stage: whether one decoded run or walk is kept, and if not, its result and the reason."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import datetime

from training.importers.base import ImporterError, ParsedActivity
from training.importers.plausible import check_plausible
from training.models import ResultStatus

DUPLICATE_START_S = 60
DUPLICATE_DURATION_SHARE = 0.02


def not_a_run(sport: str) -> str:
    """The reason an activity of another sport (the source's own word, maybe empty) is skipped."""
    return f"This is {'a ' + sport if sport else 'an unknown sport'}; only runs and walks are kept."


class KnownRuns:
    """The starts and durations of the patient's runs and walks, the ones already stored and every one this
    import has prepared, sorted by start so that a duplicate is found by bisection."""

    def __init__(self, runs: Iterable[tuple[datetime, float]]) -> None:
        pairs = sorted((start.timestamp(), elapsed) for start, elapsed in runs)
        self.starts = [p[0] for p in pairs]  # POSIX seconds
        self.durations = [p[1] for p in pairs]  # seconds

    def has(self, start: datetime, elapsed: float) -> bool:
        """Whether a known run starts within DUPLICATE_START_S seconds of START and lasts the same ELAPSED
        seconds within DUPLICATE_DURATION_SHARE."""
        t = start.timestamp()
        lo = bisect.bisect_left(self.starts, t - DUPLICATE_START_S)
        hi = bisect.bisect_right(self.starts, t + DUPLICATE_START_S)
        return any(
            abs(self.durations[j] - elapsed) <= DUPLICATE_DURATION_SHARE * max(self.durations[j], elapsed, 1.0)
            for j in range(lo, hi)
        )

    def add(self, start: datetime, elapsed: float) -> None:
        i = bisect.bisect_left(self.starts, start.timestamp())
        self.starts.insert(i, start.timestamp())
        self.durations.insert(i, elapsed)


def refusal(activity: ParsedActivity, now: datetime, known: KnownRuns) -> tuple[ResultStatus, str] | None:
    """Why a run or walk is not kept (failed: implausible totals; duplicate: the same run is known), or None.

    The plausibility rule runs again here although the decoders ran it: they check only what they call a run
    or walk, not a Strava manual entry's word, an override from activities.csv or another word ending in run
    ("indoor_running").
    """
    try:
        check_plausible(activity, now)
    except ImporterError as exc:
        return ResultStatus.FAILED, exc.reason
    if known.has(activity.start, activity.elapsed_s):
        return ResultStatus.DUPLICATE, "The same run is already here from another file (start within 60 s)."
    return None
