"""Per-point series (time, distance, altitude, cadence, heart rate) for charts and missing totals.

Not on the import's critical path: the caller runs it in a background task after the import. FIT goes
through fitdecode (``check_crc=WARN``, ``processor=None``; timestamps stay FIT seconds and are converted here),
GPX and TCX through the same iterparse readers as their totals.
"""

from __future__ import annotations

import training.importers.gpx as gpx
import training.importers.tcx as tcx
from training.importers.base import ImporterError, RecordSeries
from training.importers.fit_fallback import frames
from training.importers.fit_totals import LAP, RECORD, SESSION, SPORT
from training.importers.sniff import gunzip, kind_of

_ALTITUDES = ("enhanced_altitude", "altitude")


def decode_records(name: str, data: bytes) -> RecordSeries:
    """Decode the track points of a FIT, GPX or TCX file (or its .gz); raise ImporterError when none are usable.

    ``times_s`` counts seconds from the first point; distance and altitude in metres; cadence in steps per
    minute (FIT running and walking cadence, counted in strides, is doubled); heart rate in beats per minute.
    """
    if not data:
        raise ImporterError("The file is empty.")
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
        name = name[:-3] if name.lower().endswith(".gz") else name
    kind = kind_of(name, data)
    if kind == "gpx":
        return gpx.records(data)
    if kind == "tcx":
        return tcx.records(data)
    return _fit_records(data)


def _fit_records(data: bytes) -> RecordSeries:
    points: list[tuple[float, float | None, float | None, float | None, float | None]] = []
    sports: set[int] = set()
    for frame in frames(data, []):
        number = getattr(frame, "global_mesg_num", None)
        if number in (SESSION, SPORT, LAP):
            sport = _field(frame, "sport", raw=True)
            if isinstance(sport, int):
                sports.add(sport)
        if number != RECORD:
            continue
        stamp = _field(frame, "timestamp")
        if not isinstance(stamp, int):
            continue
        altitude = next((v for v in (_number(frame, n) for n in _ALTITUDES) if v is not None), None)
        cadence = _number(frame, "cadence")
        fraction = _number(frame, "fractional_cadence")
        if cadence is not None and fraction is not None:
            cadence += fraction
        points.append((float(stamp), _number(frame, "distance"), altitude, cadence, _number(frame, "heart_rate")))
    if not points:
        raise ImporterError("This FIT file has no timed track points.")
    running = bool(sports & {1, 11})
    factor = 2.0 if running else 1.0
    first = points[0][0]
    return RecordSeries(
        times_s=[p[0] - first for p in points],
        distance_m=[p[1] for p in points],
        altitude_m=[p[2] for p in points],
        cadence_spm=[None if p[3] is None else p[3] * factor for p in points],
        hr=[p[4] for p in points],
    )


def _field(frame: object, name: str, *, raw: bool = False) -> object:
    """A field's value (scaled by fitdecode, times left as FIT seconds) or, with ``raw``, its raw integer."""
    for item in getattr(frame, "fields", ()):
        if item.name == name:
            return item.raw_value if raw else item.value
    return None


def _number(frame: object, name: str) -> float | None:
    value = _field(frame, name)
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        return float(value)
    return None
