"""A Strava-style bulk export of 1,000 FIT runs (gzip inside zip) imported end to end, in a fresh process.

The export is generated here with numpy (1 Hz records with GPS, heart rate and cadence, noisy so gzip leaves
about 100 MB), then a child process with its own SQLite database imports it through ``import_paths`` (read,
decode totals, write rows and per-file results) and reports the time and its peak resident memory. Record
decoding for charts is queued after the import, off the critical path, and is not part of this time. The
baseline, measured in the same run, is fitdecode's session-only decode of a sample of the same files,
extrapolated to all of them.
"""

from __future__ import annotations

import gzip
import json
import os
import secrets
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from bench.__main__ import Row

RUNS = 1000
SAMPLE = 20
TARGET_S = 20.0
TARGET_MB = 400.0
FIT_EPOCH = 631065600

RECORD = np.dtype(
    [
        ("h", "u1"),
        ("ts", "<u4"),
        ("lat", "<i4"),
        ("lon", "<i4"),
        ("dist", "<u4"),
        ("alt", "<u2"),
        ("hr", "u1"),
        ("cad", "u1"),
    ]
)


def _definition(local: int, global_num: int, fields: list[tuple[int, int, int]]) -> bytes:
    out = struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(fields))
    return out + b"".join(struct.pack("<BBB", *f) for f in fields)


def fit_run(start: datetime, seconds: int, metres: float, rng: np.random.Generator) -> bytes:
    """A FIT activity: file_id, 1 Hz records, a lap, a session and an activity message."""
    from training.importers.fitcrc import crc16

    begin = round(start.timestamp()) - FIT_EPOCH
    end = begin + seconds
    n = seconds + 1
    rec = np.zeros(n, dtype=RECORD)
    rec["ts"] = begin + np.arange(n)
    speed = metres / seconds
    steps = np.clip(speed + rng.normal(0, 0.25, n), 0.5, None)
    dist = np.minimum(np.cumsum(steps) - steps[0], metres)
    rec["dist"] = np.round(dist * 100)
    rec["lat"] = np.round((34.05 + dist / 111_320 + rng.normal(0, 1e-5, n)) * 2**31 / 180)
    rec["lon"] = np.round((-118.24 + rng.normal(0, 1e-5, n)) * 2**31 / 180)
    rec["alt"] = np.round((80 + 15 * np.sin(np.linspace(0, 6, n)) + rng.normal(0, 0.4, n) + 500) * 5)
    rec["hr"] = np.clip(np.round(140 + rng.normal(0, 3, n)), 60, 200)
    rec["cad"] = np.clip(np.round(84 + rng.normal(0, 1.5, n)), 0, 120)
    body = bytearray()
    body += _definition(0, 0, [(0, 1, 0x00), (1, 2, 0x84), (2, 2, 0x84), (4, 4, 0x86)])
    body += struct.pack("<BBHHI", 0, 4, 1, 0, begin)
    body += _definition(1, 20, [(253, 4, 0x86), (0, 4, 0x85), (1, 4, 0x85), (5, 4, 0x86), (2, 2, 0x84),
                                (3, 1, 0x02), (4, 1, 0x02)])  # fmt: skip
    rec["h"] = 1
    body += rec.tobytes()
    lap = [(253, 4, 0x86), (2, 4, 0x86), (7, 4, 0x86), (8, 4, 0x86), (9, 4, 0x86), (25, 1, 0x00), (15, 1, 0x02),
           (17, 1, 0x02), (21, 2, 0x84), (22, 2, 0x84)]  # fmt: skip
    body += _definition(2, 19, lap)
    body += struct.pack("<BIIIIIBBBHH", 2, end, begin, seconds * 1000, seconds * 1000, round(metres * 100), 1, 140,
                        84, 60, 60)  # fmt: skip
    session = [(253, 4, 0x86), (2, 4, 0x86), (7, 4, 0x86), (8, 4, 0x86), (9, 4, 0x86), (5, 1, 0x00),
               (16, 1, 0x02), (18, 1, 0x02), (22, 2, 0x84), (23, 2, 0x84)]  # fmt: skip
    body += _definition(3, 18, session)
    body += struct.pack("<BIIIIIBBBHH", 3, end, begin, seconds * 1000, seconds * 1000, round(metres * 100), 1, 140,
                        84, 60, 60)  # fmt: skip
    body += _definition(4, 34, [(253, 4, 0x86), (0, 4, 0x86), (1, 2, 0x84), (5, 4, 0x86)])
    body += struct.pack("<BIIHI", 4, end, seconds * 1000, 1, end - 7 * 3600)
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", crc16(header))
    data = header + bytes(body)
    return data + struct.pack("<H", crc16(data))


