"""TCX decoding: laps, cadence in extensions, points without GPS, multisport, refusals, fuzzing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from training.importers import ImporterError, decode_records, parse_file
from training.importers.tcx import parse
from training.tests.fitgen import make_tcx_run

START = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_a_generated_run_reads_back_with_its_lap_totals():
    [run] = parse_file("run.tcx", make_tcx_run(START, 12_000, 3_600, laps=4, cadence=88, hr=151))

    assert run.sport == "run"
    assert run.start == START
    assert run.distance_m == pytest.approx(12_000)
    assert run.moving_time_s == pytest.approx(3_600)
    assert run.elapsed_s == pytest.approx(3_600)
    assert run.avg_cadence_spm == 176  # AvgRunCadence is strides per minute
    assert run.avg_hr == 151
    assert run.elevation_gain_m == pytest.approx(20, abs=2)
    assert run.source_format == "tcx"


def test_points_without_gps_are_kept():
    [run] = parse(make_tcx_run(START, 5_000, 1_800, with_position=False))

    assert run.distance_m == pytest.approx(5_000)
    series = decode_records("treadmill.tcx", make_tcx_run(START, 5_000, 1_800, with_position=False, interval_s=60))
    assert len(series) == 31
    assert series.distance_m[-1] == pytest.approx(5_000)


def test_other_sports_keep_their_word():
    assert parse(make_tcx_run(START, 30_000, 3_600, sport="Biking"))[0].sport == "biking"
    assert parse(make_tcx_run(START, 3_000, 3_600, sport="Other"))[0].sport == "other"


def test_a_multisport_session_gives_one_activity_per_sport():
    bike = make_tcx_run(START, 30_000, 3_600, sport="Biking").decode()
    run = make_tcx_run(START, 10_000, 3_000).decode()
    first = bike[bike.index("<Activity ") : bike.index("</Activities>")]
    second = run[run.index("<Activity ") : run.index("</Activities>")]
    data = bike.replace(
        bike[bike.index("<Activities>") : bike.index("</Activities>") + 13],
        f"<Activities><MultiSportSession><FirstSport>{first}</FirstSport>"
        f"<NextSport>{second}</NextSport></MultiSportSession></Activities>",
    )

    activities = parse(data.encode())

    assert [a.sport for a in activities] == ["biking", "run"]
    assert activities[1].distance_m == pytest.approx(10_000)


def test_a_tcx_without_activity_is_refused():
    with pytest.raises(ImporterError, match="no activity"):
        parse(b'<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"/>')


def test_an_entity_declaration_is_refused():
    data = make_tcx_run(START, 1_000, 300).replace(
        b"<TrainingCenterDatabase", b'<!DOCTYPE t [<!ENTITY x "y">]><TrainingCenterDatabase', 1
    )

    with pytest.raises(ImporterError, match="DOCTYPE"):
        parse_file("x.tcx", data)


@FUZZ
@given(data=st.data())
def test_broken_tcx_files_raise_only_importer_error(data):
    good = bytearray(make_tcx_run(START, 500, 60, interval_s=20))
    for _ in range(data.draw(st.integers(min_value=1, max_value=6))):
        position = data.draw(st.integers(min_value=0, max_value=len(good) - 1))
        good[position] = data.draw(st.sampled_from(b"<>&;/\"'=0123456789.-:TZ \x00\xff"))
    cut = data.draw(st.integers(min_value=1, max_value=len(good)))

    try:
        parse_file("fuzz.tcx", bytes(good[:cut]))
    except ImporterError as exc:
        assert exc.reason


def test_the_activity_id_dates_laps_without_a_start_time():
    data = make_tcx_run(START, 5_000, 1_500).replace(b'<Lap StartTime="2026-03-01T07:00:00.000Z">', b"<Lap>")

    assert parse(data)[0].start == START
