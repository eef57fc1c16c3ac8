"""Turning decoded files into Activity rows: one transaction per file, idempotent, every file reported.

The stages for each file: read -> hash (the same file twice adds nothing) -> decode the totals ->
keep runs and walks -> sanity checks -> cross-source duplicates (start within 60 s and duration within
2%) -> write. Per-point records are not decoded here: the records task does that after the import.

On a big import three things overlap: a helper thread reads and hashes the next files (zip reads, gunzip
and SHA-256 release the GIL), the main thread decodes, checks and writes, and another thread stores the
source copies. Duplicate checks stay exact because they run on the main thread, in file order, against
what the patient already has plus every file prepared before; files still commit one by one, in order.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import shutil
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from queue import Full, Queue
from typing import cast

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.access import audit
from accounts.models import User
from training.importers import (
    ImporterError,
    ImportItem,
    NotAnActivityError,
    ParsedActivity,
    iter_import_items,
    parse_file,
)
from training.importers.plausible import check_plausible
from training.importers.sports import normalize_sport
from training.models import (
    Activity,
    ImportJob,
    ImportResult,
    ImportStatus,
    ResultStatus,
    Shoe,
    TrainingProfile,
)

DUPLICATE_START_S = 60
DUPLICATE_DURATION_SHARE = 0.02
DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_UNCOMPRESSED_BYTES = 10 * 1024**3
READ_AHEAD = 4
STORE_BEHIND = 4
UNREADABLE = "This file could not be read: it may be damaged or in a form this importer does not know."

log = logging.getLogger(__name__)


def max_upload_bytes() -> int:
    """The size limit of one upload and of one file inside it (setting TRAINING_IMPORT_MAX_BYTES)."""
    return int(getattr(settings, "TRAINING_IMPORT_MAX_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def max_uncompressed_bytes() -> int:
    """The bytes one import may unpack, counted as they are produced (zip and gzip bombs stop here)."""
    return int(getattr(settings, "TRAINING_IMPORT_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED_BYTES))


@dataclass(frozen=True)
class Outcome:
    name: str
    status: ResultStatus
    reason: str = ""
    activity_id: int | None = None


def _source_name(patient_id: int, digest: str, name: str) -> str:
    """Where the decoded file is kept: named by its content, so one file is stored once per patient."""
    suffix = Path(name.removesuffix(".gz")).suffix.lower() or ".bin"
    return f"training/sources/{patient_id}/{digest}{suffix}"


def _store_source(target: str, data: bytes) -> str:
    """Keep the decoded file for the records task. Stored as is: compressing it here would cost the import
    about a fifth of its time, and this is the import's critical path.

    The name is content-addressed, so a copy that another import saved first (the storage then picks
    another name) is the same bytes: it is deleted and ``target`` kept, never a second copy."""
    if default_storage.exists(target):
        return target
    saved = default_storage.save(target, ContentFile(data))
    if saved != target:
        default_storage.delete(saved)
    return target


# Source copies are written on this thread while the next files decode (see ``import_paths``); a file's
# transaction commits only once its copy is stored, so a committed activity always has its source.
_source_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kneecap-sources")


@dataclass(frozen=True)
class ReadAhead:
    """One file's bytes and their SHA-256, or the error reading them raised (raised again by ``result``)."""

    data: bytes = b""
    digest: str = ""
    error: Exception | None = None

    def result(self) -> tuple[bytes, str]:
        if self.error is not None:
            raise self.error
        return self.data, self.digest


def read_item(item: ImportItem) -> ReadAhead:
    """Read (and decompress) an item's file and hash it; an error is kept for the import to report."""
    assert item.read is not None
    try:
        data = item.read()
    except Exception as exc:
        return ReadAhead(error=exc)
    return ReadAhead(data, hashlib.sha256(data).hexdigest())


