"""The import's total budget counts the bytes really produced, for zip and gzip alike, and stops at it."""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
from datetime import UTC, datetime, timedelta

from training.demo import gpx_run
from training.importers import ImporterError, iter_import_items
from training.ingest.job import import_paths
from training.models import Activity, ImportJob, ImportStatus, ResultStatus

MB = 1024 * 1024
START = datetime(2025, 6, 2, 7, 0, tzinfo=UTC)


def walk_and_read(*paths, max_file_bytes=50 * MB, max_total_bytes=2 * MB):
    """Walk as the import does, each item read before the next is asked for.

    Returns [(name, bytes or reason)] and the reason the walk stopped early ("" when it did not).
    """
    out = []
    items = iter_import_items(list(paths), max_file_bytes=max_file_bytes, max_total_bytes=max_total_bytes)
    try:
        for item in items:
            if item.read is None:
                out.append((item.name, item.error or item.skipped))
                continue
            try:
                out.append((item.name, item.read()))
            except ImporterError as exc:
                out.append((item.name, exc.reason))
    except ImporterError as exc:
        return out, exc.reason
    return out, ""


def forge_size(data: bytes, name: str, size: int) -> bytes:
    """The zip DATA with NAME's uncompressed size rewritten to SIZE in its local and central headers."""
    forged = bytearray(data)
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = forged.find(signature)
        while forged[start + name_at : start + name_at + len(encoded)] != encoded:
            start = forged.find(signature, start + 1)
        forged[start + size_at : start + size_at + 4] = struct.pack("<I", size)
    return bytes(forged)


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_gzip_bomb_stops_at_the_budget_as_it_expands(tmp_path):
    # 30 MB of zeros packs into about 30 KB: its size on disk fits the budget many times over.
    (tmp_path / "bomb.fit.gz").write_bytes(gzip.compress(b"\0" * (30 * MB)))

    [(name, reason)], stopped = walk_and_read(tmp_path / "bomb.fit.gz", max_total_bytes=2 * MB)

    assert name == "bomb.fit.gz"
    assert "past its limit of 2 MB unpacked" in reason
    assert "stopped because its files unpacked to more than 2 MB" in stopped


def test_a_gzip_bomb_inside_a_zip_stops_at_the_budget_too(tmp_path):
    archive = tmp_path / "export.zip"
    archive.write_bytes(zip_bytes([("activities/1.fit.gz", gzip.compress(b"\0" * (30 * MB)))], zipfile.ZIP_STORED))

    [(_, reason)], stopped = walk_and_read(archive, max_total_bytes=2 * MB)

    assert "past its limit" in reason
    assert stopped


def test_the_import_stops_after_the_file_that_passes_the_budget(tmp_path):
    run = gpx_run(START, 3.0, seed=1)
    archive = tmp_path / "runs.zip"
    archive.write_bytes(zip_bytes([("a.gpx", run), ("bomb.gpx.gz", gzip.compress(b"\0" * (30 * MB))), ("b.gpx", run)]))

    found, stopped = walk_and_read(archive, max_total_bytes=2 * MB)

    assert [name for name, _ in found] == ["runs.zip/a.gpx", "runs.zip/bomb.gpx.gz"]  # b.gpx is never read
    assert found[0][1] == run
    assert "stopped because its files unpacked to more than 2 MB" in stopped


def test_a_zip_header_that_understates_a_size_never_unpacks_more_than_it_says(tmp_path):
    # zipfile stops an entry at the size its header gives, and the checksum then fails: the lie buys
    # nothing, and the budget is never reached.
    data = zip_bytes([("lie.gpx", b"\0" * (30 * MB))])
    (tmp_path / "lie.zip").write_bytes(forge_size(data, "lie.gpx", 1000))

    [(name, reason)], stopped = walk_and_read(tmp_path / "lie.zip", max_total_bytes=2 * MB)

    assert name == "lie.zip/lie.gpx"
    assert reason.startswith("The file cannot be read")
    assert stopped == ""


