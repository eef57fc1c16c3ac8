"""Running escalation for a patient and deciding its suggestions (never applied automatically)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import CareTeam, User
from assessments.services import score_history
from care import escalation
from care.checkins import daily_pain
from care.models import (
    Audience,
    CarePlan,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
)
from care.services.common import (
    CareError,
    active_plan,
    escalation_rules,
    starter_for,
)
from care.services.diary import checkins
from care.services.plans import change_step
from practice.queries import current_practice, status


def _score_history(patient: User, instrument: str) -> list[tuple[date, float]]:
    return [(timezone.localdate(at), float(score)) for at, score in score_history(patient, instrument)]


def pain_series(patient: User, since: date, today: date) -> list[tuple[date, float]]:
    """Pain 0-10 over time: the NPRS questionnaire when answered, otherwise the diary's worst pain of each day."""
    nprs = _score_history(patient, "nprs")
    if nprs:
        return nprs
    # One value a day, the worse knee's: a day with a left and a right entry is not two days.
    return sorted(daily_pain(checkins(patient, since, today)).items())


def _book_line() -> str:
    practice = current_practice()
    if practice is None:
        return " Book an appointment with the practice."
    return f" Book an appointment: call {practice.phone} ({status(practice).message})."


def run_escalation(patient: User, today: date) -> Suggestion | None:
    """Judge PATIENT's active plan on TODAY and store a suggestion when there is something to say.

    The suggestion goes to the clinician when the patient has one, otherwise to the
    patient with the practice's phone and hours. An open suggestion of the same kind
    is kept rather than repeated; a dismissed one is not repeated for a week.
    """
    plan = active_plan(patient)
    if plan is None:
        return None
    rules = escalation_rules()
    advice = escalation.evaluate(
        plan.step,
        plan.step_started_on,
        today,
        _score_history(patient, "akps"),
        pain_series(patient, plan.step_started_on - timedelta(days=7), today),
        rules,
    )
    if advice is None:
        return None
    kind = SuggestionKind(advice.kind.value)
    recent = Suggestion.objects.filter(plan=plan, kind=kind).filter(
        Q(status=SuggestionStatus.OPEN) | Q(decided_at__gte=timezone.now() - timedelta(days=7))
    )
    existing = recent.first()
    if existing is not None:
        return existing if existing.status == SuggestionStatus.OPEN else None
    has_clinician = CareTeam.objects.filter(patient=patient).exists()
    reason = advice.reason
    if not has_clinician and kind != SuggestionKind.CONTINUE:
        reason += _book_line()
    try:
        with transaction.atomic():
            suggestion = Suggestion.objects.create(
                plan=plan,
                kind=kind,
                target_step=advice.target_step,
                audience=Audience.CLINICIAN if has_clinician else Audience.PATIENT,
                reason=reason,
            )
            audit(
                Actor.system(), "care.suggestion.created", patient=patient, obj=suggestion, changes={"kind": kind.value}
            )
    except IntegrityError:
        return Suggestion.objects.filter(plan=plan, kind=kind, status=SuggestionStatus.OPEN).first()
    return suggestion


def open_suggestions(plan: CarePlan) -> list[Suggestion]:
    """The plan's suggestions still waiting for a clinician's decision."""
    return list(Suggestion.objects.filter(plan=plan, status=SuggestionStatus.OPEN))


def plan_suggestion(plan: CarePlan, suggestion_id: int | None) -> Suggestion | None:
    """The plan's suggestion SUGGESTION_ID, decided or not; None when the plan has no such suggestion."""
    return Suggestion.objects.filter(pk=suggestion_id or 0, plan=plan).first()


def decide_suggestion(suggestion: Suggestion, actor: Actor, accept: bool) -> Suggestion:
    """Accept or dismiss. Accepting a next-step suggestion changes the step (with the ladder's rules)."""
    if suggestion.status != SuggestionStatus.OPEN:
        raise CareError({"suggestion": "This suggestion has already been decided."})
    patient = suggestion.plan.patient
    starter_for(actor.user, patient)
    with transaction.atomic():
        if accept and suggestion.kind == SuggestionKind.NEXT_STEP and suggestion.target_step:
            change_step(suggestion.plan, suggestion.target_step, actor, suggestion.reason)
        suggestion.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.DISMISSED
        suggestion.decided_by = actor.user
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["status", "decided_by", "decided_at"])
        audit(
            actor,
            f"care.suggestion.{suggestion.status}",
            patient=patient,
            obj=suggestion,
            changes={"kind": suggestion.kind},
        )
    return suggestion
