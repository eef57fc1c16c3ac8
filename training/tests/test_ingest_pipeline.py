"""The import's pipeline: files read ahead on a helper thread, source copies stored while the next file
decodes, and still one transaction, one result and one progress step per file, in order."""

from __future__ import annotations

import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from training.demo import gpx_run
from training.importers import ImporterError, ImportItem
from training.ingest import store
from training.ingest.job import STORE_BEHIND, import_paths
from training.ingest.read import read_ahead
from training.ingest.store import Ingestor, _store_source
from training.models import Activity, ImportJob, ImportStatus, ResultStatus

START = datetime(2025, 6, 2, 7, 0, tzinfo=UTC)


def run(day: int, seed: int = 0) -> bytes:
    return gpx_run(START + timedelta(days=day), 3.0, seed=seed)


def zipped(folder: Path, entries: list[tuple[str, bytes]]) -> Path:
    archive = folder / "runs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return archive


def results(job: ImportJob) -> list[tuple[str, str]]:
    return [(r.name, r.status) for r in job.results.order_by("position")]


def test_every_file_gets_its_result_and_progress_step_in_order(patient, tmp_path):
    archive = zipped(
        tmp_path,
        [
            ("runs/0.gpx", run(0)),
            ("runs/broken.gpx", b"<gpx><trk>"),
            ("runs/1.gpx", run(1)),
            ("runs/ride.gpx", gpx_run(START + timedelta(days=2), 3.0, sport="cycling")),
            ("runs/2.gpx", run(3)),
        ],
    )
    seen: list[tuple[int, str]] = []
    job = ImportJob.objects.create(patient=patient)
    import_paths(job, [archive], progress=lambda done, name: seen.append((done, name)), decode_records=False)
    names = ["runs.zip/runs/0.gpx", "runs.zip/runs/broken.gpx", "runs.zip/runs/1.gpx", "runs.zip/runs/ride.gpx"]
    names.append("runs.zip/runs/2.gpx")
    assert seen == list(enumerate(names, start=1))
    assert results(job) == [
        (names[0], ResultStatus.IMPORTED),
        (names[1], ResultStatus.FAILED),
        (names[2], ResultStatus.IMPORTED),
        (names[3], ResultStatus.SKIPPED),
        (names[4], ResultStatus.IMPORTED),
    ]
    job.refresh_from_db()
    assert (job.status, job.files_done, job.imported, job.failed, job.skipped) == (ImportStatus.DONE, 5, 3, 1, 1)


def test_every_imported_run_has_its_source_copy_stored(patient, tmp_path):
    job = import_paths(
        ImportJob.objects.create(patient=patient),
        [zipped(tmp_path, [("a.gpx", run(0)), ("b.gpx", run(1))])],
        decode_records=False,
    )
    blobs = [a.source_blob for a in Activity.objects.filter(patient=patient)]
    assert job.imported == 2 and len(set(blobs)) == 2
    for blob in blobs:
        assert blob.startswith(f"training/sources/{patient.pk}/") and default_storage.exists(blob)


def test_the_same_file_twice_in_one_import_is_imported_once(patient, tmp_path):
    data = run(0)
    job = import_paths(
        ImportJob.objects.create(patient=patient),
        [zipped(tmp_path, [("a/run.gpx", data), ("b/run.gpx", data)])],
        decode_records=False,
    )
    assert Activity.objects.filter(patient=patient).count() == 1
    [first, second] = job.results.order_by("position")
    assert first.status == ResultStatus.IMPORTED
    assert (second.status, second.reason) == (ResultStatus.DUPLICATE, "This file was imported before.")


def test_a_copy_that_cannot_be_stored_leaves_nothing_of_its_file(patient, monkeypatch):
    def full_disk(target: str, data: bytes) -> str:
        raise OSError("No space left on device")

    monkeypatch.setattr("training.ingest.store._store_source", full_disk)
    ingestor = Ingestor(patient, ImportJob.objects.create(patient=patient))
    with pytest.raises(OSError, match="No space"):
        ingestor.ingest(ImportItem("a.gpx", read=lambda: run(0)))
    assert not Activity.objects.filter(patient=patient).exists()
    assert not ingestor.job.results.exists()


def test_a_copy_saved_first_by_another_import_is_not_stored_twice(monkeypatch):
    target = "training/sources/0/abc.fit"
    default_storage.save(target, ContentFile(b"same bytes"))
    assert _store_source(target, b"same bytes") == target
    # Another import saves the same name between the existence check and the save: the storage picks another
    # name, and that second copy is removed.
    monkeypatch.setattr(default_storage, "exists", lambda name: False)
    assert _store_source(target, b"same bytes") == target
    monkeypatch.undo()
    _, files = default_storage.listdir("training/sources/0")
    assert files == ["abc.fit"]
    default_storage.delete(target)


