"""Property tests: following the app's advice never breaks the published rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from care.checkins import SIDES, CheckIn
from care.pain_monitoring import Colour, Thresholds, patient_light, zone
from care.return_to_run import MAX_LEVELS_PER_WEEK, MAX_PER_WEEK, Session, next_session
from care.warning_signs import FLAGS

START = date(2026, 1, 5)
RANK = {Colour.NONE: 0, Colour.GREEN: 1, Colour.AMBER: 2, Colour.RED: 3}


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
    a = patient_light([CheckIn(day, pain_now=0, pain_during_activity=low)], day)
    b = patient_light([CheckIn(day, pain_now=0, pain_during_activity=high)], day)
    assert RANK[a.colour] <= RANK[b.colour]


SCORES = ("pain_now", "pain_worst", "pain_during_activity", "pain_after_activity", "morning_pain", "morning_stiffness")
LIGHT_DAY = date(2026, 3, 20)
optional_score = st.none() | st.integers(0, 10)


@st.composite
def checkin(draw: st.DrawFn, days_ago: st.SearchStrategy[int]) -> CheckIn:
    return CheckIn(
        day=LIGHT_DAY - timedelta(days=draw(days_ago)),
        side=draw(st.sampled_from(SIDES)),
        pain_now=draw(st.integers(0, 10)),
        pain_worst=draw(optional_score),
        pain_during_activity=draw(optional_score),
        pain_after_activity=draw(optional_score),
        morning_pain=draw(optional_score),
        morning_stiffness=draw(optional_score),
        flags=frozenset(draw(st.lists(st.sampled_from(FLAGS), max_size=1))),
    )


def worse(entry: CheckIn, name: str, by: int) -> CheckIn:
    """ENTRY with one answer BY points higher (at most 10), an unanswered one answered, or one more warning sign."""
    if name in FLAGS:
        return replace(entry, flags=entry.flags | {name})
    value = getattr(entry, name)
    return replace(entry, **{name: min(10, (value if value is not None else 0) + by)})


@settings(max_examples=300, deadline=None)
@given(
    history=st.lists(checkin(st.integers(1, 15)), max_size=14),
    today=st.lists(checkin(st.just(0)), min_size=1, max_size=3),
    which=st.integers(0, 2),
    name=st.sampled_from(SCORES + FLAGS),
    by=st.integers(0, 10),
    extra=st.none() | checkin(st.just(0)),
)
def test_a_worse_answer_a_warning_sign_or_another_check_in_today_never_makes_the_light_greener(
    history, today, which, name, by, extra
):
    before = patient_light([*history, *today], LIGHT_DAY)
    changed = list(today)
    changed[which % len(changed)] = worse(changed[which % len(changed)], name, by)
    after = patient_light([*history, *changed, *([extra] if extra else [])], LIGHT_DAY)
    assert RANK[after.colour] >= RANK[before.colour]
    assert after.severity >= before.severity
    assert after.urgent or not before.urgent
    assert after.emergency or not before.emergency


@given(st.integers(0, 10))
def test_every_answered_score_has_a_colour(pain):
    assert zone(pain, Thresholds()) is not Colour.NONE
