"""A diary check-in is never half-saved: if any part of the save fails, nothing of it is stored."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.audit import Actor
from accounts.models import AuditEvent
from care import services
from care.models import DiaryEntry, DiaryEntryRevision

pytestmark = pytest.mark.django_db


def check_in(patient, **values):
    data = {"date": timezone.localdate().isoformat(), "side": "left", "pain_now": 3, **values}
    return services.save_diary_entry(patient, Actor(patient), data)


def test_a_failure_while_auditing_a_new_check_in_stores_nothing(patient, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr("care.services.diary.audit", fail)
    with pytest.raises(RuntimeError):
        check_in(patient)
    assert DiaryEntry.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_failure_while_auditing_an_edit_keeps_the_entry_as_it_was(patient, monkeypatch):
    entry, _ = check_in(patient, pain_now=3)

    def fail(*args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr("care.services.diary.audit", fail)
    with pytest.raises(RuntimeError):
        check_in(patient, pain_now=7)
    entry.refresh_from_db()
    assert entry.pain_now == 3
    assert DiaryEntryRevision.objects.count() == 0


def test_an_edit_keeps_every_earlier_value(patient):
    for pain in (3, 5, 4):
        entry, _ = check_in(patient, pain_now=pain)
    assert [r.data["pain_now"] for r in entry.revisions.order_by("at", "pk")] == [3, 5]
    assert DiaryEntry.objects.get().pain_now == 4
