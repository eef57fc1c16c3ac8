from __future__ import annotations

from datetime import date, timedelta

from care.return_to_run import LEVELS, Session, check_new_session, next_session

MON = date(2026, 11, 2)


def d(n: int) -> date:
    return MON + timedelta(days=n)


def test_there_are_eight_levels_up_to_three_miles():
    assert len(LEVELS) == 8
    assert LEVELS[0].total_miles == 2.0
    assert LEVELS[-1].total_miles == 3.0
    assert LEVELS[-1].total_m == 4828


def test_first_session_is_level_one():
    plan = next_session([], d(0))
    assert plan.level == 1 and plan.can_run_today


def test_never_on_consecutive_days():
    plan = next_session([Session(d(0), 1)], d(1))
    assert not plan.can_run_today
    assert "two days in a row" in plan.why_not_today
    assert next_session([Session(d(0), 1)], d(2)).can_run_today


def test_a_good_session_moves_up_one_level():
    assert next_session([Session(d(0), 1)], d(2)).level == 2


def test_more_pain_or_swelling_repeats_the_level():
    assert next_session([Session(d(0), 2, more_pain=True)], d(2)).level == 2
    assert next_session([Session(d(0), 2, more_swelling=True)], d(2)).level == 2


def test_a_red_day_after_a_session_steps_back_a_level():
    plan = next_session([Session(d(0), 3)], d(3), red_days=[d(1)])
    assert plan.level == 2
    assert "red pain day" in plan.explanation


def test_step_back_never_goes_below_level_one():
    assert next_session([Session(d(0), 1)], d(2), red_days=[d(1)]).level == 1


def test_no_running_on_a_red_day():
    assert not next_session([], d(0), red_days=[d(0)]).can_run_today


def test_at_most_two_levels_in_seven_days():
    sessions = [Session(d(0), 1), Session(d(2), 2), Session(d(4), 3)]
    plan = next_session(sessions, d(6))
    assert plan.level == 3
    assert "2 levels" in plan.explanation


def test_advancing_again_once_the_week_has_passed():
    sessions = [Session(d(0), 1), Session(d(2), 2), Session(d(4), 3)]
    assert next_session(sessions, d(9)).level == 4


def test_the_fourth_session_in_seven_days_is_allowed():
    sessions = [Session(d(0), 1), Session(d(2), 2), Session(d(4), 3)]
    assert next_session(sessions, d(6)).can_run_today


def test_a_fifth_session_in_seven_days_is_refused():
    # Only possible with sessions entered outside the rules (e.g. by a clinician); still refused.
    sessions = [Session(d(0), 1), Session(d(1), 1), Session(d(2), 1), Session(d(3), 1)]
    plan = next_session(sessions, d(5))
    assert not plan.can_run_today
    assert "4 times" in plan.why_not_today


def test_finishing_level_eight_completes_the_progression():
    plan = next_session([Session(d(0), 8)], d(2))
    assert plan.finished and not plan.can_run_today


def test_logging_a_higher_level_than_offered_is_refused():
    errors = check_new_session([Session(d(0), 1)], Session(d(2), 3))
    assert "level" in errors and "Level 2 is next" in errors["level"]


def test_logging_on_the_day_after_a_run_is_refused():
    errors = check_new_session([Session(d(0), 1)], Session(d(1), 1))
    assert "date" in errors


def test_backfilling_the_day_before_a_logged_run_is_refused():
    errors = check_new_session([Session(d(2), 1)], Session(d(1), 1))
    assert "date" in errors


def test_an_unknown_level_is_refused():
    assert "level" in check_new_session([], Session(d(0), 9))
