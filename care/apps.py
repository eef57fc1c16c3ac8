from __future__ import annotations

from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "care"
    verbose_name = "Care plan"

    def ready(self) -> None:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        from care.pain_monitoring import Thresholds

        # Pain-light thresholds that contradict each other stop start-up, never a light that cannot turn red.
        try:
            Thresholds.from_settings(settings)
        except ValueError as exc:
            raise ImproperlyConfigured(str(exc)) from None
