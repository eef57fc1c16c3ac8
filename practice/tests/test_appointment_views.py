from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from practice.models import Appointment, AppointmentStatus, ContactRequest, RequestStatus, WorkingHours
from practice.testing import future_monday

pytestmark = pytest.mark.django_db


def appointment(patient, clinician, start):
    return Appointment.objects.create(
        patient=patient, clinician=clinician, start=start, end=start + timedelta(minutes=20)
    )


def test_the_clinician_books_a_follow_up_from_the_chart(client, working_clinician, patient):
    client.force_login(working_clinician)
    url = f"/clinic/patients/{patient.pk}/book/"
    form = client.get(url).context["form"]
    assert form.initial["date"] and form.initial["time"]
    start = future_monday(time(10))
    response = client.post(
        url, {"clinician": working_clinician.pk, "kind": "follow_up", "date": start.date(), "time": "10:00"}
    )
    assert response.status_code == 302
    assert Appointment.objects.get().start == start


def test_booking_outside_hours_shows_the_reason_next_to_the_time(client, working_clinician, patient):
    client.force_login(working_clinician)
    start = future_monday(time(18))
    response = client.post(
        f"/clinic/patients/{patient.pk}/book/",
        {"clinician": working_clinician.pk, "kind": "follow_up", "date": start.date(), "time": "18:00"},
    )
    assert response.status_code == 400
    assert "outside the practice&#x27;s opening hours" in response.content.decode()
    assert not Appointment.objects.exists()


def test_outside_clinician_and_patients_cannot_book_for_a_patient(
    client, practice, outside_clinician, patient, other_patient
):
    for user in (outside_clinician, patient, other_patient):
        client.force_login(user)
        assert client.get(f"/clinic/patients/{patient.pk}/book/").status_code == 404
    client.logout()
    assert client.get(f"/clinic/patients/{patient.pk}/book/").status_code == 302


def test_staff_turn_a_contact_request_into_an_appointment_in_two_clicks(client, staff, working_clinician):
    contact = ContactRequest.objects.create(
        submission_token="y" * 20, name="Rita Runner", email="rita@example.org", reason="runners_knee",
        preferred_days=[1], preferred_from=time(13), preferred_to=time(16),
    )  # fmt: skip
    client.force_login(staff)
    assert f"/staff/requests/{contact.pk}/book/" in client.get("/staff/requests/").content.decode()
    form = client.get(f"/staff/requests/{contact.pk}/book/").context["form"]  # click one
    assert form.initial["date"].weekday() == 1 and form.initial["time"] >= "13:00"
    data = {key: form.initial[key] for key in ("clinician", "kind", "date", "time")}
    response = client.post(f"/staff/requests/{contact.pk}/book/", data)  # click two
    assert response.status_code == 302
    booked = Appointment.objects.get()
    assert booked.name == "Rita Runner" and booked.contact_request == contact
    contact.refresh_from_db()
    assert contact.status == RequestStatus.BOOKED


@pytest.mark.parametrize("who", ["patient", "other_patient"])
def test_patients_cannot_book_contact_requests(client, request, practice, who):
    contact = ContactRequest.objects.create(submission_token="z" * 20, name="R", email="r@example.org", reason="other")
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/staff/requests/{contact.pk}/book/").status_code == 404


def test_the_patient_sees_and_cancels_upcoming_appointments(client, practice, clinician, patient):
    item = appointment(patient, clinician, future_monday(time(10)))
    client.force_login(patient)
    assert "Cancel this appointment" in client.get("/me/appointments/").content.decode()
    assert client.post(f"/me/appointments/{item.pk}/cancel/").status_code == 302
    item.refresh_from_db()
    assert item.status == AppointmentStatus.CANCELLED
    assert AuditEvent.objects.filter(action="practice.appointment.cancelled", actor=patient).exists()


