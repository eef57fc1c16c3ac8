"""Finding activity files in folders, zips, .gz, Strava and Garmin exports, with every refusal reported."""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from training.importers import ImporterError, iter_import_items, parse_file
from training.importers.strava import parse_date, read_activities_csv
from training.tests.fitgen import (
    STRAVA_HEADER,
    StravaRun,
    make_fit_run_raw,
    make_garmin_export_zip,
    make_gpx_run,
    make_strava_export_zip,
    strava_csv,
)

START = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
MB = 1024 * 1024
CORPUS_HEADERS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "strava-headers"
HEADER_FILES = sorted(CORPUS_HEADERS.glob("*.header.txt")) if CORPUS_HEADERS.is_dir() else []


def items(*paths, max_file_bytes=50 * MB, max_total_bytes=200 * MB):
    return list(iter_import_items(list(paths), max_file_bytes=max_file_bytes, max_total_bytes=max_total_bytes))


def by_name(found):
    return {item.name: item for item in found}


def test_a_strava_export_joins_files_to_csv_rows_and_keeps_manual_entries(tmp_path):
    runs = [
        StravaRun(START, 5_000, 1_500, name="Tempo", gear="Pegasus 40"),
        StravaRun(START + timedelta(days=1), 6_000, 1_800, fmt="gpx", name='Hills, "steep"'),
        StravaRun(START + timedelta(days=2), 30_000, 3_600, sport="Ride", name="Commute"),
        StravaRun(START + timedelta(days=3), 8_000, 2_400, fmt="manual", name="Treadmill", gear="Ghost 15"),
    ]
    export = make_strava_export_zip(tmp_path / "export.zip", runs)

    found = by_name(items(export))

    tempo = found["export.zip/activities/10000000001.fit.gz"]
    assert dict(tempo.overrides) == {"sport": "run", "name": "Tempo", "gear": "Pegasus 40"}
    assert parse_file(tempo.name, tempo.read())[0].distance_m == 5_000
    assert found["export.zip/activities/10000000002.gpx.gz"].overrides["name"] == 'Hills, "steep"'
    assert found["export.zip/activities/10000000003.fit.gz"].overrides["sport"] == "ride"
    [manual_item] = [item for item in found.values() if item.activities]
    [manual] = manual_item.activities
    assert manual_item.read is None
    assert manual_item.name == "export.zip/activities.csv row 4 (Treadmill)"
    assert (manual.sport, manual.distance_m, manual.elapsed_s) == ("run", 8_000, 2_400)
    assert manual.start == START + timedelta(days=3)
    assert (manual.name, manual.gear, manual.source_format) == ("Treadmill", "Ghost 15", "strava_csv")
    assert manual.avg_cadence_spm == 170


def test_a_strava_file_listed_but_missing_is_reported(tmp_path):
    export = make_strava_export_zip(tmp_path / "export.zip", [StravaRun(START, 5_000, 1_500)])
    with zipfile.ZipFile(export) as source, zipfile.ZipFile(tmp_path / "cut.zip", "w") as target:
        target.writestr("activities.csv", source.read("activities.csv"))

    [item] = items(tmp_path / "cut.zip")

    assert item.error == "Listed in activities.csv but missing."


@pytest.mark.parametrize("header_file", HEADER_FILES, ids=[p.name for p in HEADER_FILES])
def test_real_strava_headers_are_read_by_position(header_file):
    header = next(csv.reader([header_file.read_text(encoding="utf-8")]))
    run = StravaRun(START, 12_345, 3_456, name="Long run", gear="Clifton 9", description="line one\nline two")

    [row] = read_activities_csv(strava_csv([(run, "")], header=header))

    assert row.activity is not None
    assert row.activity.distance_m == 12_345  # the second Distance column, in metres
    assert row.activity.elapsed_s == 3_456
    assert row.activity.start == START
    assert (row.activity.name, row.activity.gear) == ("Long run", "Clifton 9")


def test_html_in_header_names_is_ignored_and_dates_parse():
    header = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Elapsed Time,Distance,"
        '"<span class=""translation_missing"" title=""x"">Start Time</span>"'
    )
    row = '1,"Oct 6, 2022, 11:19:20 PM",Night run,Run,600,1.50,,600.0,1500.0,x'

    [parsed] = read_activities_csv(f"{header}\n{row}\n".encode())

    assert parsed.activity is not None
    assert parsed.activity.start == datetime(2022, 10, 6, 23, 19, 20, tzinfo=UTC)
    assert parsed.activity.distance_m == 1_500
    assert parse_date("Jan 1, 2023, 12:05:00 AM") == datetime(2023, 1, 1, 0, 5, tzinfo=UTC)


def test_an_implausible_manual_entry_is_reported(tmp_path):
    run = StravaRun(START, 1_200_000, 36_000, fmt="manual", name="Typo")
    export = make_strava_export_zip(tmp_path / "export.zip", [run])

    [item] = items(export)

    assert item.activities == ()
    assert "1,200 km" in item.error


def test_a_csv_that_is_not_strava_is_reported(tmp_path):
    with zipfile.ZipFile(tmp_path / "x.zip", "w") as archive:
        archive.writestr("activities.csv", "a,b\n1,2\n")

    [item] = items(tmp_path / "x.zip")

    assert "Activity Date" in item.error


def test_a_garmin_export_yields_the_fit_files_of_its_inner_zip(tmp_path):
    export = make_garmin_export_zip(tmp_path / "garmin.zip", [make_fit_run_raw(START, 3_000, 900)] * 2)

    found = [item for item in items(export) if not item.skipped]

    assert [item.name.rsplit("/", 1)[-1] for item in found] == ["user@example.com_101.fit", "user@example.com_102.fit"]
    assert parse_file(found[0].name, found[0].read())[0].distance_m == 3_000


