"""Turn the few FIT messages the import needs (file_id, sport, session, lap, activity) into activities.

Both FIT readers (the focused one in ``fit`` and the fitdecode fallback) hand this module the same thing:
for each chained FIT file, its messages as ``(global message number, {field number: raw value})`` with the
raw, unscaled integers of the FIT profile, so the two agree by construction on everything but decoding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from training.importers.base import ImporterError, NotAnActivityError, ParsedActivity

FILE_ID, SPORT, SESSION, LAP, RECORD, ACTIVITY = 0, 12, 18, 19, 20, 34
#: Global message numbers whose fields are decoded; every other message is skipped unread.
WANTED = frozenset({FILE_ID, SPORT, SESSION, LAP, ACTIVITY})
#: Field numbers the import reads, per message; only these must have a size this reader understands.
USED_FIELDS: dict[int, frozenset[int]] = {
    FILE_ID: frozenset({0, 4}),
    SPORT: frozenset({0}),
    SESSION: frozenset({2, 5, 7, 8, 9, 16, 18, 22, 23, 92, 253}),
    LAP: frozenset({2, 7, 8, 9, 15, 17, 21, 22, 25, 253}),
    ACTIVITY: frozenset({5, 253}),
}
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
#: FIT times below this count seconds since the device was switched on, not since the FIT epoch.
MIN_ABSOLUTE_TIME = 0x10000000

SPORTS = {
    0: "generic", 1: "running", 2: "cycling", 3: "transition", 4: "fitness_equipment", 5: "swimming",
    6: "basketball", 7: "soccer", 8: "tennis", 9: "american_football", 10: "training", 11: "walking",
    12: "cross_country_skiing", 13: "alpine_skiing", 14: "snowboarding", 15: "rowing", 16: "mountaineering",
    17: "hiking", 18: "multisport", 19: "paddling", 20: "flying", 21: "e_biking", 22: "motorcycling",
    23: "boating", 24: "driving", 25: "golf", 26: "hang_gliding", 27: "horseback_riding", 28: "hunting",
    29: "fishing", 30: "inline_skating", 31: "rock_climbing", 32: "sailing", 33: "ice_skating",
    34: "sky_diving", 35: "snowshoeing", 36: "snowmobiling", 37: "stand_up_paddleboarding", 38: "surfing",
    39: "wakeboarding", 40: "water_skiing", 41: "kayaking", 42: "rafting", 43: "windsurfing", 44: "kitesurfing",
    45: "tactical", 46: "jumpmaster", 47: "boxing", 48: "floor_climbing", 53: "diving",
}  # fmt: skip
FILE_TYPES = {
    1: "device", 2: "settings", 3: "sport settings", 4: "activity", 5: "workout", 6: "course", 7: "schedules",
    9: "weight", 10: "totals", 11: "goals", 14: "blood pressure", 15: "monitoring", 20: "activity summary",
    28: "daily monitoring", 32: "monitoring", 34: "segment", 35: "segment list", 40: "exercise title",
}  # fmt: skip

Fields = dict[int, object]


@dataclass
class Segment:
    """The wanted messages of one FIT file of a chain, in file order, and how many records it holds."""

    messages: list[tuple[int, Fields]] = field(default_factory=list)
    records: int = 0


def fit_time(raw: int) -> datetime:
    return FIT_EPOCH + timedelta(seconds=raw)


def sport_word(sport: int | None) -> str:
    """Return "run", "walk", or the FIT profile's name for any other sport."""
    if sport == 1:
        return "run"
    if sport == 11:
        return "walk"
    if sport is None:
        return "generic"
    return SPORTS.get(sport, f"sport {sport}")


def _int(fields: Fields, num: int) -> int | None:
    value = fields.get(num)
    return value if isinstance(value, int) else None


def _scaled(fields: Fields, num: int, scale: float) -> float | None:
    value = _int(fields, num)
    return None if value is None else value / scale


def build_activities(segments: list[Segment], warnings: list[str]) -> list[ParsedActivity]:
    """Return one activity per session of every chained file (laps stand in when a file has no session)."""
    activities: list[ParsedActivity] = []
    file_types: list[int] = []
    for segment in segments:
        file_type = next((_int(f, 0) for num, f in segment.messages if num == FILE_ID), None)
        if file_type is not None:
            file_types.append(file_type)
        activities.extend(_segment_activities(segment, warnings))
    if activities:
        return activities
    other = next((t for t in file_types if t != 4), None)
    if other is not None:
        kind = FILE_TYPES.get(other, f"type {other}")
        raise NotAnActivityError(f"This FIT file holds {kind} data, not an activity.")
    if any(s.records for s in segments):
        raise NotAnActivityError("This FIT file has track points but no totals (no session or lap).")
    raise ImporterError("This FIT file holds no activity.")


