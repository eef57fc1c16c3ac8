"""Test helpers for training data: a run with sensible defaults."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

from django.utils import timezone

from accounts.models import User
from training.models import Activity


def make_run(patient: User, days_ago: int = 1, km: float = 8.0, **extra: Any) -> Activity:
    start = timezone.now().replace(hour=14, minute=0, second=0, microsecond=0) - timedelta(days=days_ago)
    fields = {
        "patient": patient,
        "start": start.astimezone(UTC),
        "utc_offset_s": -7 * 3600,
        "elapsed_s": km * 360,
        "moving_time_s": km * 350,
        "distance_m": km * 1000,
        "source_format": "gpx",
        "source_file": f"run-{days_ago}.gpx",
        "content_hash": f"hash-{patient.pk}-{days_ago}-{km}",
    }
    fields.update(extra)
    return Activity.objects.create(**fields)