def test_read_ahead_keeps_order_and_the_errors_of_each_file():
    def broken() -> bytes:
        raise ImporterError("This .gz file is cut short.")

    items = [
        ImportItem("a.fit", read=lambda: b"first"),
        ImportItem("b.fit", read=broken),
        ImportItem("c.fit", error="The file is empty."),
        ImportItem("ride.fit", read=lambda: b"never read", overrides={"sport": "Ride"}),
        ImportItem("d.fit", read=lambda: b"last"),
    ]
    out = list(read_ahead(iter(items), depth=1))
    assert [item.name for item, _ in out] == ["a.fit", "b.fit", "c.fit", "ride.fit", "d.fit"]
    first, cut, empty, ride, last = (ahead for _, ahead in out)
    assert first is not None and first.result()[0] == b"first" and len(first.result()[1]) == 64
    assert cut is not None and isinstance(cut.error, ImporterError)
    assert empty is None and ride is None
    assert last is not None and last.data == b"last"


def test_read_ahead_raises_a_walk_error_where_the_walk_met_it():
    def walk():
        yield ImportItem("a.fit", read=lambda: b"a")
        raise ImporterError("The upload could not be opened.")

    seen = []
    with pytest.raises(ImporterError, match="could not be opened"):
        for item, _ in read_ahead(walk()):
            seen.append(item.name)
    assert seen == ["a.fit"]


def test_read_ahead_closes_the_walk_when_the_import_stops_early():
    closed = []

    def walk():
        try:
            for i in range(100):
                yield ImportItem(f"{i}.fit", read=lambda: b"x")
        finally:
            closed.append(True)

    for item, _ in read_ahead(walk(), depth=2):
        if item.name == "1.fit":
            break
    assert closed == [True]


def test_a_walk_error_fails_the_job_after_committing_the_files_before_it(patient, monkeypatch):
    def walk(paths, **limits):
        yield ImportItem("a.gpx", read=lambda: run(0))
        yield ImportItem("b.gpx", read=lambda: run(1))
        raise ImporterError("The export could not be read to the end.")

    monkeypatch.setattr("training.ingest.job.iter_import_items", walk)
    job = import_paths(ImportJob.objects.create(patient=patient), [Path("export.zip")], decode_records=False)
    assert (job.status, job.error) == (ImportStatus.FAILED, "The export could not be read to the end.")
    assert results(job) == [("a.gpx", ResultStatus.IMPORTED), ("b.gpx", ResultStatus.IMPORTED)]
    assert Activity.objects.filter(patient=patient).count() == 2


def test_files_whose_copies_are_slow_to_store_still_commit_in_order(patient, tmp_path, monkeypatch):
    real = store._store_source

    def slow(target: str, data: bytes) -> str:
        time.sleep(0.01)
        return real(target, data)

    monkeypatch.setattr("training.ingest.store._store_source", slow)
    entries = [(f"{i}.gpx", run(i, seed=i)) for i in range(STORE_BEHIND + 3)]
    entries.insert(2, ("empty.tcx", b""))
    job = import_paths(ImportJob.objects.create(patient=patient), [zipped(tmp_path, entries)], decode_records=False)
    assert [name for name, _ in results(job)] == [f"runs.zip/{name}" for name, _ in entries]
    assert job.imported == len(entries) - 1 and job.failed == 1
    assert all(default_storage.exists(a.source_blob) for a in Activity.objects.filter(patient=patient))


def test_an_import_that_breaks_on_a_file_keeps_the_files_before_it_and_stops_there(patient, tmp_path, monkeypatch):
    real = store._store_source

    def failing_on_the_second(target: str, data: bytes) -> str:
        if data == second:
            time.sleep(0.05)  # the next files are prepared meanwhile
            raise OSError("No space left on device")
        return real(target, data)

    second = run(1, seed=1)
    monkeypatch.setattr("training.ingest.store._store_source", failing_on_the_second)
    entries = [("0.gpx", run(0)), ("1.gpx", second), ("2.gpx", run(2, seed=2)), ("3.gpx", run(3, seed=3))]
    job = ImportJob.objects.create(patient=patient)
    with pytest.raises(OSError, match="No space"):
        import_paths(job, [zipped(tmp_path, entries)], decode_records=False)
    assert results(job) == [("runs.zip/0.gpx", ResultStatus.IMPORTED)]
    assert list(Activity.objects.filter(patient=patient).values_list("source_file", flat=True)) == ["runs.zip/0.gpx"]
