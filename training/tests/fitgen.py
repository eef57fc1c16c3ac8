"""Generated activity files for tests, the demo and benchmarks: FIT (fit-tool), GPX and TCX (plain text).

Every generator draws a straight track north from a fixed point at constant speed, so the expected totals
are exact: distance along a meridian is what the importers' haversine measures, and durations are whole.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

EARTH_RADIUS_M = 6_371_008.8
BASE_LAT, BASE_LON = 51.5, -0.12
FIT_EPOCH_UNIX_S = 631065600  # 1989-12-31T00:00:00Z
_FIT_SPORTS = {"run": Sport.RUNNING, "walk": Sport.WALKING, "cycling": Sport.CYCLING, "swimming": Sport.SWIMMING}


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _lat_at(distance_m: float) -> float:
    return BASE_LAT + math.degrees(distance_m / EARTH_RADIUS_M)


def _altitude(fraction: float, climb_m: float) -> float:
    """A hill: up ``climb_m`` over the first half, back down over the second."""
    return 50.0 + climb_m * math.sin(math.pi * fraction)


def make_fit_run(
    start: datetime,
    distance_m: float,
    duration_s: float,
    *,
    cadence_spm: float | None = 170.0,
    with_records: bool = True,
    sport: str = "run",
    avg_hr: int | None = 150,
    climb_m: float = 20.0,
    utc_offset_s: int | None = 3600,
    record_interval_s: int = 5,
) -> bytes:
    """Return a FIT activity: file_id, records every ``record_interval_s`` s, one lap, one session, activity.

    ``cadence_spm`` is in steps per minute and written as FIT strides per minute (half) for runs and walks.
    """
    start = start.astimezone(UTC)
    end = start + timedelta(seconds=duration_s)
    strides = cadence_spm / 2 if cadence_spm is not None and sport in ("run", "walk") else cadence_spm
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = _ms(start)
    file_id.serial_number = 0x12345678
    builder.add(file_id)
    if with_records:
        steps = max(1, int(duration_s // record_interval_s))
        records = []
        for index in range(steps + 1):
            fraction = index / steps
            record = RecordMessage()
            record.timestamp = _ms(start + timedelta(seconds=duration_s * fraction))
            record.position_lat = _lat_at(distance_m * fraction)
            record.position_long = BASE_LON
            record.distance = distance_m * fraction
            record.altitude = _altitude(fraction, climb_m)
            if avg_hr is not None:
                record.heart_rate = avg_hr
            if strides is not None:
                record.cadence = round(strides)
            records.append(record)
        builder.add_all(records)
    gain = round(climb_m) if climb_m else 0
    for message in (LapMessage(), SessionMessage()):
        message.timestamp = _ms(end)
        message.start_time = _ms(start)
        message.total_elapsed_time = duration_s
        message.total_timer_time = duration_s
        message.total_distance = distance_m
        message.sport = _FIT_SPORTS.get(sport, Sport.GENERIC)
        message.total_ascent = gain
        message.total_descent = gain
        if avg_hr is not None:
            message.avg_heart_rate = avg_hr
        if strides is not None:
            message.avg_cadence = int(strides)
        builder.add(message)
    activity = ActivityMessage()
    activity.timestamp = _ms(end)
    activity.total_timer_time = duration_s
    activity.num_sessions = 1
    if utc_offset_s is not None:
        activity.local_timestamp = round(end.timestamp()) - FIT_EPOCH_UNIX_S + utc_offset_s  # raw FIT seconds
    builder.add(activity)
    return builder.build().to_bytes()


def make_gpx_run(
    start: datetime,
    distance_m: float,
    duration_s: float,
    *,
    sport: str | None = "running",
    name: str = "Morning Run",
    hr: int | None = 150,
    cadence: int | None = 85,
    climb_m: float = 20.0,
    interval_s: int = 5,
    version: str = "1.1",
) -> bytes:
    """Return a GPX track; ``cadence`` is written as Garmin does for runs (strides per minute)."""
    start = start.astimezone(UTC)
    steps = max(1, int(duration_s // interval_s))
    namespace = "http://www.topografix.com/GPX/1/1" if version == "1.1" else "http://www.topografix.com/GPX/1/0"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gpx version="{version}" creator="kneecap tests" xmlns="{namespace}" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">',
        f"<trk><name>{name}</name>" + (f"<type>{sport}</type>" if sport else "") + "<trkseg>",
    ]
    for index in range(steps + 1):
        fraction = index / steps
        moment = start + timedelta(seconds=duration_s * fraction)
        extension = ""
        if hr is not None or cadence is not None:
            inner = (f"<gpxtpx:hr>{hr}</gpxtpx:hr>" if hr is not None else "") + (
                f"<gpxtpx:cad>{cadence}</gpxtpx:cad>" if cadence is not None else ""
            )
            extension = f"<extensions><gpxtpx:TrackPointExtension>{inner}</gpxtpx:TrackPointExtension></extensions>"
        lines.append(
            f'<trkpt lat="{_lat_at(distance_m * fraction):.9f}" lon="{BASE_LON}">'
            f"<ele>{_altitude(fraction, climb_m):.2f}</ele><time>{moment:%Y-%m-%dT%H:%M:%SZ}</time>{extension}</trkpt>"
        )
    lines.append("</trkseg></trk></gpx>")
    return "\n".join(lines).encode()


def make_tcx_run(
    start: datetime,
    distance_m: float,
    duration_s: float,
    *,
    sport: str = "Running",
    laps: int = 1,
    cadence: int | None = 85,
    hr: int | None = 150,
    with_position: bool = True,
    interval_s: int = 5,
) -> bytes:
    """Return a TCX activity of ``laps`` equal laps; ``cadence`` goes in the RunCadence extension (strides)."""
    start = start.astimezone(UTC)
    lap_s, lap_m = duration_s / laps, distance_m / laps
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" '
        'xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">',
        f'<Activities><Activity Sport="{sport}"><Id>{start:%Y-%m-%dT%H:%M:%S.000Z}</Id>',
    ]
    for lap in range(laps):
        lap_start = start + timedelta(seconds=lap * lap_s)
        extension = f"<Extensions><ns3:LX><ns3:AvgRunCadence>{cadence}</ns3:AvgRunCadence></ns3:LX></Extensions>"
        parts.append(
            f'<Lap StartTime="{lap_start:%Y-%m-%dT%H:%M:%S.000Z}"><TotalTimeSeconds>{lap_s}</TotalTimeSeconds>'
            f"<DistanceMeters>{lap_m}</DistanceMeters>"
            + (f"<AverageHeartRateBpm><Value>{hr}</Value></AverageHeartRateBpm>" if hr is not None else "")
            + "<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod><Track>"
        )
        steps = max(1, int(lap_s // interval_s))
        for index in range(steps + 1):
            fraction = (lap + index / steps) / laps
            moment = start + timedelta(seconds=duration_s * fraction)
            position = (
                f"<Position><LatitudeDegrees>{_lat_at(distance_m * fraction):.9f}</LatitudeDegrees>"
                f"<LongitudeDegrees>{BASE_LON}</LongitudeDegrees></Position>"
                if with_position
                else ""
            )
            parts.append(
                f"<Trackpoint><Time>{moment:%Y-%m-%dT%H:%M:%SZ}</Time>{position}"
                f"<AltitudeMeters>{_altitude(fraction, 20.0):.2f}</AltitudeMeters>"
                f"<DistanceMeters>{distance_m * fraction:.2f}</DistanceMeters>"
                + (f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>" if hr is not None else "")
                + (
                    f"<Extensions><ns3:TPX><ns3:RunCadence>{cadence}</ns3:RunCadence></ns3:TPX></Extensions>"
                    if cadence is not None
                    else ""
                )
                + "</Trackpoint>"
            )
        parts.append("</Track>" + (extension if cadence is not None else "") + "</Lap>")
    parts.append("</Activity></Activities></TrainingCenterDatabase>")
    return "\n".join(parts).encode()


@dataclass(frozen=True)
class StravaRun:
    """One activity of a generated Strava export; ``fmt`` "manual" makes a CSV-only entry (no file)."""

    start: datetime
    distance_m: float
    duration_s: float
    name: str = "Morning Run"
    sport: str = "Run"
    gear: str = ""
    fmt: str = "fit"  # fit, gpx, tcx or manual
    description: str = "Easy run,\nfelt good"


# The column layout of Strava's 2024 exports: names repeat, so readers must go by position.
STRAVA_HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
    "Elevation Loss", "Elevation Low", "Elevation High", "Max Grade", "Average Grade",
    "Average Positive Grade", "Average Negative Grade", "Max Cadence", "Average Cadence",
    "Max Heart Rate", "Average Heart Rate", "Max Watts", "Average Watts", "Calories",
    "Max Temperature", "Average Temperature", "Relative Effort", "Total Work", "Number of Runs",
    "Uphill Time", "Downhill Time", "Other Time", "Perceived Exertion", "Type", "Start Time",
    "Weighted Average Power", "Power Count", "Prefer Perceived Exertion", "Perceived Relative Effort",
    "Commute", "Total Weight Lifted", "From Upload", "Grade Adjusted Distance", "Media",
]  # fmt: skip


def strava_date(moment: datetime) -> str:
    """Strava's CSV date format, e.g. "Oct 6, 2022, 11:19:20 PM" (UTC)."""
    moment = moment.astimezone(UTC)
    hour = moment.hour % 12 or 12
    return f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M:%S} {'AM' if moment.hour < 12 else 'PM'}"


