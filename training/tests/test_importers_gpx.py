"""GPX decoding: namespaces and versions, distance, moving time, elevation, sport, refusals, fuzzing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from training.importers import ImporterError, decode_records, parse_file
from training.importers.geo import elevation_gain_loss
from training.importers.gpx import parse
from training.tests.fitgen import make_gpx_run

START = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_a_generated_run_reads_back_with_its_totals():
    [run] = parse_file("run.gpx", make_gpx_run(START, 10_000, 3_000, cadence=86, hr=148))

    assert run.sport == "run"
    assert run.start == START
    assert run.distance_m == pytest.approx(10_000, abs=0.5)
    assert run.elapsed_s == 3_000
    assert run.moving_time_s == 3_000
    assert run.avg_hr == 148
    assert run.avg_cadence_spm == 172  # Garmin's strides per minute, doubled
    assert run.elevation_gain_m == pytest.approx(20, abs=2)
    assert run.elevation_loss_m == pytest.approx(20, abs=2)
    assert run.name == "Morning Run"
    assert run.source_format == "gpx"


def test_a_time_written_with_an_offset_keeps_it():
    data = (
        make_gpx_run(START, 1_000, 300)
        .replace(b"Z</time>", b"+00:00</time>")
        .replace(b"2026-03-01T07:00:00+00:00", b"2026-03-01T08:00:00+01:00", 1)
    )

    [run] = parse(data)

    assert run.start == START
    assert run.utc_offset_s == 3600
    assert parse(make_gpx_run(START, 1_000, 300))[0].utc_offset_s is None


def test_gpx_1_0_without_extensions_reads_too():
    [run] = parse(make_gpx_run(START, 5_000, 1_800, version="1.0", hr=None, cadence=None))

    assert run.distance_m == pytest.approx(5_000, abs=0.5)
    assert run.avg_hr is None
    assert run.avg_cadence_spm is None


def test_a_file_without_namespace_and_with_a_byte_order_mark_reads():
    data = make_gpx_run(START, 2_000, 700).replace(b' xmlns="http://www.topografix.com/GPX/1/1"', b"")

    [run] = parse_file("bom.gpx", b"\xef\xbb\xbf" + data)

    assert run.distance_m == pytest.approx(2_000, abs=0.5)


def test_heart_rate_under_another_prefix_is_found():
    data = make_gpx_run(START, 2_000, 700, hr=140).replace(b"gpxtpx:", b"ns3:").replace(b"xmlns:gpxtpx", b"xmlns:ns3")

    assert parse(data)[0].avg_hr == 140


def test_the_type_sets_the_sport_and_its_absence_is_a_warning():
    assert parse(make_gpx_run(START, 20_000, 3_600, sport="cycling"))[0].sport == "cycling"
    assert parse(make_gpx_run(START, 3_000, 1_800, sport="walking"))[0].sport == "walk"
    assert parse(make_gpx_run(START, 3_000, 900, sport="9"))[0].sport == "run"  # Strava's numeric type
    [untyped] = parse(make_gpx_run(START, 3_000, 900, sport=None))
    assert untyped.sport == "run"
    assert "does not say which sport" in untyped.warnings[0]


def test_a_pause_counts_in_elapsed_but_not_in_moving_time():
    first = make_gpx_run(START, 2_000, 600).decode()
    second = make_gpx_run(START + timedelta(seconds=1_200), 2_000, 600).decode()
    points = second[second.index("<trkpt") : second.index("</trkseg>")]
    # the second half starts where the first ended (same place, so no distance for the gap)
    joined = first.replace("</trkseg>", "</trkseg><trkseg>" + points + "</trkseg>")

    [run] = parse(joined.encode())

    assert run.elapsed_s == 1_800
    assert run.moving_time_s == 1_200
    assert run.distance_m == pytest.approx(4_000, abs=1)


def test_a_route_without_track_is_refused():
    data = b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><rte><rtept lat="1" lon="2"/></rte></gpx>'

    with pytest.raises(ImporterError, match="planned route"):
        parse(data)


def test_a_track_without_times_is_refused():
    data = make_gpx_run(START, 2_000, 700).replace(b"<time>", b"<!-- ").replace(b"</time>", b" -->")

    with pytest.raises(ImporterError, match="no times"):
        parse(data)


@pytest.mark.parametrize(
    "prolog",
    [
        b'<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE gpx SYSTEM "http://example.com/gpx.dtd">',
        b'<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_doctypes_and_entities_are_refused_never_resolved(prolog):
    data = make_gpx_run(START, 2_000, 700).replace(b"<gpx ", prolog + b"<gpx ", 1)

    with pytest.raises(ImporterError, match="DOCTYPE"):
        parse_file("xxe.gpx", data)


def test_utf16_files_read_and_their_doctypes_are_refused_too():
    text = make_gpx_run(START, 2_000, 700).decode().replace("UTF-8", "UTF-16")
    with_doctype = text.replace("<gpx ", '<!DOCTYPE gpx [<!ENTITY x "y">]><gpx ', 1)

    assert parse_file("utf16.gpx", text.encode("utf-16"))[0].distance_m == pytest.approx(2_000, abs=0.5)
    with pytest.raises(ImporterError, match="DOCTYPE"):
        parse_file("utf16.gpx", with_doctype.encode("utf-16"))


def test_xml_that_is_not_well_formed_is_refused():
    with pytest.raises(ImporterError, match="not well-formed"):
        parse(make_gpx_run(START, 2_000, 700)[:-40])


def test_records_give_time_distance_altitude_cadence_and_heart_rate():
    series = decode_records("run.gpx", make_gpx_run(START, 1_000, 300, interval_s=10, cadence=85))

    assert len(series) == 31
    assert series.times_s[0] == 0 and series.times_s[-1] == 300
    assert series.distance_m[-1] == pytest.approx(1_000, abs=0.5)
    assert series.cadence_spm[5] == 170
    assert series.hr[5] == 150
    assert series.altitude_m[0] == pytest.approx(50)


@FUZZ
@given(data=st.data())
def test_broken_gpx_files_raise_only_importer_error(data):
    good = bytearray(make_gpx_run(START, 500, 60, interval_s=20))
    for _ in range(data.draw(st.integers(min_value=1, max_value=6))):
        position = data.draw(st.integers(min_value=0, max_value=len(good) - 1))
        good[position] = data.draw(st.sampled_from(b"<>&;/\"'=0123456789.-:TZ \x00\xff"))
    cut = data.draw(st.integers(min_value=1, max_value=len(good)))

    try:
        parse_file("fuzz.gpx", bytes(good[:cut]))
    except ImporterError as exc:
        assert exc.reason


@FUZZ
@given(text=st.text(max_size=300))
def test_arbitrary_text_in_a_gpx_raises_only_importer_error(text):
    try:
        parse_file("x.gpx", f'<gpx xmlns="http://www.topografix.com/GPX/1/1">{text}</gpx>'.encode())
    except ImporterError as exc:
        assert exc.reason


def test_elevation_noise_does_not_add_climb_but_a_hill_does():
    noise = [100 + (1.5 if i % 2 else -1.5) for i in range(200)]
    hill = [100 + min(i, 100 - i) * 0.6 for i in range(101)]  # up 30 m, down 30 m

    assert elevation_gain_loss(noise) == (0.0, 0.0)
    gain, loss = elevation_gain_loss(hill)
    assert gain == pytest.approx(30, abs=2)  # the last metres under the 3 m threshold stay uncounted
    assert loss == pytest.approx(30, abs=2)
