"""The store stage: the ingestor, which turns each item into Activity rows and import results, and the
thread that keeps the files' source copies.

``prepare`` reads, hashes and decodes an item, keeps its runs and walks, asks the check stage about each,
and starts storing the source copy; ``finish`` writes the rows and results in one transaction, which commits
once that copy is stored. Items are finished one by one, in the order they were prepared.
"""

from __future__ import annotations

import hashlib
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from training.importers.base import ImporterError, ImportItem, NotAnActivityError, ParsedActivity
from training.importers.sniff import parse_file
from training.importers.sports import normalize_sport
from training.ingest.check import KnownRuns, not_a_run, refusal
from training.ingest.read import ReadAhead, read_item
from training.models import Activity, ImportJob, ImportResult, ResultStatus, Shoe, TrainingProfile

UNREADABLE = "This file could not be read: it may be damaged or in a form this importer does not know."

log = logging.getLogger(__name__)


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


# Source copies are written on this thread while the next files decode (see ``job.import_paths``); a file's
# transaction commits only once its copy is stored, so a committed activity always has its source.
_source_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kneecap-sources")


Plan = tuple[str, Activity | None, ResultStatus, str]  # label, row to insert, status, reason


@dataclass
class Pending:
    """A prepared item: the outcomes to record, or the rows to insert (``plans``) and its source copy."""

    outcomes: list[Outcome]
    name: str = ""
    plans: list[Plan] | None = None
    stored: Future[str] | None = None

    def copy_stored(self) -> bool:
        """Whether ``finish`` can write it without waiting: it has no source copy, or the copy is stored."""
        return self.stored is None or self.stored.done()


class Ingestor:
    """Imports items for one patient, remembering what is already there so each file costs few queries."""

    def __init__(self, patient: User, job: ImportJob | None = None) -> None:
        self.patient = patient
        self.job = job
        self.now = timezone.now()
        self.position = 0
        rows = Activity.objects.filter(patient=patient).values_list("content_hash", "start", "elapsed_s")
        self.hashes: set[str] = set()
        runs = []
        for digest, start, elapsed in rows:
            if digest:
                self.hashes.add(digest.split("-")[0])
            runs.append((start, elapsed))
        self.known = KnownRuns(runs)
        self.shoes = {s.name.lower(): s for s in Shoe.objects.filter(patient=patient)}
        self.default_shoe = next((s for s in self.shoes.values() if s.is_default and not s.retired), None)
        profile = TrainingProfile.objects.filter(patient=patient).first()
        self.default_surface = profile.default_surface if profile else ""
        self.imported_ids: list[int] = []

    def _shoe_for(self, gear: str) -> Shoe | None:
        if not gear.strip():
            return self.default_shoe
        key = gear.strip().lower()
        if key not in self.shoes:
            self.shoes[key] = Shoe.objects.create(patient=self.patient, name=gear.strip()[:120])
        return self.shoes[key]

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
            return Pending([Outcome(item.name, ResultStatus.SKIPPED, not_a_run(declared))])
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
                plans.append((label, None, ResultStatus.SKIPPED, not_a_run(activity.sport)))
                continue
            refused = refusal(activity, self.now, self.known)
            if refused is not None:
                plans.append((label, None, refused[0], refused[1]))
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
            self.known.add(activity.start, activity.elapsed_s)
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