def make_export(path: Path, runs: int = RUNS, seed: int = 11) -> tuple[int, list[bytes]]:
    """Write the export zip; return its size and a sample of the (uncompressed) FIT files for the baseline."""
    from training.tests.fitgen import StravaRun, strava_csv

    rng = np.random.default_rng(seed)
    first = datetime(2021, 1, 4, 14, 0, tzinfo=UTC)
    rows = []
    sample: list[bytes] = []
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(runs):
            seconds = int(rng.integers(75 * 60, 165 * 60))
            metres = seconds / 340 * 1000
            start = first + timedelta(days=i, minutes=int(rng.integers(0, 120)))
            data = fit_run(start, seconds, metres, rng)
            if len(sample) < SAMPLE:
                sample.append(data)
            name = f"activities/{10_000_000_000 + i}.fit.gz"
            archive.writestr(name, gzip.compress(data, compresslevel=6, mtime=0), compress_type=zipfile.ZIP_STORED)
            rows.append((StravaRun(start, metres, seconds, name=f"Run {i}", gear="Pegasus 40"), name))
        archive.writestr("activities.csv", strava_csv(rows), compress_type=zipfile.ZIP_DEFLATED)
    return path.stat().st_size, sample


CHILD = """
import json, resource, sys, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from accounts.models import Role, User
from training.ingest.job import import_paths
from training.models import ImportJob
from pathlib import Path
patient = User.objects.create_user(email="bench@example.org", password="x" * 12, role=Role.PATIENT)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
job = import_paths(ImportJob.objects.create(patient=patient), [Path(sys.argv[1])], decode_records=False)
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"elapsed": elapsed, "peak_kb": peak, "before_kb": before, "imported": job.imported,
                  "failed": job.failed, "duplicates": job.duplicates}))
"""


def import_in_child(export: Path, var_dir: Path) -> dict[str, float]:
    # Production mode, as a deployed worker runs: with DEBUG on Django would also log every SQL query.
    env = {
        **os.environ,
        "KNEECAP_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "kneecap.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "localhost",
    }
    env.pop("REDIS_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(export)], env=env, capture_output=True, text=True, check=True, timeout=600
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def fitdecode_session_only(files: list[bytes]) -> float:
    import io

    import fitdecode

    t0 = time.perf_counter()
    for data in files:
        with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.WARN, processor=None) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                    break
    return time.perf_counter() - t0


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="kneecap-bench-export-") as scratch:
        folder = Path(scratch)
        t0 = time.perf_counter()
        size, sample = make_export(folder / "export_strava.zip")
        made_s = time.perf_counter() - t0
        result = import_in_child(folder / "export_strava.zip", folder / "var")
        baseline_s = fitdecode_session_only(sample) * RUNS / len(sample)
    elapsed, peak_mb = result["elapsed"], result["peak_kb"] / 1024
    ok = elapsed < TARGET_S and peak_mb < TARGET_MB and result["imported"] == RUNS
    return [
        Row(
            name=f"Strava export, {RUNS:,} FIT runs ({size / 1e6:.0f} MB, .fit.gz in zip), end to end",
            result=f"{elapsed:.1f} s, peak {peak_mb:.0f} MB RSS",
            baseline=f"{baseline_s:.0f} s (fitdecode session-only, from {len(sample)} files)",
            note=f"targets < {TARGET_S:.0f} s and < {TARGET_MB:.0f} MB: {'met' if ok else 'MISSED'}; "
            f"{int(result['imported'])} imported, {int(result['failed'])} failed; "
            f"{baseline_s / elapsed:.0f}x the baseline; export made in {made_s:.0f} s",
        )
    ]
