"""Choose the decoder for one file by its name and first bytes, and check the totals it returns."""

from __future__ import annotations

import zlib
from collections.abc import Callable

import training.importers.fit as fit
import training.importers.gpx as gpx
import training.importers.tcx as tcx
from training.importers.base import ImporterError, ParsedActivity
from training.importers.plausible import check_plausible

#: A decompressed .gz larger than this is refused (a bomb, or not an activity file).
MAX_GZ_BYTES = 256 * 1024 * 1024
GZIP_PIECE = 1024 * 1024


def gunzip(data: bytes, limit: int = MAX_GZ_BYTES, charge: Callable[[int], None] | None = None) -> bytes:
    """Decompress gzip bytes (possibly several members), refusing output past ``limit`` bytes.

    The output is produced a piece at a time (GZIP_PIECE bytes at most) and ``charge`` is called with the
    size of each piece before the next is made, so an import's budget can stop a bomb as it expands; the
    sizes a gzip file writes about itself are never read.
    """
    out = bytearray()
    rest = data
    while rest:
        engine = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = rest
        while not engine.eof:
            try:
                piece = engine.decompress(pending, GZIP_PIECE)
            except zlib.error as exc:
                raise ImporterError("This .gz file is damaged and cannot be decompressed.") from exc
            pending = engine.unconsumed_tail
            if not piece and not pending:
                break  # the input ended before the stream did
            if charge is not None:
                charge(len(piece))
            out += piece
            if len(out) > limit:
                raise ImporterError(f"This .gz file decompresses to more than {limit // (1024 * 1024)} MB.")
        if not engine.eof:
            raise ImporterError("This .gz file is cut short.")
        rest = engine.unused_data.lstrip(b"\0")  # zero padding after the last member is allowed
    return bytes(out)


def kind_of(name: str, data: bytes) -> str:
    """Return fit, gpx or tcx from the file's first bytes, else from its extension; raise ImporterError."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:2048]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 XML: look at its text
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") or b"<?xml" in head[:64]:
        if b"<gpx" in head:
            return "gpx"
        if b"<trainingcenterdatabase" in head:
            return "tcx"
    lowered = name.lower()
    for ext in ("fit", "gpx", "tcx"):
        if lowered.endswith("." + ext):
            if ext == "fit":
                raise ImporterError("This file is not a FIT file: the header is broken.")
            if ext == "gpx":
                raise ImporterError("This file is not a GPX file: it does not start with a <gpx> element.")
            raise ImporterError("This file is not a TCX file: it does not start with a <TrainingCenterDatabase>.")
    raise ImporterError("This is not an activity file this importer reads (FIT, GPX, TCX or their .gz).")


def parse_file(name: str, data: bytes) -> list[ParsedActivity]:
    """Decode one FIT, GPX or TCX file (or its .gz) into one activity per session.

    Raises ImporterError with a plain reason when the file cannot be used. Sessions of sports other than
    running and walking are returned with the source's own sport word; the caller skips them.
    """
    if not data:
        raise ImporterError("The file is empty.")
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
        if name.lower().endswith(".gz"):
            name = name[:-3]
        if not data:
            raise ImporterError("The file is empty once decompressed.")
    kind = kind_of(name, data)
    if kind == "fit":
        activities = fit.parse(data)
    elif kind == "gpx":
        activities = gpx.parse(data)
    else:
        activities = tcx.parse(data)
    if not activities:
        raise ImporterError("The file holds no activity.")
    for activity in activities:
        if activity.sport in ("run", "walk"):  # other sports are skipped anyway, with that as the reason
            check_plausible(activity)
    return activities
