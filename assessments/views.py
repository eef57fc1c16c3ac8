"""Self-check (multi-step, no JavaScript needed), its result and claim; questionnaires and progress."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.access import Capability, own_record, public, requires
from accounts.audit import Actor
from accounts.models import User
from assessments import content, instruments, questions, services, triage_thresholds
from assessments.care_plan import has_active_plan
from assessments.forms import STEPS, QuestionnaireForm, answers_from_steps
from assessments.models import QuestionnaireResponse, SelfCheck
from common.charts import chart_context

SESSION_STEPS = "assessments_self_check_steps"
SESSION_RESULTS = "assessments_self_check_results"
#: Claim tokens of the results this browser made; signing in or up keeps the session, so they survive.
SESSION_CLAIMS = "assessments_self_check_claims"
#: Where a claimed self-care result continues; the care app builds that page.
PLAN_START_URL = "/plan/start/"


# ---- Self-check -------------------------------------------------------------------------------


@public
def self_check(request: HttpRequest, step: int = 1) -> HttpResponse:
    """One step of the self-check. Answers so far live in the session until the last step."""
    if not 1 <= step <= len(STEPS):
        raise Http404("No such step")
    stored: dict[str, dict[str, Any]] = request.session.get(SESSION_STEPS, {})
    # A step can only be reached once the steps before it are answered.
    for earlier in range(1, step):
        if str(earlier - 1) not in stored:
            return redirect("assessments:self_check_step", step=earlier)
    form_class = STEPS[step - 1]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            stored[str(step - 1)] = form.cleaned_data
            request.session[SESSION_STEPS] = stored
            if step < len(STEPS):
                return redirect("assessments:self_check_step", step=step + 1)
            check = services.run_self_check(
                answers_from_steps(stored), Actor.of(request), patient=_patient_or_none(request)
            )
            results = [*request.session.get(SESSION_RESULTS, []), check.pk][-20:]
            request.session[SESSION_RESULTS] = results
            request.session[SESSION_CLAIMS] = [*request.session.get(SESSION_CLAIMS, []), check.claim_token][-20:]
            request.session.pop(SESSION_STEPS, None)
            return redirect("assessments:self_check_result", pk=check.pk)
        status = 400
    else:
        form = form_class(initial=stored.get(str(step - 1)))
        status = 200
    context = {
        "form": form,
        "step": step,
        "steps": [f.title for f in STEPS],  # type: ignore[attr-defined]
        "step_count": len(STEPS),
        "title": form_class.title,  # type: ignore[attr-defined]
        "intro": getattr(form_class, "intro", ""),
    }
    return render(request, "assessments/self_check_step.html", context, status=status)


def _patient_or_none(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated and user.is_patient else None


@public
def self_check_result(request: HttpRequest, pk: int) -> HttpResponse:
    """The result page; shown to the browser session that made it, or to the patient who owns it."""
    check = get_object_or_404(SelfCheck, pk=pk)
    patient = _patient_or_none(request)
    mine = check.pk in request.session.get(SESSION_RESULTS, [])
    owner = check.patient_id is not None and patient is not None and check.patient_id == patient.pk
    if not (owner or (mine and check.patient_id is None)):
        raise Http404("No such result")
    answers = check.answers
    context = {
        "check": check,
        "page": content.OUTCOMES[check.outcome],
        "always_links": content.CONDITION_LINKS_ALWAYS,
        "condition_url": reverse("practice:condition"),
        "risk_factors": [
            (questions.RISK_FACTORS[c], c in check.deciding_risk_factors)
            for c in answers.get("risk_factors", [])
            if c in questions.RISK_FACTORS
        ],
        "side": questions.SIDES.get(answers.get("side", ""), ""),
        "claim_url": reverse("assessments:self_check_claim", kwargs={"token": check.claim_token}),
        "review_weeks": triage_thresholds.configured_thresholds().review_after_weeks,
        "has_plan": patient is not None and has_active_plan(patient),
    }
    return render(request, "assessments/self_check_result.html", context)


@requires(Capability.OWN_RECORD)
def self_check_claim(request: HttpRequest, token: str) -> HttpResponse:
    """Attach a result to the signed-in patient, then continue to the self-care plan."""
    patient = own_record(request)
    check = get_object_or_404(SelfCheck, claim_token=token)
    claims: list[str] = request.session.get(SESSION_CLAIMS, [])
    # Only the browser that made the result (or its owner) may claim it: the link alone is not enough.
    if token not in claims and check.patient_id != patient.pk:
        raise Http404("No such result")
    if not services.claim_self_check(check, patient, Actor.of(request)):
        raise Http404("No such result")
    request.session[SESSION_CLAIMS] = [t for t in claims if t != token]
    return redirect(f"{PLAN_START_URL}?self_check={check.pk}")


# ---- Questionnaires ---------------------------------------------------------------------------


@requires(Capability.OWN_RECORD)
def questionnaires(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    due = services.due_questionnaires(patient, timezone.localdate())
    responses = list(
        QuestionnaireResponse.objects.current()
        .filter(patient=patient, instrument__in=instruments.SCHEDULED)
        .order_by("-submitted_at", "-id")
    )
    latest: dict[str, QuestionnaireResponse] = {}
    for response in responses:
        latest.setdefault(response.instrument, response)
    context = {
        "due": due,
        "responses": responses,
        "latest_ids": {r.pk for r in latest.values()},
        "scheduled": [instruments.INSTRUMENTS[c] for c in instruments.SCHEDULED],
    }
    return render(request, "assessments/questionnaires.html", context)


@requires(Capability.OWN_RECORD)
def questionnaire_form(request: HttpRequest, code: str) -> HttpResponse:
    patient = own_record(request)
    instrument = instruments.get(code)
    if instrument is None or code not in instruments.SCHEDULED:
        raise Http404("No such questionnaire")
    corrects = _correctable(patient, code, request.GET.get("corrects") or request.POST.get("corrects"))
    initial = {k: v["option"] for k, v in corrects.answers.items()} if corrects else None
    if request.method == "POST":
        form = QuestionnaireForm(instrument, request.POST)
        if form.is_valid():
            response = services.submit_response(
                patient, code, form.answers(), actor=Actor.of(request), corrects=corrects
            )
            return redirect(f"{reverse('assessments:progress')}?saved={response.pk}#{code}")
        status = 400
    else:
        form = QuestionnaireForm(instrument, initial=initial)
        status = 200
    context = {"form": form, "instrument": instrument, "corrects": corrects}
    return render(request, "assessments/questionnaire_form.html", context, status=status)


def _correctable(patient: User, code: str, raw: str | None) -> QuestionnaireResponse | None:
    if not raw:
        return None
    try:
        pk = int(raw)
    except ValueError:
        raise Http404("No such response") from None
    return get_object_or_404(QuestionnaireResponse.objects.current(), pk=pk, patient=patient, instrument=code)


# ---- Progress ---------------------------------------------------------------------------------


def progress_chart(code: str, history: list[tuple[Any, float]]) -> dict[str, Any] | None:
    """Scores over time with the baseline and the band of changes smaller than the MCID."""
    if not history:
        return None
    instrument = instruments.INSTRUMENTS[code]
    dates = [timezone.localtime(at).date().isoformat() for at, _ in history]
    scores = [score for _, score in history]
    baseline = scores[0]
    fig = go.Figure()
    low, high = max(0.0, baseline - instrument.mcid), min(instrument.max_score, baseline + instrument.mcid)
    fig.add_hrect(
        y0=low,
        y1=high,
        fillcolor="#9aa5b8",
        opacity=0.2,
        line_width=0,
        annotation_text=f"Change smaller than {instrument.mcid:g} points",
        annotation_position="top left",
    )
    # Below the line, so on a phone it does not run into the band's label above it.
    fig.add_hline(
        y=baseline,
        line_dash="dash",
        line_color="#5b6477",
        annotation_text="Baseline",
        annotation_position="bottom right",
    )
    fig.add_trace(go.Scatter(x=dates, y=scores, mode="lines+markers", name=instrument.short_title))
    # Short title: the long one was cut off on phones; the page says higher is better.
    fig.update_yaxes(range=[0, instrument.max_score], title_text="Score")
    fig.update_xaxes(type="date")
    if len(set(dates)) == 1:
        # One day of answers: without a range plotly zooms in to milliseconds around it.
        day = date.fromisoformat(dates[0])
        fig.update_xaxes(range=[(day - timedelta(days=7)).isoformat(), (day + timedelta(days=7)).isoformat()])
    label = (
        f"{instrument.short_title} scores from {dates[0]} to {dates[-1]}: "
        + ", ".join(f"{s:.1f}" for s in scores)
        + f". Baseline {baseline:.1f}; the shaded band shows changes under {instrument.mcid:g} points."
    )
    return chart_context(fig, f"chart-{code}", label=label)


@requires(Capability.OWN_RECORD)
def progress(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    sections = []
    for code in instruments.SCHEDULED:
        history = services.score_history(patient, code)
        sections.append(
            {
                "instrument": instruments.INSTRUMENTS[code],
                "history": history,
                "change": services.change_since_baseline(history, code),
                "chart": progress_chart(code, history),
            }
        )
    return render(request, "assessments/progress.html", {"sections": sections})
