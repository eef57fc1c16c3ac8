"""What other parts read of self-checks and questionnaire responses: typed rows, one query per function.

Responses replaced by a correction are never read here. PATIENT_IDS is a list of ids, or a
``values("pk")`` queryset used as a subquery (cheaper for long lists).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from django.db.models import Max, QuerySet

from accounts.models import User
from assessments.instruments import SCHEDULED
from assessments.models import Outcome, QuestionnaireResponse, SelfCheck


class UrgentCheck(NamedTuple):
    patient_id: int
    at: datetime
    outcome: str  # Outcome.EMERGENCY or Outcome.URGENT


class SelfCheckRow(NamedTuple):
    at: datetime
    outcome: str  # an Outcome
    reasons: object  # the stored JSON: a list of sentences


class ResponseRow(NamedTuple):
    at: datetime
    instrument: str  # an InstrumentCode
    score: float


def urgent_self_checks(patient_ids: list[int] | QuerySet[Any], since: datetime) -> list[UrgentCheck]:
    """The patients' self-checks since SINCE whose outcome needs help today or sooner."""
    rows = SelfCheck.objects.filter(
        patient_id__in=patient_ids, outcome__in=[Outcome.EMERGENCY, Outcome.URGENT], created_at__gte=since
    ).values_list("patient_id", "created_at", "outcome")
    return [UrgentCheck(*row) for row in rows]


def last_scheduled_questionnaires(patient_ids: list[int] | QuerySet[Any]) -> dict[int, datetime]:
    """Patient id -> when they last submitted a scheduled questionnaire (AKPS or KOOS-PF)."""
    rows = (
        QuestionnaireResponse.objects.filter(
            patient_id__in=patient_ids, instrument__in=SCHEDULED, superseded_by__isnull=True
        )
        .values("patient_id")
        .annotate(last=Max("submitted_at"))
        .values_list("patient_id", "last")
    )
    return dict(rows)


def recent_self_checks(patient: User, limit: int) -> list[SelfCheckRow]:
    """The patient's latest LIMIT self-checks, newest first."""
    rows = (
        SelfCheck.objects.filter(patient=patient)
        .order_by("-created_at")
        .values_list("created_at", "outcome", "reasons")[:limit]
    )
    return [SelfCheckRow(*row) for row in rows]


def recent_responses(patient: User, limit: int) -> list[ResponseRow]:
    """The patient's latest LIMIT questionnaire responses, newest first."""
    rows = (
        QuestionnaireResponse.objects.filter(patient=patient, superseded_by__isnull=True)
        .order_by("-submitted_at")
        .values_list("submitted_at", "instrument", "score")[:limit]
    )
    return [ResponseRow(*row) for row in rows]


def score_series(patient: User) -> dict[str, list[tuple[datetime, float]]]:
    """Each scheduled instrument's code -> the patient's (submitted at, score) of it, oldest first."""
    series: dict[str, list[tuple[datetime, float]]] = {code: [] for code in SCHEDULED}
    rows = (
        QuestionnaireResponse.objects.filter(patient=patient, instrument__in=list(series), superseded_by__isnull=True)
        .order_by("submitted_at")
        .values_list("instrument", "submitted_at", "score")
    )
    for instrument, at, score in rows:
        series[instrument].append((at, float(score)))
    return series


def self_check_outcome(patient: User, self_check_id: int) -> str | None:
    """The outcome code of the patient's own self-check SELF_CHECK_ID; None when it is not theirs or not there."""
    return SelfCheck.objects.filter(pk=self_check_id, patient=patient).values_list("outcome", flat=True).first()


def self_check_side(self_check_id: int) -> str | None:
    """The knee (left, right, both) a self-check was about, when its answers say."""
    answers = SelfCheck.objects.filter(pk=self_check_id).values_list("answers", flat=True).first()
    side = answers.get("side") if isinstance(answers, dict) else None
    return str(side) if side else None
