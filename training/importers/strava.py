"""Strava's bulk export: ``activities.csv`` read by column position, joined to files on ``Filename``.

Column names repeat (``Distance`` twice: first in the athlete's unit, km or miles, then in metres; also
``Elapsed Time``, ``Max Heart Rate``, ``Relative Effort``, ``Commute``), older exports wrap some names in
HTML for missing translations, dates look like ``Oct 6, 2022, 11:19:20 PM`` (UTC), descriptions hold
newlines. Columns are found by name once (HTML stripped, the n-th occurrence where names repeat) and every
row is then read by position.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from training.importers.base import ImporterError, ParsedActivity
from training.importers.plausible import check_plausible
from training.importers.sports import sport_from_word

_TAG = re.compile(r"<[^>]*>")
_DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%b %d, %Y %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class StravaRow:
    """One row of activities.csv: its file (empty for a manual entry), its overrides, and its own totals."""

    number: int  # data row, 1 for the first activity (descriptions may span several lines)
    filename: str
    overrides: dict[str, str]
    activity: ParsedActivity | None
    error: str = ""


def clean_header(name: str) -> str:
    return " ".join(_TAG.sub("", name).split())


@dataclass(frozen=True)
class _Columns:
    positions: dict[tuple[str, int], int]

    @classmethod
    def from_header(cls, header: list[str]) -> _Columns:
        positions: dict[tuple[str, int], int] = {}
        seen: dict[str, int] = {}
        for index, raw in enumerate(header):
            name = clean_header(raw)
            occurrence = seen.get(name, 0) + 1
            seen[name] = occurrence
            positions[(name, occurrence)] = index
        return cls(positions)

    def get(self, row: list[str], name: str, occurrence: int = 1) -> str:
        index = self.positions.get((name, occurrence))
        if index is None or index >= len(row):
            return ""
        return row[index].strip()


def parse_date(value: str) -> datetime | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _number(value: str) -> float | None:
    try:
        result = float(value.replace(",", "")) if value else None
    except ValueError:
        return None
    return result if result is not None and result == result else None


def read_activities_csv(data: bytes) -> list[StravaRow]:
    """Parse a Strava ``activities.csv``; raise ImporterError when it is not one."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImporterError("activities.csv is not UTF-8 text.") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        columns = _Columns.from_header(header)
        if ("Activity Date", 1) not in columns.positions or ("Filename", 1) not in columns.positions:
            raise ImporterError("activities.csv lacks the Activity Date and Filename columns of a Strava export.")
        rows = [row for row in reader if any(cell.strip() for cell in row)]
        return [_row(columns, row, number) for number, row in enumerate(rows, start=1)]
    except csv.Error as exc:
        raise ImporterError(f"activities.csv is not valid CSV ({exc}).") from exc


def _row(columns: _Columns, row: list[str], number: int) -> StravaRow:
    sport_word = columns.get(row, "Activity Type")
    sport = sport_from_word(sport_word) if sport_word else ""
    name = columns.get(row, "Activity Name")
    gear = columns.get(row, "Activity Gear")
    filename = columns.get(row, "Filename")
    overrides = {key: value for key, value in (("sport", sport), ("name", name), ("gear", gear)) if value}
    if filename:
        return StravaRow(number, filename, overrides, None)
    start = parse_date(columns.get(row, "Activity Date"))
    if start is None:
        return StravaRow(number, "", overrides, None, "The Activity Date of this manual entry cannot be read.")
    elapsed = _number(columns.get(row, "Elapsed Time", 2)) or _number(columns.get(row, "Elapsed Time"))
    if not elapsed:
        return StravaRow(number, "", overrides, None, "This manual entry has no elapsed time.")
    warnings: tuple[str, ...] = ()
    distance = _number(columns.get(row, "Distance", 2))
    if distance is None:
        first = _number(columns.get(row, "Distance"))
        distance = (first or 0.0) * 1000
        if first:
            warnings = ("The distance in metres was missing; the first Distance column was taken as kilometres.",)
    cadence = _number(columns.get(row, "Average Cadence"))
    if cadence and sport in ("run", "walk") and cadence < 130:
        cadence *= 2  # Strava stores running cadence in strides per minute
    activity = ParsedActivity(
        sport=sport or "other",
        start=start,
        utc_offset_s=None,
        elapsed_s=elapsed,
        moving_time_s=_number(columns.get(row, "Moving Time")),
        distance_m=round(distance, 1),
        elevation_gain_m=_number(columns.get(row, "Elevation Gain")),
        elevation_loss_m=_number(columns.get(row, "Elevation Loss")),
        avg_hr=_number(columns.get(row, "Average Heart Rate")),
        avg_cadence_spm=cadence or None,
        name=name,
        gear=gear,
        source_format="strava_csv",
        warnings=warnings,
    )
    if activity.sport in ("run", "walk"):
        try:
            check_plausible(activity)
        except ImporterError as exc:
            return StravaRow(number, "", overrides, None, exc.reason)
    return StravaRow(number, "", overrides, activity)
