from __future__ import annotations

from datetime import date, timedelta

from care.escalation import Kind, Rules, evaluate

START = date(2026, 10, 1)


def day(n: int) -> date:
    return START + timedelta(days=n)


def test_nothing_is_suggested_before_three_weeks():
    assert evaluate(2, START, day(20), [(day(0), 50), (day(19), 52)], []) is None


def test_stalled_after_three_weeks_suggests_the_next_step_and_explains_why():
    advice = evaluate(2, START, day(21), [(day(0), 50), (day(20), 55)], [])
    assert advice is not None
    assert advice.kind is Kind.NEXT_STEP
    assert advice.target_step == 3
    assert "+5" in advice.reason and "needs 10" in advice.reason
    assert "Step 3 is suggested" in advice.reason


def test_akps_gain_exactly_at_the_mcid_counts_as_improving():
    advice = evaluate(2, START, day(21), [(day(0), 50), (day(20), 60)], [])
    assert advice is not None and advice.kind is Kind.CONTINUE


def test_akps_gain_just_below_the_mcid_is_stalled():
    advice = evaluate(2, START, day(21), [(day(0), 50), (day(20), 59)], [])
    assert advice is not None and advice.kind is Kind.NEXT_STEP


def test_pain_drop_exactly_at_the_mcid_counts_as_improving():
    pain = [(day(0), 6), (day(20), 4)]
    advice = evaluate(1, START, day(21), [], pain)
    assert advice is not None and advice.kind is Kind.CONTINUE
    assert "pain fell by 2.0" in advice.reason


def test_pain_drop_below_the_mcid_is_stalled():
    advice = evaluate(1, START, day(21), [], [(day(0), 6), (day(20), 5)])
    assert advice is not None and advice.kind is Kind.NEXT_STEP and advice.target_step == 2


def test_either_measure_reaching_its_mcid_is_enough():
    advice = evaluate(2, START, day(21), [(day(0), 50), (day(20), 52)], [(day(0), 6), (day(20), 4)])
    assert advice is not None and advice.kind is Kind.CONTINUE


def test_worsening_suggests_a_review_even_before_three_weeks():
    advice = evaluate(2, START, day(10), [(day(0), 60), (day(9), 50)], [])
    assert advice is not None and advice.kind is Kind.REVIEW
    assert "fell by 10" in advice.reason


def test_pain_rising_by_the_mcid_suggests_a_review():
    advice = evaluate(2, START, day(10), [], [(day(0), 3), (day(9), 5)])
    assert advice is not None and advice.kind is Kind.REVIEW


def test_no_scores_after_three_weeks_is_stalled_and_says_so():
    advice = evaluate(1, START, day(21), [], [])
    assert advice is not None and advice.kind is Kind.NEXT_STEP
    assert "not enough scores" in advice.reason


def test_stalled_in_the_last_step_suggests_a_review_not_step_five():
    advice = evaluate(4, START, day(30), [(day(0), 50), (day(29), 52)], [])
    assert advice is not None and advice.kind is Kind.REVIEW and advice.target_step is None


def test_weeks_in_step_is_configurable():
    rules = Rules(weeks_in_step=2)
    advice = evaluate(2, START, day(14), [(day(0), 50), (day(13), 52)], [], rules)
    assert advice is not None and advice.kind is Kind.NEXT_STEP


def test_baseline_uses_the_first_week_of_the_step():
    pain = [(day(0), 6), (day(3), 6), (day(15), 5), (day(20), 4)]
    advice = evaluate(2, START, day(21), [], pain)
    assert advice is not None and advice.kind is Kind.NEXT_STEP  # 6 -> 4.5 is a drop of 1.5
