"""Nightly escalation: judge every active plan and store suggestions (never applied automatically)."""

from __future__ import annotations

from functools import partial

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from care import services
from care.models import CarePlan, PlanStatus


@shared_task  # type: ignore[untyped-decorator]
def run_escalation_for_patient(patient_id: int) -> int | None:
    """Run escalation for one patient; returns the suggestion id, if any."""
    patient = User.objects.filter(pk=patient_id).first()
    if patient is None:
        return None
    suggestion = services.run_escalation(patient, timezone.localdate())
    return suggestion.pk if suggestion else None


@shared_task  # type: ignore[untyped-decorator]
def run_nightly_escalation() -> int:
    """Queue escalation for every active plan; returns how many were queued."""
    ids = list(CarePlan.objects.filter(status=PlanStatus.ACTIVE).values_list("patient_id", flat=True))
    for patient_id in ids:
        transaction.on_commit(partial(run_escalation_for_patient.delay, patient_id))
    return len(ids)
