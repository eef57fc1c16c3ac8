"""Booking services: check the rules under a per-clinician lock, store, audit, confirm by email; cancel.

A patient's own appointments (the upcoming list and cancelling one) are read and changed here for the
patient's page and the API alike.
"""

from __future__ import annotations

import time as systime
from datetime import datetime, timedelta

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import Role, User
from practice import appointments as rules
from practice import invitations
from practice.hours import Interval
from practice.models import (
    Appointment,
    AppointmentStatus,
    BookingLock,
    ContactRequest,
    Practice,
    RequestStatus,
    WorkingHours,
)
from practice.queries import closed_days, current_practice, intervals

#: How often a booking retries when SQLite reports the database as locked by a concurrent one.
LOCK_RETRIES = 40


class BookingError(Exception):
    """The slot cannot be booked; the message is for people."""


def cancel_notice() -> timedelta:
    """How long before the start patients may still cancel themselves (settings, hours)."""
    return timedelta(hours=settings.APPOINTMENT_CANCEL_NOTICE_HOURS)


def working_intervals(clinician: User) -> list[Interval]:
    return [Interval(w.weekday, w.starts, w.ends) for w in WorkingHours.objects.filter(clinician=clinician)]


def busy_times(clinician: User, start: datetime, end: datetime, exclude: int | None = None) -> list[rules.Busy]:
    rows = Appointment.objects.filter(
        clinician=clinician, status=AppointmentStatus.BOOKED, start__lt=end, end__gt=start
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return [rules.Busy(a.start, a.end) for a in rows]


def suggest_slot(
    practice: Practice, clinician: User, kind: str, contact: ContactRequest | None = None
) -> datetime | None:
    """The first free slot, honouring a contact request's preferred days and times."""
    now = timezone.now()
    length = rules.duration(kind)
    horizon = now + timedelta(days=61)
    return rules.first_free_slot(
        length,
        tz=practice.tz,
        opening=intervals(practice),
        closures=closed_days(practice),
        working=working_intervals(clinician),
        busy=busy_times(clinician, now, horizon),
        now=now,
        days=contact.preferred_days if contact else (),
        within=(contact.preferred_from, contact.preferred_to) if contact else (None, None),
    )


def book(
    *,
    practice: Practice,
    clinician: User,
    kind: str,
    start: datetime,
    actor: Actor,
    patient: User | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    note: str = "",
    contact_request: ContactRequest | None = None,
    now: datetime | None = None,
    invite: bool = False,
    match_confirmed: bool = False,
) -> Appointment:
    """Book START (aware) for KIND with CLINICIAN, booked by ACTOR, or raise BookingError with the reason.

    The rules are checked inside the transaction after the clinician's BookingLock row
    was updated, so of two concurrent bookings of one slot exactly one succeeds.
    From a contact request, PATIENT is set only when staff confirmed the match (MATCH_CONFIRMED,
    audited); INVITE without a patient files the appointment under a new pending invitation.
    """
    if clinician.role != Role.CLINICIAN:
        raise BookingError("Choose a clinician.")
    if patient is None and not name:
        raise BookingError("Say who the appointment is for.")
    end = start + rules.duration(kind)
    for attempt in range(LOCK_RETRIES):
        try:
            BookingLock.objects.get_or_create(clinician=clinician)
            return _book_locked(
                practice, clinician, kind, start, end, actor, patient, name, email, phone, note,
                contact_request, now or timezone.now(), invite=invite, match_confirmed=match_confirmed,
            )  # fmt: skip
        except OperationalError as error:
            # SQLite answers a concurrent writer with "database is locked": wait for it, then check again.
            if "locked" not in str(error) or attempt == LOCK_RETRIES - 1:
                raise
            systime.sleep(0.05)
    raise BookingError("The calendar is busy. Please try again.")


def _book_locked(
    practice: Practice,
    clinician: User,
    kind: str,
    start: datetime,
    end: datetime,
    actor: Actor,
    patient: User | None,
    name: str,
    email: str,
    phone: str,
    note: str,
    contact_request: ContactRequest | None,
    now: datetime,
    *,
    invite: bool,
    match_confirmed: bool,
) -> Appointment:
    with transaction.atomic():
        BookingLock.objects.filter(clinician=clinician).update(bookings=F("bookings") + 1)
        problem = rules.slot_problem(
            start,
            end,
            tz=practice.tz,
            opening=intervals(practice),
            closures=closed_days(practice),
            working=working_intervals(clinician),
            busy=busy_times(clinician, start, end),
            now=now,
        )
        if problem:
            raise BookingError(problem)
        invitation = None
        if contact_request is not None and patient is None and invite:
            invitation = invitations.create(contact_request, actor)
        if contact_request is not None and patient is not None and match_confirmed:
            audit(
                actor,
                "practice.request.match_confirmed",
                patient=patient,
                obj=contact_request,
                changes={"matched_on": "email", "request": contact_request.reference},
            )
        appointment = Appointment.objects.create(
            patient=patient,
            invitation=invitation,
            name=name,
            email=email,
            phone=phone,
            clinician=clinician,
            kind=kind,
            start=start,
            end=end,
            note=note,
            contact_request=contact_request,
            booked_by=actor.user,
        )
        if contact_request is not None:
            contact_request.status = RequestStatus.BOOKED
            contact_request.handled_by = actor.user
            contact_request.save(update_fields=["status", "handled_by", "updated_at"])
        audit(
            actor,
            "practice.appointment.booked",
            patient=patient,
            obj=appointment,
            changes={
                "start": start.isoformat(),
                "kind": kind,
                "clinician": clinician.pk,
                **({"invitation": invitation.pk} if invitation else {}),
            },
        )
        from practice.tasks import send_appointment_confirmation

        transaction.on_commit(lambda: send_appointment_confirmation.delay(appointment.pk))
    return appointment


def patient_can_cancel(appointment: Appointment, now: datetime | None = None) -> bool:
    return appointment.status == AppointmentStatus.BOOKED and rules.can_cancel(
        appointment.start, now or timezone.now(), cancel_notice()
    )


def cancel(appointment: Appointment, actor: Actor) -> None:
    """Cancel; patients only until the notice time (checked by the caller through patient_can_cancel)."""
    with transaction.atomic():
        appointment.status = AppointmentStatus.CANCELLED
        appointment.cancelled_at = timezone.now()
        appointment.cancelled_by = actor.user
        appointment.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        audit(actor, "practice.appointment.cancelled", patient=appointment.patient, obj=appointment)
        contact = appointment.contact_request
        if (
            contact is not None
            and contact.status == RequestStatus.BOOKED
            and not contact.appointments.filter(status=AppointmentStatus.BOOKED).exists()
        ):
            # Back on the desk's list with its "Book" button, instead of staying "booked" with nothing booked.
            contact.status = RequestStatus.CONTACTED
            contact.save(update_fields=["status", "updated_at"])
            audit(
                actor,
                "practice.request.status_changed",
                obj=contact,
                changes={"status": [RequestStatus.BOOKED, RequestStatus.CONTACTED]},
            )


def set_working_hours(practice: Practice, clinician: User, rows: list[Interval], actor: Actor) -> None:
    """Replace CLINICIAN's working hours; every row must fit the opening hours (else ValueError)."""
    opening = intervals(practice)
    for row in rows:
        problem = rules.working_hours_problem(row, opening)
        if problem:
            raise ValueError(problem)
    with transaction.atomic():
        WorkingHours.objects.filter(clinician=clinician).delete()
        WorkingHours.objects.bulk_create(
            WorkingHours(clinician=clinician, weekday=r.weekday, starts=r.opens, ends=r.closes) for r in rows
        )
        audit(
            actor,
            "practice.working_hours.set",
            obj=clinician,
            changes={"rows": [[r.weekday, r.opens.isoformat(), r.closes.isoformat()] for r in rows]},
        )


class CancelRefused(BookingError):
    """The patient cannot cancel this appointment online; the message says why and whom to call."""


def cancel_for_patient(patient: User, appointment_id: int, actor: Actor) -> Appointment:
    """Cancel PATIENT's own appointment, until the notice time; another patient's is a 404.

    Raises CancelRefused when it is not booked any more or the notice time has begun.
    """
    appointment = get_object_or_404(Appointment.objects.select_related("clinician"), pk=appointment_id, patient=patient)
    if appointment.status != AppointmentStatus.BOOKED:
        raise CancelRefused("This appointment is not booked any more.")
    if not patient_can_cancel(appointment):
        practice = current_practice()
        call = practice.phone if practice and practice.phone else "the practice"
        raise CancelRefused(f"This appointment can no longer be cancelled online. Please call {call}.")
    cancel(appointment, actor)
    return appointment
