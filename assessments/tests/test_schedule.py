from __future__ import annotations

from datetime import date, timedelta

from django.test import override_settings

from assessments import schedule
from assessments.schedule import ScheduleConfig, next_due

JOINED = date(2026, 1, 5)
BASE = date(2026, 1, 10)


def test_before_any_questionnaire_the_baseline_is_due_from_joining():
    point = next_due(None, [], JOINED, joined=JOINED)
    assert (point.week, point.due_date, point.overdue, point.label) == (0, JOINED, False, "Baseline")


def test_a_baseline_not_filled_for_a_week_is_overdue():
    assert not next_due(None, [], JOINED + timedelta(days=7), joined=JOINED).overdue
    assert next_due(None, [], JOINED + timedelta(days=8), joined=JOINED).overdue


def test_after_baseline_nothing_is_due_until_the_week_2_window_opens():
    assert next_due(BASE, [BASE], BASE + timedelta(days=10), joined=JOINED) is None
    point = next_due(BASE, [BASE], BASE + timedelta(days=11), joined=JOINED)
    assert (point.label, point.due_date, point.overdue) == ("Week 2", BASE + timedelta(weeks=2), False)


def test_a_follow_up_is_overdue_a_week_after_its_date():
    due = BASE + timedelta(weeks=2)
    assert not next_due(BASE, [BASE], due + timedelta(days=7), joined=JOINED).overdue
    assert next_due(BASE, [BASE], due + timedelta(days=8), joined=JOINED).overdue


def test_a_filled_follow_up_is_no_longer_due():
    assert next_due(BASE, [BASE, BASE + timedelta(days=13)], BASE + timedelta(days=20), joined=JOINED) is None


def test_only_the_latest_open_follow_up_is_offered():
    point = next_due(BASE, [BASE], BASE + timedelta(weeks=6), joined=JOINED)
    assert point.label == "Week 6"


def test_after_week_12_nothing_more_is_due():
    filled = [BASE + timedelta(weeks=w) for w in (0, 2, 6, 12)]
    assert next_due(BASE, filled, BASE + timedelta(weeks=30), joined=JOINED) is None


def test_an_instrument_never_filled_is_due_from_the_first_questionnaire_date():
    point = next_due(BASE, [], BASE + timedelta(days=2), joined=JOINED)
    assert (point.label, point.due_date) == ("Baseline", BASE)


def test_the_weeks_are_configurable_by_setting():
    with override_settings(ASSESSMENTS_SCHEDULE={"weeks": [4, 8], "overdue_after_days": 2}):
        config = schedule.configured_schedule()
    assert config.weeks == (0, 4, 8)
    assert next_due(BASE, [BASE], BASE + timedelta(weeks=2), joined=JOINED, config=config) is None
    point = next_due(BASE, [BASE], BASE + timedelta(weeks=4, days=3), joined=JOINED, config=config)
    assert (point.label, point.overdue) == ("Week 4", True)


def test_defaults_are_baseline_and_weeks_2_6_12():
    assert ScheduleConfig().weeks == (0, 2, 6, 12)
