"""Who the audit trail records: the Actor a view builds from its request; the CLI and tasks act without an IP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import AuditEvent
from care import services
from care.models import DiaryEntry
from care.testing import make_plan
from training.models import ImportJob
from training.tasks import run_import_job

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"


def test_actor_of_a_request_is_its_signed_in_user_and_client_address(patient):
    request = RequestFactory().get("/", REMOTE_ADDR=IP)
    request.user = patient
    assert Actor.of(request) == Actor(patient, IP)


def test_an_anonymous_visitor_is_no_user_but_keeps_the_address():
    request = RequestFactory().get("/", REMOTE_ADDR=IP)
    request.user = AnonymousUser()
    assert Actor.of(request) == Actor(None, IP)


def test_the_system_acts_from_no_address(patient):
    assert Actor.system() == Actor(None, None)
    assert Actor.system(patient) == Actor(patient, None)


def test_a_write_that_names_its_author_refuses_the_system():
    with pytest.raises(PermissionDenied):
        Actor.system().person()


def test_audit_records_the_actor_and_the_address(patient, clinician):
    event = audit(Actor(clinician, IP), "chart.viewed", patient=patient)
    event.refresh_from_db()
    assert (event.actor, event.ip, event.patient) == (clinician, IP, patient)


def test_an_audited_service_call_records_the_actor_and_ip_it_was_given(patient):
    plan = services.start_plan(patient, Actor(patient, IP))
    event = AuditEvent.objects.get(action="care.plan.started")
    assert (event.actor, event.ip, event.object_id) == (patient, IP, str(plan.pk))


def test_a_page_passes_its_client_address_down_to_the_service(client, patient):
    make_plan(patient)
    client.force_login(patient)
    today = timezone.localdate().isoformat()
    client.post("/today/check-in/", {"date": today, "side": "left", "pain_now": "2"}, REMOTE_ADDR=IP)
    event = AuditEvent.objects.get(action="care.diary.created")
    assert (event.actor, event.ip) == (patient, IP)


def test_tailoring_the_program_from_the_chart_keeps_the_clinicians_address(client, practice, clinician, patient):
    # It used to be audited without the request, so the trail lost where the change came from.
    services.start_plan(patient, Actor(clinician), step=1)
    client.force_login(clinician)
    client.post(f"/clinic/patients/{patient.pk}/plan/", {"action": "add", "exercise": "quad_stretch"}, REMOTE_ADDR=IP)
    event = AuditEvent.objects.get(action="care.program.tailored")
    assert (event.actor, event.ip, event.patient) == (clinician, IP, patient)


def test_the_import_task_records_the_patient_who_queued_it_and_no_address(patient):
    job = ImportJob.objects.create(patient=patient, created_by=patient, uploads=[])
    run_import_job(job.pk)
    event = AuditEvent.objects.get(action="training.import.finished")
    assert (event.actor, event.ip, event.patient) == (patient, None, patient)


def test_the_escalate_command_acts_as_the_system_from_no_address(patient, clinician, capsys):
    make_plan(patient, step=2, days_ago=22)
    today = timezone.localdate()
    for days_ago in range(22, -1, -1):
        DiaryEntry.objects.create(
            patient=patient, date=today - timedelta(days=days_ago), side="right", pain_now=4, pain_worst=4
        )
    call_command("escalate")
    assert "next_step" in capsys.readouterr().out
    event = AuditEvent.objects.get(action="care.suggestion.created")
    assert (event.actor, event.ip, event.patient) == (None, None, patient)
