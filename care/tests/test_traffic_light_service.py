from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from care import services
from care.models import DiaryEntry


def add(patient, days_ago=0, side="right", **values):
    DiaryEntry.objects.create(
        patient=patient, date=timezone.localdate() - timedelta(days=days_ago), side=side, **{"pain_now": 1, **values}
    )


def test_no_check_in_today_gives_no_light(patient):
    add(patient, days_ago=1)
    assert services.traffic_light(patient, timezone.localdate()).colour == "none"


def test_light_at_each_threshold(patient):
    today = timezone.localdate()
    for value, colour in ((2, "green"), (3, "amber"), (5, "amber"), (6, "red")):
        DiaryEntry.objects.filter(patient=patient).delete()
        add(patient, pain_during_activity=value)
        assert services.traffic_light(patient, today).colour == colour, value


def test_the_worse_knee_sets_the_light(patient):
    add(patient, side="right", pain_during_activity=1)
    add(patient, side="left", pain_during_activity=7)
    assert services.traffic_light(patient, timezone.localdate()).colour == "red"


def test_red_flag_answer_gives_the_urgent_message(patient):
    add(patient, locking=True)
    result = services.traffic_light(patient, timezone.localdate())
    assert result.urgent and not result.emergency
    assert result.advice.startswith("Today or tomorrow: call the practice now")


def test_an_emergency_answer_in_the_diary_says_911(patient):
    add(patient, side="left", locking=True)
    add(patient, side="right", hot_red_swollen_fever=True)
    result = services.traffic_light(patient, timezone.localdate())
    assert result.emergency and result.urgent and result.knee == "right"
    assert result.advice.startswith("Now: call 911")


def test_the_knees_are_judged_apart_and_both_counts_for_each(patient):
    add(patient, days_ago=2, side="left", morning_pain=1)
    add(patient, days_ago=1, side="right", morning_pain=3)
    add(patient, side="both", morning_pain=3)
    result = services.traffic_light(patient, timezone.localdate())
    assert result.colour == "red" and result.knee == "left"
    assert result.reasons == (f"Left knee: Morning pain was 3/10, 2 points higher than on {ago_text(2)} (1/10).",)


def ago_text(days):
    day = timezone.localdate() - timedelta(days=days)
    return f"{day:%b} {day.day}"


def test_thresholds_follow_settings(patient, settings):
    settings.CARE_PAIN_ACCEPTABLE_MAX = 3
    add(patient, pain_during_activity=4)
    assert services.traffic_light(patient, timezone.localdate()).colour == "red"


def test_pain_not_settled_overnight_turns_amber_then_red(patient):
    add(patient, days_ago=3, morning_pain=1)
    add(patient, morning_pain=2)
    assert services.traffic_light(patient, timezone.localdate()).colour == "amber"
    DiaryEntry.objects.filter(patient=patient, date=timezone.localdate()).update(morning_pain=3)
    assert services.traffic_light(patient, timezone.localdate()).colour == "red"


def test_light_reads_a_bounded_number_of_queries(patient, django_assert_num_queries):
    for d in range(14):
        add(patient, days_ago=d, pain_during_activity=2)
    with django_assert_num_queries(1):
        services.traffic_light(patient, timezone.localdate())


def test_contradicting_thresholds_stop_start_up(settings):
    import pytest
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    settings.CARE_PAIN_SAFE_MAX = 6
    with pytest.raises(ImproperlyConfigured, match="safe max < acceptable max"):
        apps.get_app_config("care").ready()
