"""The job stage: one import job from its uploads to its counts, results and audit entry.

``run_job`` (the background task's work) copies the uploads to a scratch folder; ``import_paths`` walks the
files (training.importers.archives), reads them ahead, has the ingestor prepare and finish each one in
order, counts the outcomes, and queues the records for charts once the job is done.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone

from accounts.audit import Actor, audit
from training.importers.archives import iter_import_items
from training.importers.base import ImporterError
from training.ingest.read import max_uncompressed_bytes, max_upload_bytes, read_ahead
from training.ingest.records import queue_records
from training.ingest.store import Ingestor, Outcome, Pending
from training.models import ImportJob, ImportStatus, ResultStatus

#: How many prepared files may wait for their source copy before the import waits for the oldest.
STORE_BEHIND = 4


Progress = Callable[[int, str], None]


def _count(job: ImportJob, outcomes: Iterable[Outcome]) -> None:
    for outcome in outcomes:
        field = {
            ResultStatus.IMPORTED: "imported",
            ResultStatus.DUPLICATE: "duplicates",
            ResultStatus.SKIPPED: "skipped",
            ResultStatus.FAILED: "failed",
        }[outcome.status]
        setattr(job, field, getattr(job, field) + 1)


def import_paths(
    job: ImportJob, paths: Sequence[Path], *, progress: Progress | None = None, decode_records: bool = True
) -> ImportJob:
    """Import every file found in PATHS for the job's patient; the job ends ``done`` with a result per file."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, started_at=timezone.now())
    job.status = ImportStatus.RUNNING
    ingestor = Ingestor(job.patient, job)
    last_save = 0.0

    def finish(step: Pending, name: str) -> None:
        nonlocal last_save
        _count(job, ingestor.finish(step))
        job.files_done += 1
        if progress is not None:
            progress(job.files_done, name)
        if time.monotonic() - last_save > 0.5:
            last_save = time.monotonic()
            job.save(update_fields=["files_done", "imported", "duplicates", "skipped", "failed"])

    try:
        items = iter_import_items(paths, max_file_bytes=max_upload_bytes(), max_total_bytes=max_uncompressed_bytes())
        # Files are finished (committed) one by one and in order, but a file whose source copy is still being
        # written waits while the next files decode, up to STORE_BEHIND files, so the copies are written
        # off the critical path.
        waiting: deque[tuple[Pending, str]] = deque()

        def finish_next() -> None:
            try:
                finish(*waiting.popleft())
            except BaseException:
                waiting.clear()  # the import stops at this file, as it did when files were finished at once
                raise

        try:
            for item, ahead in read_ahead(items):
                waiting.append((ingestor.prepare(item, ahead), item.name))
                while waiting and (len(waiting) > STORE_BEHIND or waiting[0][0].copy_stored()):
                    finish_next()
        finally:
            # After an error of the walk or of preparing a file, the files before it are still finished.
            while waiting:
                finish_next()
    except ImporterError as exc:
        job.status = ImportStatus.FAILED
        job.error = exc.reason
    else:
        job.status = ImportStatus.DONE
    job.finished_at = timezone.now()
    job.save()
    # The background task acts for whoever queued the import; it has no address of theirs.
    audit(
        Actor.system(job.created_by),
        "training.import.finished",
        patient=job.patient,
        obj=job,
        changes={"imported": job.imported, "duplicates": job.duplicates, "skipped": job.skipped, "failed": job.failed},
    )
    if decode_records and ingestor.imported_ids:
        queue_records(ingestor.imported_ids)
    return job


def run_job(job_id: int) -> ImportJob | None:
    """Copy the job's uploads from storage to a scratch folder, import them, then delete the uploads."""
    job = ImportJob.objects.select_related("patient", "created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.QUEUED:
        return job
    with tempfile.TemporaryDirectory(prefix="kneecap-import-") as scratch:
        paths: list[Path] = []
        for i, upload in enumerate(job.uploads):
            folder = Path(scratch) / str(i)
            folder.mkdir()
            target = folder / Path(str(upload["name"])).name
            with default_storage.open(upload["storage"], "rb") as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
            paths.append(target)
        try:
            import_paths(job, paths)
        finally:
            for upload in job.uploads:
                default_storage.delete(upload["storage"])
    return job
