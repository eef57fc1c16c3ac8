"""Property tests: following the app's advice never breaks the published rules."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from care.pain_monitoring import CheckIn, Colour, Thresholds, light, zone
from care.return_to_run import MAX_LEVELS_PER_WEEK, MAX_PER_WEEK, Session, next_session

START = date(2026, 1, 5)
RANK = {Colour.GREEN: 1, Colour.AMBER: 2, Colour.RED: 3}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), min_size=10, max_size=70),
)
def test_a_runner_who_follows_the_track_keeps_every_rule(days):
    sessions: list[Session] = []
    red_days: list[date] = []
    for offset, (wants_to_run, hurts, red) in enumerate(days):
        today = START + timedelta(days=offset)
        if red:
            red_days.append(today)
        plan = next_session(sessions, today, red_days)
        if wants_to_run and plan.can_run_today:
            sessions.append(Session(today, plan.level, more_pain=hurts))
    for i, s in enumerate(sessions):
        assert s.day not in red_days
        if i:
            assert (s.day - sessions[i - 1].day).days >= 2
        window = [x for x in sessions if s.day - timedelta(days=6) <= x.day <= s.day]
        assert len(window) <= MAX_PER_WEEK
        earlier = [x for x in sessions if x.day < s.day - timedelta(days=6)]
        base = earlier[-1].level if earlier else sessions[0].level
        assert s.level - base <= MAX_LEVELS_PER_WEEK
        if i and (sessions[i - 1].more_pain or any(sessions[i - 1].day <= d < s.day for d in red_days)):
            assert s.level <= sessions[i - 1].level


@given(st.integers(0, 10), st.integers(0, 10))
def test_more_pain_during_activity_never_gives_a_better_light(low, high):
    low, high = sorted((low, high))
    day = date(2026, 3, 1)
    a = light(CheckIn(day, pain_now=0, pain_during_activity=low), [])
    b = light(CheckIn(day, pain_now=0, pain_during_activity=high), [])
    assert RANK[a.colour] <= RANK[b.colour]


@given(st.integers(0, 10))
def test_every_answered_score_has_a_colour(pain):
    assert zone(pain, Thresholds()) is not Colour.NONE
