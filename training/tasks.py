"""Background work: the import job. The records for charts it queues are in training.ingest.records."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from training.ingest.job import run_job
from training.models import ImportJob, ImportStatus

log = logging.getLogger(__name__)


@shared_task  # type: ignore[untyped-decorator]
def run_import_job(job_id: int) -> None:
    """Run one queued import job; an unexpected error ends the job as failed instead of leaving it running."""
    try:
        run_job(job_id)
    except Exception:
        log.exception("import job %s failed", job_id)
        ImportJob.objects.filter(pk=job_id).exclude(status=ImportStatus.DONE).update(
            status=ImportStatus.FAILED,
            error="The import stopped on an unexpected error; files imported before it are kept.",
            finished_at=timezone.now(),
        )
        raise


def queue_import(job: ImportJob) -> None:
    transaction.on_commit(lambda: run_import_job.delay(job.pk))