def _segment_activities(segment: Segment, warnings: list[str]) -> list[ParsedActivity]:
    sessions = [f for num, f in segment.messages if num == SESSION]
    laps = [f for num, f in segment.messages if num == LAP]
    sports = [f for num, f in segment.messages if num == SPORT]
    activity = next((f for num, f in segment.messages if num == ACTIVITY), {})
    file_id = next((f for num, f in segment.messages if num == FILE_ID), {})
    offset = _utc_offset(activity)
    summaries: list[tuple[Fields, bool]] = [(s, False) for s in sessions]
    if not summaries and laps:
        summaries = [(_laps_as_session(laps), True)]
    result = []
    for index, (summary, from_laps) in enumerate(summaries):
        sport = _int(summary, 5)
        if sport is None and index < len(sports):
            sport = _int(sports[index], 0)
        if sport is None and len(sports) == 1:
            sport = _int(sports[0], 0)
        word = sport_word(sport)
        notes = list(warnings)
        if from_laps:
            notes.append("The file has no session totals; they were added up from its laps.")
        start = _start(summary, activity, file_id, notes)
        elapsed = _scaled(summary, 7, 1000)
        timer = _scaled(summary, 8, 1000)
        if elapsed is None:
            elapsed = timer
        if elapsed is None:
            raise ImporterError("This FIT file's totals have no duration.")
        distance = _scaled(summary, 9, 100)
        if distance is None:
            distance = 0.0
            notes.append("The file's totals have no distance.")
        cadence = _int(summary, 18)
        fraction = _int(summary, 92)
        cadence_spm: float | None = None
        if cadence is not None:
            cadence_spm = cadence + (fraction / 128 if fraction is not None else 0.0)
            if word in ("run", "walk"):
                cadence_spm *= 2  # FIT counts running cadence in strides (one foot) per minute
        result.append(
            ParsedActivity(
                sport=word,
                start=start,
                utc_offset_s=offset,
                elapsed_s=elapsed,
                moving_time_s=timer,
                distance_m=distance,
                elevation_gain_m=_scaled(summary, 22, 1),
                elevation_loss_m=_scaled(summary, 23, 1),
                avg_hr=_scaled(summary, 16, 1),
                avg_cadence_spm=cadence_spm,
                source_format="fit",
                has_records=segment.records > 0,
                warnings=tuple(notes),
            )
        )
    return result


def _laps_as_session(laps: list[Fields]) -> Fields:
    """Add laps up into session-numbered fields (lap field numbers differ from session ones)."""

    def total(num: int) -> int | None:
        values = [v for v in (_int(lap, num) for lap in laps) if v is not None]
        return sum(values) if values else None

    def weighted(num: int) -> int | None:
        pairs = [(_int(lap, num), _int(lap, 8) or 0) for lap in laps]
        pairs = [(v, w) for v, w in pairs if v is not None]
        weight = sum(w for _, w in pairs)
        if not pairs or not weight:
            return None
        return round(sum((v or 0) * w for v, w in pairs) / weight)

    first = laps[0]
    return {
        2: _int(first, 2),
        253: _int(laps[-1], 253),
        5: _int(first, 25),
        7: total(7),
        8: total(8),
        9: total(9),
        22: total(21),
        23: total(22),
        16: weighted(15),
        18: weighted(17),
    }


def _start(summary: Fields, activity: Fields, file_id: Fields, notes: list[str]) -> datetime:
    raw = _int(summary, 2)
    if raw is None:
        end, elapsed = _int(summary, 253), _int(summary, 7)
        raw = end - elapsed // 1000 if end is not None and elapsed is not None else _int(file_id, 4)
    if raw is None:
        raise ImporterError("This FIT file does not say when the activity started.")
    if raw >= MIN_ABSOLUTE_TIME:
        return fit_time(raw)
    # The clock was never set: the activity message's local time, when real, dates the run.
    local, stamp = _int(activity, 5), _int(activity, 253)
    if local is not None and stamp is not None and local >= MIN_ABSOLUTE_TIME and stamp >= raw:
        notes.append("The device clock was not set; the start time was estimated from the device's local time.")
        return fit_time(local - (stamp - raw))
    raise ImporterError("The device clock was not set, so this activity's start time is unknown.")


def _utc_offset(activity: Fields) -> int | None:
    local, stamp = _int(activity, 5), _int(activity, 253)
    if local is None or stamp is None or stamp < MIN_ABSOLUTE_TIME or local < MIN_ABSOLUTE_TIME:
        return None
    offset = round((local - stamp) / 900) * 900  # time zones are whole quarter hours
    return offset if abs(offset) <= 14 * 3600 else None
