from __future__ import annotations

from django.apps import AppConfig


class ChartConfig(AppConfig):
    name = "chart"
    verbose_name = "Clinician workspace"