def _reads_bytes(item: ImportItem) -> bool:
    """Whether ``Ingestor.ingest`` reads the item's file (not for rejected entries or the CSV's rides)."""
    if item.error or item.skipped or item.read is None:
        return False
    declared = item.overrides.get("sport", "")
    return not (declared and normalize_sport(declared)[0] is None)


_END = object()


def read_ahead(items: Iterator[ImportItem], depth: int = READ_AHEAD) -> Iterator[tuple[ImportItem, ReadAhead | None]]:
    """Yield the items in order with their bytes read and hashed by a helper thread up to DEPTH files ahead.

    Reading a zip entry, gunzip and SHA-256 run outside the GIL, so they overlap the decoding and the
    database work of the files before. Only that thread touches the archives; an error of the walk itself
    (an ImporterError of the paths) is raised here, where the loop would have met it.
    """
    queue: Queue[object] = Queue(maxsize=depth)
    stop = threading.Event()

    def put(entry: object) -> bool:
        while not stop.is_set():
            try:
                queue.put(entry, timeout=0.1)
            except Full:
                continue
            return True
        return False

    def work() -> None:
        try:
            for item in items:
                if not put((item, read_item(item) if _reads_bytes(item) else None)):
                    return
            put(_END)
        except BaseException as exc:  # handed to the importing thread, which raises it
            put(exc)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    reader = threading.Thread(target=work, name="kneecap-import-reader", daemon=True)
    reader.start()
    try:
        while True:
            entry = queue.get()
            if entry is _END:
                return
            if isinstance(entry, BaseException):
                raise entry
            yield cast(tuple[ImportItem, ReadAhead | None], entry)
    finally:
        stop.set()
        reader.join()


Plan = tuple[str, Activity | None, ResultStatus, str]  # label, row to insert, status, reason


@dataclass
class Pending:
    """A prepared item: the outcomes to record, or the rows to insert (``plans``) and its source copy."""

    outcomes: list[Outcome]
    name: str = ""
    plans: list[Plan] | None = None
    stored: Future[str] | None = None


def _stored(step: Pending) -> bool:
    return step.stored is None or step.stored.done()


def _not_a_run(sport: str) -> str:
    return f"This is {'a ' + sport if sport else 'an unknown sport'}; only runs and walks are kept."


