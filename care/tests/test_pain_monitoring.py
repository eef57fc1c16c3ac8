from __future__ import annotations

from datetime import date, timedelta

import pytest

from assessments import questions, triage
from assessments.questions import Level
from care.checkins import CheckIn, daily_pain, day_pain
from care.pain_monitoring import Colour, Thresholds, daily_lights, knee_light, patient_light, zone
from care.warning_signs import FLAG_LEVEL, FLAGS, UnknownFlag

TODAY = date(2026, 11, 20)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def light_of(*entries: CheckIn, t: Thresholds | None = None):
    return patient_light(list(entries), TODAY, t)


def test_zone_boundaries_follow_the_pain_monitoring_model():
    t = Thresholds()
    assert zone(0, t) is Colour.GREEN
    assert zone(2, t) is Colour.GREEN
    assert zone(3, t) is Colour.AMBER
    assert zone(5, t) is Colour.AMBER
    assert zone(6, t) is Colour.RED
    assert zone(None, t) is Colour.NONE


def test_a_check_ins_pain_of_the_day_is_its_worst_pain_else_pain_now():
    assert day_pain(6, 2) == 6.0
    assert day_pain(None, 2) == 2.0
    assert CheckIn(TODAY, pain_now=1, pain_worst=0).pain == 0.0


def test_the_daily_pain_is_the_worse_knees_and_a_both_check_in_counts_for_each():
    entries = [
        CheckIn(TODAY, pain_now=2, pain_worst=6, side="left"),
        CheckIn(TODAY, pain_now=7, side="right"),
        CheckIn(ago(1), pain_now=4, side="both"),
        CheckIn(ago(1), pain_now=1, pain_worst=3, side="left"),
    ]
    assert daily_pain(entries) == {TODAY: 7.0, ago(1): 4.0}


def test_no_check_in_gives_no_light():
    result = light_of(CheckIn(ago(1), pain_now=8))
    assert result.colour is Colour.NONE
    assert "check-in" in result.advice
    assert result.knee == "" and result.reasons == ()


@pytest.mark.parametrize("field", ["pain_now", "pain_worst", "pain_during_activity", "pain_after_activity"])
@pytest.mark.parametrize(
    ("value", "colour"), [(2, Colour.GREEN), (3, Colour.AMBER), (5, Colour.AMBER), (6, Colour.RED)]
)
def test_each_pain_answer_sets_the_zone_at_its_boundaries(field, value, colour):
    values = {"pain_now": 0, field: value}
    assert light_of(CheckIn(TODAY, side="left", **values)).colour is colour


def test_worst_pain_nine_with_pain_now_two_is_red():
    result = light_of(CheckIn(TODAY, pain_now=2, pain_worst=9, side="right"))
    assert result.colour is Colour.RED
    assert result.reasons == ("Right knee: Your highest pain today was 9/10 (worst pain), above 5.",)
    assert result.advice.startswith("Right knee: Pain is too high. Cut back")


def test_the_reason_names_every_answer_at_the_highest_value():
    result = light_of(CheckIn(TODAY, pain_now=4, pain_during_activity=4, pain_after_activity=1, side="left"))
    assert result.colour is Colour.AMBER
    assert "4/10 (pain now, pain during activity)" in result.reasons[0]


def test_a_green_light_says_why():
    result = light_of(CheckIn(TODAY, pain_now=1, pain_worst=2, side="left"))
    assert result.colour is Colour.GREEN
    assert result.reasons == ("Left knee: Your highest pain today was 2/10 (worst pain), in the safe zone.",)
    assert result.advice == "Left knee: Pain is in the safe zone, so carry on with your plan."


@pytest.mark.parametrize("field", ["morning_pain", "morning_stiffness"])
def test_morning_pain_or_stiffness_above_five_alone_is_red(field):
    result = light_of(CheckIn(TODAY, pain_now=0, side="left", **{field: 7}))
    assert result.colour is Colour.RED
    assert "7/10, above 5" in result.reasons[0]
    assert "Reduce your load today" in result.advice
    assert "hold" not in result.advice.lower()


@pytest.mark.parametrize("field", ["morning_pain", "morning_stiffness"])
def test_morning_five_alone_is_not_red(field):
    assert light_of(CheckIn(TODAY, pain_now=0, side="left", **{field: 5})).colour is Colour.GREEN


