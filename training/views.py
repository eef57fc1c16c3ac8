"""The patient's running pages under /runs/: overview, runs, import and preferences (shoes: shoe_views.py).

Every view starts with ``own_record``: a patient sees and changes only their own runs; anyone else gets 404.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import plotly.graph_objects as go
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import TooManyFilesSent
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.access import Capability, own_record, requires
from accounts.audit import Actor
from accounts.models import User
from common.charts import chart_context, pain_axis
from common.uploads import answers_uploads_over_limits
from training.diary_pain import diary_pain_by_week
from training.forms import (
    ActivityEditForm,
    BulkShoeForm,
    ManualActivityForm,
    ProfileForm,
    RunFilterForm,
    UploadForm,
)
from training.ingest.read import max_upload_bytes
from training.ingest.records import ensure_records
from training.models import Activity, ActivityRecords, ImportJob, Surface
from training.services.activities import activities_of, add_activity, assign_shoe, delete_activity, update_activity
from training.services.cadence import profile_for, save_preferences
from training.services.imports import start_import
from training.services.report import Report, build_report, run_pain_by_week, surface_shares

RUNS_PER_PAGE = 50
SURFACE_LABELS = dict(Surface.choices)


def _weekly_chart(report: Report, diary: dict[Any, float]) -> dict[str, Any]:
    weeks = report.weeks
    run_pain = run_pain_by_week(report.rows)
    x = [w.start.isoformat() for w in weeks]
    fig = go.Figure()
    fig.add_bar(x=x, y=[round(w.distance_m / 1000, 1) for w in weeks], name="Distance (km)", marker_color="#3b6ea5")
    fig.add_scatter(
        x=x,
        y=[run_pain.get(w.start) for w in weeks],
        name="Pain after runs (0-10)",
        mode="lines+markers",
        yaxis="y2",
        line={"color": "#c2410c"},
        connectgaps=False,
    )
    if diary:
        fig.add_scatter(
            x=x,
            y=[diary.get(w.start) for w in weeks],
            name="Diary pain (0-10)",
            mode="lines+markers",
            yaxis="y2",
            line={"color": "#7c3aed", "dash": "dot"},
        )
    fig.update_layout(
        yaxis={"title": "km per week", "rangemode": "tozero"},
        yaxis2=pain_axis("pain"),
        xaxis={"title": None},
    )
    return chart_context(fig, "weekly-chart", label="Weekly running distance with knee pain overlaid")


@requires(Capability.OWN_RECORD)
def runs_home(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    today = timezone.localdate()
    report = build_report(patient, today)
    first_week = report.weeks[0].start if report.weeks else today
    diary = diary_pain_by_week(patient, first_week, today)
    has_running = any(w.runs for w in report.weeks)
    runs = activities_of(patient)
    filters = RunFilterForm(request.GET or None, patient=patient)
    if filters.is_valid():
        data = filters.cleaned_data
        if data["sport"]:
            runs = runs.filter(sport=data["sport"])
        if data["surface"]:
            runs = runs.filter(surface=data["surface"])
        if data["shoe"]:
            runs = runs.filter(shoe=data["shoe"])
        if data["date_from"]:
            runs = runs.filter(start__date__gte=data["date_from"])
        if data["date_to"]:
            runs = runs.filter(start__date__lte=data["date_to"])
    page = Paginator(runs, RUNS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    shares = [
        (SURFACE_LABELS.get(s, "Not set"), share)
        for s, share in surface_shares(report.rows, today - timedelta(weeks=8))
    ]
    return render(
        request,
        "training/runs.html",
        {
            "report": report,
            "chart": _weekly_chart(report, diary) if has_running else None,
            "warnings": [w.as_dict() for w in report.warnings],
            "weeks": list(reversed(report.weeks[-8:])) if has_running else [],
            "shoes": [s for s in report.shoes if not s.retired],
            "surface_shares": shares,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "bulk_form": BulkShoeForm(patient=patient),
        },
    )


def _records_charts(records: ActivityRecords) -> list[dict[str, Any]]:
    charts = []
    use_distance = any(d is not None for d in records.distance_m)
    x = (
        [None if d is None else round(d / 1000, 3) for d in records.distance_m]
        if use_distance
        else [round(t / 60, 2) for t in records.times_s]
    )
    x_title = "km" if use_distance else "minutes"
    if any(a is not None for a in records.altitude_m):
        fig = go.Figure(go.Scatter(x=x, y=records.altitude_m, mode="lines", name="Elevation (m)", fill="tozeroy"))
        fig.update_layout(xaxis={"title": x_title}, yaxis={"title": "metres"})
        charts.append(chart_context(fig, "elevation-chart", label="Elevation profile", height=260))
    if any(c is not None for c in records.cadence_spm):
        fig = go.Figure(go.Scatter(x=x, y=records.cadence_spm, mode="lines", name="Cadence (steps/min)"))
        fig.update_layout(xaxis={"title": x_title}, yaxis={"title": "steps per minute"})
        charts.append(chart_context(fig, "cadence-chart", label="Cadence", height=260))
    return charts


@requires(Capability.OWN_RECORD)
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    activity = get_object_or_404(Activity.objects.select_related("shoe"), pk=pk, patient=patient)
    form = ActivityEditForm(request.POST or None, instance=activity, patient=patient)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data.get(f) for f in form.changed_data}
        update_activity(patient, form.save(commit=False), changes, Actor.of(request))
        messages.success(request, "Run saved.")
        return redirect("training:run", pk=activity.pk)
    records = ensure_records(activity)
    return render(
        request,
        "training/run_detail.html",
        {"activity": activity, "form": form, "charts": _records_charts(records) if records else []},
    )


@requires(Capability.OWN_RECORD)
def run_new(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    form = ManualActivityForm(request.POST or None, patient=patient)
    if request.method == "POST" and form.is_valid():
        activity = add_activity(patient, form.build(), Actor.of(request))
        messages.success(request, "Run added.")
        return redirect("training:run", pk=activity.pk)
    return render(request, "training/run_new.html", {"form": form})


@require_POST
@requires(Capability.OWN_RECORD)
def run_delete(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    activity = get_object_or_404(Activity, pk=pk, patient=patient)
    delete_activity(patient, activity, Actor.of(request))
    messages.success(request, "Run deleted.")
    return redirect("training:runs")


@require_POST
@requires(Capability.OWN_RECORD)
def bulk_shoe(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    form = BulkShoeForm(request.POST, patient=patient)
    if not form.is_valid():
        messages.error(request, "Tick at least one run of yours to change its shoe.")
        return redirect("training:runs")
    count = assign_shoe(
        patient,
        Activity.objects.filter(pk__in=[a.pk for a in form.cleaned_data["activities"]]),
        form.cleaned_data["shoe"],
        Actor.of(request),
    )
    shoe = form.cleaned_data["shoe"]
    messages.success(request, f"{count} run{'s' if count != 1 else ''} now on {shoe.name if shoe else 'no shoe'}.")
    return redirect("training:runs")


def _refuse_upload(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The import page, status 400, for an upload Django refused to parse (UploadLimitsMiddleware)."""
    patient = own_record(request)
    if isinstance(exc, TooManyFilesSent):
        refusal = gettext(
            "You chose more than %(limit)s files; upload at most %(limit)s at a time, or put them in one zip."
        ) % {"limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    else:
        refusal = gettext("This upload is too large for one form; put the files in one zip and import that.")
    return _import_page(request, patient, UploadForm(), refusal=refusal, status=400)


@answers_uploads_over_limits(_refuse_upload)
@requires(Capability.OWN_RECORD)
def import_page(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        job = start_import(patient, form.cleaned_data["upload"], Actor.of(request))
        return redirect("training:import_job", pk=job.pk)
    return _import_page(request, patient, form)


def _import_page(
    request: HttpRequest, patient: User, form: UploadForm, *, refusal: str = "", status: int = 200
) -> HttpResponse:
    jobs = ImportJob.objects.filter(patient=patient)[:5]
    return render(
        request,
        "training/import.html",
        {
            "form": form,
            "jobs": jobs,
            "limit_mb": max_upload_bytes() // (1024 * 1024),
            "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
            "refusal": refusal,
        },
        status=status,
    )


@requires(Capability.OWN_RECORD)
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    job = get_object_or_404(ImportJob, pk=pk, patient=patient)
    template = "training/_import_progress.html" if request.headers.get("HX-Request") else "training/import_job.html"
    results = job.results.select_related("activity") if job.finished else None
    return render(request, template, {"job": job, "results": results})


@requires(Capability.OWN_RECORD)
def preferences(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    profile = profile_for(patient)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        save_preferences(patient, form.save(commit=False), form.changed_data, Actor.of(request))
        messages.success(request, "Preferences saved.")
        return redirect("training:runs")
    return render(request, "training/preferences.html", {"form": form, "profile": profile})
