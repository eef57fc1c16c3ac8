from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from kneecap.celery import app

pytestmark = pytest.mark.django_db


def test_send_reminders_runs_every_reminder_kind_and_never_twice(practice):
    call_command("demo", stdout=StringIO())
    first = StringIO()
    call_command("send_reminders", stdout=first)
    sent = len(mail.outbox)
    second = StringIO()
    call_command("send_reminders", stdout=second)
    assert "Questionnaire reminders sent" in first.getvalue()
    assert sent >= 1, "the demo has an overdue questionnaire"
    assert len(mail.outbox) == sent
    assert "Questionnaire reminders sent: 0" in second.getvalue()
    assert "Appointment reminders sent: 0" in second.getvalue()


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks
