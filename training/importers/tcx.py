"""Garmin Training Center (TCX) files: one activity per <Activity>, totals from its laps.

lxml iterparse matching local names; track points without a position (indoor, treadmill) are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from training.importers.base import ImporterError, ParsedActivity, RecordSeries
from training.importers.geo import cadence_factor, elevation_gain_loss, haversine_m, mean, steps_per_minute, times
from training.importers.sports import sport_from_word
from training.importers.xmlsafe import clear, iterparse, local, number, parse_time, text, utc_offset


@dataclass
class _Activity:
    sport: str = ""
    laps_s: float = 0.0
    laps_m: float = 0.0
    lap_start: datetime | None = None
    id_time: datetime | None = None
    offset: int | None = None  # seconds east of UTC, when the first lap's start time says
    lap_hr: list[tuple[float, float]] = field(default_factory=list)  # (bpm, seconds)
    lap_cadence: list[tuple[float, float]] = field(default_factory=list)
    times: list[datetime | None] = field(default_factory=list)
    distance_m: list[float | None] = field(default_factory=list)
    altitude_m: list[float | None] = field(default_factory=list)
    hr: list[float | None] = field(default_factory=list)
    cadence: list[float | None] = field(default_factory=list)
    position: tuple[float, float] | None = None
    gps_m: float = 0.0


def read_activities(data: bytes) -> list[_Activity]:
    activities: list[_Activity] = []
    current = _Activity()
    for element in iterparse(data, "TCX", ("Trackpoint", "Lap", "Activity", "Id")):
        tag = local(element.tag)
        if tag == "Id":
            parent = element.getparent()
            if parent is not None and local(parent.tag) == "Activity":
                current.id_time = parse_time(text(element))
        elif tag == "Trackpoint":
            _trackpoint(element, current)
            clear(element)
        elif tag == "Lap":
            _lap(element, current)
            clear(element)
        else:
            current.sport = element.get("Sport", "")
            if current.lap_start is None:
                current.lap_start = current.id_time
            activities.append(current)
            current = _Activity()
            clear(element)
    return activities


def _trackpoint(element: etree._Element, activity: _Activity) -> None:
    moment = altitude = distance = hr = cadence = None
    for child in element:
        name = local(child.tag)
        if name == "Time":
            moment = parse_time(text(child))
        elif name == "AltitudeMeters":
            altitude = number(text(child))
        elif name == "DistanceMeters":
            distance = number(text(child))
        elif name == "HeartRateBpm":
            hr = number(text(child.find("{*}Value")))
        elif name == "Cadence":
            cadence = number(text(child))
        elif name == "Position":
            lat = number(text(child.find("{*}LatitudeDegrees")))
            lon = number(text(child.find("{*}LongitudeDegrees")))
            if lat is not None and lon is not None:
                if activity.position is not None:
                    activity.gps_m += haversine_m(*activity.position, lat, lon)
                activity.position = (lat, lon)
        elif name == "Extensions":
            for item in child.iter():
                if local(item.tag) == "RunCadence":
                    cadence = number(text(item))
    activity.times.append(moment)
    activity.altitude_m.append(altitude)
    activity.distance_m.append(distance)
    activity.hr.append(hr)
    activity.cadence.append(cadence)


def _lap(element: etree._Element, activity: _Activity) -> None:
    seconds = distance = hr = cadence = None
    for child in element:
        name = local(child.tag)
        if name == "TotalTimeSeconds":
            seconds = number(text(child))
        elif name == "DistanceMeters":
            distance = number(text(child))
        elif name == "AverageHeartRateBpm":
            hr = number(text(child.find("{*}Value")))
        elif name == "Cadence":
            cadence = number(text(child))
        elif name == "Extensions":
            for item in child.iter():
                if local(item.tag) == "AvgRunCadence":
                    cadence = number(text(item))
    activity.laps_s += seconds or 0.0
    activity.laps_m += distance or 0.0
    if activity.lap_start is None:
        activity.lap_start = parse_time(element.get("StartTime", ""))
        activity.offset = utc_offset(element.get("StartTime", ""))
    if hr is not None and seconds:
        activity.lap_hr.append((hr, seconds))
    if cadence is not None and seconds:
        activity.lap_cadence.append((cadence, seconds))


def _weighted(pairs: list[tuple[float, float]]) -> float | None:
    weight = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / weight if weight else None


def parse(data: bytes) -> list[ParsedActivity]:
    """Return one activity per <Activity> of a TCX file (a multisport session gives several)."""
    result = []
    for activity in read_activities(data):
        sport = sport_from_word(activity.sport or "other")
        timed = [t for t in activity.times if t is not None]
        start = activity.lap_start or (timed[0] if timed else None)
        if start is None:
            raise ImporterError("This TCX activity does not say when it started.")
        end = timed[-1] if timed else None
        elapsed = (end - start).total_seconds() if end is not None and end > start else 0.0
        elapsed = max(elapsed, activity.laps_s)
        if elapsed <= 0:
            raise ImporterError("This TCX activity has no duration.")
        distances = [d for d in activity.distance_m if d is not None]
        distance = activity.laps_m or (distances[-1] if distances else 0.0) or activity.gps_m
        gain, loss = elevation_gain_loss(activity.altitude_m)
        lap_cadence = _weighted(activity.lap_cadence)
        cadence: float | None
        if lap_cadence is not None:
            cadence = round(lap_cadence * cadence_factor([lap_cadence], sport), 1)
        else:
            cadence = steps_per_minute(activity.cadence, sport)
        hr = _weighted(activity.lap_hr)
        if hr is None:
            hr = mean(activity.hr)
        result.append(
            ParsedActivity(
                sport=sport,
                start=start,
                utc_offset_s=activity.offset,
                elapsed_s=round(elapsed, 1),
                moving_time_s=round(activity.laps_s, 1) if activity.laps_s else None,
                distance_m=round(distance, 1),
                elevation_gain_m=gain,
                elevation_loss_m=loss,
                avg_hr=None if hr is None else round(hr, 1),
                avg_cadence_spm=cadence,
                source_format="tcx",
                has_records=bool(activity.times),
            )
        )
    if not result:
        raise ImporterError("This TCX file holds no activity.")
    return result


def records(data: bytes) -> RecordSeries:
    """Per-point series of the first activity of a TCX file (seconds from its first timed point)."""
    activities = read_activities(data)
    if not activities:
        raise ImporterError("This TCX file holds no activity.")
    activity = activities[0]
    keep = [(i, t) for i, t in enumerate(activity.times) if t is not None]
    if not keep:
        raise ImporterError("This TCX activity has no timed track points.")
    first = keep[0][1]
    factor = cadence_factor(activity.cadence, sport_from_word(activity.sport or "other"))
    return RecordSeries(
        times_s=[(t - first).total_seconds() for _, t in keep],
        distance_m=[activity.distance_m[i] for i, _ in keep],
        altitude_m=[activity.altitude_m[i] for i, _ in keep],
        cadence_spm=[times(activity.cadence[i], factor) for i, _ in keep],
        hr=[activity.hr[i] for i, _ in keep],
    )
