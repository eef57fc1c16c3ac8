"""Reminder emails for due and overdue questionnaires, each sent once.

``send_due_reminders(now)`` is called by the Celery task (beat in production) and by
``kneecap send-reminders`` in the embedded mode. A ReminderSent row per patient, instrument,
due date and kind ("due" or "overdue") is written in the same transaction as the decision to
send, and its unique constraint makes a second run send nothing.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from assessments.models import ReminderSent
from assessments.services import DueQuestionnaire, due_questionnaires


def send_due_reminders(now: datetime | None = None) -> int:
    """Email each active patient about questionnaires due or overdue on NOW's local date; return emails sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    patients = User.objects.filter(role=Role.PATIENT, is_active=True).exclude(email="").order_by("pk")
    for patient in patients.iterator():
        items = due_questionnaires(patient, today)
        fresh: list[DueQuestionnaire] = []
        with transaction.atomic():
            for item in items:
                kind = "overdue" if item.overdue else "due"
                try:
                    with transaction.atomic():
                        ReminderSent.objects.create(
                            patient=patient, instrument=item.instrument, due_date=item.due_date, kind=kind, sent_at=now
                        )
                except IntegrityError:
                    continue
                fresh.append(item)
            if not fresh:
                continue
            body = render_to_string(
                "assessments/email/reminder.txt",
                {
                    "patient": patient,
                    "items": fresh,
                    "url": settings.SITE_URL + reverse("assessments:questionnaires"),
                },
            )
            overdue = any(item.overdue for item in fresh)
            subject = "A knee questionnaire is overdue" if overdue else "Your knee questionnaire is ready"
            # Sent inside the transaction: if the mail server refuses, nothing is recorded and the next run retries.
            send_mail(subject=subject, message=body, from_email=None, recipient_list=[patient.email])
            sent += 1
    return sent
