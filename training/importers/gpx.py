"""GPX 1.0 and 1.1 tracks: lxml iterparse matching tags by local name (any namespace, or none)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from training.importers.base import ImporterError, ParsedActivity, RecordSeries
from training.importers.geo import (
    cadence_factor,
    elevation_gain_loss,
    mean,
    moving_seconds,
    steps_per_minute,
    times,
    track_steps,
)
from training.importers.sports import sport_from_word
from training.importers.xmlsafe import clear, iterparse, local, number, parse_time, text, utc_offset

EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)


@dataclass
class Track:
    """The points of a GPX file; one list per quantity, all the same length. Times in Unix seconds, NaN if none."""

    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    altitude_m: list[float | None] = field(default_factory=list)
    hr: list[float | None] = field(default_factory=list)
    cadence: list[float | None] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # index of the first point of each segment
    sport: str = ""
    name: str = ""
    saw_route: bool = False
    first_time: str = ""  # as written, for the device's UTC offset when it has one

    def distances(self) -> npt.NDArray[np.float64]:
        """Metres from the first point, not counting the gaps between segments."""
        return np.concatenate([[0.0], np.cumsum(track_steps(self.lats, self.lons, self.breaks))])


def read_track(data: bytes) -> Track:
    """Read every track point of a GPX file."""
    track = Track()
    names: dict[object, str] = {}  # full tag -> local name, so each namespace is split once
    time_texts: list[str | None] = []
    for element in iterparse(data, "GPX", ("trkpt", "trkseg", "type", "name", "rtept")):
        tag = names.get(element.tag) or names.setdefault(element.tag, local(element.tag))
        if tag == "trkpt":
            lat, lon = number(element.get("lat")), number(element.get("lon"))
            if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                clear(element)
                continue
            moment = altitude = hr = cadence = None
            for child in element:
                name = names.get(child.tag) or names.setdefault(child.tag, local(child.tag))
                if name == "time":
                    moment = child.text
                elif name == "ele":
                    altitude = number(child.text)
                elif name == "extensions":
                    for item in child.iter():
                        item_name = local(item.tag)
                        if item_name == "hr":
                            hr = number(item.text)
                        elif item_name in ("cad", "cadence"):
                            cadence = number(item.text)
            track.lats.append(lat)
            track.lons.append(lon)
            time_texts.append(moment)
            track.altitude_m.append(altitude)
            track.hr.append(hr)
            track.cadence.append(cadence)
            element.clear()
            if len(time_texts) % 256 == 0:  # drop the cleared points in batches, so memory stays flat
                parent = element.getparent()
                if parent is not None:
                    del parent[: parent.index(element)]
        elif tag == "trkseg":
            track.breaks.append(len(track.lats))  # where the next segment starts: no distance across the gap
            clear(element)
        elif tag == "rtept":
            track.saw_route = True
        else:
            parent = element.getparent()
            if parent is not None and local(parent.tag) == "trk":
                if tag == "type" and not track.sport:
                    track.sport = text(element)
                elif tag == "name" and not track.name:
                    track.name = text(element)
    track.times = parse_times(time_texts)
    track.first_time = next((t.strip() for t in time_texts if t and parse_time(t.strip())), "")
    return track


def parse_times(texts: list[str | None]) -> list[float]:
    """Unix seconds of ISO 8601 times (NaN where missing or unreadable), all at once when they end in Z."""
    stripped = [t.strip() if t else "" for t in texts]
    if stripped and all(t.endswith("Z") for t in stripped):
        try:
            stamps = np.array([t[:-1] for t in stripped], dtype="datetime64[ms]")
        except ValueError:
            pass
        else:
            seconds: list[float] = (stamps.astype(np.int64) / 1000.0).tolist()
            return seconds
    result = []
    for value in stripped:
        moment = parse_time(value)
        result.append(math.nan if moment is None else moment.timestamp())
    return result


def parse(data: bytes) -> list[ParsedActivity]:
    """Return the one activity of a GPX file: all its tracks together, timed by their first and last times."""
    track = read_track(data)
    if not track.lats:
        if track.saw_route:
            raise ImporterError("This GPX file holds a planned route, not a recorded track.")
        raise ImporterError("This GPX file has no track points.")
    stamps = np.asarray(track.times, dtype=np.float64)
    timed = stamps[~np.isnan(stamps)]
    if len(timed) < 2:
        raise ImporterError("This GPX track has no times, so its date and duration are unknown.")
    start, end = datetime.fromtimestamp(timed[0], UTC), datetime.fromtimestamp(timed[-1], UTC)
    if start < EARLIEST:
        raise ImporterError(f"The times in this GPX file are not plausible (it starts in {start.year}).")
    if end <= start:
        raise ImporterError("The times in this GPX file do not move forward.")
    warnings = []
    if len(timed) < len(stamps):
        warnings.append(f"{len(stamps) - len(timed)} of {len(stamps)} points have no time.")
    sport = sport_from_word(track.sport) if track.sport else "run"
    if not track.sport:
        warnings.append("The file does not say which sport it is; it was taken as a run.")
    steps = track_steps(track.lats, track.lons, track.breaks)
    gain, loss = elevation_gain_loss(track.altitude_m)
    hr = mean(track.hr)
    return [
        ParsedActivity(
            sport=sport,
            start=start,
            utc_offset_s=utc_offset(track.first_time),
            elapsed_s=round(float(timed[-1] - timed[0]), 3),
            moving_time_s=round(moving_seconds(steps, stamps), 1),
            distance_m=round(float(steps.sum()), 1),
            elevation_gain_m=gain,
            elevation_loss_m=loss,
            avg_hr=None if hr is None else round(hr, 1),
            avg_cadence_spm=steps_per_minute(track.cadence, sport),
            name=track.name,
            source_format="gpx",
            has_records=True,
            warnings=tuple(warnings),
        )
    ]


def records(data: bytes) -> RecordSeries:
    """Per-point series of a GPX file (seconds from the first timed point)."""
    track = read_track(data)
    keep = [i for i, t in enumerate(track.times) if not math.isnan(t)]
    if not keep:
        raise ImporterError("This GPX track has no times.")
    first = track.times[keep[0]]
    distances = track.distances()
    factor = cadence_factor(track.cadence, sport_from_word(track.sport) if track.sport else "run")
    return RecordSeries(
        times_s=[track.times[i] - first for i in keep],
        distance_m=[float(distances[i]) for i in keep],
        altitude_m=[track.altitude_m[i] for i in keep],
        cadence_spm=[times(track.cadence[i], factor) for i in keep],
        hr=[track.hr[i] for i in keep],
    )
