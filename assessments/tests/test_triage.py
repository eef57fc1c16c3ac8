from __future__ import annotations

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from assessments import questions, triage, triage_thresholds
from assessments.questions import LEVEL_BY_CODE, Level
from assessments.triage import Answers, Injury
from assessments.triage_thresholds import Thresholds

PERFECT_PFP = {
    "age": 30,
    "side": "left",
    "symptoms": frozenset({"pain_around_kneecap", "pain_squatting", "pain_going_down", "pain_prolonged_sitting"}),
    "pain_nrs": 3,
    "duration_weeks": 2,
}


def run(**kwargs):
    return triage.triage(Answers(**{**PERFECT_PFP, **kwargs}))


def test_a_typical_runners_knee_pattern_without_flags_starts_self_care():
    result = run()
    assert result.outcome == "self_care"
    assert result.consistent_with_pfps
    assert any("pain around the kneecap" in r for r in result.reasons)
    assert "2 to 3 weeks" in result.advice


@pytest.mark.parametrize("flag", sorted(questions.RED_FLAGS))
def test_each_red_flag_alone_sets_its_level(flag):
    result = triage.triage(Answers(age=30, red_flags=frozenset({flag})))
    assert result.outcome == questions.FLAG_LEVEL[flag].code
    assert f"{questions.RED_FLAGS[flag]}." in result.reasons


@pytest.mark.parametrize("flag", sorted(questions.RED_FLAGS))
def test_a_red_flag_with_a_perfect_runners_knee_pattern_is_never_below_its_level(flag):
    result = run(red_flags=frozenset({flag}), risk_factors=frozenset(questions.RISK_FACTORS))
    assert LEVEL_BY_CODE[result.outcome] >= questions.FLAG_LEVEL[flag]
    assert result.outcome != "self_care"
    assert result.consistent_with_pfps


def test_the_most_serious_flag_wins_and_every_flag_is_listed():
    result = run(red_flags=frozenset({"night_or_rest_pain", "locked_knee", "numbness_or_cold_foot"}))
    assert result.outcome == "emergency"
    assert len(result.reasons) >= 3
    assert result.reasons[0].startswith("The leg or foot is numb")


@pytest.mark.parametrize("finding", sorted(questions.OTTAWA_FINDINGS))
def test_each_ottawa_finding_after_a_recent_injury_is_an_emergency(finding):
    result = run(injury=Injury(recent=True, **{finding: True}))
    assert result.outcome == "emergency"
    assert any("Ottawa knee rules" in r and str(questions.OTTAWA_FINDINGS[finding]) in r for r in result.reasons)


def test_age_55_with_a_recent_injury_meets_the_ottawa_rules():
    assert run(age=55, injury=Injury(recent=True)).outcome == "emergency"
    assert run(age=54, injury=Injury(recent=True)).outcome == "self_care"


def test_age_55_without_an_injury_is_not_an_ottawa_case():
    assert run(age=55).outcome == "self_care"


def test_ottawa_findings_after_an_old_injury_need_a_clinician():
    result = run(injury=Injury(recent=False, cannot_flex_90=True))
    assert result.outcome == "see_clinician"


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"pain_nrs": 8}, "8 out of 10"),
        ({"duration_weeks": 7}, "7 weeks"),
        ({"symptoms": PERFECT_PFP["symptoms"] | {"giving_way"}}, "gives way"),
    ],
)
def test_high_pain_giving_way_or_a_long_history_send_runners_knee_to_a_clinician(changes, text):
    result = run(**changes)
    assert result.outcome == "see_clinician"
    assert result.consistent_with_pfps
    assert any(text in r for r in result.reasons)


def test_six_weeks_and_pain_7_still_start_self_care():
    assert run(duration_weeks=6, pain_nrs=7).outcome == "self_care"


def test_pain_not_around_the_kneecap_needs_a_clinician():
    result = run(symptoms=frozenset({"pain_squatting"}))
    assert result.outcome == "see_clinician"
    assert not result.consistent_with_pfps
    assert "did not describe pain around the kneecap" in result.reasons[0]


def test_kneecap_pain_without_a_bent_knee_trigger_needs_a_clinician():
    result = run(symptoms=frozenset({"pain_around_kneecap", "tenderness_kneecap"}))
    assert result.outcome == "see_clinician"
    assert "bent-knee" in result.reasons[0]


def test_thresholds_come_from_settings_with_defaults():
    with override_settings(ASSESSMENTS_TRIAGE={"high_pain_nrs": 9, "review_after_weeks": [3, 4]}):
        thresholds = triage_thresholds.configured_thresholds()
    assert thresholds.high_pain_nrs == 9
    assert thresholds.review_after_weeks == (3, 4)
    assert thresholds.max_self_care_weeks == 6
    answers = Answers(**{**PERFECT_PFP, "pain_nrs": 8})
    assert triage.triage(answers, thresholds).outcome == "self_care"
    assert "3 to 4 weeks" in triage.triage(answers, thresholds).advice


def test_giving_way_can_be_allowed_in_self_care_by_setting():
    answers = Answers(**{**PERFECT_PFP, "symptoms": PERFECT_PFP["symptoms"] | {"giving_way"}})
    assert triage.triage(answers, Thresholds(giving_way_needs_review=False)).outcome == "self_care"


def test_answers_round_trip_through_json():
    answers = Answers(
        age=40,
        side="both",
        symptoms=frozenset({"pain_squatting"}),
        red_flags=frozenset({"lump"}),
        injury=Injury(recent=True, cannot_flex_90=True),
        pain_nrs=4,
        duration_weeks=1,
    )
    assert Answers.from_dict(answers.to_dict()) == answers


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


@given(answers_strategy, st.sampled_from(sorted(questions.RED_FLAGS)))
def test_no_other_answers_lower_the_outcome_a_flag_sets(answers, flag):
    flagged = Answers(**{**answers.__dict__, "red_flags": answers.red_flags | {flag}})
    result = triage.triage(flagged)
    assert LEVEL_BY_CODE[result.outcome] >= questions.FLAG_LEVEL[flag]
    assert f"{questions.RED_FLAGS[flag]}." in result.reasons


@given(answers_strategy)
def test_adding_a_flag_never_lowers_the_outcome(answers):
    before = LEVEL_BY_CODE[triage.triage(answers).outcome]
    for flag in questions.RED_FLAGS:
        after = triage.triage(Answers(**{**answers.__dict__, "red_flags": answers.red_flags | {flag}}))
        assert LEVEL_BY_CODE[after.outcome] >= before


@given(answers_strategy)
def test_a_recent_injury_meeting_the_ottawa_rules_is_always_an_emergency(answers):
    injured = Answers(**{**answers.__dict__, "injury": Injury(recent=True, cannot_walk_4_steps=True)})
    assert triage.triage(injured).outcome == "emergency"


@given(answers_strategy)
def test_every_outcome_gives_reasons_and_advice(answers):
    result = triage.triage(answers)
    assert result.reasons
    assert result.advice
    assert result.outcome in {level.code for level in Level}