def test_inside_the_notice_time_the_patient_cannot_cancel(client, practice, clinician, patient, settings):
    settings.APPOINTMENT_CANCEL_NOTICE_HOURS = 48
    item = appointment(patient, clinician, timezone.now() + timedelta(hours=30))
    client.force_login(patient)
    assert "Cancel this appointment" not in client.get("/me/appointments/").content.decode()
    client.post(f"/me/appointments/{item.pk}/cancel/")
    item.refresh_from_db()
    assert item.status == AppointmentStatus.BOOKED


def test_cancelling_an_appointment_that_is_not_booked_any_more_says_so(client, practice, clinician, patient):
    item = appointment(patient, clinician, future_monday(time(10)))
    client.force_login(patient)
    client.post(f"/me/appointments/{item.pk}/cancel/")
    response = client.post(f"/me/appointments/{item.pk}/cancel/", follow=True)
    assert "This appointment is not booked any more." in response.content.decode()
    assert AuditEvent.objects.filter(action="practice.appointment.cancelled").count() == 1


def test_inside_the_notice_time_the_page_gives_the_practices_phone(client, practice, clinician, patient, settings):
    settings.APPOINTMENT_CANCEL_NOTICE_HOURS = 48
    item = appointment(patient, clinician, timezone.now() + timedelta(hours=30))
    client.force_login(patient)
    body = client.post(f"/me/appointments/{item.pk}/cancel/", follow=True).content.decode()
    assert f"no longer be cancelled online. Please call {practice.phone}" in body


def test_another_patient_cannot_see_or_cancel(client, practice, clinician, patient, other_patient, outside_clinician):
    item = appointment(patient, clinician, future_monday(time(10)))
    for user in (other_patient, outside_clinician):
        client.force_login(user)
        assert client.post(f"/me/appointments/{item.pk}/cancel/").status_code == 404
    client.force_login(other_patient)
    assert "Cancel this appointment" not in client.get("/me/appointments/").content.decode()
    item.refresh_from_db()
    assert item.status == AppointmentStatus.BOOKED


def test_anonymous_is_sent_to_sign_in(client, practice):
    assert client.get("/me/appointments/")["Location"].startswith("/accounts/login/")


def test_a_clinician_sets_working_hours_inside_opening_hours(client, practice, clinician):
    client.force_login(clinician)
    response = client.post(
        "/clinic/working-hours/", {"start_0": "09:00", "end_0": "12:00", "start_5": "09:00", "end_5": "12:00"}
    )
    assert response.status_code == 400
    assert "inside the practice" in response.content.decode()
    assert not WorkingHours.objects.exists()
    assert client.post("/clinic/working-hours/", {"start_0": "09:00", "end_0": "12:00"}).status_code == 302
    assert WorkingHours.objects.get().weekday == 0


def test_the_clinic_list_shows_times_in_the_practice_zone(client, working_clinician, patient):
    appointment(patient, working_clinician, future_monday(time(10)))
    client.force_login(working_clinician)
    assert "10:00 AM" in client.get("/clinic/appointments/").content.decode()


def test_the_front_desk_cancels_a_booking_and_it_is_audited(client, practice, staff, clinician, patient):
    item = appointment(patient, clinician, future_monday(time(10)))
    client.force_login(staff)
    assert client.post(f"/clinic/appointments/{item.pk}/cancel/").status_code == 302
    item.refresh_from_db()
    assert item.status == AppointmentStatus.CANCELLED
    assert AuditEvent.objects.filter(action="practice.appointment.cancelled", actor=staff).exists()


def test_a_clinician_outside_the_care_team_cannot_cancel_anothers_booking(
    client, practice, outside_clinician, clinician, patient
):
    item = appointment(patient, clinician, future_monday(time(10)))
    client.force_login(outside_clinician)
    assert client.post(f"/clinic/appointments/{item.pk}/cancel/").status_code == 404
    for user in (patient,):
        client.force_login(user)
        assert client.post(f"/clinic/appointments/{item.pk}/cancel/").status_code == 404
    item.refresh_from_db()
    assert item.status == AppointmentStatus.BOOKED


