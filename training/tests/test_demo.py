"""The demo history: months of runs imported from generated files, a shoe near its limit, one spike."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import Role
from accounts.testing import make_user
from training import demo
from training.models import Activity, Shoe
from training.services.report import load_report
from training.services.shoes import shoes_with_stats


def test_demo_runs_are_imported_files_with_a_spike_and_a_worn_shoe(db):
    patient = make_user("patient@example.com", Role.PATIENT)
    demo.load()
    runs = Activity.objects.filter(patient=patient)
    assert runs.count() > 50
    assert all(r.source_format == "gpx" for r in runs)
    days = (timezone.localdate() - runs.order_by("start").first().local_date).days
    assert days > 90
    codes = [w["code"] for w in load_report(patient, timezone.localdate())["warnings"]]
    assert "long_run_spike" in codes
    daily = next(s for s in shoes_with_stats(patient) if s.is_default)
    assert 0.9 < daily.total_m / daily.alert_distance_m < 1.0
    count = runs.count()
    demo.load()
    assert Activity.objects.filter(patient=patient).count() == count
    assert Shoe.objects.filter(patient=patient).count() == 2