def test_a_zip_header_that_overstates_a_size_is_charged_what_the_entry_really_holds(tmp_path):
    # The header claims 0.9 MB for a small file: once read, the rest of the budget is free for the next one.
    small, honest = gpx_run(START, 1.0, seed=1), b"<gpx>" + bytes(range(256)) * 2048
    data = zip_bytes([("small.gpx", small), ("honest.gpx", honest)], zipfile.ZIP_STORED)
    data = forge_size(data, "small.gpx", int(0.9 * MB))
    (tmp_path / "over.zip").write_bytes(data)

    found = dict(walk_and_read(tmp_path / "over.zip", max_total_bytes=1 * MB)[0])

    assert found["over.zip/small.gpx"] == small
    assert found["over.zip/honest.gpx"] == honest


def test_copying_a_zip_out_of_a_zip_spends_the_budget(tmp_path):
    # Zips of photos inside a zip: nothing in them is an activity file, but copying them out writes bytes.
    photos = zip_bytes([("photo.jpg", bytes(range(256)) * 4096)], zipfile.ZIP_STORED)  # 1 MB
    archive = tmp_path / "albums.zip"
    archive.write_bytes(zip_bytes([(f"album{i}.zip", photos) for i in range(4)], zipfile.ZIP_STORED))

    found, _ = walk_and_read(archive, max_total_bytes=int(2.5 * MB))

    refused = [name for name, reason in found if "total size limit; this zip was not read" in str(reason)]
    assert refused == ["albums.zip/album2.zip", "albums.zip/album3.zip"]


def test_a_gz_inside_a_gz_is_read_and_deeper_is_refused(tmp_path):
    run = gpx_run(START, 2.0, seed=3)
    (tmp_path / "twice.gpx.gz").write_bytes(gzip.compress(gzip.compress(run)))
    (tmp_path / "thrice.gpx.gz").write_bytes(gzip.compress(gzip.compress(gzip.compress(run))))

    found = dict(walk_and_read(tmp_path / "twice.gpx.gz", tmp_path / "thrice.gpx.gz", max_total_bytes=50 * MB)[0])

    assert found["twice.gpx.gz"] == run
    assert "compressed more than 2 times over" in found["thrice.gpx.gz"]


def test_a_gzip_bomb_ends_the_job_as_failed_with_the_files_before_it_kept_and_nothing_of_it(
    patient, tmp_path, settings
):
    settings.TRAINING_IMPORT_MAX_UNCOMPRESSED_BYTES = 2 * MB
    runs = [gpx_run(START + timedelta(days=day), 3.0, seed=day) for day in range(3)]
    archive = tmp_path / "export.zip"
    archive.write_bytes(
        zip_bytes(
            [
                ("0.gpx", runs[0]),
                ("1.gpx", runs[1]),
                ("bomb.gpx.gz", gzip.compress(b"\0" * (30 * MB))),
                ("2.gpx", runs[2]),
            ]
        )
    )

    job = import_paths(ImportJob.objects.create(patient=patient), [archive], decode_records=False)

    assert job.status == ImportStatus.FAILED
    assert "stopped because its files unpacked to more than 2 MB" in job.error
    results = [(r.name, r.status) for r in job.results.order_by("position")]
    assert results == [
        ("export.zip/0.gpx", ResultStatus.IMPORTED),
        ("export.zip/1.gpx", ResultStatus.IMPORTED),
        ("export.zip/bomb.gpx.gz", ResultStatus.FAILED),
    ]
    assert "past its limit" in job.results.get(name="export.zip/bomb.gpx.gz").reason
    assert sorted(Activity.objects.filter(patient=patient).values_list("source_file", flat=True)) == [
        "export.zip/0.gpx",
        "export.zip/1.gpx",
    ]
    assert (job.imported, job.failed) == (2, 1)
