from __future__ import annotations

from celery import shared_task

from assessments.reminders import send_due_reminders


@shared_task  # type: ignore[untyped-decorator]
def send_questionnaire_reminders() -> int:
    """Run by beat (daily) in production; emails due and overdue questionnaires, each once."""
    return send_due_reminders()
