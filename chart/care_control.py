"""The care plan control on the chart: start the plan, step up or down, tailor the program, decide suggestions.

Starting and stepping are Django forms (chart.forms) over the ladder's steps. Everything then goes
through care.services (start_plan, change_step, tailor_program, decide_suggestion), which checks the
ladder's rules and writes the audit entries.
"""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from accounts.audit import Actor
from accounts.models import User
from care import exercises, services
from care.services.escalate import open_suggestions, plan_suggestion
from chart.forms import PlanStartForm, PlanStepForm


def summary(patient: User) -> dict[str, Any]:
    """The active plan, its open suggestions, the program and the exercise library."""
    plan = services.active_plan(patient)
    if plan is None:
        return {"plan": None, "start_form": PlanStartForm()}
    return {
        "plan": plan,
        "suggestions": open_suggestions(plan),
        "program": services.program_for(patient),
        "library": [(e.code, e.name) for e in exercises.EXERCISES],
        "step_form": PlanStepForm(current_step=plan.step),
    }


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def act(actor: Actor, patient: User, data: QueryDict) -> str:
    """Apply one plan action from the chart's forms; returns an error message or ''."""
    plan = services.active_plan(patient)
    action = data.get("action", "")
    if action == "start":
        start = PlanStartForm(data)
        if not start.is_valid():
            return start.error_text()
        try:
            services.start_plan(patient, actor, step=start.cleaned_data["step"], goals=start.cleaned_data["goals"])
        except services.CareError as error:
            return " ".join(error.errors.values())
        return ""
    if plan is None:
        return "This patient has no active care plan."
    try:
        if action == "step":
            move = PlanStepForm(data, current_step=plan.step)
            if not move.is_valid():
                return move.error_text()
            services.change_step(plan, move.cleaned_data["step"], actor, move.cleaned_data["reason"])
        elif action in ("accept", "dismiss"):
            suggestion_id = _int(data.get("suggestion"))
            suggestion = plan_suggestion(plan, suggestion_id)
            if suggestion is None:
                return "That suggestion no longer exists."
            services.decide_suggestion(suggestion, actor, action == "accept")
        elif action in ("add", "remove", "update"):
            change: dict[str, Any] = {"action": action, "exercise": data.get("exercise", "")}
            for name in ("sets", "reps", "hold_s"):
                number = _int(data.get(name))
                if number is not None:
                    change[name] = number
            services.tailor_program(patient, actor, [change])
        else:
            return "Choose what to change in the plan."
    except services.CareError as error:
        return " ".join(error.errors.values())
    return ""
