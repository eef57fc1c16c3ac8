"""Self-check results, questionnaire responses (immutable; corrections supersede) and sent reminders."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_claim_token() -> str:
    return secrets.token_urlsafe(24)


class Outcome(models.TextChoices):
    EMERGENCY = "emergency", _("Get help now")
    URGENT = "urgent", _("Get seen today or tomorrow")
    SEE_CLINICIAN = "see_clinician", _("Book an appointment")
    SELF_CARE = "self_care", _("Start self-care")


class InstrumentCode(models.TextChoices):
    AKPS = "akps", "AKPS"
    KOOS_PF = "koos_pf", "KOOS-PF"
    NPRS = "nprs", "Pain 0-10"


class SelfCheck(models.Model):
    """One completed self-check. Anonymous until a signed-in patient claims it with its token."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="self_checks"
    )
    answers = models.JSONField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    reasons = models.JSONField(default=list)
    consistent_with_pfps = models.BooleanField(default=False)
    advice = models.TextField(blank=True)
    # Risk factor codes that raised the outcome; the result page marks them.
    deciding_risk_factors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    claim_token = models.CharField(max_length=64, unique=True, default=new_claim_token)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Self-check {self.pk} ({self.outcome})"


class ResponseQuerySet(models.QuerySet["QuestionnaireResponse"]):
    def current(self) -> ResponseQuerySet:
        """Responses not replaced by a correction."""
        return self.filter(superseded_by__isnull=True)


class QuestionnaireResponse(models.Model):
    """A submitted questionnaire. Never edited: a correction is a new row that supersedes this one."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questionnaire_responses"
    )
    instrument = models.CharField(max_length=16, choices=InstrumentCode.choices)
    version = models.CharField(max_length=40)
    #: item code -> {"option": option code, "points": n}
    answers = models.JSONField()
    score = models.FloatField()
    submitted_at = models.DateTimeField(default=timezone.now)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["patient", "instrument", "submitted_at"], name="response_patient_instr")]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.score:g} on {self.submitted_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Immutable once stored: only the supersede link may be set, once.
        if self.pk is not None:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or set(update_fields) != {"superseded_by"}:
                raise ValueError("A submitted questionnaire cannot be changed; submit a correction instead.")
        super().save(*args, **kwargs)


class ReminderSent(models.Model):
    """One reminder email for one due questionnaire: the record that stops a second one."""

    patient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=16, choices=InstrumentCode.choices)
    due_date = models.DateField()
    kind = models.CharField(max_length=16, choices=[("due", "Due"), ("overdue", "Overdue")])
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "instrument", "due_date", "kind"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder {self.instrument} {self.due_date} to {self.patient_id}"
