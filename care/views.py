"""Patient pages: today, the plan, the printable program, the diary and the return-to-run track.

Every view acts on the signed-in patient's own record (accounts.access.own_record):
anyone else gets a 404, anonymous visitors the sign-in page.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import Capability, own_record, requires
from accounts.audit import Actor
from accounts.models import User
from assessments.queries import self_check_side
from assessments.services import due_questionnaires
from care import ladder, pain_monitoring, return_to_run, services
from care.diary_chart import diary_chart
from care.forms import CheckInForm, IceForm, RunSessionForm, StartPlanForm, StepForm, TaskLogForm
from care.models import (
    Audience,
    CarePlan,
    DiaryEntry,
    IceSession,
    Side,
    Suggestion,
    SuggestionStatus,
)
from care.services.diary import recent_entries
from care.services.plans import step_history
from care.services.today import todays_tasks
from practice.medicine_advice import NSAID_ADVICE
from practice.queries import next_booked
from training.services.report import load_report

SIDE_PARAM = "side"


def other_cards(patient: User, today: date) -> dict[str, Any]:
    """Questionnaires due, load warnings and the next appointment, from the other apps."""
    cards: dict[str, Any] = {
        "due": list(due_questionnaires(patient, today)),
        "load_warnings": list(load_report(patient, today).get("warnings", []))[:3],
        "appointment": next_booked(patient),
    }
    return cards


def _ice_context(plan: CarePlan | None, patient: User, today: date) -> dict[str, Any]:
    low, high, per_day, _ = services.ice_limits()
    offered = services.ice_offered(plan, today)
    done = IceSession.objects.filter(patient=patient, started_at__date=today).count() if offered else 0
    return {
        "offered": offered,
        "min": low,
        "max": high,
        "per_day": per_day,
        "done": done,
        "left": max(0, per_day - done),
        # Seconds per timer minute: 60 in real life, shortened in browser tests.
        "tick": f"{settings.CARE_ICE_SECONDS_PER_MINUTE:g}",
        "form": IceForm(),
    }


def _today_context(request: HttpRequest, patient: User, form: CheckInForm | None = None) -> dict[str, Any]:
    today = timezone.localdate()
    plan = services.active_plan(patient)
    context: dict[str, Any] = {"patient": patient, "plan": plan, "today": today}
    context.update(other_cards(patient, today))
    context["light"] = services.traffic_light(patient, today)
    context["thresholds"] = services.thresholds()
    if plan is None:
        context["start_form"] = StartPlanForm()
        return context
    tasks = todays_tasks(patient, plan, today)
    context.update(
        step=ladder.step(plan.step),
        rows=tasks.rows,
        adherence=tasks.adherence(),
        ice=_ice_context(plan, patient, today),
        checkin_form=form or _checkin_form(patient, today, request.GET.get(SIDE_PARAM, "")),
        track=services.run_track(patient, today),
        clinician_reviewing=Suggestion.objects.filter(
            plan=plan, audience=Audience.CLINICIAN, status=SuggestionStatus.OPEN
        ).exists(),
        suggestions=Suggestion.objects.filter(plan=plan, audience=Audience.PATIENT, status=SuggestionStatus.OPEN)[:3],
    )
    return context


def _checkin_form(patient: User, day: date, side: str) -> CheckInForm:
    """The check-in form, filled in with the day's entry when there is one (an edit keeps history)."""
    entries = DiaryEntry.objects.filter(patient=patient, date=day)
    entry = next((e for e in entries if not side or e.side == side), None)
    if entry is None:
        return CheckInForm(initial={"date": day, "side": side or _usual_side(patient)})
    return CheckInForm(initial=services.entry_values(entry) | {"date": day})


def _usual_side(patient: User) -> str:
    """The knee of the latest check-in, else of the self-check the plan started from, else the right.

    A fixed default would file a left-knee patient's daily check-ins under the right knee.
    """
    last = DiaryEntry.objects.filter(patient=patient).order_by("-date", "-id").values_list("side", flat=True).first()
    if last:
        return str(last)
    plan = services.active_plan(patient)
    if plan is not None and plan.self_check_id:
        side = self_check_side(plan.self_check_id)
        if side in Side.values:
            return str(side)
    return str(Side.RIGHT)


