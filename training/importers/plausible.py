"""The one plausibility rule for a run's or walk's totals, used by the decoders and again by the import."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from training.importers.base import ImporterError, ParsedActivity

MAX_DISTANCE_M = 1_000_000.0
MAX_ELAPSED_S = 7 * 24 * 3600.0
MAX_SPEED_MS = 25 / 3.6  # a marathon world record averages about 21 km/h
#: How far ahead of now a start may be: a device clock a few minutes fast, no more.
FUTURE_SLACK = timedelta(minutes=10)


def check_plausible(activity: ParsedActivity, now: datetime | None = None) -> None:
    """Raise ImporterError for totals no run or walk can have: a start more than 10 minutes after NOW (default:
    the current time), 1,000 km or more, a week or longer, an average over 25 km/h, no duration, or a negative
    distance. Distances in metres, times in seconds."""
    now = now or datetime.now(UTC)
    if activity.start > now + FUTURE_SLACK:
        when = f"{activity.start:%Y-%m-%d %H:%M} UTC"
        raise ImporterError(f"The activity starts in the future ({when}); the device clock is wrong.")
    if activity.distance_m >= MAX_DISTANCE_M:
        km = f"{activity.distance_m / 1000:,.0f} km"
        raise ImporterError(f"The activity is {km} long, which cannot be one run or walk.")
    if activity.elapsed_s >= MAX_ELAPSED_S:
        raise ImporterError("The activity lasts a week or more, which no run or walk does.")
    if activity.elapsed_s > 0 and activity.distance_m / activity.elapsed_s > MAX_SPEED_MS:
        speed = activity.distance_m / activity.elapsed_s * 3.6
        raise ImporterError(f"The average speed is {speed:,.0f} km/h, faster than anyone runs or walks.")
    if activity.distance_m < 0 or activity.elapsed_s <= 0:
        raise ImporterError("The activity has no duration or a negative distance.")
