"""parse_file: choosing the decoder by extension and magic, .gz, and refusing implausible activities."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from training.importers import ImporterError, decode_records, parse_file
from training.importers.sniff import gunzip
from training.tests.fitgen import make_fit_run_raw, make_gpx_run, make_tcx_run

START = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "maker"),
    [("a.fit", make_fit_run_raw), ("a.gpx", make_gpx_run), ("a.tcx", make_tcx_run)],
)
def test_each_format_and_its_gz_give_the_same_run(name, maker):
    data = maker(START, 4_000, 1_200)

    plain = parse_file(name, data)
    packed = parse_file(name + ".gz", gzip.compress(data))

    assert plain == packed
    assert plain[0].source_format == name[2:]


def test_the_content_decides_over_a_wrong_extension():
    assert parse_file("misnamed.gpx", make_fit_run_raw(START, 4_000, 1_200))[0].source_format == "fit"
    assert parse_file("download", make_tcx_run(START, 4_000, 1_200))[0].source_format == "tcx"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.fit", b"", "empty"),
        ("notes.txt", b"hello", "not an activity file"),
        ("fake.fit", b"this is no fit file at all", "not a FIT file"),
        ("fake.gpx", b"{}", "not a GPX file"),
        ("broken.fit.gz", b"\x1f\x8b\x08\x00broken", ".gz file"),
        ("short.gpx.gz", gzip.compress(b"<gpx></gpx>", mtime=0)[:-6], "cut short"),
    ],
)
def test_files_that_are_not_activities_are_refused_with_a_reason(name, data, reason):
    with pytest.raises(ImporterError, match=reason):
        parse_file(name, data)


def test_a_run_in_the_future_is_refused():
    future = datetime.now(UTC) + timedelta(days=30)

    with pytest.raises(ImporterError, match="future"):
        parse_file("future.fit", make_fit_run_raw(future, 5_000, 1_500, records=False))


def test_a_run_of_a_thousand_kilometres_is_refused():
    with pytest.raises(ImporterError, match="1,000 km"):
        parse_file("far.fit", make_fit_run_raw(START, 1_000_000, 36_000, records=False))


def test_a_gz_bomb_is_refused():
    bomb = gzip.compress(b"\0" * (3 * 1024 * 1024))

    with pytest.raises(ImporterError, match="decompresses to more than 1 MB"):
        gunzip(bomb, limit=1024 * 1024)


def test_fit_records_give_steps_per_minute_and_seconds_from_the_start():
    series = decode_records("a.fit.gz", gzip.compress(make_fit_run_raw(START, 1_000, 300, compressed=True)))

    assert len(series) == 301
    assert series.times_s[:3] == [0, 1, 2]
    assert series.times_s[-1] == 300
    assert series.cadence_spm[10] == 170
    assert series.distance_m[-1] == pytest.approx(1_000)
    assert series.altitude_m[0] == pytest.approx(50)
    assert series.hr[0] == 150


def test_records_of_a_broken_file_raise_importer_error():
    with pytest.raises(ImporterError):
        decode_records("a.fit", make_fit_run_raw(START, 1_000, 300)[:200])


@settings(max_examples=80, deadline=None)
@given(name=st.sampled_from(["x.fit", "x.gpx", "x.tcx", "x.fit.gz", "x", "x.zip"]), data=st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_importer_error(name, data):
    for decode in (parse_file, decode_records):
        try:
            decode(name, data)
        except ImporterError as exc:
            assert exc.reason