@pytest.mark.parametrize("field", ["morning_pain", "morning_stiffness"])
@pytest.mark.parametrize(("rise", "colour"), [(0, Colour.GREEN), (1, Colour.AMBER), (2, Colour.RED), (3, Colour.RED)])
def test_morning_values_are_compared_with_the_knees_entry_three_days_earlier(field, rise, colour):
    earlier = CheckIn(ago(3), pain_now=0, side="left", **{field: 2})
    today = CheckIn(TODAY, pain_now=0, side="left", **{field: 2 + rise})
    assert light_of(earlier, today).colour is colour


def test_one_point_worse_in_the_morning_says_hold_and_names_the_day():
    earlier = CheckIn(ago(3), pain_now=0, side="left", morning_pain=3)
    result = light_of(earlier, CheckIn(TODAY, pain_now=0, side="left", morning_pain=4))
    assert result.colour is Colour.AMBER
    assert result.reasons == ("Left knee: Morning pain was 4/10, 1 point higher than on Nov 17 (3/10).",)
    assert "Hold your load steady" in result.advice


def test_two_points_worse_in_the_morning_says_reduce_not_hold():
    earlier = CheckIn(ago(3), pain_now=0, side="left", morning_stiffness=1)
    result = light_of(earlier, CheckIn(TODAY, pain_now=0, side="left", morning_stiffness=3))
    assert result.colour is Colour.RED
    assert "2 points higher" in result.reasons[0]
    assert "Reduce your load today" in result.advice and "Hold" not in result.advice


def test_an_earlier_value_seven_days_back_is_compared_but_not_eight():
    today = CheckIn(TODAY, pain_now=0, side="left", morning_pain=4)
    assert light_of(CheckIn(ago(7), pain_now=0, side="left", morning_pain=2), today).colour is Colour.RED
    eight = light_of(CheckIn(ago(8), pain_now=0, side="left", morning_pain=2), today)
    assert eight.colour is Colour.AMBER  # not compared day to day; the weekly rule still sees the rise
    assert "higher than on" not in " ".join(eight.reasons) and "the week before" in eight.reasons[0]
    assert light_of(CheckIn(ago(14), pain_now=0, side="left", morning_pain=2), today).colour is Colour.GREEN


def test_the_latest_earlier_value_is_the_one_compared_across_gap_days():
    entries = [
        CheckIn(ago(6), pain_now=0, side="left", morning_pain=1),
        CheckIn(ago(4), pain_now=0, side="left", morning_pain=3),
        # ago(3), ago(2): no check-in; ago(1): a check-in without a morning answer
        CheckIn(ago(1), pain_now=0, side="left"),
        CheckIn(TODAY, pain_now=0, side="left", morning_pain=3),
    ]
    assert light_of(*entries).colour is Colour.GREEN
    assert light_of(*entries[1:], CheckIn(ago(4), pain_now=0, side="right", morning_pain=0)).colour is Colour.GREEN


def test_the_other_knees_morning_values_are_not_compared():
    earlier = CheckIn(ago(1), pain_now=0, side="right", morning_pain=0)
    assert light_of(earlier, CheckIn(TODAY, pain_now=0, side="left", morning_pain=2)).colour is Colour.GREEN


def test_a_left_knee_red_with_a_right_knee_green_shows_red_naming_the_left_knee():
    result = light_of(
        CheckIn(TODAY, pain_now=1, side="right"),
        CheckIn(TODAY, pain_now=2, pain_during_activity=7, side="left"),
    )
    assert result.colour is Colour.RED and result.knee == "left"
    assert result.advice.startswith("Left knee: ")
    assert all(r.startswith("Left knee: ") for r in result.reasons)


def test_a_both_knees_entry_counts_for_each_knee():
    both = CheckIn(TODAY, pain_now=4, side="both")
    for knee in ("left", "right"):
        assert knee_light([both], knee, TODAY).colour is Colour.AMBER
    result = light_of(both)
    assert result.knee == "both" and result.advice.startswith("Both knees: ")
    assert result.reasons == (
        "Both knees: Your highest pain today was 4/10 (pain now): acceptable, but above the safe 2.",
    )


def test_a_both_entry_and_a_one_knee_entry_on_one_day_take_the_higher_of_each_answer():
    both = CheckIn(TODAY, pain_now=1, pain_worst=7, side="both")
    left = CheckIn(TODAY, pain_now=3, pain_worst=2, side="left")
    assert knee_light([both, left], "left", TODAY).colour is Colour.RED
    assert knee_light([both, left], "right", TODAY).colour is Colour.RED
    assert knee_light([CheckIn(TODAY, pain_now=1, side="both"), left], "left", TODAY).colour is Colour.AMBER