def test_the_working_hours_page_labels_the_practice_opening_hours(client, practice, clinician):
    client.force_login(clinician)
    body = client.get("/clinic/working-hours/").content.decode()
    assert "<h2>Practice opening hours</h2>" in body


def test_booking_a_request_that_is_already_booked_says_so(client, staff, working_clinician):
    contact = ContactRequest.objects.create(
        submission_token="w" * 20, name="Rita Runner", email="rita@example.org", reason="runners_knee"
    )
    start = future_monday(time(10))
    Appointment.objects.create(
        name="Rita Runner", clinician=working_clinician, start=start, end=start + timedelta(minutes=30),
        contact_request=contact,
    )  # fmt: skip
    client.force_login(staff)
    body = client.get(f"/staff/requests/{contact.pk}/book/").content.decode()
    assert "This request is already booked: Monday," in body


def test_cancelling_the_booking_of_a_request_puts_the_request_back_on_the_desk(client, staff, working_clinician):
    contact = ContactRequest.objects.create(
        submission_token="v" * 20, name="Rita Runner", email="rita@example.org", reason="runners_knee",
        status=RequestStatus.BOOKED,
    )  # fmt: skip
    start = future_monday(time(10))
    booked = Appointment.objects.create(
        name="Rita Runner", clinician=working_clinician, start=start, end=start + timedelta(minutes=30),
        contact_request=contact,
    )  # fmt: skip
    client.force_login(staff)
    assert client.post(f"/clinic/appointments/{booked.pk}/cancel/").status_code == 302
    contact.refresh_from_db()
    assert contact.status == RequestStatus.CONTACTED
    assert f"/staff/requests/{contact.pk}/book/" in client.get("/staff/requests/").content.decode()
    assert AuditEvent.objects.filter(action="practice.request.status_changed", object_id=str(contact.pk)).exists()


def test_a_booking_without_an_account_shows_how_to_reach_the_person(client, staff, working_clinician):
    start = future_monday(time(10))
    Appointment.objects.create(
        name="Rita Runner", phone="555-123-4567", email="rita@example.org", clinician=working_clinician,
        start=start, end=start + timedelta(minutes=30),
    )  # fmt: skip
    client.force_login(staff)
    body = client.get("/clinic/appointments/").content.decode()
    assert 'href="tel:555-123-4567"' in body and 'href="mailto:rita@example.org"' in body


def test_cancelling_twice_says_so_instead_of_page_not_found(client, practice, staff, clinician, patient):
    booked = appointment(patient, clinician, future_monday(time(10)))
    client.force_login(staff)
    assert client.post(f"/clinic/appointments/{booked.pk}/cancel/").status_code == 302
    response = client.post(f"/clinic/appointments/{booked.pk}/cancel/", follow=True)
    assert response.status_code == 200
    assert "nothing to cancel, it is marked &quot;Cancelled&quot;" in response.content.decode()
    assert AuditEvent.objects.filter(action="practice.appointment.cancelled").count() == 1


def test_the_booking_form_offers_only_times_inside_the_opening_hours(client, staff, working_clinician):
    contact = ContactRequest.objects.create(
        submission_token="u" * 20, name="Rita Runner", email="rita@example.org", reason="runners_knee"
    )
    client.force_login(staff)
    body = client.get(f"/staff/requests/{contact.pk}/book/").content.decode()
    assert '<option value="08:00"' in body and '<option value="16:45"' in body
    assert '<option value="06:00"' not in body and '<option value="17:00"' not in body


def test_the_cancel_button_asks_first(client, practice, staff, clinician, patient):
    appointment(patient, clinician, future_monday(time(10)))
    client.force_login(staff)
    body = client.get("/clinic/appointments/").content.decode()
    assert "practice/confirm.js" in body
    assert f'data-confirm="Cancel the appointment of {patient.display_name} on ' in body
