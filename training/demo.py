"""Demo running history: several months of runs written as real GPX files and imported through the importer.

Both demo patients get about 20 weeks of running, two pairs of shoes (one near its reminder distance), pain
scores after runs, and one long-run spike three weeks ago. Loading again replaces the demo runs with a fresh
history ending today, so it never adds duplicates.
"""

from __future__ import annotations

import math
import random
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from training.ingest.job import import_paths
from training.models import Activity, ImportJob, Shoe, Surface

DEMO_FOLDER = "demo-history"
DEMO_PREFIX = f"{DEMO_FOLDER}/"
LA = ZoneInfo("America/Los_Angeles")
HOME = (34.0522, -118.2437)
NEAR_LIMIT_M = 672_000.0


@dataclass(frozen=True)
class PlannedRun:
    day: date
    km: float
    pace_s_per_km: float
    hilly: bool
    trail: bool
    cadence_spm: float
    pain_after: int | None


def gpx_run(
    start: datetime,
    km: float,
    *,
    pace_s_per_km: float = 360.0,
    step_s: int = 10,
    hills_m: float = 15.0,
    cadence_spm: float = 166.0,
    sport: str = "running",
    name: str = "Morning run",
    seed: int = 0,
) -> bytes:
    """A GPX 1.1 track of a loop run from START (aware), with elevation, heart rate and Garmin cadence
    (strides per minute, as watches write it). Distances in km, pace in seconds per km."""
    rng = random.Random(seed)
    seconds = int(km * pace_s_per_km)
    radius_m = km * 1000 / (2 * math.pi)
    lat0, lon0 = HOME[0] + rng.uniform(-0.05, 0.05), HOME[1] + rng.uniform(-0.05, 0.05)
    points = []
    for t in range(0, seconds + 1, step_s):
        angle = 2 * math.pi * t / seconds
        dlat = radius_m * math.sin(angle) / 111_320
        dlon = radius_m * (1 - math.cos(angle)) / (111_320 * math.cos(math.radians(lat0)))
        ele = 80 + hills_m * math.sin(3 * angle) + rng.uniform(-0.3, 0.3)
        hr = 135 + 15 * math.sin(angle / 2) + rng.uniform(-2, 2)
        cad = cadence_spm / 2 + rng.uniform(-1.5, 1.5)
        when = (start + timedelta(seconds=t)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(
            f'<trkpt lat="{lat0 + dlat:.6f}" lon="{lon0 + dlon:.6f}"><ele>{ele:.1f}</ele><time>{when}</time>'
            f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr:.0f}</gpxtpx:hr>"
            f"<gpxtpx:cad>{cad:.0f}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="kneecap demo" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><name>{name}</name><type>{sport}</type><trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()


def plan(today: date, *, seed: int, weeks: int = 20, base_km: float = 6.0) -> list[PlannedRun]:
    """Three to four runs a week building slowly, with a long run on Sundays and one jump three weeks ago."""
    rng = random.Random(seed)
    first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    spike_sunday = today - timedelta(days=today.weekday()) - timedelta(weeks=3) + timedelta(days=6)
    runs: list[PlannedRun] = []
    longest = base_km * 1.6
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        easy = base_km + week * 0.12
        for offset in (1, 3, 6) + ((4,) if week % 2 else ()):
            day = monday + timedelta(days=offset)
            if day > today:
                continue
            km = easy + rng.uniform(-1, 1)
            if offset == 6:
                km = longest = min(longest * 1.04, base_km * 2.6)
                if day == spike_sunday:
                    km = longest * 1.55
            cadence = 164 + min(week, 14) * 0.5 + rng.uniform(-2, 2)
            pain = None if rng.random() < 0.25 else max(0, min(10, round(2 + rng.uniform(-1.5, 1.5))))
            if day in (spike_sunday, spike_sunday + timedelta(days=2)):
                pain = 5
            runs.append(
                PlannedRun(
                    day=day,
                    km=round(km, 2),
                    pace_s_per_km=rng.uniform(340, 390) + (20 if offset == 6 else 0),
                    hilly=offset == 3,
                    trail=offset == 4,
                    cadence_spm=cadence,
                    pain_after=pain,
                )
            )
    return runs


def _load_patient(email: str, *, seed: int, base_km: float) -> None:
    patient = User.objects.filter(email=email).first()
    if patient is None:
        return
    today = timezone.localdate()
    with transaction.atomic():
        Activity.objects.filter(patient=patient, source_file__startswith=DEMO_PREFIX).delete()
        road, _ = Shoe.objects.update_or_create(
            patient=patient,
            name="Daily trainers",
            defaults={
                "brand": "Brooks",
                "model": "Ghost 15",
                "first_used": today - timedelta(weeks=40),
                "default_surface": Surface.ROAD,
            },
        )
        Shoe.objects.filter(patient=patient, is_default=True).exclude(pk=road.pk).update(is_default=False)
        road.is_default = True
        road.save(update_fields=["is_default"])
        trail, _ = Shoe.objects.update_or_create(
            patient=patient,
            name="Trail shoes",
            defaults={
                "brand": "Salomon",
                "model": "Speedcross 6",
                "first_used": today - timedelta(weeks=12),
                "default_surface": Surface.TRAIL,
            },
        )
    runs = plan(today, seed=seed, base_km=base_km)
    pains: dict[str, tuple[int | None, bool]] = {}
    with tempfile.TemporaryDirectory(prefix="kneecap-demo-") as scratch:
        folder = Path(scratch) / DEMO_FOLDER
        folder.mkdir()
        for i, run in enumerate(runs):
            start = datetime.combine(run.day, datetime.min.time(), LA).replace(hour=6 + (i % 3), minute=30)
            name = f"{DEMO_PREFIX}run-{run.day.isoformat()}.gpx"
            data = gpx_run(
                start,
                run.km,
                pace_s_per_km=run.pace_s_per_km,
                hills_m=45.0 if run.hilly else 8.0,
                cadence_spm=run.cadence_spm,
                name="Trail loop" if run.trail else ("Long run" if run.day.weekday() == 6 else "Easy run"),
                seed=seed * 1000 + i,
            )
            (Path(scratch) / name).write_bytes(data)
            pains[name] = (run.pain_after, run.trail)
        job = ImportJob.objects.create(patient=patient, uploads=[{"name": "demo history"}])
        import_paths(job, [folder])
    with transaction.atomic():
        for activity in Activity.objects.filter(patient=patient, source_file__startswith=DEMO_PREFIX):
            pain, is_trail = pains.get(activity.source_file, (None, False))
            activity.pain_after = pain
            if is_trail:
                activity.shoe = trail
                activity.surface = Surface.TRAIL
            activity.save(update_fields=["pain_after", "shoe", "surface"])
        # The daily pair sits just under its 700 km reminder, whatever today's history adds up to.
        on_road = sum(Activity.objects.filter(shoe=road).values_list("distance_m", flat=True))
        road.start_distance_m = max(0.0, NEAR_LIMIT_M - on_road)
        road.save(update_fields=["start_distance_m"])


def load() -> None:
    """Give both demo patients a running history ending today (replacing any earlier demo runs)."""
    _load_patient("patient@example.com", seed=1, base_km=6.5)
    _load_patient("patient2@example.com", seed=2, base_km=5.0)