class Ingestor:
    """Imports items for one patient, remembering what is already there so each file costs few queries."""

    def __init__(self, patient: User, job: ImportJob | None = None) -> None:
        self.patient = patient
        self.job = job
        self.now = timezone.now()
        self.position = 0
        rows = Activity.objects.filter(patient=patient).values_list("content_hash", "start", "elapsed_s")
        self.hashes: set[str] = set()
        pairs: list[tuple[float, float]] = []
        for digest, start, elapsed in rows:
            if digest:
                self.hashes.add(digest.split("-")[0])
            pairs.append((start.timestamp(), elapsed))
        pairs.sort()
        self.starts = [p[0] for p in pairs]
        self.durations = [p[1] for p in pairs]
        self.shoes = {s.name.lower(): s for s in Shoe.objects.filter(patient=patient)}
        self.default_shoe = next((s for s in self.shoes.values() if s.is_default and not s.retired), None)
        profile = TrainingProfile.objects.filter(patient=patient).first()
        self.default_surface = profile.default_surface if profile else ""
        self.imported_ids: list[int] = []

    def _duplicate_of(self, start: datetime, elapsed: float) -> bool:
        t = start.timestamp()
        lo = bisect.bisect_left(self.starts, t - DUPLICATE_START_S)
        hi = bisect.bisect_right(self.starts, t + DUPLICATE_START_S)
        return any(
            abs(self.durations[j] - elapsed) <= DUPLICATE_DURATION_SHARE * max(self.durations[j], elapsed, 1.0)
            for j in range(lo, hi)
        )

    def _remember(self, start: datetime, elapsed: float) -> None:
        i = bisect.bisect_left(self.starts, start.timestamp())
        self.starts.insert(i, start.timestamp())
        self.durations.insert(i, elapsed)

    def _shoe_for(self, gear: str) -> Shoe | None:
        if not gear.strip():
            return self.default_shoe
        key = gear.strip().lower()
        if key not in self.shoes:
            self.shoes[key] = Shoe.objects.create(patient=self.patient, name=gear.strip()[:120])
        return self.shoes[key]

    def _check(self, activity: ParsedActivity) -> tuple[ResultStatus, str] | None:
        # Again here: the decoders check only what they call a run or walk, not a Strava manual entry's word,
        # an override from activities.csv or another word ending in run ("indoor_running").
        try:
            check_plausible(activity, self.now)
        except ImporterError as exc:
            return ResultStatus.FAILED, exc.reason
        if self._duplicate_of(activity.start, activity.elapsed_s):
            return ResultStatus.DUPLICATE, "The same run is already here from another file (start within 60 s)."
        return None

    def ingest(self, item: ImportItem, ahead: ReadAhead | None = None) -> list[Outcome]:
        """Import one item (one file, or one Strava manual entry) in its own transaction.

        ``ahead`` is the item's bytes as ``read_item`` returned them, when they were read ahead."""
        return self.finish(self.prepare(item, ahead))

    def prepare(self, item: ImportItem, ahead: ReadAhead | None = None) -> Pending:
        """Decode and check one item and start storing its source copy; nothing is written to the database
        until ``finish``. Items must be finished in the order they were prepared."""
        if item.error:
            return Pending([Outcome(item.name, ResultStatus.FAILED, item.error)])
        if item.skipped:
            return Pending([Outcome(item.name, ResultStatus.SKIPPED, item.skipped)])
        declared = item.overrides.get("sport", "")
        if declared and normalize_sport(declared)[0] is None:
            # The export's own list says what it is: no need to decode a ride to skip it.
            return Pending([Outcome(item.name, ResultStatus.SKIPPED, _not_a_run(declared))])
        data: bytes | None = None
        if item.read is not None:
            try:
                data, digest = (ahead if ahead is not None else read_item(item)).result()
                if digest in self.hashes:
                    return Pending([Outcome(item.name, ResultStatus.DUPLICATE, "This file was imported before.")])
                parsed = list(item.activities) or parse_file(item.name, data)
            except NotAnActivityError as exc:
                # A readable file with no activity in it (device settings, a workout plan): not an error.
                return Pending([Outcome(item.name, ResultStatus.SKIPPED, exc.reason)])
            except ImporterError as exc:
                return Pending([Outcome(item.name, ResultStatus.FAILED, exc.reason)])
            except Exception:
                # A decoder bug must cost one file, never the rest of the import.
                log.exception("unexpected error decoding %s", item.name)
                return Pending([Outcome(item.name, ResultStatus.FAILED, UNREADABLE)])
        else:
            parsed = list(item.activities)
            first = parsed[0] if parsed else None
            key = f"{item.name}|{first.start.isoformat() if first else ''}|{first.elapsed_s if first else ''}"
            digest = "csv" + hashlib.sha256(key.encode()).hexdigest()[:61]
            if digest in self.hashes:
                return Pending([Outcome(item.name, ResultStatus.DUPLICATE, "This entry was imported before.")])
        if not parsed:
            return Pending([Outcome(item.name, ResultStatus.SKIPPED, "The file holds no activity.")])
        return self._plan(item, parsed, digest, data)

    def _plan(self, item: ImportItem, parsed: list[ParsedActivity], digest: str, data: bytes | None) -> Pending:
        many = len(parsed) > 1
        plans: list[Plan] = []
        blob = ""
        stored: Future[str] | None = None
        for i, raw in enumerate(parsed):
            label = f"{item.name} (activity {i + 1})" if many else item.name
            activity = raw
            if item.overrides.get("sport"):
                activity = replace(activity, sport=item.overrides["sport"])
            sport, implied_surface = normalize_sport(activity.sport)
            if sport is None:
                plans.append((label, None, ResultStatus.SKIPPED, _not_a_run(activity.sport)))
                continue
            problem = self._check(activity)
            if problem is not None:
                plans.append((label, None, problem[0], problem[1]))
                continue
            shoe = self._shoe_for(item.overrides.get("gear", "") or activity.gear)
            surface = implied_surface or (shoe.default_surface if shoe else "") or self.default_surface
            if data is not None and activity.has_records and not blob:
                blob = _source_name(self.patient.pk, digest, item.name)
                stored = _source_writer.submit(_store_source, blob, data)
            row = Activity(
                patient=self.patient,
                sport=sport,
                name=(item.overrides.get("name") or activity.name)[:200],
                start=activity.start,
                utc_offset_s=activity.utc_offset_s,
                elapsed_s=activity.elapsed_s,
                moving_time_s=activity.moving_time_s,
                distance_m=activity.distance_m,
                elevation_gain_m=activity.elevation_gain_m,
                elevation_loss_m=activity.elevation_loss_m,
                avg_hr=activity.avg_hr,
                avg_cadence_spm=activity.avg_cadence_spm,
                surface=surface,
                shoe=shoe,
                source_format=activity.source_format[:16],
                source_file=item.name[-500:],
                content_hash=digest if i == 0 else f"{digest}-{i}",
                source_blob=blob if activity.has_records else "",
                has_records=False,
                import_job=self.job,
            )
            self._remember(activity.start, activity.elapsed_s)
            note = "; ".join(activity.warnings)
            plans.append((label, row, ResultStatus.IMPORTED, note[:500]))
        # Known from here on, so the next file sees it even before this one commits (as before, a file whose
        # activities were all skipped counts as imported; if the insert fails, the hash is in the database).
        self.hashes.add(digest)
        return Pending([], item.name, plans, stored)

    def finish(self, pending: Pending) -> list[Outcome]:
        """Write one prepared item in its own transaction, which commits once its source copy is stored."""
        if pending.plans is None:
            return self._record(pending.outcomes)
        try:
            with transaction.atomic():
                rows = [row for _, row, _, _ in pending.plans if row is not None]
                Activity.objects.bulk_create(rows)
                outcomes = [
                    Outcome(label, status, reason, row.pk if row else None)
                    for label, row, status, reason in pending.plans
                ]
                self._record(outcomes, atomic=False)
                if pending.stored is not None:
                    pending.stored.result()  # an error here rolls the file back, as before
        except IntegrityError:
            # Another import of the same file committed first.
            return self._record([Outcome(pending.name, ResultStatus.DUPLICATE, "This file was imported before.")])
        self.imported_ids.extend(row.pk for row in rows if row.source_blob)
        return outcomes

    def _record(self, outcomes: list[Outcome], *, atomic: bool = True) -> list[Outcome]:
        if self.job is None:
            return outcomes
        results = []
        for outcome in outcomes:
            results.append(
                ImportResult(
                    job=self.job,
                    position=self.position,
                    name=outcome.name[-500:],
                    status=outcome.status,
                    reason=outcome.reason[:500],
                    activity_id=outcome.activity_id,
                )
            )
            self.position += 1
        if atomic:
            with transaction.atomic():
                ImportResult.objects.bulk_create(results)
        else:
            ImportResult.objects.bulk_create(results)
        return outcomes


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
                while waiting and (len(waiting) > STORE_BEHIND or _stored(waiting[0][0])):
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
    audit(
        None,
        "training.import.finished",
        patient=job.patient,
        obj=job,
        actor=job.created_by,
        changes={"imported": job.imported, "duplicates": job.duplicates, "skipped": job.skipped, "failed": job.failed},
    )
    if decode_records and ingestor.imported_ids:
        from training.tasks import queue_records

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