def test_an_earlier_both_entry_is_each_knees_earlier_value():
    earlier = CheckIn(ago(2), pain_now=0, side="both", morning_pain=1)
    result = light_of(earlier, CheckIn(TODAY, pain_now=0, side="right", morning_pain=3))
    assert result.colour is Colour.RED and result.knee == "right"


def test_an_earlier_day_with_two_entries_for_a_knee_compares_with_the_lower_value():
    earlier = [
        CheckIn(ago(1), pain_now=0, side="both", morning_pain=4),
        CheckIn(ago(1), pain_now=0, side="left", morning_pain=2),
    ]
    assert light_of(*earlier, CheckIn(TODAY, pain_now=0, side="left", morning_pain=4)).colour is Colour.RED


def test_equally_bad_knees_for_different_reasons_name_both_with_each_reason():
    result = light_of(
        CheckIn(TODAY, pain_now=7, side="left"),
        CheckIn(TODAY, pain_now=0, morning_pain=8, side="right"),
    )
    assert result.colour is Colour.RED and result.knee == "both"
    assert [r.split(":")[0] for r in result.reasons] == ["Left knee", "Right knee"]


def test_morning_stiffness_rising_week_to_week_is_amber():
    last_week = [CheckIn(ago(d), pain_now=1, morning_stiffness=1, side="left") for d in range(7, 14)]
    this_week = [CheckIn(ago(d), pain_now=1, morning_stiffness=2, side="left") for d in range(1, 7)]
    result = light_of(*last_week, *this_week, CheckIn(TODAY, pain_now=1, morning_stiffness=2, side="left"))
    assert result.colour is Colour.AMBER
    assert result.reasons == (
        "Left knee: Morning stiffness averaged 2.0/10 over the last 7 days, against 1.0/10 the week before.",
    )
    assert "Hold your load steady" in result.advice


def test_the_weekly_rule_never_lowers_a_red_light():
    last_week = [CheckIn(ago(d), pain_now=1, morning_pain=1, side="left") for d in range(7, 14)]
    result = light_of(*last_week, CheckIn(TODAY, pain_now=1, morning_pain=6, side="left"))
    assert result.colour is Colour.RED


def test_thresholds_are_configurable():
    strict = Thresholds(safe_max=1, acceptable_max=3)
    assert light_of(CheckIn(TODAY, pain_now=0, pain_during_activity=4), t=strict).colour is Colour.RED
    assert light_of(CheckIn(TODAY, pain_now=0, morning_pain=4), t=strict).colour is Colour.RED


def test_thresholds_read_from_settings_with_defaults(settings):
    settings.CARE_PAIN_ACCEPTABLE_MAX = 4
    settings.CARE_PAIN_MORNING_LOOKBACK_DAYS = 3
    t = Thresholds.from_settings(settings)
    assert t.acceptable_max == 4 and t.morning_lookback_days == 3
    assert t.safe_max == 2 and t.morning_amber_rise == 1 and t.morning_red_rise == 2


@pytest.mark.parametrize(
    "values",
    [
        {"safe_max": 5, "acceptable_max": 5},
        {"acceptable_max": 11},
        {"morning_amber_rise": 0},
        {"morning_amber_rise": 3, "morning_red_rise": 2},
        {"morning_lookback_days": 0},
        {"weekly_rise": 0},
    ],
)
def test_thresholds_that_contradict_each_other_are_refused(values):
    with pytest.raises(ValueError):
        Thresholds(**values)


