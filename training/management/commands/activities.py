"""kneecap activities --patient EMAIL --json: the patient's runs and walks."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Role, User
from training.models import Activity
from training.services.activities import activity_json


class Command(BaseCommand):
    help = "List a patient's activities, oldest first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patient", required=True, help="The patient's email address")
        parser.add_argument("--json", action="store_true", help="Print a JSON list")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["patient"]
        patient = User.objects.filter(email__iexact=email, role=Role.PATIENT).first()
        if patient is None:
            raise CommandError(f"No patient with the email {email}")
        activities = Activity.objects.filter(patient=patient).select_related("shoe").order_by("start")
        rows = [activity_json(a) for a in activities]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['start'][:16]}  {row['sport']:<4}  {row['distance_m'] / 1000:6.2f} km  "
                f"{row['duration_s'] / 60:6.1f} min  {row['source_file']}"
            )
