from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail

from practice.models import Appointment, AppointmentStatus
from practice.reminders import ics_for, send_due_reminders
from practice.tasks import send_appointment_reminders
from practice.testing import future_monday

pytestmark = pytest.mark.django_db


def appointment(patient, clinician, start, **extra):
    return Appointment.objects.create(
        patient=patient, clinician=clinician, start=start, end=start + timedelta(minutes=20), **extra
    )


def test_the_reminder_goes_out_within_24_hours_once(practice, clinician, patient):
    start = future_monday(time(10))
    item = appointment(patient, clinician, start)
    assert send_due_reminders(start - timedelta(hours=25)) == 0
    assert send_due_reminders(start - timedelta(hours=23)) == 1
    assert send_due_reminders(start - timedelta(hours=22)) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][0] == "appointment.ics"
    item.refresh_from_db()
    assert item.reminder_sent_at == start - timedelta(hours=23)


def test_cancelled_and_past_appointments_get_no_reminder(practice, clinician, patient):
    start = future_monday(time(10))
    appointment(patient, clinician, start, status=AppointmentStatus.CANCELLED)
    assert send_due_reminders(start - timedelta(hours=2)) == 0
    assert send_due_reminders(start + timedelta(hours=1)) == 0
    assert mail.outbox == []


def test_the_reminder_lead_is_24_real_hours_across_the_dst_change(practice, clinician, patient):
    # Monday March 9, 2026, 9:00 AM PDT = 16:00 UTC; DST started the day before.
    start = datetime(2026, 3, 9, 16, 0, tzinfo=UTC)
    appointment(patient, clinician, start)
    assert send_due_reminders(datetime(2026, 3, 8, 15, 59, tzinfo=UTC)) == 0
    assert send_due_reminders(datetime(2026, 3, 8, 16, 0, tzinfo=UTC)) == 1
    assert "Monday, March 9 at 9:00 AM" in mail.outbox[0].body


def test_the_celery_task_sends_due_reminders(practice, clinician, patient):
    from django.utils import timezone

    appointment(patient, clinician, timezone.now() + timedelta(hours=3))
    assert send_appointment_reminders.delay().get() == 1
    assert send_appointment_reminders.delay().get() == 0


def test_the_ics_file_holds_the_utc_times(practice, clinician, patient):
    item = appointment(patient, clinician, datetime(2026, 11, 2, 17, 0, tzinfo=UTC))
    text = ics_for(item, practice).decode()
    assert "DTSTART:20261102T170000Z" in text
    assert "DTEND:20261102T172000Z" in text


def test_each_reminder_goes_only_to_its_own_patient(practice, clinician, patient, other_patient):
    start = future_monday(time(10))
    appointment(patient, clinician, start)
    appointment(other_patient, clinician, start + timedelta(hours=1))
    assert send_due_reminders(start - timedelta(hours=23)) == 2
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipient) == {(patient.email,), (other_patient.email,)}
    for person, other in ((patient, other_patient), (other_patient, patient)):
        message = by_recipient[(person.email,)]
        assert other.name not in message.body
        assert other.email not in message.body


def test_a_confirmation_that_fails_to_send_is_released_and_sent_on_the_next_try(
    practice, clinician, patient, monkeypatch
):
    from practice import reminders

    item = appointment(patient, clinician, future_monday(time(10)))

    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    with monkeypatch.context() as patched:
        patched.setattr(reminders.EmailMessage, "send", broken)
        with pytest.raises(ConnectionError):
            reminders.send_confirmation(item.pk)
    item.refresh_from_db()
    assert item.confirmation_sent_at is None
    assert reminders.send_confirmation(item.pk) is True
    assert len(mail.outbox) == 1
    assert reminders.send_confirmation(item.pk) is False, "never twice"
