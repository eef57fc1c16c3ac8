from __future__ import annotations

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Self-check and questionnaires"

    def ready(self) -> None:
        from assessments import triage_thresholds

        # A triage threshold outside its safe bounds stops start-up with one line, never a quiet default.
        triage_thresholds.configured_thresholds()
