"""A stalled plan found by the nightly escalation reaches the care team's roster, and only theirs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from care.models import DiaryEntry
from care.tasks import run_nightly_escalation
from care.testing import make_plan

pytestmark = pytest.mark.django_db


def test_the_nightly_escalation_puts_a_stalled_patient_on_the_care_teams_roster(
    client, practice, clinician, outside_clinician, patient, django_capture_on_commit_callbacks
):
    make_plan(patient, step=2, days_ago=22)
    today = timezone.localdate()
    DiaryEntry.objects.bulk_create(
        DiaryEntry(patient=patient, date=today - timedelta(days=d), side="right", pain_now=4, pain_worst=4)
        for d in range(22, -1, -1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert run_nightly_escalation.delay().get() == 1
    client.force_login(clinician)
    roster = client.get("/api/v1/clinic/roster").json()
    row = next(r for r in roster if r["patient_id"] == patient.pk)
    assert "stalled" in [f["code"] for f in row["flags"]]
    client.force_login(outside_clinician)
    assert all(r["patient_id"] != patient.pk for r in client.get("/api/v1/clinic/roster").json())
