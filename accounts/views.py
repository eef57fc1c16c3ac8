from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.db.models.functions import TruncDate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import sessions
from accounts.access import Capability, own_record, requires
from accounts.audit import Actor, audit
from accounts.forms import AuditFilterForm
from accounts.models import AuditEvent, EmergencyAccess, Role, User


@requires(Capability.ACCOUNT)
def home(request: HttpRequest) -> HttpResponse:
    """Where a person lands after signing in, by role."""
    if request.user.role == Role.CLINICIAN:  # type: ignore[union-attr]
        return redirect("chart:roster")
    if request.user.works_at_practice:  # type: ignore[union-attr]
        return redirect("practice:staff_home")
    return redirect("care:today")


@requires(Capability.OWN_RECORD)
def me(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    return render(request, "accounts/me.html", {"patient": patient})


@requires(Capability.ACCOUNT)
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """Every signed-in role: end all the person's other sessions (other browsers and devices)."""
    if request.method != "POST":
        return render(request, "accounts/sign_out_everywhere.html")
    ended = sessions.end_other_sessions(request)
    user = request.user
    patient = user if isinstance(user, User) and user.is_patient else None
    audit(Actor.of(request), "accounts.sessions.ended_elsewhere", patient=patient, changes={"sessions": ended})
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


@requires(Capability.AUDIT_VIEW)
def audit_log(request: HttpRequest) -> HttpResponse:
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
    # Field names only: the trail says who touched what, and must not itself become a way to read the record.
    rows = [(event, sorted(event.changes)) for event in page]
    audit(Actor.of(request), "accounts.audit.viewed", changes={"page": page.number})
    return render(
        request, "accounts/audit.html", {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    )


#: Plain words for the audit actions a patient sees on /me/access/.
ACCESS_WORDS = {
    "chart.viewed": _("opened your chart"),
    "record.viewed": _("looked at your record"),
    "access.denied": _("tried to open your record and was refused"),
    "record.emergency_access.opened": _("opened your record with emergency access"),
    "admin.user.viewed": _("looked at your account in the administration pages"),
    "admin.user.changed": _("changed your account in the administration pages"),
    "training.load.viewed": _("looked at your running load"),
}
CARE_TEAM_WORDS = {
    "added": _("added %(clinician)s to your care team"),
    "changed": _("changed your care team entry for %(clinician)s"),
    "removed": _("removed %(clinician)s from your care team"),
}
GROUPS_PER_PAGE = 50


def describe_action(action: str) -> str:
    """'chart.viewed' -> 'opened your chart'; 'chart.visit.created' -> 'visit created'."""
    if action in ACCESS_WORDS:
        return str(ACCESS_WORDS[action])
    parts = action.split(".")
    if len(parts) >= 3:
        return f"{parts[-2].replace('_', ' ')} {parts[-1].replace('_', ' ')}"
    return action.replace(".", " ").replace("_", " ")


@requires(Capability.OWN_RECORD)
def access(request: HttpRequest) -> HttpResponse:
    """Who at the practice looked at (or changed) the signed-in patient's record, and when.

    Emergency access comes first; then repeated identical events are one line ("opened your chart,
    14 times on Dec 1"), 50 lines a page; changes to the care team are listed one by one.
    """
    patient = own_record(request)
    # Days as every page shows times: in the site's time zone (TIME_ZONE), the practice's own.
    tz = timezone.get_current_timezone()
    by_staff = AuditEvent.objects.filter(patient=patient, actor__role__in=[Role.CLINICIAN, Role.STAFF, Role.ADMIN])
    emergencies = EmergencyAccess.objects.filter(patient=patient).select_related("actor")[:50]
    care_team = by_staff.filter(action__startswith="accounts.care_team.").select_related("actor")[:50]
    groups = (
        by_staff.exclude(action__startswith="accounts.care_team.")
        .annotate(day=TruncDate("at", tzinfo=tz))
        .values("actor_id", "actor__name", "actor__email", "actor__role", "action", "day")
        .annotate(times=Count("id"), last=Max("at"))
        .order_by("-last", "action")
    )
    page = Paginator(groups, GROUPS_PER_PAGE).get_page(request.GET.get("page"))
    roles = dict(Role.choices)
    rows = [
        {
            "who": group["actor__name"] or group["actor__email"].split("@", 1)[0],
            "role": roles.get(group["actor__role"], ""),
            "what": describe_action(group["action"]),
            "times": group["times"],
            "day": group["day"],
            "last": group["last"],
        }
        for group in page
    ]
    team_rows = [
        (
            event,
            str(CARE_TEAM_WORDS.get(event.action.rsplit(".", 1)[-1], CARE_TEAM_WORDS["changed"]))
            % {"clinician": event.changes.get("clinician", "")},
        )
        for event in care_team
    ]
    now = timezone.now()
    return render(
        request,
        "accounts/access.html",
        {
            "page": page,
            "rows": rows,
            "emergencies": [(grant, grant.is_active(now)) for grant in emergencies],
            "team_rows": team_rows,
            "tz": tz,
        },
    )
