"""The importer's data types: what every decoder returns and the one error type it may raise."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType


class ImporterError(ValueError):
    """A file cannot be imported; ``reason`` says why in plain words for a person."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ParsedActivity:
    """The totals of one activity, as decoded from a file or a Strava CSV row.

    Units: seconds for times, metres for distance and elevation, beats per minute for heart rate,
    steps per minute for cadence (FIT running cadence counts strides and is doubled on decoding).
    ``sport`` is "run", "walk", or the source's own word for anything else.
    """

    sport: str
    start: datetime
    utc_offset_s: int | None
    elapsed_s: float
    moving_time_s: float | None
    distance_m: float
    elevation_gain_m: float | None
    elevation_loss_m: float | None
    avg_hr: float | None
    avg_cadence_spm: float | None
    name: str = ""
    gear: str = ""
    source_format: str = ""
    has_records: bool = False
    warnings: tuple[str, ...] = ()


_NO_OVERRIDES: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class ImportItem:
    """One entry found in the paths given to an import.

    ``read`` returns the (decompressed) bytes of the file and raises ImporterError when they turn out over
    the size limit or damaged; it is None for Strava manual entries, which come pre-parsed in
    ``activities``, and for entries rejected before decoding, which carry ``error``.
    ``overrides`` holds ``sport``, ``name`` and ``gear`` from a Strava ``activities.csv`` row.
    ``skipped`` says why entries that are not activity files (photos, other CSVs) were passed over.
    """

    name: str
    read: Callable[[], bytes] | None = None
    activities: tuple[ParsedActivity, ...] = ()
    overrides: Mapping[str, str] = field(default_factory=lambda: _NO_OVERRIDES)
    error: str = ""
    skipped: str = ""


@dataclass(frozen=True)
class RecordSeries:
    """Per-point samples of one activity, all lists the same length.

    ``times_s`` counts seconds from the first sample; missing values are None. Distance and altitude in
    metres, cadence in steps per minute, heart rate in beats per minute.
    """

    times_s: list[float]
    distance_m: list[float | None]
    altitude_m: list[float | None]
    cadence_spm: list[float | None]
    hr: list[float | None]

    def __len__(self) -> int:
        return len(self.times_s)


class NotAnActivityError(ImporterError):
    """The file is readable but holds no activity (settings, a workout, weight, monitoring): skip it."""
