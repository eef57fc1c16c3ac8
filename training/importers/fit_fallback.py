"""FIT decoding with fitdecode, for files the focused reader does not understand, and for track points.

fitdecode runs with ``check_crc=WARN`` and ``processor=None`` (raw integers; the project scales and converts
times itself), so its messages feed the same ``fit_totals`` code as the focused reader.
"""

from __future__ import annotations

import io
import warnings as pywarnings
from collections.abc import Iterator

import fitdecode

from training.importers.base import ImporterError, ParsedActivity
from training.importers.fit_totals import RECORD, WANTED, Segment, build_activities

CRC_MARK = "mismatching CRC in FIT footer"


def frames(data: bytes, caught: list[str]) -> Iterator[object]:
    """Yield fitdecode's frames, turning every decoding failure into ImporterError."""
    try:
        with pywarnings.catch_warnings(record=True) as seen:
            pywarnings.simplefilter("always")
            with fitdecode.FitReader(
                io.BytesIO(data),
                processor=None,
                check_crc=fitdecode.CrcCheck.WARN,
                error_handling=fitdecode.ErrorHandling.WARN,
            ) as reader:
                yield from reader
            caught.extend(str(w.message) for w in seen)
    except fitdecode.FitHeaderError as exc:
        raise ImporterError("This file is not a FIT file: the header is broken.") from exc
    except fitdecode.FitEOFError as exc:
        raise ImporterError("This FIT file is cut short.") from exc
    except fitdecode.FitError as exc:
        raise ImporterError(f"This FIT file is damaged and cannot be read ({exc}).") from exc
    except ImporterError:
        raise
    except Exception as exc:  # fitdecode meets garbage with assorted errors (struct, index, type...)
        raise ImporterError("This FIT file is damaged and cannot be read.") from exc


def read_segments(data: bytes, warnings: list[str]) -> list[Segment]:
    segments: list[Segment] = []
    caught: list[str] = []
    for frame in frames(data, caught):
        if isinstance(frame, fitdecode.FitHeader):
            segments.append(Segment())
        elif isinstance(frame, fitdecode.FitDataMessage) and segments:
            number = frame.global_mesg_num
            if number in WANTED:
                # Only the message's own fields: expanded components and developer fields reuse numbers.
                fields = {
                    f.def_num: f.raw_value
                    for f in frame.fields
                    if f.raw_value is not None
                    and not f.is_expanded
                    and f.field_def is not None
                    and not f.field_def.is_dev
                }
                segments[-1].messages.append((number, fields))
            elif number == RECORD:
                segments[-1].records += 1
    if any(CRC_MARK in message for message in caught):
        warnings.append("The file's checksum does not match; its data decoded, so it was imported anyway.")
    return segments


def parse(data: bytes) -> list[ParsedActivity]:
    """Return the activities of a FIT file decoded by fitdecode (see ``fit.parse``)."""
    warnings: list[str] = []
    return build_activities(read_segments(data, warnings), warnings)
