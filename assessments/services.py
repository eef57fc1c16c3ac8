"""Self-checks, questionnaire responses, history and the schedule: what views, API, CLI and tasks call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import Role, User
from assessments import instruments, schedule, triage, triage_thresholds
from assessments.models import QuestionnaireResponse, SelfCheck


def run_self_check(answers: triage.Answers, actor: Actor, *, patient: User | None = None) -> SelfCheck:
    """Triage the answers and store the result (anonymous unless PATIENT is given)."""
    result = triage.triage(answers, triage_thresholds.configured_thresholds())
    with transaction.atomic():
        check = SelfCheck.objects.create(
            patient=patient,
            answers=answers.to_dict(),
            outcome=result.outcome,
            reasons=result.reasons,
            consistent_with_pfps=result.consistent_with_pfps,
            advice=result.advice,
            deciding_risk_factors=result.deciding_risk_factors,
        )
        if patient is not None:
            audit(
                actor,
                "assessments.self_check.created",
                patient=patient,
                obj=check,
                changes={"outcome": check.outcome},
            )
    return check


def claim_self_check(check: SelfCheck, patient: User, actor: Actor) -> bool:
    """Attach an anonymous result to PATIENT. False if someone else already holds it."""
    if patient.role != Role.PATIENT:
        return False
    with transaction.atomic():
        locked = SelfCheck.objects.select_for_update().get(pk=check.pk)
        if locked.patient_id is not None:
            return locked.patient_id == patient.pk
        locked.patient = patient
        locked.claimed_at = timezone.now()
        locked.save(update_fields=["patient", "claimed_at"])
        audit(actor, "assessments.self_check.claimed", patient=patient, obj=locked, changes={"outcome": locked.outcome})
    check.patient = patient
    return True


def submit_response(
    patient: User,
    code: str,
    answers: Mapping[str, str],
    *,
    actor: Actor,
    corrects: QuestionnaireResponse | None = None,
    at: datetime | None = None,
) -> QuestionnaireResponse:
    """Score and store a questionnaire; with CORRECTS, the new response supersedes that one.

    Raises instruments.AnswerError (nothing stored) for answers that cannot be scored.
    """
    instrument = instruments.get(code)
    if instrument is None:
        raise instruments.AnswerError({"instrument": f"{code} is not a questionnaire we use."})
    result = instrument.score(answers)
    with transaction.atomic():
        response = QuestionnaireResponse.objects.create(
            patient=patient,
            instrument=code,
            version=result.version,
            answers=result.answers,
            score=result.score,
            submitted_at=at or timezone.now(),
        )
        changes: dict[str, Any] = {"instrument": code, "score": result.score}
        if corrects is not None:
            old = QuestionnaireResponse.objects.select_for_update().get(pk=corrects.pk)
            if old.patient_id != patient.pk or old.instrument != code or old.superseded_by_id is not None:
                raise instruments.AnswerError(
                    {"corrects": "Only your latest answers to this questionnaire can be corrected."}
                )
            old.superseded_by = response
            old.save(update_fields=["superseded_by"])
            changes["supersedes"] = old.pk
        audit(
            actor,
            "assessments.response.corrected" if corrects is not None else "assessments.response.submitted",
            patient=patient,
            obj=response,
            changes=changes,
        )
    return response


def score_history(patient: User, instrument: str) -> list[tuple[datetime, float]]:
    """Current (not superseded) scores of one instrument, oldest first."""
    rows = (
        QuestionnaireResponse.objects.current()
        .filter(patient=patient, instrument=instrument)
        .order_by("submitted_at", "id")
        .values_list("submitted_at", "score")
    )
    return [(at, score) for at, score in rows]


@dataclass(frozen=True)
class DueQuestionnaire:
    instrument: str
    title: str
    due_date: date
    overdue: bool
    label: str


def due_questionnaires(patient: User, today: date | None = None) -> list[DueQuestionnaire]:
    """The scheduled questionnaires due for PATIENT on TODAY (local date), one query."""
    today = today or timezone.localdate()
    config = schedule.configured_schedule()
    filled: dict[str, list[date]] = {code: [] for code in instruments.SCHEDULED}
    rows = (
        QuestionnaireResponse.objects.current()
        .filter(patient=patient, instrument__in=instruments.SCHEDULED)
        .values_list("instrument", "submitted_at")
    )
    for code, at in rows:
        filled[code].append(timezone.localdate(at))
    all_dates = [d for dates in filled.values() for d in dates]
    baseline = min(all_dates) if all_dates else None
    joined = timezone.localdate(patient.date_joined)
    due: list[DueQuestionnaire] = []
    for code in instruments.SCHEDULED:
        point = schedule.next_due(baseline, filled[code], today, joined=joined, config=config)
        if point is None:
            continue
        instrument = instruments.INSTRUMENTS[code]
        due.append(DueQuestionnaire(code, instrument.title, point.due_date, point.overdue, point.label))
    return due


@dataclass(frozen=True)
class Change:
    """The change from baseline to the latest score, judged against the MCID."""

    baseline: float
    latest: float
    delta: float
    mcid: float
    meaningful: bool
    improved: bool

    @property
    def summary(self) -> str:
        size = abs(self.delta)
        if size == 0:
            return "No change since your first questionnaire."
        direction = "better" if self.improved else "worse"
        if self.meaningful:
            verdict = f"{self.mcid:g} points or more counts as a clinically meaningful change"
        else:
            verdict = f"smaller than the {self.mcid:g} points that count as a clinically meaningful change"
        return f"{size:.1f} points {direction} than your first questionnaire ({verdict})."


def change_since_baseline(history: list[tuple[datetime, float]], code: str) -> Change | None:
    """Baseline to latest; "meaningful" only when the change reaches the instrument's MCID."""
    if len(history) < 2:
        return None
    instrument = instruments.INSTRUMENTS[code]
    baseline, latest = history[0][1], history[-1][1]
    delta = latest - baseline
    improved = delta > 0 if instrument.higher_is_better else delta < 0
    # Round away float noise (e.g. 16.4 computed as 16.399999) before comparing with the MCID.
    return Change(baseline, latest, delta, instrument.mcid, round(abs(delta), 6) >= instrument.mcid, improved)
