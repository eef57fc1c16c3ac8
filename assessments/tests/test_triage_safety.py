"""The presentations a clinical review found ending in self-care, the age and history rules at
their boundaries, the settings' bounds, and monotonicity over the whole input space."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import questions, triage
from assessments.questions import LEVEL_BY_CODE, Level
from assessments.triage import Answers, Injury, UnknownCode
from assessments.triage_thresholds import Thresholds

PFP = frozenset({"pain_around_kneecap", "pain_squatting", "pain_going_down"})


def outcome(**kwargs) -> str:
    answers = {"age": 30, "side": "left", "symptoms": PFP, "pain_nrs": 3, "duration_weeks": 2, **kwargs}
    return triage.triage(Answers(**answers)).outcome


def result(**kwargs) -> triage.Result:
    answers = {"age": 30, "side": "left", "symptoms": PFP, "pain_nrs": 3, "duration_weeks": 2, **kwargs}
    return triage.triage(Answers(**answers))


# ---- What the review found -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"red_flags": frozenset({"hot_swollen_no_fever"})}, "urgent"),
        ({"red_flags": frozenset({"calf_swelling_or_pain"})}, "urgent"),
        ({"age": 14, "red_flags": frozenset({"hip_groin_thigh_pain"})}, "urgent"),
        ({"age": 5}, "see_clinician"),
        ({"age": 75}, "see_clinician"),
        (
            {
                "risk_factors": frozenset({"fall_or_blow"}),
                "symptoms": PFP | {"giving_way"},
                "injury": Injury(recent=False),
            },
            "see_clinician",
        ),
        ({"red_flags": frozenset({"cannot_bear_weight"})}, "urgent"),
        ({"red_flags": frozenset({"cannot_straighten_or_lift_leg"})}, "emergency"),
        ({"red_flags": frozenset({"chest_pain_or_breathless"})}, "emergency"),
    ],
)
def test_the_presentations_the_review_found_in_self_care_now_reach_care(answers, expected):
    assert outcome(**answers) == expected


def test_a_hard_fall_ten_days_ago_with_giving_way_books_a_visit_even_where_giving_way_alone_would_not():
    answers = Answers(age=30, symptoms=PFP | {"giving_way"}, risk_factors=frozenset({"fall_or_blow"}), pain_nrs=3)
    lenient = Thresholds(giving_way_needs_review=False)
    assert triage.triage(replace(answers, risk_factors=frozenset()), lenient).outcome == "self_care"
    fallen = triage.triage(answers, lenient)
    assert fallen.outcome == "see_clinician"
    assert fallen.deciding_risk_factors == ["fall_or_blow"]
    assert any("hard fall" in r and "earlier" in r for r in fallen.reasons)


# ---- Combinations ----------------------------------------------------------------------------


def test_not_bearing_weight_after_a_recent_injury_is_the_ottawa_finding():
    recent = result(red_flags=frozenset({"cannot_bear_weight"}), injury=Injury(recent=True))
    assert recent.outcome == "emergency"
    assert any("Ottawa knee rules" in r and "4 steps" in r for r in recent.reasons)


def test_not_managing_4_steps_after_an_old_injury_still_means_not_bearing_weight():
    old = result(injury=Injury(recent=False, cannot_walk_4_steps=True))
    assert old.outcome == "urgent"
    assert f"{questions.RED_FLAGS['cannot_bear_weight']}." in old.reasons


@pytest.mark.parametrize("hot", ["hot_swollen_no_fever", "hot_red_swollen_fever"])
def test_a_hot_swollen_knee_after_recent_surgery_or_an_injection_is_an_emergency(hot):
    alone = result(red_flags=frozenset({"recent_knee_surgery_or_injection"}))
    assert alone.outcome == "see_clinician"
    both = result(red_flags=frozenset({"recent_knee_surgery_or_injection", hot}))
    assert both.outcome == "emergency"
    assert any("infection of the joint" in r for r in both.reasons)


# ---- Age and history at their boundaries ---------------------------------------------------


@pytest.mark.parametrize(
    ("age", "expected"),
    [(7, "see_clinician"), (8, "see_clinician"), (11, "see_clinician"), (12, "self_care"), (16, "self_care"),
     (17, "self_care"), (59, "self_care"), (60, "see_clinician"), (120, "see_clinician")],
)  # fmt: skip
def test_self_care_is_offered_from_12_to_59_only(age, expected):
    assert outcome(age=age) == expected


@pytest.mark.parametrize(
    ("age", "expected"),
    [(7, "see_clinician"), (8, "urgent"), (11, "urgent"), (12, "urgent"), (16, "urgent"), (17, "see_clinician"),
     (59, "see_clinician"), (60, "see_clinician")],
)  # fmt: skip
def test_hip_groin_or_thigh_pain_is_urgent_from_8_to_16(age, expected):
    found = result(age=age, red_flags=frozenset({"hip_groin_thigh_pain"}))
    assert found.outcome == expected
    assert any("slipped upper femoral epiphysis" in r for r in found.reasons) == (expected == "urgent")


@pytest.mark.parametrize("age", [11, 60])
def test_an_age_floor_says_why(age):
    reasons = result(age=age).reasons
    assert any(f"You are {age}." in r for r in reasons)


@pytest.mark.parametrize("age", [5, 11, 60, 75])
def test_the_age_floor_never_lowers_a_flag_or_the_ottawa_rules(age):
    assert outcome(age=age, red_flags=frozenset({"locked_knee"})) == "urgent"
    assert outcome(age=age, injury=Injury(recent=True, cannot_flex_90=True)) == "emergency"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "self_care"),
        ({"pain_nrs": 5}, "self_care"),
        ({"pain_nrs": 6}, "see_clinician"),
        ({"symptoms": PFP | {"knee_swelling"}}, "see_clinician"),
        ({"symptoms": PFP | {"giving_way"}}, "see_clinician"),
        ({"injury": Injury(recent=True), "symptoms": PFP | {"knee_swelling"}}, "see_clinician"),
    ],
)
def test_a_hard_fall_needs_a_clinician_with_swelling_giving_way_or_pain_from_6(changes, expected):
    assert outcome(risk_factors=frozenset({"fall_or_blow"}), **changes) == expected


def test_knee_swelling_or_pain_6_without_a_fall_do_not_change_a_runners_knee_result():
    assert outcome(symptoms=PFP | {"knee_swelling"}) == "self_care"
    assert outcome(pain_nrs=6) == "self_care"


def test_the_old_fall_pain_threshold_is_a_setting():
    answers = Answers(age=30, symptoms=PFP, risk_factors=frozenset({"fall_or_blow"}), pain_nrs=6)
    assert triage.triage(answers, Thresholds(old_fall_pain_nrs=7)).outcome == "self_care"
    assert triage.triage(replace(answers, pain_nrs=7), Thresholds(old_fall_pain_nrs=7)).outcome == "see_clinician"


# ---- Time frames -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "words"),
    [
        (Level.EMERGENCY, "Now: call 911 or go to an emergency room."),
        (Level.URGENT, "Today or tomorrow: call the practice now, or go to an urgent care center"),
        (Level.SEE_CLINICIAN, "Book an appointment in the next 1 to 2 weeks."),
    ],
)
def test_each_outcome_states_its_time_frame_in_words(level, words):
    assert triage.advice_for(level).startswith(words)
    assert str(questions.TIME_FRAMES[level]).startswith(words)


def test_every_result_carries_its_time_frame():
    found = result(red_flags=frozenset({"calf_swelling_or_pain"}))
    assert found.time_frame == str(questions.TIME_FRAMES[Level.URGENT])
    assert found.advice.startswith(found.time_frame)
    assert found.to_dict()["time_frame"] == found.time_frame


# ---- Unknown codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"symptoms": frozenset({"sore_toe"})},
        {"red_flags": frozenset({"feels_odd"})},
        {"risk_factors": frozenset({"bad_luck"})},
        {"side": "middle"},
        {"age": 0},
        {"age": 121},
        {"pain_nrs": 11},
        {"duration_weeks": -1},
    ],
)
def test_unknown_codes_and_values_out_of_range_raise_in_the_pure_function(changes):
    with pytest.raises(UnknownCode):
        Answers(**{"age": 30, **changes})


def test_an_unknown_injury_field_raises():
    with pytest.raises(UnknownCode, match="unknown injury field"):
        Answers.from_dict({"age": 30, "injury": {"recent": True, "hurt_a_lot": True}})


# ---- Settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [("high_pain_nrs", 5, 10), ("max_self_care_weeks", 1, 26), ("old_fall_pain_nrs", 4, 10)],
)
def test_each_threshold_is_accepted_at_its_bounds_and_refused_past_them(name, low, high):
    assert getattr(Thresholds(**{name: low}), name) == low
    assert getattr(Thresholds(**{name: high}), name) == high
    for bad in (low - 1, high + 1):
        with pytest.raises(ValueError, match=f"{name} must be a whole number from {low} to {high}"):
            Thresholds(**{name: bad})


@pytest.mark.parametrize("weeks", [(1, 6), (2, 2)])
def test_review_weeks_from_1_to_6_are_accepted(weeks):
    assert Thresholds(review_after_weeks=weeks).review_after_weeks == weeks


@pytest.mark.parametrize("weeks", [(0, 3), (2, 7), (4, 3)])
def test_review_weeks_outside_1_to_6_or_in_the_wrong_order_are_refused(weeks):
    with pytest.raises(ValueError, match="review_after_weeks"):
        Thresholds(review_after_weeks=weeks)


def test_age_settings_may_only_make_the_rules_more_cautious():
    with pytest.raises(ValueError, match="self_care_min_age"):
        Thresholds(self_care_min_age=11)
    with pytest.raises(ValueError, match="self_care_max_age"):
        Thresholds(self_care_max_age=60)
    with pytest.raises(ValueError, match="ottawa_age"):
        Thresholds(ottawa_age=56)
    assert outcome(age=17) == "self_care"
    cautious = Thresholds(self_care_min_age=18)
    assert triage.triage(Answers(age=17, symptoms=PFP), cautious).outcome == "see_clinician"


def test_an_unknown_setting_is_refused():
    with pytest.raises(ValueError, match="unknown triage setting high_pain"):
        Thresholds.from_mapping({"high_pain": 8})


def _start(**env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "kneecap.settings", "DEBUG": "true", **env}
    full.pop("DATABASE_URL", None)
    code = "from kneecap.cli import main; main(['check'])"
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRIAGE_HIGH_PAIN_NRS": "11"}, "high_pain_nrs must be a whole number from 5 to 10, not 11"),
        ({"TRIAGE_MAX_SELF_CARE_WEEKS": "27"}, "max_self_care_weeks must be a whole number from 1 to 26"),
        ({"TRIAGE_REVIEW_AFTER_WEEKS": "2,7"}, "review_after_weeks must be a whole number from 1 to 6"),
        ({"TRIAGE_OLD_FALL_PAIN_NRS": "3"}, "old_fall_pain_nrs must be a whole number from 4 to 10, not 3"),
    ],
)
def test_start_up_refuses_a_threshold_out_of_bounds_with_one_line(env, message, tmp_path):
    done = _start(KNEECAP_VAR_DIR=str(tmp_path), **env)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert message in lines[0]
    assert "Traceback" not in done.stderr


def test_start_up_accepts_the_defaults(tmp_path):
    done = _start(KNEECAP_VAR_DIR=str(tmp_path))
    assert done.returncode == 0, done.stderr


# ---- Monotonicity over the whole input space ----------------------------------------------------

answers_strategy = st.builds(
    Answers,
    age=st.integers(min_value=1, max_value=120),
    side=st.sampled_from(sorted(questions.SIDES)),
    symptoms=st.frozensets(st.sampled_from(sorted(questions.SYMPTOMS))),
    red_flags=st.frozensets(st.sampled_from(sorted(questions.RED_FLAGS))),
    risk_factors=st.frozensets(st.sampled_from(sorted(questions.RISK_FACTORS))),
    injury=st.builds(Injury, *(st.booleans() for _ in questions.INJURY_FIELDS)),
    pain_nrs=st.integers(min_value=0, max_value=10),
    duration_weeks=st.integers(min_value=0, max_value=1040),
)
thresholds_strategy = st.builds(
    Thresholds,
    high_pain_nrs=st.integers(5, 10),
    max_self_care_weeks=st.integers(1, 26),
    giving_way_needs_review=st.booleans(),
    old_fall_pain_nrs=st.integers(4, 10),
    self_care_min_age=st.integers(12, 18),
    self_care_max_age=st.integers(40, 59),
)


def level_of(answers: Answers, thresholds: Thresholds) -> Level:
    return LEVEL_BY_CODE[triage.triage(answers, thresholds).outcome]


@given(answers_strategy, thresholds_strategy)
def test_adding_any_flag_finding_or_the_fall_never_lowers_the_outcome(answers, thresholds):
    before = level_of(answers, thresholds)
    for flag in questions.RED_FLAGS:
        assert level_of(replace(answers, red_flags=answers.red_flags | {flag}), thresholds) >= before
    for finding in questions.INJURY_FIELDS:
        injured = replace(answers, injury=replace(answers.injury, **{finding: True}))
        assert level_of(injured, thresholds) >= before
    fallen = replace(answers, risk_factors=answers.risk_factors | {"fall_or_blow"})
    assert level_of(fallen, thresholds) >= before


@given(answers_strategy.filter(lambda a: a.age >= 59 and a.age < 120), thresholds_strategy)
def test_a_year_of_age_past_59_never_lowers_the_outcome(answers, thresholds):
    assert level_of(replace(answers, age=answers.age + 1), thresholds) >= level_of(answers, thresholds)


@given(answers_strategy, thresholds_strategy)
def test_outside_12_to_59_the_outcome_is_never_self_care(answers, thresholds):
    if thresholds.self_care_min_age <= answers.age <= thresholds.self_care_max_age:
        return
    assert level_of(answers, thresholds) >= Level.SEE_CLINICIAN


@given(answers_strategy, thresholds_strategy)
def test_no_red_flag_ever_ends_in_self_care(answers, thresholds):
    if answers.flags():
        assert level_of(answers, thresholds) >= Level.SEE_CLINICIAN
        for code in answers.flags():
            assert level_of(answers, thresholds) >= questions.FLAG_LEVEL[code]
