"""kneecap: a self-hostable web system for runner's knee."""

from __future__ import annotations

from kneecap.celery import app as celery_app

__all__ = ["celery_app"]