def test_the_diarys_own_warning_signs_are_urgent_with_the_self_checks_advice():
    for code in ("locking", "large_swelling", "repeated_giving_way"):
        result = light_of(CheckIn(TODAY, pain_now=0, side="left", flags=frozenset({code})))
        assert result.urgent and not result.emergency and result.level is Level.URGENT
        assert result.colour is Colour.RED
        assert result.advice == triage.advice_for(Level.URGENT)
        assert result.advice.startswith("Today or tomorrow:")
        assert "few days" not in result.advice


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("calf_swelling_or_pain", Level.URGENT),
        ("chest_pain_or_breathless", Level.EMERGENCY),
        ("hot_swollen_no_fever", Level.URGENT),
        ("hot_red_swollen_fever", Level.EMERGENCY),
        ("cannot_bear_weight", Level.URGENT),
        ("cannot_straighten_or_lift_leg", Level.EMERGENCY),
    ],
)
def test_each_self_check_warning_sign_has_the_self_checks_level_and_advice(code, level):
    assert FLAG_LEVEL[code] is questions.FLAG_LEVEL[code] is level
    result = light_of(CheckIn(TODAY, pain_now=0, side="right", flags=frozenset({code})))
    assert result.level is level and result.urgent and result.colour is Colour.RED
    assert result.emergency is (level is Level.EMERGENCY)
    assert result.advice == triage.advice_for(level)
    assert result.advice.startswith(str(questions.TIME_FRAMES[level]))
    assert result.reasons[0] == f"Right knee: Warning sign: {questions.RED_FLAGS[code]}."


def test_an_emergency_sign_wins_over_an_urgent_one_on_the_other_knee():
    result = light_of(
        CheckIn(TODAY, pain_now=0, side="left", flags=frozenset({"locking"})),
        CheckIn(TODAY, pain_now=0, side="right", flags=frozenset({"hot_red_swollen_fever"})),
    )
    assert result.emergency and result.knee == "right"
    assert result.advice.startswith("Now: call 911")


def test_an_emergency_and_an_urgent_sign_on_one_knee_show_the_emergency_first():
    result = light_of(CheckIn(TODAY, pain_now=0, side="left", flags=frozenset({"locking", "chest_pain_or_breathless"})))
    assert result.emergency
    assert "short of breath" in result.reasons[0] and "locked" in result.reasons[1]


def test_a_warning_sign_keeps_the_pain_reasons_that_are_not_green():
    result = light_of(CheckIn(TODAY, pain_now=1, pain_worst=8, side="left", flags=frozenset({"cannot_bear_weight"})))
    assert len(result.reasons) == 2 and "8/10" in result.reasons[1]
    assert "safe zone" not in " ".join(light_of(CheckIn(TODAY, pain_now=0, flags=frozenset({"locking"}))).reasons)


def test_an_unknown_warning_sign_or_side_is_refused():
    with pytest.raises(UnknownFlag):
        CheckIn(TODAY, pain_now=0, flags=frozenset({"lockng"}))
    with pytest.raises(ValueError):
        CheckIn(TODAY, pain_now=0, side="middle")


def test_every_warning_sign_is_urgent_or_an_emergency():
    assert FLAGS == (
        "locking",
        "large_swelling",
        "repeated_giving_way",
        "calf_swelling_or_pain",
        "chest_pain_or_breathless",
        "hot_swollen_no_fever",
        "hot_red_swollen_fever",
        "cannot_bear_weight",
        "cannot_straighten_or_lift_leg",
    )
    assert all(FLAG_LEVEL[code] >= Level.URGENT for code in FLAGS)


def test_daily_lights_judge_each_day_on_its_own_and_earlier_entries():
    entries = [CheckIn(ago(1), pain_now=7, side="left"), CheckIn(TODAY, pain_now=1, side="left")]
    lights = daily_lights(entries, [ago(2), ago(1), TODAY])
    assert [lights[d].colour for d in (ago(2), ago(1), TODAY)] == [Colour.NONE, Colour.RED, Colour.GREEN]


def test_a_knee_is_left_or_right():
    with pytest.raises(ValueError):
        knee_light([], "both", TODAY)


def test_a_good_morning_today_does_not_wipe_out_a_week_of_worse_mornings():
    # Last week's mornings were 1; this week's 2, 2, 2: amber. Answering today's morning with 0 keeps it amber.
    earlier = [CheckIn(day=TODAY - timedelta(days=d), side="left", pain_now=0, morning_pain=1) for d in (8, 9, 10)]
    this_week = [CheckIn(day=TODAY - timedelta(days=d), side="left", pain_now=0, morning_pain=2) for d in (1, 3, 5)]
    unanswered = CheckIn(day=TODAY, side="left", pain_now=0)
    answered = CheckIn(day=TODAY, side="left", pain_now=0, morning_pain=0)
    assert patient_light([*earlier, *this_week, unanswered], TODAY).colour is Colour.AMBER
    assert patient_light([*earlier, *this_week, answered], TODAY).colour is Colour.AMBER
