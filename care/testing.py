"""Test helpers for care plans: a plan at a given step and age, and a stored self-check."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from accounts.audit import Actor
from accounts.models import User
from care import services
from care.models import CarePlan


def make_plan(patient: User, step: int = 1, days_ago: int = 0, actor: User | None = None) -> CarePlan:
    plan = services.start_plan(patient, Actor(patient), step=min(step, 2))
    if step > 2:
        assert actor is not None
        services.change_step(plan, step, Actor(actor), "Clinic decision")
    day = timezone.localdate() - timedelta(days=days_ago)
    CarePlan.objects.filter(pk=plan.pk).update(started_on=day, step_started_on=day)
    plan.refresh_from_db()
    return plan


def self_check(patient: User | None, outcome: str = "self_care") -> Any:
    from assessments.models import SelfCheck

    return SelfCheck.objects.create(patient=patient, answers={}, outcome=outcome, reasons=[])
