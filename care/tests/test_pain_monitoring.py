from __future__ import annotations

from datetime import date, timedelta

from care.pain_monitoring import URGENT_MESSAGE, CheckIn, Colour, Thresholds, light, zone

TODAY = date(2026, 11, 20)


def test_zone_boundaries_follow_the_pain_monitoring_model():
    t = Thresholds()
    assert zone(0, t) is Colour.GREEN
    assert zone(2, t) is Colour.GREEN
    assert zone(3, t) is Colour.AMBER
    assert zone(5, t) is Colour.AMBER
    assert zone(6, t) is Colour.RED
    assert zone(None, t) is Colour.NONE


def test_no_check_in_gives_no_light():
    result = light(None, [])
    assert result.colour is Colour.NONE
    assert "check-in" in result.advice


def test_pain_during_activity_at_two_is_green():
    assert light(CheckIn(TODAY, pain_now=1, pain_during_activity=2), []).colour is Colour.GREEN


def test_pain_during_activity_at_three_is_amber():
    assert light(CheckIn(TODAY, pain_now=1, pain_during_activity=3), []).colour is Colour.AMBER


def test_pain_during_activity_at_five_is_still_amber():
    assert light(CheckIn(TODAY, pain_now=1, pain_during_activity=5), []).colour is Colour.AMBER


def test_pain_during_activity_above_five_is_red():
    result = light(CheckIn(TODAY, pain_now=1, pain_during_activity=6), [])
    assert result.colour is Colour.RED
    assert "cut back" in result.advice


def test_pain_after_activity_above_five_is_red():
    assert light(CheckIn(TODAY, pain_now=2, pain_after_activity=7), []).colour is Colour.RED


def test_pain_that_has_not_settled_by_the_morning_is_amber():
    yesterday = CheckIn(TODAY - timedelta(days=1), pain_now=1, morning_pain=1)
    today = CheckIn(TODAY, pain_now=1, morning_pain=2)
    result = light(today, [yesterday])
    assert result.colour is Colour.AMBER
    assert "not settled" in result.reasons[0]


def test_morning_pain_equal_to_yesterday_counts_as_settled():
    yesterday = CheckIn(TODAY - timedelta(days=1), pain_now=1, morning_pain=2)
    assert light(CheckIn(TODAY, pain_now=1, morning_pain=2), [yesterday]).colour is Colour.GREEN


def test_morning_stiffness_rising_week_to_week_is_amber():
    last_week = [CheckIn(TODAY - timedelta(days=d), pain_now=1, morning_stiffness=1) for d in range(7, 14)]
    this_week = [CheckIn(TODAY - timedelta(days=d), pain_now=1, morning_stiffness=2) for d in range(1, 7)]
    result = light(CheckIn(TODAY, pain_now=1, morning_stiffness=2), last_week + this_week)
    assert result.colour is Colour.AMBER
    assert any("stiffness" in r for r in result.reasons)


def test_thresholds_are_configurable():
    strict = Thresholds(safe_max=1, acceptable_max=3)
    assert light(CheckIn(TODAY, pain_now=0, pain_during_activity=4), [], strict).colour is Colour.RED


def test_thresholds_read_from_settings_with_defaults(settings):
    settings.CARE_PAIN_ACCEPTABLE_MAX = 4
    t = Thresholds.from_settings(settings)
    assert t.acceptable_max == 4
    assert t.safe_max == 2


def test_locking_shows_the_urgent_help_message_instead_of_a_light():
    result = light(CheckIn(TODAY, pain_now=0, locking=True), [])
    assert result.urgent
    assert result.advice == URGENT_MESSAGE


def test_large_swelling_and_repeated_giving_way_are_red_flags():
    assert light(CheckIn(TODAY, pain_now=0, large_swelling=True), []).urgent
    assert light(CheckIn(TODAY, pain_now=0, repeated_giving_way=True), []).urgent


def test_advice_is_one_plain_sentence():
    for value in (1, 4, 8):
        advice = light(CheckIn(TODAY, pain_now=value, pain_during_activity=value), []).advice
        assert advice.count(".") == 1
