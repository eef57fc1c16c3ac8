"""FIT import end to end (read, decode the totals, checks, write the rows, results and source copies) against
fitdecode's session-only decode of exactly the same files, both measured in full in the same run.

The files are the 1 Hz runs of the export benchmark (GPS, heart rate, cadence), written as plain .fit files
in a folder. A child process with its own SQLite database imports the folder through ``import_paths``, as
the CLI and the web import do; record decoding for charts is queued after the import and is not part of this
time. The baseline decodes every file with fitdecode until its session message, as an importer built on it
would have to.
"""

from __future__ import annotations

import gc
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from bench.__main__ import Row
from bench.bench_export import fit_run, fitdecode_session_only, import_in_child

FILES = 240
TARGET_X = 50.0


def make_files(folder: Path, count: int = FILES, seed: int = 5) -> list[bytes]:
    """Write COUNT FIT runs (45 to 105 minutes) into FOLDER and return their bytes."""
    rng = np.random.default_rng(seed)
    first = datetime(2022, 3, 7, 6, 30, tzinfo=UTC)
    files = []
    for i in range(count):
        seconds = int(rng.integers(45 * 60, 105 * 60))
        data = fit_run(first + timedelta(days=i), seconds, seconds / 330 * 1000, rng)
        (folder / f"run-{i:04d}.fit").write_bytes(data)
        files.append(data)
    return files


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="kneecap-bench-fit-import-") as scratch:
        folder = Path(scratch) / "fit"
        folder.mkdir()
        files = make_files(folder)
        size = sum(len(d) for d in files)
        result = import_in_child(folder, Path(scratch) / "var")
        gc.collect()
        baseline_s = fitdecode_session_only(files)
    elapsed = result["elapsed"]
    ratio = baseline_s / elapsed
    return [
        Row(
            name=f"FIT import end to end (read, compute, write), {FILES} files, {size / 1e6:.0f} MB",
            result=f"{elapsed:.2f} s ({size / 1e6 / elapsed:,.0f} MB/s)",
            baseline=f"{baseline_s:.1f} s (fitdecode session-only, all {FILES} files)",
            note=f"{ratio:,.0f}x faster (target >= {TARGET_X:.0f}x: {'met' if ratio >= TARGET_X else 'MISSED'}); "
            f"{int(result['imported'])} imported, {int(result['failed'])} failed",
        )
    ]