def test_folders_and_gz_files_are_walked_and_other_files_ignored(tmp_path):
    (tmp_path / "runs" / "old").mkdir(parents=True)
    (tmp_path / "runs" / "a.gpx.gz").write_bytes(gzip.compress(make_gpx_run(START, 1_000, 400)))
    (tmp_path / "runs" / "old" / "b.fit").write_bytes(make_fit_run_raw(START, 2_000, 700))
    (tmp_path / "runs" / "notes.txt").write_text("not a run")
    (tmp_path / "runs" / ".DS_Store").write_bytes(b"junk")

    found = items(tmp_path / "runs")

    assert [item.name for item in found] == ["runs/a.gpx.gz", "runs/old/b.fit", "runs/1 other file"]
    assert found[0].read().startswith(b"<?xml")  # read() decompresses
    assert found[2].skipped == "Not activity files (FIT, GPX or TCX): notes.txt"  # listed, never read; junk is not


def test_a_single_file_of_an_unknown_kind_is_reported(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")

    [item] = items(tmp_path / "photo.jpg")

    assert "not a file the import reads" in item.error


def test_a_missing_path_is_reported(tmp_path):
    [item] = items(tmp_path / "nowhere.fit")

    assert item.error == "There is no such file or folder."


def test_zip_slip_entries_are_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as archive:
        archive.writestr("../../outside.fit", b"x")
        archive.writestr("/etc/absolute.gpx", b"x")
        archive.writestr("C:/windows.tcx", b"x")

    found = items(tmp_path / "evil.zip")

    assert len(found) == 3
    assert all("leaves the archive" in item.error and item.read is None for item in found)


def test_a_zip_bomb_is_refused_by_its_ratio(tmp_path):
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.gpx", b"<gpx>" + b" " * (20 * MB))

    [item] = items(tmp_path / "bomb.zip")

    assert "zip bomb" in item.error


def test_the_total_size_limit_stops_reading_further_files(tmp_path):
    data = make_fit_run_raw(START, 3_000, 900)
    with zipfile.ZipFile(tmp_path / "many.zip", "w") as archive:
        for number in range(5):
            archive.writestr(f"{number}.fit", data)

    found = items(tmp_path / "many.zip", max_total_bytes=3 * len(data))

    assert [bool(item.read) for item in found] == [True, True, True, False, False]
    assert "total size limit" in found[-1].error


def test_a_file_over_the_limit_is_refused_and_a_gz_over_it_fails_on_reading(tmp_path):
    big = make_fit_run_raw(START, 3_000, 900)
    (tmp_path / "big.fit").write_bytes(big)
    (tmp_path / "big.fit.gz").write_bytes(gzip.compress(big))

    plain, packed = items(tmp_path / "big.fit", tmp_path / "big.fit.gz", max_file_bytes=len(big) - 1)

    assert "larger than" in plain.error
    assert packed.read is not None
    with pytest.raises(ImporterError, match="MB"):
        packed.read()


def test_empty_files_are_reported(tmp_path):
    (tmp_path / "empty.fit").write_bytes(b"")

    [item] = items(tmp_path / "empty.fit")

    assert item.error == "The file is empty."


def nest(levels: int) -> bytes:
    data = make_fit_run_raw(START, 1_000, 300, records=False)
    name = "run.fit"
    for level in range(levels):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(name, data)
        data, name = buffer.getvalue(), f"level{level}.zip"
    return data


def test_zips_nested_three_deep_are_read_and_four_deep_refused(tmp_path):
    (tmp_path / "three.zip").write_bytes(nest(3))
    (tmp_path / "four.zip").write_bytes(nest(4))

    [three] = items(tmp_path / "three.zip")
    [four] = items(tmp_path / "four.zip")

    assert three.name == "three.zip/level1.zip/level0.zip/run.fit"
    assert three.read is not None and parse_file(three.name, three.read())[0].distance_m == 1_000
    assert "nested more than 3 deep" in four.error


def test_a_damaged_zip_is_reported(tmp_path):
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)

    [item] = items(tmp_path / "broken.zip")

    assert "damaged" in item.error


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_zips_are_reported_or_fail_on_reading_with_importer_error_only(tmp_path, data):
    export = make_strava_export_zip(
        tmp_path / "export.zip", [StravaRun(START, 5_000, 600), StravaRun(START, 1, 60, fmt="gpx")]
    )
    damaged = bytearray(export.read_bytes())
    for _ in range(data.draw(st.integers(min_value=1, max_value=10))):
        damaged[data.draw(st.integers(min_value=0, max_value=len(damaged) - 1))] = data.draw(st.integers(0, 255))
    (tmp_path / "damaged.zip").write_bytes(bytes(damaged))

    for item in items(tmp_path / "damaged.zip"):
        if item.read is not None:
            try:
                parse_file(item.name, item.read())
            except ImporterError as exc:
                assert exc.reason


@settings(max_examples=80, deadline=None)
@given(body=st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_broken_activities_csv_raises_only_importer_error(body):
    header = ",".join(STRAVA_HEADER)

    try:
        rows = read_activities_csv(f"{header}\n{body}".encode())
    except ImporterError as exc:
        assert exc.reason
    else:
        assert all(row.activity is not None or row.filename or row.error for row in rows)


def test_an_unzipped_strava_export_folder_is_joined_the_same_way(tmp_path):
    export = make_strava_export_zip(tmp_path / "export.zip", [StravaRun(START, 5_000, 1_500, name="Tempo")])
    with zipfile.ZipFile(export) as archive:
        archive.extractall(tmp_path / "export_123")

    [item] = items(tmp_path / "export_123")

    assert item.name == "export_123/activities/10000000001.fit.gz"
    assert item.overrides["name"] == "Tempo"
