"""Whole exports through the persistence layer: FIT files, a Strava bulk export and a Garmin Connect export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from training.ingest.job import import_paths
from training.ingest.records import decode_activity_records
from training.models import Activity, ActivityRecords, ImportJob, ResultStatus, Shoe
from training.tests.fitgen import (
    StravaRun,
    make_fit_run,
    make_garmin_export_zip,
    make_strava_export_zip,
    make_tcx_run,
)

START = datetime(2025, 4, 6, 15, 0, tzinfo=UTC)


def run_import(patient, paths) -> ImportJob:
    return import_paths(ImportJob.objects.create(patient=patient), paths, decode_records=False)


def test_a_fit_run_keeps_its_offset_and_doubles_cadence(patient, tmp_path):
    path = tmp_path / "run.fit"
    path.write_bytes(make_fit_run(START, 10_000, 3000, cadence_spm=172, utc_offset_s=-7 * 3600))
    job = run_import(patient, [path])
    assert job.imported == 1
    run = Activity.objects.get()
    assert run.source_format == "fit"
    assert run.start == START and run.elapsed_s == 3000 and run.distance_m == 10_000
    assert run.utc_offset_s == -7 * 3600
    assert run.avg_cadence_spm == 172


def test_a_fit_and_a_tcx_of_the_same_run_are_kept_once(patient, tmp_path):
    fit = tmp_path / "watch.fit"
    fit.write_bytes(make_fit_run(START, 8000, 2800))
    tcx = tmp_path / "copy.tcx"
    tcx.write_bytes(make_tcx_run(START + timedelta(seconds=30), 8000, 2820))
    job = run_import(patient, [fit, tcx])
    assert [r.status for r in job.results.all()] == [ResultStatus.IMPORTED, ResultStatus.DUPLICATE]


def test_a_strava_export_takes_sport_name_and_gear_from_the_csv(patient, tmp_path):
    runs = [
        StravaRun(START, 10_000, 3300, name="Sunday long", gear="Pegasus 40"),
        StravaRun(START + timedelta(days=2), 6000, 2000, fmt="gpx", gear="Pegasus 40"),
        StravaRun(START + timedelta(days=3), 30_000, 3600, sport="Ride", fmt="tcx"),
        StravaRun(START + timedelta(days=4), 5000, 1800, fmt="manual", name="Treadmill at the gym"),
    ]
    archive = make_strava_export_zip(tmp_path / "export.zip", runs)
    job = run_import(patient, [archive])
    assert (job.imported, job.skipped, job.failed) == (3, 1, 0)
    shoe = Shoe.objects.get(patient=patient)
    assert shoe.name == "Pegasus 40"
    assert Activity.objects.filter(shoe=shoe).count() == 2
    assert Activity.objects.filter(name="Sunday long").exists()
    again = run_import(patient, [archive])
    assert again.imported == 0 and Activity.objects.count() == 3


def test_a_garmin_export_imports_the_fit_files_in_nested_zips(patient, tmp_path):
    files = [make_fit_run(START + timedelta(days=i), 5000 + i * 100, 1800) for i in range(3)]
    job = run_import(patient, [make_garmin_export_zip(tmp_path / "garmin.zip", files)])
    assert job.imported == 3


def test_fit_records_give_the_charts(patient, tmp_path):
    path = tmp_path / "run.fit"
    path.write_bytes(make_fit_run(START, 5000, 1500, climb_m=40))
    run_import(patient, [path])
    run = Activity.objects.get()
    assert decode_activity_records([run.pk]) == 1
    records = ActivityRecords.objects.get(activity=run)
    assert max(a for a in records.altitude_m if a is not None) > 80
    assert {c for c in records.cadence_spm if c} == {170}
