"""The Celery app. Without REDIS_URL, settings make every task run inline (eager)."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kneecap.settings")

app = Celery("kneecap")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Run by `celery -A kneecap beat` in production; `kneecap send-reminders` does the same work by hand.
app.conf.beat_schedule = {
    "questionnaire-reminders": {
        "task": "assessments.tasks.send_questionnaire_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    "appointment-reminders": {
        "task": "practice.tasks.send_appointment_reminders",
        "schedule": crontab(minute="*/10"),
    },
    "care-escalation": {
        "task": "care.tasks.run_nightly_escalation",
        "schedule": crontab(hour=2, minute=15),
    },
}
