"""Importer speed: the FIT summary reader against fitdecode, GPX import against gpxpy, on the same files.

Files come from ../shared/corpus when it exists (only those both sides read), else from the test generator.
"""

from __future__ import annotations

import gc
import gzip
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fitdecode
import gpxpy

from bench.__main__ import Row
from training.importers import ImporterError, parse_file
from training.importers.fit import parse as fit_summary

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
START = datetime(2025, 3, 1, 7, 0, tzinfo=UTC)


def _fitdecode_sessions(data: bytes) -> int:
    """fitdecode reading only the session messages (it still decodes every message to get there)."""
    count = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with fitdecode.FitReader(data, processor=None, check_crc=fitdecode.CrcCheck.WARN) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                    count += 1
    return count


def _fit_files() -> tuple[list[bytes], str]:
    paths = sorted((CORPUS / "fit").glob("*")) if (CORPUS / "fit").is_dir() else []
    files = []
    for path in paths:
        if path.suffix.lower() != ".fit":
            continue
        data = path.read_bytes()
        try:
            _fitdecode_sessions(data)
            fit_summary(data)
        except (ImporterError, fitdecode.FitError):
            continue
        files.append(data)
    if files:
        return files, "corpus"
    from training.tests.fitgen import make_fit_run_raw

    runs = [make_fit_run_raw(START + timedelta(days=i), 8_000 + 100 * i, 2_400 + 30 * i) for i in range(20)]
    return runs, "generated"


def _gpx_files() -> tuple[list[bytes], str]:
    paths = sorted((CORPUS / "gpx").glob("*.gpx")) if (CORPUS / "gpx").is_dir() else []
    files = []
    for path in paths:
        data = path.read_bytes()
        try:
            parse_file(path.name, data)
            gpxpy.parse(data.decode("utf-8-sig"))
        except Exception:  # keep only the files both sides read
            continue
        files.append(data)
    if files:
        return files, "corpus"
    from training.tests.fitgen import make_gpx_run

    runs = [make_gpx_run(START + timedelta(days=i), 8_000, 2_400, interval_s=1) for i in range(10)]
    return runs, "generated"


def _best(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()  # start each side from the same clean heap (earlier benchmarks leave garbage behind)
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def _rate(size: int, seconds: float) -> str:
    return f"{size / 1e6 / seconds:,.1f} MB/s ({seconds * 1000:,.1f} ms)"


def run() -> list[Row]:
    rows = []
    fits, origin = _fit_files()
    size = sum(len(d) for d in fits)
    ours = _best(lambda: [fit_summary(d) for d in fits], 5)
    theirs = _best(lambda: [_fitdecode_sessions(d) for d in fits], 1)
    rows.append(
        Row(
            f"FIT summary read, {len(fits)} {origin} files, {size / 1e6:.1f} MB",
            _rate(size, ours),
            f"fitdecode session-only: {_rate(size, theirs)}",
            f"{theirs / ours:,.0f}x faster (target >= 50x)",
        )
    )
    packed = [gzip.compress(d) for d in fits]
    ours_gz = _best(lambda: [parse_file("a.fit.gz", d) for d in packed], 3)
    rows.append(
        Row(
            "FIT import from .fit.gz (decompress, summary, checks)",
            _rate(size, ours_gz),
            f"fitdecode session-only: {_rate(size, theirs)}",
            f"{theirs / ours_gz:,.0f}x faster",
        )
    )
    gpxs, origin = _gpx_files()
    size = sum(len(d) for d in gpxs)
    ours = _best(lambda: [parse_file("a.gpx", d) for d in gpxs], 5)
    theirs = _best(lambda: [gpxpy.parse(d.decode("utf-8-sig")) for d in gpxs], 5)
    rows.append(
        Row(
            f"GPX import (totals), {len(gpxs)} {origin} files, {size / 1e6:.1f} MB",
            _rate(size, ours),
            f"gpxpy parse only: {_rate(size, theirs)}",
            f"{theirs / ours:,.1f}x faster (target >= 5x)",
        )
    )
    return rows
