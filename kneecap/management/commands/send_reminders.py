from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from assessments.reminders import send_due_reminders as questionnaire_reminders
from practice.reminders import send_due_reminders as appointment_reminders


class Command(BaseCommand):
    help = (
        "Send the reminder emails that are due now (questionnaires, appointments 24 hours ahead). "
        "Run it from cron in the embedded mode; in production Celery beat runs the same work. "
        "Running it twice sends nothing twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        sent = questionnaire_reminders(now)
        self.stdout.write(f"Questionnaire reminders sent: {sent}")
        self.stdout.write(f"Appointment reminders sent: {appointment_reminders(now)}")
