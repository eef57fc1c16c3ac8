"""`kneecap escalate`: run escalation now for every active plan (or one patient) and print the suggestions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from accounts.models import User
from care import services
from care.models import CarePlan, PlanStatus


class Command(BaseCommand):
    help = "Judge active care plans now and store suggestions (never applied automatically)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patient", help="Only this patient's email")

    def handle(self, *args: Any, **options: Any) -> None:
        plans = CarePlan.objects.filter(status=PlanStatus.ACTIVE).select_related("patient")
        if options["patient"]:
            plans = plans.filter(patient__email=options["patient"])
        today = timezone.localdate()
        patients: list[User] = [p.patient for p in plans]
        for patient in patients:
            suggestion = services.run_escalation(patient, today)
            line = f"{suggestion.kind} ({suggestion.audience}): {suggestion.reason}" if suggestion else "nothing new"
            self.stdout.write(f"{patient.email}: {line}")
