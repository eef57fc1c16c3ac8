"""Persisting imports: one transaction per file, idempotent by content, duplicates across sources, reasons."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from training.demo import gpx_run
from training.importers import ImportItem, ParsedActivity
from training.importers.sports import normalize_sport
from training.ingest.job import import_paths
from training.ingest.store import Ingestor
from training.models import Activity, ActivityRecords, ImportJob, ImportStatus, ResultStatus, Shoe, Surface

START = datetime(2025, 5, 4, 14, 0, tzinfo=UTC)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def run_import(patient, paths, **kwargs) -> ImportJob:
    job = ImportJob.objects.create(patient=patient)
    return import_paths(job, paths, **kwargs)


def statuses(job: ImportJob) -> list[tuple[str, str]]:
    return [(r.name, r.status) for r in job.results.all()]


def parsed(start: datetime, km: float = 10, sport: str = "run", seconds: float = 3600) -> ParsedActivity:
    return ParsedActivity(sport, start, 0, seconds, seconds, km * 1000, None, None, None, None, source_format="csv")


def test_a_gpx_run_is_imported_with_its_totals(patient, tmp_path):
    job = run_import(patient, [write(tmp_path, "a.gpx", gpx_run(START, 8.0, seed=1))], decode_records=False)
    assert job.status == ImportStatus.DONE
    assert (job.imported, job.failed) == (1, 0)
    run = Activity.objects.get(patient=patient)
    assert run.source_format == "gpx" and run.source_file == "a.gpx"
    assert abs(run.distance_m - 8000) < 300
    assert abs(run.elapsed_s - 8 * 360) <= 10
    assert run.avg_cadence_spm is not None and 150 < run.avg_cadence_spm < 180
    assert len(run.content_hash) == 64
    assert AuditEvent.objects.filter(action="training.import.finished", patient=patient).exists()


def test_the_same_file_twice_adds_nothing(patient, tmp_path):
    path = write(tmp_path, "a.gpx", gpx_run(START, 5.0, seed=1))
    run_import(patient, [path], decode_records=False)
    again = run_import(patient, [path], decode_records=False)
    assert Activity.objects.filter(patient=patient).count() == 1
    assert statuses(again) == [("a.gpx", ResultStatus.DUPLICATE)]


def test_the_same_run_from_another_source_is_kept_once(patient, tmp_path):
    watch = write(tmp_path, "watch.gpx", gpx_run(START, 5.0, seed=1))
    copy = write(tmp_path, "strava.gpx", gpx_run(START + timedelta(seconds=20), 5.0, seed=2, name="Copy"))
    job = run_import(patient, [watch, copy], decode_records=False)
    assert Activity.objects.filter(patient=patient).count() == 1
    assert statuses(job) == [("watch.gpx", ResultStatus.IMPORTED), ("strava.gpx", ResultStatus.DUPLICATE)]


def test_a_run_started_two_minutes_apart_is_not_a_duplicate(patient):
    ingestor = Ingestor(patient)
    ingestor.ingest(ImportItem("one", activities=(parsed(START),)))
    out = ingestor.ingest(ImportItem("two", activities=(parsed(START + timedelta(minutes=2)),)))
    assert out[0].status == ResultStatus.IMPORTED


def test_a_bad_file_is_reported_and_the_others_still_import(patient, tmp_path):
    good = write(tmp_path, "good.gpx", gpx_run(START, 5.0, seed=1))
    bad = write(tmp_path, "bad.fit", b"this is not a fit file at all")
    job = run_import(patient, [bad, good], decode_records=False)
    results = {r.name: r for r in job.results.all()}
    assert results["bad.fit"].status == ResultStatus.FAILED and results["bad.fit"].reason
    assert results["good.gpx"].status == ResultStatus.IMPORTED
    assert Activity.objects.filter(patient=patient).count() == 1


def test_a_ride_is_skipped_with_a_reason(patient, tmp_path):
    job = run_import(patient, [write(tmp_path, "ride.gpx", gpx_run(START, 20.0, sport="cycling"))])
    [result] = job.results.all()
    assert result.status == ResultStatus.SKIPPED
    assert "only runs and walks" in result.reason
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("activity", "words"),
    [
        (parsed(START + timedelta(days=3650)), "future"),
        (parsed(START, km=1000), "cannot be one run"),
        (parsed(START, seconds=0), "no duration"),
    ],
)
def test_implausible_runs_fail_with_a_reason(patient, activity, words):
    job = ImportJob.objects.create(patient=patient)
    [outcome] = Ingestor(patient, job).ingest(ImportItem("entry", activities=(activity,)))
    assert outcome.status == ResultStatus.FAILED
    assert words in outcome.reason
    assert not Activity.objects.exists()


def test_strava_gear_becomes_a_shoe_and_its_default_surface_applies(patient):
    Shoe.objects.create(patient=patient, name="Trail pair", default_surface=Surface.TRAIL)
    item = ImportItem("row 3", activities=(parsed(START),), overrides={"gear": "trail pair", "name": "Hills"})
    Ingestor(patient).ingest(item)
    run = Activity.objects.get()
    assert run.shoe is not None and run.shoe.name == "Trail pair"
    assert run.surface == Surface.TRAIL and run.name == "Hills"


def test_the_default_shoe_is_used_when_the_file_names_none(patient):
    shoe = Shoe.objects.create(patient=patient, name="Daily", is_default=True)
    Ingestor(patient).ingest(ImportItem("x", activities=(parsed(START),)))
    assert Activity.objects.get().shoe == shoe


def test_zip_archives_are_imported_entry_by_entry(patient, tmp_path):
    archive = tmp_path / "runs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(3):
            zf.writestr(f"runs/{i}.gpx", gpx_run(START + timedelta(days=i), 5.0, seed=i))
    job = run_import(patient, [archive], decode_records=False)
    assert job.imported == 3 and job.files_done == 3


def test_records_are_decoded_after_the_import(patient, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(patient, [write(tmp_path, "a.gpx", gpx_run(START, 3.0, hills_m=30))])
    run = Activity.objects.get()
    records = ActivityRecords.objects.get(activity=run)
    assert run.has_records
    assert len(records.times_s) == len(records.altitude_m) > 10
    assert any(c for c in records.cadence_spm)


def test_sport_words_from_files_and_strava_map_to_run_walk_or_nothing():
    assert normalize_sport("Trail Run") == ("run", Surface.TRAIL)
    assert normalize_sport("running") == ("run", "")
    assert normalize_sport("Virtual Run") == ("run", Surface.TREADMILL)
    assert normalize_sport("walk") == ("walk", "")
    assert normalize_sport("Ride")[0] is None


def test_the_surfaces_sport_words_imply_are_surfaces_a_run_can_have():
    implied = {normalize_sport(word)[1] for word in ("Trail Run", "Virtual Run", "Indoor Walk", "Track Run")}
    assert implied == {Surface.TRAIL, Surface.TREADMILL, Surface.TRACK}


def test_future_check_uses_the_current_time(patient):
    soon = timezone.now() + timedelta(minutes=2)
    [outcome] = Ingestor(patient).ingest(ImportItem("x", activities=(parsed(soon),)))
    assert outcome.status == ResultStatus.IMPORTED


def test_a_big_import_in_embedded_mode_leaves_records_for_the_run_pages(
    patient, tmp_path, django_capture_on_commit_callbacks
):
    from training.ingest.records import EAGER_INLINE_LIMIT

    paths = [
        write(tmp_path, f"{i}.gpx", gpx_run(START + timedelta(days=i), 1.0, seed=i))
        for i in range(EAGER_INLINE_LIMIT + 1)
    ]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = run_import(patient, paths)
    assert job.imported == EAGER_INLINE_LIMIT + 1
    assert callbacks == []
    assert not ActivityRecords.objects.exists()


def test_an_unexpected_decoder_error_costs_only_that_file(patient, monkeypatch):
    def explode(name, data):
        raise RuntimeError("decoder bug")

    monkeypatch.setattr("training.ingest.store.parse_file", explode)
    job = ImportJob.objects.create(patient=patient)
    ingestor = Ingestor(patient, job)
    [outcome] = ingestor.ingest(ImportItem("odd.fit", read=lambda: b"bytes"))
    assert outcome.status == ResultStatus.FAILED and "could not be read" in outcome.reason
    [ok] = ingestor.ingest(ImportItem("fine", activities=(parsed(START),)))
    assert ok.status == ResultStatus.IMPORTED


def test_files_in_a_zip_that_are_not_activities_are_listed_as_skipped(patient, tmp_path):
    import zipfile

    from training.ingest.job import import_paths
    from training.models import ImportJob, ResultStatus
    from training.tests.fitgen import make_gpx_run

    archive = tmp_path / "runs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("runs/a.gpx", make_gpx_run(START, 1_000, 400))
        zf.writestr("runs/notes.txt", "not a run")
        zf.writestr("runs/photo.jpg", b"\xff\xd8\xff")
    job = import_paths(ImportJob.objects.create(patient=patient), [archive], decode_records=False)
    results = {r.name: (r.status, r.reason) for r in job.results.all()}
    assert results["runs.zip/2 other files"] == (
        ResultStatus.SKIPPED,
        "Not activity files (FIT, GPX or TCX): notes.txt, photo.jpg",
    )
    assert (job.imported, job.skipped, job.failed) == (1, 1, 0)
