from __future__ import annotations

from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "care"
    verbose_name = "Care plan"

    def ready(self) -> None:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        from assessments import care_plan
        from care import queries
        from care.pain_monitoring import Thresholds
        from training import diary_pain

        # Pain-light thresholds that contradict each other stop start-up, never a light that cannot turn red.
        try:
            Thresholds.from_settings(settings)
        except ValueError as exc:
            raise ImproperlyConfigured(str(exc)) from None

        # What the lower apps' pages show from care (common/provided.py).
        care_plan.has_active_plan.provide(queries.has_active_plan)
        diary_pain.weekly_diary_pain.provide(queries.weekly_pain)
