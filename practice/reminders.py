"""Appointment emails: the confirmation and the reminder 24 hours before, each with an .ics file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from icalendar import Calendar, Event

from practice import appointments as rules
from practice import invitations
from practice.models import Appointment, AppointmentStatus, Practice
from practice.queries import current_practice

#: The reminder goes out this long before the start (absolute time, so DST changes do not move it).
REMINDER_LEAD = timedelta(hours=24)


def ics_for(appointment: Appointment, practice: Practice) -> bytes:
    """One VEVENT in UTC; calendar apps show it in the reader's own zone."""
    calendar = Calendar()
    calendar.add("prodid", "-//kneecap//appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"appointment-{appointment.pk}@{settings.SITE_URL.split('://')[-1]}")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", appointment.start.astimezone(UTC))
    event.add("dtend", appointment.end.astimezone(UTC))
    event.add("summary", f"{appointment.get_kind_display()} at {practice.name}")
    event.add("location", practice.address or practice.name)
    event.add("description", f"With {appointment.clinician.display_name}. To change it call {practice.phone}.")
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def _send(appointment: Appointment, practice: Practice, template: str, subject: str) -> None:
    context = {
        "a": appointment,
        "practice": practice,
        "when": rules.describe(appointment.start, practice.tz),
        "site_url": settings.SITE_URL,
        "invitation_link": invitations.link_for(appointment.invitation) if appointment.invitation else "",
    }
    message = EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        to=[appointment.recipient],
    )
    message.attach("appointment.ics", ics_for(appointment, practice), "text/calendar")
    message.send()


def send_confirmation(appointment_id: int) -> bool:
    """Email the booking confirmation once; returns whether one was sent."""
    practice = current_practice()
    now = timezone.now()
    claimed = Appointment.objects.filter(
        pk=appointment_id, status=AppointmentStatus.BOOKED, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=now)
    appointment = (
        Appointment.objects.select_related("clinician", "patient", "invitation").filter(pk=appointment_id).first()
    )
    if not claimed:
        return False
    if appointment is None or practice is None or not appointment.recipient:
        # Nothing to send now; release the claim so a later call (a recipient added) can send it.
        Appointment.objects.filter(pk=appointment_id).update(confirmation_sent_at=None)
        return False
    when = rules.describe(appointment.start, practice.tz)
    try:
        _send(appointment, practice, "practice/email/appointment_confirmed.txt", f"Your appointment: {when}")
    except Exception:
        # Not sent: release the claim so that sending it again works (reminders do the same).
        Appointment.objects.filter(pk=appointment_id).update(confirmation_sent_at=None)
        raise
    return True


def send_due_reminders(now: datetime) -> int:
    """Send the reminder for every booked appointment starting within 24 hours of NOW; never twice.

    Each appointment is claimed with a conditional UPDATE before its email goes out, so two
    runs at the same time (beat and the command, or two workers) cannot both send it.
    Returns how many reminders were sent.
    """
    practice = current_practice()
    if practice is None:
        return 0
    due = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + REMINDER_LEAD,
    ).select_related("clinician", "patient")
    sent = 0
    for appointment in due:
        if not appointment.recipient:
            continue
        claimed = Appointment.objects.filter(pk=appointment.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if not claimed:
            continue
        when = rules.describe(appointment.start, practice.tz)
        try:
            _send(appointment, practice, "practice/email/appointment_reminder.txt", f"Reminder: {when}")
        except Exception:
            # Not sent: release the claim so the next run tries again.
            Appointment.objects.filter(pk=appointment.pk).update(reminder_sent_at=None)
            raise
        sent += 1
    return sent
