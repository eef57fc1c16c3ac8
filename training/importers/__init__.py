"""Decoding of activity files (FIT, GPX, TCX, their .gz, zips, folders, Strava and Garmin exports).

Nothing here touches the database: the decoders return plain dataclasses and raise only
:class:`ImporterError`, whose ``reason`` is shown to the person importing. Its subclass
:class:`NotAnActivityError` marks a readable file that holds no activity (settings, workouts, weight,
monitoring): report it as skipped rather than failed.
"""

from __future__ import annotations

from training.importers.archives import iter_import_items
from training.importers.base import ImporterError, ImportItem, NotAnActivityError, ParsedActivity, RecordSeries
from training.importers.records import decode_records
from training.importers.sniff import parse_file

__all__ = [
    "ImportItem",
    "ImporterError",
    "NotAnActivityError",
    "ParsedActivity",
    "RecordSeries",
    "decode_records",
    "iter_import_items",
    "parse_file",
]