@requires(Capability.OWN_RECORD)
def today(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    return render(request, "care/today.html", _today_context(request, patient))


@require_POST
@requires(Capability.OWN_RECORD)
def check_in(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            _, created = services.save_diary_entry(patient, Actor.of(request), form.cleaned_data)
        except services.CareError as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request, "Check-in saved." if created else "Check-in updated; the earlier answers are kept."
            )
            return redirect("care:diary" if request.POST.get("next") == "diary" else "care:today")
    return render(request, "care/today.html", _today_context(request, patient, form), status=422)


@require_POST
@requires(Capability.OWN_RECORD)
def log_task(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    plan = services.active_plan(patient)
    if plan is None:
        raise Http404("No active plan")
    form = TaskLogForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.log_task(
                patient,
                plan,
                timezone.localdate(),
                form.cleaned_data["task"],
                form.cleaned_data["status"],
                form.cleaned_data["reason"],
                actor=Actor.of(request),
            )
        except services.CareError as exc:
            error = " ".join(exc.errors.values())
    else:
        error = "Mark the task done or skipped."
    if request.htmx:  # type: ignore[attr-defined]
        row = todays_tasks(patient, plan).row(request.POST.get("task", ""))
        if row is None:
            raise Http404("No such task")
        return render(
            request,
            "care/_task_row.html",
            {"row": row, "error": error},
            status=422 if error else 200,
        )
    if error:
        messages.error(request, error)
    return redirect("care:today")


@require_POST
@requires(Capability.OWN_RECORD)
def log_ice(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    form = IceForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            session = services.log_ice(patient, form.cleaned_data["minutes"], actor=Actor.of(request))
        except services.CareError as exc:
            error = " ".join(exc.errors.values())
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    saved = "" if error else f"Ice session of {session.minutes} minute{pluralize(session.minutes)} logged."
    if request.htmx:  # type: ignore[attr-defined]
        # The fragment says it itself; a flash message would pop up again on the next page.
        today_ = timezone.localdate()
        plan = services.active_plan(patient)
        return render(
            request,
            "care/_ice.html",
            {"ice": _ice_context(plan, patient, today_), "ice_error": error, "ice_saved": saved},
            status=422 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, saved)
    return redirect("care:today")


@requires(Capability.OWN_RECORD)
def start_plan(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    existing = services.active_plan(patient)
    if existing is not None:
        messages.info(request, "You already have a care plan.")
        return redirect("care:plan")
    self_check = request.GET.get("self_check") or request.POST.get("self_check") or None
    form = StartPlanForm(request.POST or None, initial={"self_check": self_check})
    self_check_error = ""
    self_check_id: int | None = None
    if self_check:
        try:
            self_check_id = int(self_check)
            services.check_self_check(patient, self_check_id)
        except (ValueError, services.CareError) as exc:
            self_check_error = (
                exc.errors["self_check"] if isinstance(exc, services.CareError) else "That is not a self-check result."
            )
            self_check_id = None
    if request.method == "POST" and form.is_valid() and not self_check_error:
        try:
            services.start_plan(
                patient,
                Actor.of(request),
                step=form.cleaned_data["step"],
                goals=form.cleaned_data["goals"],
                self_check_id=self_check_id,
            )
        except services.CareError as exc:
            for field, message in exc.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, "Your care plan has started. Here is what to do today.")
            return redirect("care:today")
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "care/start.html",
        {
            "form": form,
            "self_check_error": self_check_error,
            "from_self_check": self_check_id is not None,
            "steps": ladder.STEPS[:2],
        },
        status=status,
    )


@requires(Capability.OWN_RECORD)
def plan(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    current = services.active_plan(patient)
    if current is None:
        return redirect("care:plan_start")
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_step(current, form.cleaned_data["step"], Actor.of(request), form.cleaned_data["reason"])
        except services.CareError as exc:
            for field, message in exc.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, f"Your plan is now at step {current.step}.")
            return redirect("care:plan")
    return render(
        request,
        "care/plan.html",
        {
            "plan": current,
            "step": ladder.step(current.step),
            "steps": ladder.STEPS,
            "history": step_history(current),
            "suggestions": current.suggestions.filter(audience=Audience.PATIENT)[:10],
            "program": services.program_for(patient),
            "step_form": form,
            "patient_may_change": current.step in ladder.PATIENT_STEPS,
            "nsaid_advice": NSAID_ADVICE,
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@requires(Capability.OWN_RECORD)
def decide_suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("plan__patient"), pk=pk, plan__patient=patient, audience=Audience.PATIENT
    )
    try:
        services.decide_suggestion(suggestion, Actor.of(request), accept=False)
    except services.CareError as exc:
        messages.error(request, " ".join(exc.errors.values()))
    else:
        messages.success(request, "Noted. You can still call the practice at any time.")
    return redirect("care:plan")


@requires(Capability.OWN_RECORD)
def plan_print(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    current = services.active_plan(patient)
    if current is None:
        return redirect("care:plan_start")
    return render(
        request,
        "care/print.html",
        {"plan": current, "step": ladder.step(current.step), "program": services.program_for(patient)},
    )


@requires(Capability.OWN_RECORD)
def diary(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    today_ = timezone.localdate()
    entries = recent_entries(patient, today_)
    history = services.checkins(patient, today_ - timedelta(days=104), today_)
    colours = services.entry_colours(history, {(e.date, e.side) for e in entries})
    rows = [{"entry": e, "colour": colours.get((e.date, e.side))} for e in entries]
    # The same light as /today/, judged on the history already read (no second query).
    light = pain_monitoring.patient_light(history, today_, services.thresholds())
    form = CheckInForm(initial={"side": _usual_side(patient)})
    try:
        edit_day = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        edit_day = None
    if edit_day is not None:
        form = _checkin_form(patient, edit_day, request.GET.get(SIDE_PARAM, ""))
    recent = [c for c in history if c.day >= today_ - timedelta(days=90)]
    return render(
        request,
        "care/diary.html",
        {
            "rows": rows,
            "form": form,
            "editing": edit_day,
            "chart": diary_chart(recent),
            "light": light,
            "thresholds": services.thresholds(),
        },
    )


@requires(Capability.OWN_RECORD)
def running(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    today_ = timezone.localdate()
    form = RunSessionForm(request.POST or None, initial={"date": today_})
    if request.method == "POST" and form.is_valid():
        try:
            services.log_run_session(patient, form.cleaned_data, actor=Actor.of(request))
        except services.CareError as exc:
            for field, message in exc.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, "Session logged.")
            return redirect("care:running")
    track = services.run_track(patient, today_)
    if request.method != "POST":
        form = RunSessionForm(initial={"date": today_, "level": track.next.level})
    return render(
        request,
        "care/running.html",
        {
            "track": track,
            "levels": return_to_run.LEVELS,
            "form": form,
            "surface_advice": return_to_run.SURFACE_ADVICE,
        },
        status=422 if request.method == "POST" else 200,
    )
