from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.audit import Actor
from care.models import DiaryEntry, ReturnToRunSession


def green(patient, days=7):
    today = timezone.localdate()
    for d in range(days):
        DiaryEntry.objects.create(patient=patient, date=today - timedelta(days=d), side="right", pain_now=0)


def test_locked_track_says_how_many_green_days_are_needed(client, patient):
    client.force_login(patient)
    response = client.get("/plan/return-to-run/")
    assert b"green for 7 days in a row" in response.content


def test_unlocked_track_shows_level_one_and_logs_a_session(client, patient, django_assert_max_num_queries):
    green(patient)
    client.force_login(patient)
    with django_assert_max_num_queries(10):
        page = client.get("/plan/return-to-run/")
    assert b"Next: level 1" in page.content and b"Flat, smooth ground only" in page.content
    response = client.post("/plan/return-to-run/", {"date": timezone.localdate().isoformat(), "level": "1"})
    assert response.status_code == 302
    assert ReturnToRunSession.objects.get().level == 1
    assert b"You have already run today." in client.get("/plan/return-to-run/").content


def test_skipping_ahead_a_level_is_refused(client, patient):
    green(patient)
    client.force_login(patient)
    response = client.post("/plan/return-to-run/", {"date": timezone.localdate().isoformat(), "level": "3"})
    assert response.status_code == 422
    assert b"Level 1 is next" in response.content
    assert not ReturnToRunSession.objects.exists()


def test_others_cannot_open_or_log(client, patient, other_patient, outside_clinician):
    green(patient)
    client.force_login(outside_clinician)
    assert client.get("/plan/return-to-run/").status_code == 404
    assert client.post("/plan/return-to-run/", {"level": "1"}).status_code == 404
    client.force_login(other_patient)
    assert b"green for 7 days" in client.get("/plan/return-to-run/").content
    client.logout()
    assert client.get("/plan/return-to-run/").status_code == 302
    assert not ReturnToRunSession.objects.exists()


def test_a_session_before_the_plan_started_is_refused(client, patient):
    from care import services

    green(patient)
    services.start_plan(patient, Actor(patient))
    client.force_login(patient)
    response = client.post("/plan/return-to-run/", {"date": "2020-01-01", "level": "1"})
    assert response.status_code == 422
    assert b"Your plan started on" in response.content
    assert not ReturnToRunSession.objects.exists()


def test_a_missing_level_is_explained_in_plain_words(client, patient):
    green(patient)
    client.force_login(patient)
    response = client.post("/plan/return-to-run/", {"date": timezone.localdate().isoformat(), "level": "9"})
    assert b"The levels go from 1 to 8." in response.content
    assert b"Ensure this value" not in response.content


def test_the_session_checkboxes_sit_next_to_their_words(client, patient):
    green(patient)
    client.force_login(patient)
    body = client.get("/plan/return-to-run/").content.decode()
    assert '<div class="check-field"><label><input type="checkbox" name="more_pain"' in body
