"""Per-point records for charts, decoded from the kept source copies after the import (never on its path).

The job queues them once it is done (``queue_records``); without a broker, past EAGER_INLINE_LIMIT runs
they are left for later and each run's records are decoded when its page first opens (``ensure_records``).
"""

from __future__ import annotations

import itertools
import logging
import statistics

from celery import current_app, shared_task
from django.core.files.storage import default_storage
from django.db import transaction

from training.importers.base import ImporterError, RecordSeries
from training.importers.records import decode_records
from training.models import Activity, ActivityRecords

log = logging.getLogger(__name__)

MAX_CHART_POINTS = 1500
RECORDS_BATCH = 50
EAGER_INLINE_LIMIT = 20


def queue_records(activity_ids: list[int]) -> None:
    """Queue record decoding for these activities, in batches, after the current transaction commits.

    Without a broker (embedded mode) tasks run inline, so a big import would make its request wait for every
    file to be decoded a second time: past EAGER_INLINE_LIMIT activities the records are instead decoded one
    run at a time when its page is first opened (``ensure_records``).
    """
    if current_app.conf.task_always_eager and len(activity_ids) > EAGER_INLINE_LIMIT:
        return
    for start in range(0, len(activity_ids), RECORDS_BATCH):
        batch = list(activity_ids[start : start + RECORDS_BATCH])
        transaction.on_commit(lambda batch=batch: decode_activity_records.delay(batch))  # type: ignore[misc]


def _thin(values: list[float | None], step: int) -> list[float | None]:
    return [None if v is None else round(v, 1) for v in values[::step]]


def _descent(altitude: list[float | None], window: int = 5) -> float | None:
    """Metres of descent from a moving-average-smoothed altitude profile."""
    known = [a for a in altitude if a is not None]
    if len(known) < window + 1:
        return None
    smooth = [sum(known[i : i + window]) / window for i in range(len(known) - window + 1)]
    return round(sum(max(0.0, a - b) for a, b in itertools.pairwise(smooth)), 1)


def store_records(activity: Activity, series: RecordSeries) -> ActivityRecords:
    """Keep at most MAX_CHART_POINTS points and fill the totals the summary lacked (cadence, descent)."""
    step = max(1, -(-len(series) // MAX_CHART_POINTS))
    records, _ = ActivityRecords.objects.update_or_create(
        activity=activity,
        defaults={
            "times_s": [round(t, 1) for t in series.times_s[::step]],
            "distance_m": _thin(series.distance_m, step),
            "altitude_m": _thin(series.altitude_m, step),
            "cadence_spm": _thin(series.cadence_spm, step),
            "hr": _thin(series.hr, step),
        },
    )
    fields = ["has_records"]
    activity.has_records = True
    cadence = [c for c in series.cadence_spm if c]
    if activity.avg_cadence_spm is None and cadence:
        activity.avg_cadence_spm = round(statistics.fmean(cadence), 1)
        fields.append("avg_cadence_spm")
    if activity.elevation_loss_m is None:
        activity.elevation_loss_m = _descent(series.altitude_m)
        fields.append("elevation_loss_m")
    activity.save(update_fields=fields)
    return records


# Named as when it lived in training/tasks.py, so batches queued before an upgrade still find their task.
@shared_task(name="training.tasks.decode_activity_records")  # type: ignore[untyped-decorator]
def decode_activity_records(activity_ids: list[int]) -> int:
    """Decode the kept source files of these activities into chart records; returns how many were stored."""
    done = 0
    for activity in Activity.objects.filter(pk__in=activity_ids).exclude(source_blob=""):
        try:
            with default_storage.open(activity.source_blob, "rb") as fh:
                data = fh.read()
            series = decode_records(activity.source_file, data)
        except (ImporterError, OSError) as exc:
            log.info("no records for activity %s: %s", activity.pk, exc)
            continue
        if len(series) == 0:
            continue
        with transaction.atomic():
            store_records(activity, series)
        done += 1
    return done


def ensure_records(activity: Activity) -> ActivityRecords | None:
    """The activity's records, decoding them now if the import left that for later."""
    records = ActivityRecords.objects.filter(activity=activity).first()
    if records is None and activity.source_blob and not activity.has_records:
        decode_activity_records([activity.pk])
        records = ActivityRecords.objects.filter(activity=activity).first()
        if records is not None:
            activity.refresh_from_db()
    return records
