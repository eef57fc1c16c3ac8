"""The focused FIT summary reader: agreement with fitdecode, chained files, CRC, headers, fallback, fuzzing."""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from training.importers import ImporterError, fit_fallback, parse_file
from training.importers import fit as fit_reader
from training.importers.base import NotAnActivityError
from training.tests.fitcheck import assert_agrees_with_fitdecode
from training.tests.fitgen import RawFit, fit_seconds, make_fit_run, make_fit_run_raw

START = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_a_fit_tool_run_reads_back_with_its_totals():
    data = make_fit_run(START, 10_000, 3_000, cadence_spm=172)

    [run] = parse_file("run.fit", data)

    assert run.sport == "run"
    assert run.start == START
    assert run.distance_m == 10_000
    assert run.elapsed_s == 3_000
    assert run.moving_time_s == 3_000
    assert run.avg_cadence_spm == 172  # written as 86 strides per minute
    assert run.avg_hr == 150
    assert run.elevation_gain_m == 20
    assert run.utc_offset_s == 3600
    assert run.has_records
    assert run.source_format == "fit"
    assert run.warnings == ()


def test_a_walk_keeps_its_sport_and_a_ride_keeps_the_fit_word():
    assert parse_file("w.fit", make_fit_run(START, 3_000, 2_000, sport="walk"))[0].sport == "walk"
    assert parse_file("b.fit", make_fit_run(START, 30_000, 3_600, sport="cycling"))[0].sport == "cycling"


@FUZZ
@given(
    distance=st.floats(min_value=0, max_value=200_000),
    duration=st.integers(min_value=1, max_value=40_000),
    cadence=st.integers(min_value=100, max_value=220),
    with_records=st.booleans(),
)
def test_the_reader_agrees_with_fitdecode_on_fit_tool_files(distance, duration, cadence, with_records):
    data = make_fit_run(
        START, distance, duration, cadence_spm=cadence, with_records=with_records, record_interval_s=600
    )

    assert_agrees_with_fitdecode(data)
    assert fit_reader.parse(data) == fit_fallback.parse(data)


@FUZZ
@given(
    distance=st.floats(min_value=0, max_value=100_000),
    duration=st.integers(min_value=60, max_value=20_000),
    compressed=st.booleans(),
    developer=st.booleans(),
    big_endian=st.booleans(),
    laps=st.integers(min_value=1, max_value=5),
)
def test_the_reader_agrees_with_fitdecode_on_raw_files(distance, duration, compressed, developer, big_endian, laps):
    data = make_fit_run_raw(
        START, distance, duration, record_interval_s=30, compressed=compressed, developer=developer,
        big_endian=big_endian, laps=laps,
    )  # fmt: skip

    assert_agrees_with_fitdecode(data)
    assert fit_reader.parse(data) == fit_fallback.parse(data)


def test_compressed_timestamp_records_are_walked_without_losing_the_session():
    data = make_fit_run_raw(START, 5_000, 1_500, compressed=True, developer=True)

    [run] = fit_reader.parse(data)

    assert run.distance_m == 5_000
    assert run.elapsed_s == 1_500


def test_laps_stand_in_when_there_is_no_session():
    [run] = parse_file("laps.fit", make_fit_run_raw(START, 9_000, 2_700, session=False, laps=3))

    assert run.distance_m == pytest.approx(9_000, abs=0.05)
    assert run.elapsed_s == pytest.approx(2_700)
    assert run.elevation_gain_m == 30
    assert "added up from its laps" in run.warnings[0]


def test_chained_files_give_one_activity_each():
    first = make_fit_run_raw(START, 5_000, 1_500, records=False)
    second = make_fit_run_raw(START + timedelta(hours=5), 8_000, 2_400, records=False)

    runs = parse_file("chain.fit", first + second)

    assert [r.distance_m for r in runs] == [5_000, 8_000]
    assert runs[1].start == START + timedelta(hours=5)


def test_a_bad_crc_imports_with_a_warning():
    [run] = parse_file("crc.fit", make_fit_run_raw(START, 5_000, 1_500, bad_crc=True))

    assert run.distance_m == 5_000
    assert any("checksum" in w for w in run.warnings)


def test_a_broken_header_is_refused():
    data = bytearray(make_fit_run_raw(START, 5_000, 1_500))
    data[8:12] = b".FAT"

    with pytest.raises(ImporterError, match="header is broken"):
        fit_reader.parse(bytes(data))


