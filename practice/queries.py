"""The practice's data as pages, tasks and the pure hours module read it: the practice, its hours, its status now."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Min, QuerySet
from django.utils import timezone

from accounts.models import User
from practice import hours
from practice.models import Appointment, AppointmentStatus, Practice


def current_practice() -> Practice | None:
    """The practice this installation serves (the first one), with its hours and closures."""
    return Practice.objects.prefetch_related("hours", "closures").order_by("pk").first()


def intervals(practice: Practice) -> list[hours.Interval]:
    return [hours.Interval(h.weekday, h.opens, h.closes) for h in practice.hours.all()]


def closed_days(practice: Practice) -> list[hours.ClosedDays]:
    return [hours.ClosedDays(c.start, c.end, c.reason) for c in practice.closures.all()]


def status(practice: Practice, now: datetime | None = None) -> hours.Status:
    return hours.status_at(now or timezone.now(), practice.tz, intervals(practice), closed_days(practice))


def next_booked(patient: User, now: datetime | None = None) -> Appointment | None:
    """The patient's next booked appointment, with its clinician."""
    return (
        Appointment.objects.filter(patient=patient, start__gte=now or timezone.now(), status=AppointmentStatus.BOOKED)
        .select_related("clinician")
        .order_by("start")
        .first()
    )


def upcoming_for_patient(patient: User, now: datetime | None = None) -> list[Appointment]:
    """PATIENT's appointments from NOW on, soonest first: the booked ones and the cancelled ones.

    A cancellation shows until its day, so a patient sees that the practice called one off; an appointment
    marked completed or did-not-attend before its start is not one to go to.
    """
    return list(
        Appointment.objects.filter(
            patient=patient,
            start__gte=now or timezone.now(),
            status__in=[AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED],
        ).select_related("clinician")
    )


def upcoming_any_status(patient: User, now: datetime, limit: int = 10) -> list[Appointment]:
    """The next LIMIT appointments, completed and no-shows too (the chart shows each with its status)."""
    return list(
        Appointment.objects.filter(patient=patient, start__gte=now)
        .select_related("clinician")
        .order_by("start")[:limit]
    )


def first_booked_after(patient_ids: list[int] | QuerySet[Any], now: datetime) -> dict[int, datetime]:
    """Patient id -> the start of their first booked appointment after NOW (patients with one)."""
    return dict(
        Appointment.objects.filter(patient_id__in=patient_ids, status=AppointmentStatus.BOOKED, start__gt=now)
        .values("patient_id")
        .annotate(first=Min("start"))
        .values_list("patient_id", "first")
    )
