"""Appointment: a patient's visits with a clinician, for the patient, the front desk and the care team."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from accounts.models import AuditEvent
from interop.testing import fhir_json
from practice.models import Appointment, AppointmentStatus
from practice.testing import future_monday

pytestmark = pytest.mark.django_db


@pytest.fixture
def visits(practice, patient, other_patient, clinician):
    start = future_monday()
    mine = Appointment.objects.create(
        patient=patient, clinician=clinician, start=start, end=start + timedelta(minutes=30)
    )
    later = start + timedelta(days=7)
    gone = Appointment.objects.create(
        patient=patient,
        clinician=clinician,
        start=later,
        end=later + timedelta(minutes=30),
        status=AppointmentStatus.CANCELLED,
    )
    theirs = Appointment.objects.create(
        patient=other_patient, clinician=clinician, start=start, end=start + timedelta(minutes=30)
    )
    return mine, gone, theirs


def test_an_appointment_names_its_patient_practitioner_times_and_status(client, patient, clinician, visits):
    mine, gone, _ = visits
    client.force_login(patient)
    body = fhir_json(client.get(f"/fhir/Appointment/{mine.pk}"))
    assert body["status"] == "booked"
    assert [p["actor"]["reference"] for p in body["participant"]] == [
        f"Patient/{patient.pk}",
        f"Practitioner/{clinician.pk}",
    ]
    assert datetime.fromisoformat(body["start"]) == mine.start
    assert fhir_json(client.get(f"/fhir/Appointment/{gone.pk}"))["status"] == "cancelled"


def test_another_patients_appointment_is_404(client, patient, visits):
    client.force_login(patient)
    fhir_json(client.get(f"/fhir/Appointment/{visits[2].pk}"), 404)
    assert fhir_json(client.get("/fhir/Appointment"))["total"] == 2


def test_the_front_desk_reads_every_patients_appointments_and_is_audited(client, staff, patient, other_patient, visits):
    client.force_login(staff)
    body = fhir_json(client.get("/fhir/Appointment"))
    assert body["total"] == 3
    assert AuditEvent.objects.filter(actor=staff, action="fhir.appointment.read").count() == 2  # one per patient


def test_search_by_patient_and_start_day(client, staff, patient, visits):
    mine, gone, _ = visits
    client.force_login(staff)
    day = mine.start.date().isoformat()
    on_day = fhir_json(client.get("/fhir/Appointment", {"patient": patient.pk, "date": day}))
    assert [e["resource"]["id"] for e in on_day["entry"]] == [str(mine.pk)]
    after = fhir_json(client.get("/fhir/Appointment", {"patient": patient.pk, "date": f"gt{day}"}))
    assert [e["resource"]["id"] for e in after["entry"]] == [str(gone.pk)]
    assert fhir_json(client.get("/fhir/Appointment", {"date": "next week"}), 400)["issue"][0]["code"] == "invalid"


def test_an_outside_clinician_sees_none(client, outside_clinician, visits):
    client.force_login(outside_clinician)
    assert fhir_json(client.get("/fhir/Appointment"))["total"] == 0
    fhir_json(client.get(f"/fhir/Appointment/{visits[0].pk}"), 404)
