from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.audit import Actor
from accounts.models import Role
from accounts.testing import make_user
from assessments import instruments, services
from assessments.models import ReminderSent
from assessments.reminders import send_due_reminders
from assessments.tasks import send_questionnaire_reminders

pytestmark = pytest.mark.django_db

AKPS_BEST = {item.code: item.options[0].code for item in instruments.INSTRUMENTS["akps"].items}
KOOS_BEST = {item.code: item.options[0].code for item in instruments.INSTRUMENTS["koos_pf"].items}


def test_a_new_patient_gets_one_email_for_the_due_baselines(patient):
    assert send_due_reminders(timezone.now()) == 1
    assert mail.outbox[0].to == [patient.email]
    assert "ready" in mail.outbox[0].subject
    assert "Anterior Knee Pain Scale" in mail.outbox[0].body
    assert "/questionnaires/" in mail.outbox[0].body
    assert ReminderSent.objects.filter(patient=patient, kind="due").count() == 2


def test_reminders_are_never_sent_twice(patient):
    now = timezone.now()
    assert send_due_reminders(now) == 1
    assert send_due_reminders(now) == 0
    assert send_due_reminders(now + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_an_overdue_questionnaire_gets_one_more_reminder(patient):
    now = timezone.now()
    send_due_reminders(now)
    later = now + timedelta(days=9)
    assert send_due_reminders(later) == 1
    assert "overdue" in mail.outbox[1].subject
    assert send_due_reminders(later + timedelta(days=1)) == 0


def test_nothing_is_sent_when_nothing_is_due(patient):
    services.submit_response(patient, "akps", AKPS_BEST, actor=Actor(patient))
    services.submit_response(patient, "koos_pf", KOOS_BEST, actor=Actor(patient))
    assert send_due_reminders(timezone.now()) == 0
    assert mail.outbox == []


def test_the_week_2_follow_up_is_reminded_when_its_window_opens(patient):
    start = timezone.now() - timedelta(days=11)
    services.submit_response(patient, "akps", AKPS_BEST, at=start, actor=Actor(patient))
    services.submit_response(patient, "koos_pf", KOOS_BEST, at=start, actor=Actor(patient))
    assert send_due_reminders(timezone.now()) == 1
    assert "week 2" in mail.outbox[0].body


def test_practice_roles_and_inactive_patients_get_no_reminders(outside_clinician, staff):
    inactive = make_user("gone@example.org", Role.PATIENT)
    inactive.is_active = False
    inactive.save()
    assert send_due_reminders(timezone.now()) == 0


def test_the_celery_task_runs_the_same_job(patient):
    assert send_questionnaire_reminders.delay().get() == 1
    assert len(mail.outbox) == 1


def test_a_mail_failure_records_nothing_so_the_next_run_retries(patient, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("assessments.reminders.send_mail", broken)
    with pytest.raises(OSError):
        send_due_reminders(timezone.now())
    assert ReminderSent.objects.count() == 0
