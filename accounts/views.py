from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext

from accounts import sessions
from accounts.access import audit, own_record, require_practice_role
from accounts.forms import AuditFilterForm
from accounts.models import AuditEvent, Role, User


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where a person lands after signing in, by role."""
    if request.user.role == Role.CLINICIAN:  # type: ignore[union-attr]
        return redirect("chart:roster")
    if request.user.works_at_practice:  # type: ignore[union-attr]
        return redirect("practice:staff_home")
    return redirect("care:today")


@login_required
def me(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    return render(request, "accounts/me.html", {"patient": patient})


@login_required
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """Every signed-in role: end all the person's other sessions (other browsers and devices)."""
    if request.method != "POST":
        return render(request, "accounts/sign_out_everywhere.html")
    ended = sessions.end_other_sessions(request)
    user = request.user
    patient = user if isinstance(user, User) and user.is_patient else None
    audit(request, "accounts.sessions.ended_elsewhere", patient=patient, changes={"sessions": ended})
    messages.success(
        request,
        ngettext(
            "Signed out of %(count)d other browser or device. You are still signed in here.",
            "Signed out of %(count)d other browsers or devices. You are still signed in here.",
            ended,
        )
        % {"count": ended},
    )
    return redirect("accounts:sign_out_everywhere")


def audit_log(request: HttpRequest) -> HttpResponse:
    require_practice_role(request, Role.STAFF, Role.ADMIN)
    form = AuditFilterForm(request.GET or None, label_suffix="")  # no colon, like the other filter bars
    events = AuditEvent.objects.select_related("actor", "patient")
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            events = events.filter(Q(actor__email__icontains=data["actor"]) | Q(actor__name__icontains=data["actor"]))
        if data["patient"]:
            events = events.filter(
                Q(patient__email__icontains=data["patient"]) | Q(patient__name__icontains=data["patient"])
            )
        if data["action"]:
            events = events.filter(action__startswith=data["action"])
        tz = timezone.get_current_timezone()
        if data["since"]:
            events = events.filter(at__gte=datetime.combine(data["since"], time.min, tzinfo=tz))
        if data["until"]:
            events = events.filter(at__lte=datetime.combine(data["until"], time.max, tzinfo=tz))
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [(event, describe_changes(event.changes)) for event in page]
    return render(
        request, "accounts/audit.html", {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    )


def describe_changes(changes: dict[str, Any]) -> list[tuple[str, str]]:
    """Each changed field in plain text: ``[before, after]`` pairs read "before -> after"."""
    described = []
    for field, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            before, after = ("(empty)" if v in (None, "") else str(v) for v in value)
            described.append((field, f"{before} \u2192 {after}"))
        else:
            described.append((field, str(value)))
    return described


#: Plain words for the audit actions a patient sees on /me/access/.
ACCESS_WORDS = {
    "chart.viewed": "opened your chart",
    "record.viewed": "looked at your record",
    "access.denied": "tried to open your record and was refused",
}


def describe_action(action: str) -> str:
    """'chart.viewed' -> 'opened your chart'; 'chart.visit.created' -> 'visit created'."""
    if action in ACCESS_WORDS:
        return ACCESS_WORDS[action]
    parts = action.split(".")
    if len(parts) >= 3:
        return f"{parts[-2].replace('_', ' ')} {parts[-1].replace('_', ' ')}"
    return action.replace(".", " ").replace("_", " ")


@login_required
def access(request: HttpRequest) -> HttpResponse:
    """Who at the practice looked at (or changed) the signed-in patient's record, and when."""
    patient = own_record(request)
    events = (
        AuditEvent.objects.filter(patient=patient, actor__role__in=[Role.CLINICIAN, Role.STAFF, Role.ADMIN])
        .select_related("actor")
        .order_by("-at", "-id")
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = [(event, describe_action(event.action)) for event in page]
    return render(request, "accounts/access.html", {"page": page, "rows": rows})