def strava_csv(rows: Sequence[tuple[StravaRun, str]], header: Sequence[str] = STRAVA_HEADER) -> bytes:
    """The activities.csv of ``rows`` (run, Filename); columns are filled by position."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for number, (run, filename) in enumerate(rows, start=1):
        row = [""] * len(header)

        def put(name: str, value: str, occurrence: int = 1, *, _row: list[str] = row) -> None:
            positions = [i for i, h in enumerate(header) if h == name]
            if len(positions) >= occurrence:
                _row[positions[occurrence - 1]] = value

        put("Activity ID", str(9_000_000_000 + number))
        put("Activity Date", strava_date(run.start))
        put("Activity Name", run.name)
        put("Activity Type", run.sport)
        put("Activity Description", run.description)
        put("Elapsed Time", str(int(run.duration_s)))
        put("Distance", f"{run.distance_m / 1000:.2f}")
        put("Activity Gear", run.gear)
        put("Filename", filename)
        put("Elapsed Time", f"{run.duration_s:.1f}", 2)
        put("Moving Time", f"{run.duration_s:.1f}")
        put("Distance", f"{run.distance_m:.1f}", 2)
        put("Elevation Gain", "20.0")
        put("Elevation Loss", "20.0")
        put("Average Cadence", "85.0")
        put("Average Heart Rate", "150.0")
        writer.writerow(row)
    return out.getvalue().encode()


def activity_file(run: StravaRun) -> bytes:
    """The file of one StravaRun in its format (fit, gpx or tcx)."""
    if run.fmt == "gpx":
        return make_gpx_run(run.start, run.distance_m, run.duration_s, name=run.name)
    if run.fmt == "tcx":
        return make_tcx_run(run.start, run.distance_m, run.duration_s)
    # The raw writer, not fit-tool: about 100 times faster, which a 1,000-run export needs.
    return make_fit_run_raw(run.start, run.distance_m, run.duration_s, developer=True)


def make_strava_export_zip(path: Path, runs: Sequence[StravaRun], *, gzip_files: bool = True) -> Path:
    """Write a Strava bulk export zip (activities.csv and activities/<id>.<fmt>.gz) at ``path``."""
    rows: list[tuple[StravaRun, str]] = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, run in enumerate(runs, start=1):
            if run.fmt == "manual":
                rows.append((run, ""))
                continue
            data = activity_file(run)
            filename = f"activities/{10_000_000_000 + number}.{run.fmt}"
            if gzip_files:
                data = gzip.compress(data, mtime=0)
                filename += ".gz"
            # gzip does not shrink again: store the .gz entries as Strava does
            archive.writestr(filename, data, compress_type=zipfile.ZIP_STORED if gzip_files else None)
            rows.append((run, filename))
        archive.writestr("activities.csv", strava_csv(rows))
    return path


def make_garmin_export_zip(path: Path, fit_files: Sequence[bytes]) -> Path:
    """Write a Garmin Connect export zip: the FIT files sit in a zip inside the export's zip."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, data in enumerate(fit_files, start=1):
            archive.writestr(f"user@example.com_{100 + number}.fit", data)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("DI_CONNECT/DI-Connect-Fitness/user_summarizedActivities.json", "[]")
        archive.writestr("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner.getvalue())
    return path


# A raw FIT writer, independent of fit-tool: fast enough for benchmark-sized exports, and able to write what
# fit-tool does not (compressed-timestamp headers, developer fields, big-endian definitions, chained files).
_BASE = {"B": 0x02, "H": 0x84, "I": 0x86, "b": 0x01, "h": 0x83, "i": 0x85, "E": 0x00}  # E: enum


def _crc(data: bytes) -> int:
    from training.importers.fitcrc import crc16

    return crc16(data)


class RawFit:
    """Write FIT messages byte by byte: ``define`` a local message, then ``data`` with its values."""

    def __init__(self) -> None:
        self.body = bytearray()
        self.layouts: dict[int, tuple[str, int]] = {}

    def define(
        self,
        local: int,
        global_num: int,
        fields: Sequence[tuple[int, str]],
        *,
        big_endian: bool = False,
        dev_fields: Sequence[tuple[int, int, int]] = (),
    ) -> None:
        """``fields``: (field number, struct code among B H I b h i E); ``dev_fields``: (number, size, index)."""
        import struct

        order = ">" if big_endian else "<"
        header = 0x40 | (0x20 if dev_fields else 0) | local
        self.body += bytes([header, 0, 1 if big_endian else 0]) + struct.pack(order + "H", global_num)
        self.body.append(len(fields))
        codes = order
        for number, code in fields:
            size = struct.calcsize(code.replace("E", "B"))
            self.body += bytes([number, size, _BASE[code]])
            codes += code.replace("E", "B")
        if dev_fields:
            self.body.append(len(dev_fields))
            for number, size, index in dev_fields:
                self.body += bytes([number, size, index])
        self.layouts[local] = (codes, sum(size for _, size, _ in dev_fields))

    def data(self, local: int, values: Sequence[int], *, time_offset: int | None = None) -> None:
        """Write one data message; ``time_offset`` (0-31) uses a compressed-timestamp header (local 0-3)."""
        import struct

        codes, dev_size = self.layouts[local]
        header = 0x80 | (local << 5) | (time_offset & 0x1F) if time_offset is not None else local
        self.body.append(header)
        self.body += struct.pack(codes, *values) + b"\x07" * dev_size

    def to_bytes(self, *, bad_crc: bool = False) -> bytes:
        import struct

        header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(self.body), b".FIT")
        header += struct.pack("<H", _crc(header))
        data = header + bytes(self.body)
        crc = _crc(data) ^ (0xBEEF if bad_crc else 0)
        return data + struct.pack("<H", crc)


