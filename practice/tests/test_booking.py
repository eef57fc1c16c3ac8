from __future__ import annotations

import threading
from datetime import time, timedelta

import pytest
from django.core import mail
from django.db import connection

from accounts.audit import Actor
from accounts.models import AuditEvent
from practice import booking
from practice.models import Appointment, AppointmentStatus, ContactRequest, RequestStatus
from practice.testing import future_monday

pytestmark = pytest.mark.django_db


def book(practice, clinician, patient, start, kind="follow_up"):
    return booking.book(
        practice=practice, clinician=clinician, kind=kind, start=start, actor=Actor(clinician), patient=patient
    )


def test_a_booking_is_stored_in_utc_audited_and_confirmed_with_an_ics_file(
    practice, working_clinician, patient, django_capture_on_commit_callbacks
):
    start = future_monday(time(10))
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(practice, working_clinician, patient, start)
    appointment.refresh_from_db()
    assert appointment.start == start and appointment.end == start + timedelta(minutes=20)
    assert appointment.start.utcoffset() == timedelta(0)
    assert AuditEvent.objects.filter(action="practice.appointment.booked", patient=patient).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [patient.email]
    name, content, mimetype = message.attachments[0]
    assert name == "appointment.ics" and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content.decode() if isinstance(content, bytes) else "BEGIN:VEVENT" in content
    assert appointment.confirmation_sent_at is not None


def test_an_overlapping_booking_is_refused_and_nothing_is_stored(practice, working_clinician, patient, other_patient):
    start = future_monday(time(10))
    book(practice, working_clinician, patient, start, kind="new_visit")
    with pytest.raises(booking.BookingError, match="already has an appointment"):
        book(practice, working_clinician, other_patient, start + timedelta(minutes=30))
    assert Appointment.objects.count() == 1


def test_booking_outside_hours_is_refused(practice, working_clinician, patient):
    with pytest.raises(booking.BookingError, match="opening hours"):
        book(practice, working_clinician, patient, future_monday(time(18)))
    with pytest.raises(booking.BookingError, match="does not see patients"):
        book(practice, working_clinician, patient, future_monday(time(8)))
    assert not Appointment.objects.exists()


def test_a_cancelled_slot_can_be_booked_again(practice, working_clinician, patient, other_patient):
    start = future_monday(time(11))
    first = book(practice, working_clinician, patient, start)
    booking.cancel(first, Actor(patient))
    assert book(practice, working_clinician, other_patient, start).status == AppointmentStatus.BOOKED


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_bookings_of_one_slot_end_with_exactly_one(practice, working_clinician, patient, other_patient):
    """Meaningful on PostgreSQL (row lock); on SQLite the database write lock serialises them."""
    start = future_monday(time(13))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(who):
        try:
            barrier.wait()
            book(practice, working_clinician, who, start)
            outcomes.append("booked")
        except booking.BookingError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in (patient, other_patient)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked", "refused"]
    assert Appointment.objects.filter(start=start, status=AppointmentStatus.BOOKED).count() == 1


def test_working_hours_outside_opening_hours_are_refused(practice, clinician):
    from practice.hours import Interval

    with pytest.raises(ValueError, match="inside the practice's opening hours"):
        booking.set_working_hours(practice, clinician, [Interval(5, time(9), time(12))], Actor(clinician))


def test_the_contact_request_is_marked_booked(practice, working_clinician, staff):
    contact = ContactRequest.objects.create(
        submission_token="x" * 20, name="Rita Runner", email="rita@example.org", reason="runners_knee"
    )
    booking.book(
        practice=practice, clinician=working_clinician, kind="new_visit", start=future_monday(time(9)),
        actor=Actor(staff), name=contact.name, email=contact.email, contact_request=contact,
    )  # fmt: skip
    contact.refresh_from_db()
    assert contact.status == RequestStatus.BOOKED