def test_a_file_cut_short_is_refused():
    data = make_fit_run_raw(START, 5_000, 1_500)

    with pytest.raises(ImporterError, match="cut short"):
        parse_file("cut.fit", data[: len(data) // 2])


def test_a_settings_file_is_not_an_activity():
    raw = RawFit()
    raw.define(0, 0, [(0, "E"), (4, "I")])
    raw.data(0, [2, fit_seconds(START)])

    with pytest.raises(NotAnActivityError, match="settings"):
        parse_file("Settings.fit", raw.to_bytes())


def test_an_unset_device_clock_is_dated_from_the_local_time_when_it_is_real():
    raw = RawFit()
    raw.define(0, 0, [(0, "E"), (4, "I")])
    raw.data(0, [4, 1_000])
    raw.define(1, 18, [(253, "I"), (2, "I"), (7, "I"), (8, "I"), (9, "I"), (5, "E")])
    raw.data(1, [4_600, 1_000, 3_600_000, 3_600_000, 1_000_000, 1])
    raw.define(2, 34, [(253, "I"), (5, "I")])
    raw.data(2, [4_600, fit_seconds(START + timedelta(hours=1))])

    [run] = parse_file("clock.fit", raw.to_bytes())

    assert run.start == START
    assert "clock was not set" in run.warnings[0]


def test_an_unset_device_clock_without_local_time_is_refused():
    raw = RawFit()
    raw.define(1, 18, [(253, "I"), (2, "I"), (7, "I"), (9, "I"), (5, "E")])
    raw.data(1, [4_600, 1_000, 3_600_000, 1_000_000, 1])

    with pytest.raises(ImporterError, match="start time is unknown"):
        parse_file("clock.fit", raw.to_bytes())


def test_a_field_of_a_size_the_reader_does_not_know_goes_to_fitdecode(monkeypatch):
    body = make_fit_run_raw(START, 5_000, 1_500, records=False)
    calls = []
    original = fit_fallback.parse
    monkeypatch.setattr(fit_fallback, "parse", lambda data: calls.append(1) or original(data))
    # Redefine the session's distance (field 9, uint32) with three bytes: fitdecode's problem, not ours.
    raw = RawFit()
    raw.body += bytes([0x40, 0, 0]) + struct.pack("<H", 18) + bytes([3, 2, 4, 0x86, 9, 3, 0x86, 5, 1, 0])
    raw.body += bytes([0x00]) + struct.pack("<I", fit_seconds(START)) + b"\x10\x27\x00" + b"\x01"
    mixed = body + raw.to_bytes()

    try:
        result: object = fit_reader.parse(mixed)
    except ImporterError as exc:
        result = exc.reason

    assert calls == [1]
    try:
        expected: object = original(mixed)
    except ImporterError as exc:
        expected = exc.reason
    assert result == expected


def test_an_undefined_local_message_goes_to_fitdecode_which_refuses_it():
    raw = RawFit()
    raw.body += bytes([0x05, 1, 2, 3])

    with pytest.raises(ImporterError):
        parse_file("undefined.fit", raw.to_bytes())


@FUZZ
@given(data=st.data())
def test_broken_fit_files_raise_only_importer_error(data):
    good = bytearray(make_fit_run_raw(START, 5_000, 600, record_interval_s=60, compressed=True))
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(good) - 1))
        good[position] = data.draw(st.integers(min_value=0, max_value=255))
    cut = data.draw(st.integers(min_value=0, max_value=len(good)))
    broken = bytes(good[:cut])

    try:
        result = parse_file("fuzz.fit", broken)
    except ImporterError as exc:
        assert exc.reason
    else:
        assert all(a.elapsed_s >= 0 for a in result)


@FUZZ
@given(tail=st.binary(max_size=300))
def test_random_bytes_after_a_fit_header_raise_only_importer_error(tail):
    header = struct.pack("<BBHI4s", 12, 0x10, 2132, len(tail), b".FIT")

    try:
        parse_file("random.fit", header + tail)
    except ImporterError as exc:
        assert exc.reason


@FUZZ
@given(data=st.data())
def test_on_damaged_files_the_reader_agrees_with_fitdecode_whenever_both_read_them(data):
    # Where fitdecode fails on a message the import does not need (developer field descriptions, record
    # timestamps), the focused reader may still read the totals; it is never stricter, never different.
    good = bytearray(make_fit_run_raw(START, 5_000, 600, record_interval_s=60, compressed=True, developer=True))
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        good[data.draw(st.integers(min_value=0, max_value=len(good) - 1))] = data.draw(st.integers(0, 255))
    damaged = bytes(good)

    try:
        theirs: object = fit_fallback.parse(damaged)
    except ImporterError:
        theirs = None
    try:
        ours: object = fit_reader.parse(damaged)
    except ImporterError:
        ours = None

    assert ours == theirs or theirs is None
