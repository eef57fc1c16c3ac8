"""Demo questionnaire history: patient@example.com improving, patient2@example.com stalled.

Dates are relative to today, so the demo always shows a recent baseline and follow-ups; each run
replaces the demo patients' questionnaire history instead of adding to it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from assessments import instruments, triage
from assessments.models import QuestionnaireResponse, SelfCheck

AKPS_BEST = {item.code: item.options[0].code for item in instruments.INSTRUMENTS["akps"].items}

# (weeks ago, AKPS answers that differ from the best answer, KOOS-PF points per item)
IMPROVING = [
    (
        7,
        {
            "limp": "slight",
            "stairs": "pain_both",
            "squatting": "painful_each_time",
            "running": "severe",
            "jumping": "constant_pain",
            "sitting": "constant_pain",
            "pain": "occasionally_severe",
            "swelling": "after_severe_exertion",
            "atrophy": "slight",
        },
        [2, 3, 3, 2, 3, 3, 3, 3, 3, 2, 2],
    ),
    (
        5,
        {
            "stairs": "slight_descending",
            "squatting": "painful_each_time",
            "running": "slight_from_start",
            "jumping": "constant_pain",
            "sitting": "pain_after_exercise",
            "pain": "interferes_sleep",
            "swelling": "after_severe_exertion",
            "atrophy": "slight",
        },
        [1, 3, 2, 1, 2, 2, 2, 2, 2, 1, 2],
    ),
    (
        1,
        {
            "stairs": "slight_descending",
            "squatting": "repeated_painful",
            "running": "pain_after_2km",
            "jumping": "slight_difficulty",
            "sitting": "pain_after_exercise",
            "pain": "slight_occasional",
        },
        [1, 2, 2, 0, 1, 1, 1, 1, 1, 1, 1],
    ),
]
STALLED = [
    (
        8,
        {
            "limp": "slight",
            "walking": "over_2km",
            "stairs": "pain_both",
            "squatting": "painful_each_time",
            "running": "severe",
            "jumping": "constant_pain",
            "sitting": "must_extend",
            "pain": "occasionally_severe",
            "swelling": "after_daily_activities",
            "atrophy": "slight",
            "flexion": "slight",
        },
        [2, 3, 3, 2, 3, 3, 2, 3, 3, 2, 2],
    ),
    (
        6,
        {
            "limp": "slight",
            "walking": "over_2km",
            "stairs": "pain_both",
            "squatting": "painful_each_time",
            "running": "severe",
            "jumping": "constant_pain",
            "sitting": "constant_pain",
            "pain": "occasionally_severe",
            "swelling": "after_daily_activities",
            "atrophy": "slight",
            "flexion": "slight",
        },
        [2, 3, 3, 2, 3, 2, 2, 3, 3, 2, 2],
    ),
]


def _koos_answers(points: list[int]) -> dict[str, str]:
    items = instruments.INSTRUMENTS["koos_pf"].items
    return {item.code: item.options[p].code for item, p in zip(items, points, strict=True)}


def _at(weeks_ago: int) -> datetime:
    day = timezone.localdate() - timedelta(weeks=weeks_ago)
    return datetime.combine(day, time(9, 30), tzinfo=timezone.get_current_timezone())


def _history(patient: User, timeline: list[tuple[int, dict[str, str], list[int]]]) -> None:
    existing = QuestionnaireResponse.objects.filter(patient=patient)
    existing.update(superseded_by=None)
    existing.delete()
    for weeks_ago, akps_changes, koos_points in timeline:
        for code, answers in (("akps", {**AKPS_BEST, **akps_changes}), ("koos_pf", _koos_answers(koos_points))):
            result = instruments.INSTRUMENTS[code].score(answers)
            QuestionnaireResponse.objects.create(
                patient=patient,
                instrument=code,
                version=result.version,
                answers=result.answers,
                score=result.score,
                submitted_at=_at(weeks_ago),
            )


def _self_check(patient: User, weeks_ago: int, token: str) -> None:
    answers = triage.Answers(
        age=34,
        side="right",
        symptoms=frozenset({"pain_around_kneecap", "pain_going_down", "pain_squatting", "pain_prolonged_sitting"}),
        risk_factors=frozenset({"mileage_increase", "hills_uneven_surfaces"}),
        pain_nrs=5,
        duration_weeks=3,
    )
    result = triage.triage(answers)
    SelfCheck.objects.update_or_create(
        claim_token=token,
        defaults={
            "patient": patient,
            "answers": answers.to_dict(),
            "outcome": result.outcome,
            "reasons": result.reasons,
            "consistent_with_pfps": result.consistent_with_pfps,
            "advice": result.advice,
            "created_at": _at(weeks_ago),
            "claimed_at": _at(weeks_ago),
        },
    )


def load() -> None:
    with transaction.atomic():
        for email, timeline, token in (
            ("patient@example.com", IMPROVING, "demo-self-check-patient"),
            ("patient2@example.com", STALLED, "demo-self-check-patient2"),
        ):
            patient = User.objects.filter(email=email).first()
            if patient is None:
                continue
            _history(patient, timeline)
            _self_check(patient, timeline[0][0], token)
