"""Track arithmetic shared by GPX and TCX: distances, moving time, smoothed elevation gain and loss."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

EARTH_RADIUS_M = 6_371_008.8
#: Below this speed (1 km/h, as gpxpy) a stretch between points counts as stopped.
STOPPED_SPEED_MS = 1000 / 3600
#: Elevation changes smaller than this are noise, not climbing (hysteresis on the smoothed profile).
ELEVATION_THRESHOLD_M = 3.0


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def elevation_gain_loss(altitudes: Sequence[float | None]) -> tuple[float | None, float | None]:
    """Total climb and descent in metres of an altitude profile, smoothed (5-point mean) with 3 m hysteresis."""
    values = [a for a in altitudes if a is not None]
    if len(values) < 2:
        return None, None
    padded = np.pad(np.asarray(values, dtype=np.float64), 2, mode="edge")  # centred mean, ends held
    smoothed = np.convolve(padded, np.full(5, 0.2), mode="valid").tolist()
    gain = loss = 0.0
    reference = smoothed[0]
    for value in smoothed[1:]:
        change = value - reference
        if change >= ELEVATION_THRESHOLD_M:
            gain += change
            reference = value
        elif change <= -ELEVATION_THRESHOLD_M:
            loss -= change
            reference = value
    return round(gain, 1), round(loss, 1)


def mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def cadence_factor(cadences: Sequence[float | None], sport: str) -> float:
    """What turns per-point cadence into steps per minute: 2 when the values are strides, else 1.

    Garmin writes running cadence in GPX and TCX extensions as strides (one foot) per minute, about 80-95;
    values that low for a run or walk are doubled.
    """
    present = [c for c in cadences if c]
    if sport in ("run", "walk") and present and sum(present) / len(present) < 130:
        return 2.0
    return 1.0


def times(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


def steps_per_minute(cadences: Sequence[float | None], sport: str) -> float | None:
    """Average cadence in steps per minute from per-point cadence, ignoring zeros (standing still)."""
    present = [c for c in cadences if c]
    if not present:
        return None
    return round(sum(present) / len(present) * cadence_factor(present, sport), 1)


def track_steps(lats: Sequence[float], lons: Sequence[float], breaks: Sequence[int]) -> npt.NDArray[np.float64]:
    """Metres from each point to the next (haversine, vectorised); zero across the segment starts in ``breaks``."""
    lat = np.radians(np.asarray(lats, dtype=np.float64))
    lon = np.radians(np.asarray(lons, dtype=np.float64))
    if len(lat) < 2:
        return np.zeros(0)
    a = np.sin(np.diff(lat) / 2) ** 2 + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(np.diff(lon) / 2) ** 2
    steps: npt.NDArray[np.float64] = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    cuts = np.asarray([b - 1 for b in breaks if 0 < b < len(lat)], dtype=np.int64)
    steps[cuts] = 0.0
    return steps


def moving_seconds(steps: npt.NDArray[np.float64], times: npt.NDArray[np.float64]) -> float:
    """Seconds spent between points faster than the stopped threshold (``times`` NaN where unknown)."""
    if len(times) < 2:
        return 0.0
    gaps = np.diff(times)
    with np.errstate(invalid="ignore", divide="ignore"):
        moving = (gaps > 0) & (steps > STOPPED_SPEED_MS * gaps)
    return float(gaps[moving].sum())
