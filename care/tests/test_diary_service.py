from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.audit import Actor
from accounts.models import AuditEvent
from care import services
from care.models import DiaryEntry, DiaryEntryRevision
from care.services.diary import recent_entries
from care.testing import make_plan

TODAY = timezone.localdate


def entry(**extra):
    return {"date": TODAY().isoformat(), "side": "right", "pain_now": 3, **extra}


def test_minimal_check_in_needs_only_date_side_and_pain_now(patient):
    saved, created = services.save_diary_entry(patient, Actor(patient), entry())
    assert created and saved.pain_now == 3 and saved.pain_worst is None
    assert AuditEvent.objects.filter(action="care.diary.created", patient=patient).exists()


def test_full_check_in_is_stored(patient):
    saved, _ = services.save_diary_entry(
        patient,
        Actor(patient),
        entry(
            pain_worst=5,
            pain_during_activity=4,
            pain_after_activity=3,
            morning_pain=2,
            morning_stiffness=1,
            painful_activities=["running", "stairs_down", "running"],
            swelling=True,
            giving_way=False,
            nsaid_taken=True,
        ),
    )
    assert saved.painful_activities == ["stairs_down", "running"]
    assert saved.swelling and saved.nsaid_taken and not saved.giving_way


def test_one_entry_per_day_and_side_and_edits_keep_history(patient):
    first, _ = services.save_diary_entry(patient, Actor(patient), entry(pain_now=3))
    again, created = services.save_diary_entry(patient, Actor(patient), entry(pain_now=5))
    assert not created and again.pk == first.pk
    assert DiaryEntry.objects.filter(patient=patient).count() == 1
    revision = DiaryEntryRevision.objects.get(entry=first)
    assert revision.data["pain_now"] == 3
    assert AuditEvent.objects.get(action="care.diary.edited").changes["pain_now"] == [3, 5]


def test_saving_the_same_answers_again_adds_no_revision(patient):
    services.save_diary_entry(patient, Actor(patient), entry())
    services.save_diary_entry(patient, Actor(patient), entry())
    assert not DiaryEntryRevision.objects.exists()


def test_the_other_knee_gets_its_own_entry(patient):
    services.save_diary_entry(patient, Actor(patient), entry(side="right"))
    services.save_diary_entry(patient, Actor(patient), entry(side="left"))
    assert DiaryEntry.objects.filter(patient=patient).count() == 2


@pytest.mark.parametrize("value", [-1, 11, "seven", 2.5, True])
def test_pain_outside_zero_to_ten_is_refused_with_a_message(patient, value):
    with pytest.raises(services.CareError) as error:
        services.save_diary_entry(patient, Actor(patient), entry(pain_worst=value))
    assert "pain_worst" in error.value.errors
    assert not DiaryEntry.objects.exists()


def test_future_date_is_refused(patient):
    tomorrow = (TODAY() + timedelta(days=1)).isoformat()
    with pytest.raises(services.CareError) as error:
        services.save_diary_entry(patient, Actor(patient), entry(date=tomorrow))
    assert "future" in error.value.errors["date"]


def test_date_before_the_plan_is_refused(patient):
    make_plan(patient, days_ago=2)
    with pytest.raises(services.CareError) as error:
        services.save_diary_entry(patient, Actor(patient), entry(date=(TODAY() - timedelta(days=3)).isoformat()))
    assert "plan started" in error.value.errors["date"]


def test_missing_fields_and_bad_choices_each_get_a_message(patient):
    with pytest.raises(services.CareError) as error:
        services.save_diary_entry(
            patient, Actor(patient), {"date": "yesterday", "side": "middle", "painful_activities": ["dancing"]}
        )
    assert set(error.value.errors) >= {"date", "side", "pain_now", "painful_activities"}


def test_nobody_else_writes_a_patients_diary(patient, clinician):
    with pytest.raises(services.CareError):
        services.save_diary_entry(patient, Actor(clinician), entry())


def test_the_page_and_the_api_list_the_last_90_days_newest_first(client, patient, other_patient):
    today = TODAY()
    for days_ago in (0, 3, 90, 91):
        DiaryEntry.objects.create(patient=patient, date=today - timedelta(days=days_ago), side="left", pain_now=2)
    DiaryEntry.objects.create(patient=other_patient, date=today, side="left", pain_now=5)
    listed = recent_entries(patient, today)
    assert [e.date for e in listed] == [today - timedelta(days=d) for d in (0, 3, 90)]
    client.force_login(patient)
    assert [e["id"] for e in client.get("/api/v1/me/diary").json()] == [e.pk for e in listed]
    assert [row["entry"].pk for row in client.get("/diary/").context["rows"]] == [e.pk for e in listed]