def fit_seconds(moment: datetime) -> int:
    return round(moment.timestamp()) - FIT_EPOCH_UNIX_S


def make_fit_run_raw(
    start: datetime,
    distance_m: float,
    duration_s: float,
    *,
    cadence_spm: float = 170.0,
    sport: int = 1,
    avg_hr: int = 150,
    records: bool = True,
    record_interval_s: int = 1,
    compressed: bool = False,
    developer: bool = False,
    big_endian: bool = False,
    session: bool = True,
    laps: int = 1,
    bad_crc: bool = False,
) -> bytes:
    """A FIT run written by RawFit: ``records`` every ``record_interval_s`` seconds (about 18 bytes each)."""
    begin = fit_seconds(start)
    strides = round(cadence_spm / 2)
    fit = RawFit()
    fit.define(0, 0, [(0, "E"), (1, "H"), (2, "H"), (4, "I")])
    fit.data(0, [4, 255, 1, begin])
    if records:
        dev = [(0, 2, 0)] if developer else []
        if developer:  # developer_data_id and field_description: field 0 of developer 0 is a uint16
            fit.define(6, 207, [(3, "B")])
            fit.data(6, [0])
            fit.define(7, 206, [(0, "B"), (1, "B"), (2, "B")])
            fit.data(7, [0, 0, 0x84])
        if compressed:
            fit.define(1, 20, [(253, "I"), (5, "I"), (2, "H"), (3, "B"), (4, "B")], big_endian=big_endian)
            fit.define(2, 20, [(5, "I"), (2, "H"), (3, "B"), (4, "B")], big_endian=big_endian, dev_fields=dev)
        else:
            fit.define(
                1, 20, [(253, "I"), (5, "I"), (2, "H"), (3, "B"), (4, "B")], big_endian=big_endian, dev_fields=dev
            )
        steps = max(1, int(duration_s // record_interval_s))
        for index in range(steps + 1):
            fraction = index / steps
            stamp = begin + round(duration_s * fraction)
            altitude = round((_altitude(fraction, 20.0) + 500) * 5)
            values = [round(distance_m * fraction * 100), altitude, avg_hr, strides]
            if compressed and index % 10:
                fit.data(2, values, time_offset=stamp & 0x1F)
            else:
                fit.data(1, [stamp, *values])
    fields = [(253, "I"), (2, "I"), (7, "I"), (8, "I"), (9, "I"), (25, "E"), (15, "B"), (17, "B"), (21, "H"), (22, "H")]
    fit.define(3, 19, fields, big_endian=big_endian)
    for lap in range(laps):
        lap_start = begin + round(duration_s * lap / laps)
        lap_s, lap_m = duration_s / laps, distance_m / laps
        fit.data(3, [lap_start + round(lap_s), lap_start, round(lap_s * 1000), round(lap_s * 1000),
                     round(lap_m * 100), sport, avg_hr, strides, 10, 10])  # fmt: skip
    if session:
        fields = [
            (253, "I"),
            (2, "I"),
            (7, "I"),
            (8, "I"),
            (9, "I"),
            (5, "E"),
            (16, "B"),
            (18, "B"),
            (22, "H"),
            (23, "H"),
        ]
        fit.define(4, 18, fields, big_endian=big_endian)
        fit.data(4, [begin + round(duration_s), begin, round(duration_s * 1000), round(duration_s * 1000),
                     round(distance_m * 100), sport, avg_hr, strides, 10 * laps, 10 * laps])  # fmt: skip
    fit.define(5, 34, [(253, "I"), (0, "I"), (1, "H"), (5, "I")])
    fit.data(5, [begin + round(duration_s), round(duration_s * 1000), 1, begin + round(duration_s) + 3600])
    return fit.to_bytes(bad_crc=bad_crc)
