"""Starting an import: the uploads are stored, the job created and audited, and the background task queued.

The task's work (reading the files, storing the runs) is training.ingest.job.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.audit import Actor, audit
from accounts.models import User
from training.models import ImportJob
from training.tasks import queue_import


def start_import(patient: User, files: Iterable[UploadedFile], actor: Actor) -> ImportJob:
    """Store FILES under PATIENT's folder for one batch and queue their import job (after the commit)."""
    batch = uuid.uuid4().hex
    uploads = []
    for upload in files:
        safe = Path(str(upload.name)).name or "upload"
        stored = default_storage.save(f"training/uploads/{patient.pk}/{batch}/{safe}", upload)
        uploads.append({"storage": stored, "name": safe})
    with transaction.atomic():
        job = ImportJob.objects.create(patient=patient, created_by=actor.user, uploads=uploads)
        audit(
            actor, "training.import.started", patient=patient, obj=job, changes={"files": [u["name"] for u in uploads]}
        )
        queue_import(job)
    return job
