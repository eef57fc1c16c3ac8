from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.audit import Actor
from care import services
from care.models import DiaryEntry, ReturnToRunSession


def green_days(patient, n, start=0):
    today = timezone.localdate()
    for d in range(start, start + n):
        DiaryEntry.objects.create(
            patient=patient, date=today - timedelta(days=d), side="right", pain_now=1, pain_during_activity=1
        )


def test_track_is_locked_until_the_light_has_been_green_long_enough(patient):
    green_days(patient, 6)
    track = services.run_track(patient, timezone.localdate())
    assert not track.unlocked and track.green_days == 6
    with pytest.raises(services.CareError, match="green days"):
        services.log_run_session(patient, {"level": 1}, actor=Actor(patient))


def test_green_days_needed_is_configurable(patient, settings):
    settings.CARE_RTR_GREEN_DAYS = 3
    green_days(patient, 3)
    assert services.run_track(patient, timezone.localdate()).unlocked


def test_after_seven_green_days_level_one_is_offered_and_logged(patient):
    green_days(patient, 7)
    track = services.run_track(patient, timezone.localdate())
    assert track.unlocked and track.next.level == 1 and track.next.can_run_today
    session = services.log_run_session(patient, {"level": 1}, actor=Actor(patient))
    assert session.level == 1 and session.date == timezone.localdate()


def test_running_on_consecutive_days_is_refused(patient):
    green_days(patient, 8, start=0)
    yesterday = timezone.localdate() - timedelta(days=1)
    ReturnToRunSession.objects.create(patient=patient, date=yesterday, level=1)
    with pytest.raises(services.CareError) as error:
        services.log_run_session(patient, {"level": 2}, actor=Actor(patient))
    assert "two days in a row" in error.value.errors["date"]
    assert ReturnToRunSession.objects.count() == 1


def test_a_red_day_steps_the_next_session_back(patient):
    today = timezone.localdate()
    green_days(patient, 5, start=4)
    ReturnToRunSession.objects.create(patient=patient, date=today - timedelta(days=3), level=3)
    DiaryEntry.objects.create(patient=patient, date=today - timedelta(days=2), side="right", pain_now=7)
    track = services.run_track(patient, today)
    assert track.next.level == 2


def test_a_session_is_linked_to_the_run_imported_that_day(patient):
    from datetime import datetime, time

    from training.models import Activity

    green_days(patient, 7)
    start = datetime.combine(timezone.localdate(), time(7), tzinfo=timezone.get_current_timezone())
    run = Activity.objects.create(patient=patient, sport="run", start=start, elapsed_s=1500, distance_m=3200)
    session = services.log_run_session(patient, {"level": 1}, actor=Actor(patient))
    assert session.activity_id == run.pk


def test_without_an_imported_run_the_session_stands_alone(patient):
    green_days(patient, 7)
    assert services.log_run_session(patient, {"level": 1}, actor=Actor(patient)).activity_id is None


def test_a_red_left_knee_breaks_the_green_streak_even_when_the_right_is_green(patient):
    green_days(patient, 7)
    yesterday = timezone.localdate() - timedelta(days=1)
    DiaryEntry.objects.create(patient=patient, date=yesterday, side="left", pain_now=1, pain_worst=9)
    track = services.run_track(patient, timezone.localdate())
    assert not track.unlocked and track.green_days == 1


def test_a_morning_that_has_not_settled_breaks_the_streak(patient):
    today = timezone.localdate()
    green_days(patient, 7)
    # Morning pain 1 point up on the knee's entry three days earlier: amber, not green.
    DiaryEntry.objects.filter(patient=patient, date=today - timedelta(days=3)).update(morning_pain=1)
    DiaryEntry.objects.filter(patient=patient, date=today).update(morning_pain=2)
    assert services.run_track(patient, today).green_days == 0


def test_morning_pain_above_five_alone_steps_the_next_session_back(patient):
    today = timezone.localdate()
    green_days(patient, 5, start=4)
    ReturnToRunSession.objects.create(patient=patient, date=today - timedelta(days=3), level=3)
    DiaryEntry.objects.create(patient=patient, date=today - timedelta(days=2), side="left", pain_now=0, morning_pain=7)
    assert services.run_track(patient, today).next.level == 2


def test_a_warning_sign_on_the_other_knee_steps_the_next_session_back(patient):
    today = timezone.localdate()
    green_days(patient, 5, start=4)
    ReturnToRunSession.objects.create(patient=patient, date=today - timedelta(days=3), level=3)
    DiaryEntry.objects.create(
        patient=patient, date=today - timedelta(days=2), side="left", pain_now=0, cannot_bear_weight=True
    )
    assert services.run_track(patient, today).next.level == 2


def test_a_session_on_a_red_day_of_either_knee_is_refused(patient):
    green_days(patient, 8)
    DiaryEntry.objects.create(
        patient=patient, date=timezone.localdate(), side="left", pain_now=1, pain_after_activity=6
    )
    assert not services.run_track(patient, timezone.localdate()).next.can_run_today
