"""kneecap load-report --patient EMAIL --date YYYY-MM-DD --json: weekly load, warnings, ACWR and cadence."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from accounts.models import Role, User
from training.services.report import load_report


class Command(BaseCommand):
    help = "Print a patient's training load report as of a date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patient", required=True, help="The patient's email address")
        parser.add_argument("--date", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["patient"]
        patient = User.objects.filter(email__iexact=email, role=Role.PATIENT).first()
        if patient is None:
            raise CommandError(f"No patient with the email {email}")
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date must look like 2025-03-31, not {options['date']!r}") from None
        report = load_report(patient, day)
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        self.stdout.write(f"Load report for {patient.email} on {report['date']}")
        for week in report["weekly"]:
            self.stdout.write(f"  week of {week['start']}: {week['distance_m'] / 1000:.1f} km in {week['runs']} runs")
        for warning in report["warnings"]:
            self.stdout.write(f"! {warning['code']} ({warning['date']}): {warning['message']}")
        if not report["warnings"]:
            self.stdout.write("No load warnings.")
