"""The patient's chart timeline and the figures beside it, read from every part of the system.

Other apps are read through the typed reads they export (their ``queries`` modules). Each
source is one query, capped in size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from accounts.models import User
from assessments.instruments import INSTRUMENTS
from assessments.models import Outcome
from assessments.queries import recent_responses, recent_self_checks, score_series
from assessments.questions import Level
from care.queries import recent_checkins, recent_step_changes, recent_suggestions, weekly_pain
from care.warning_signs import FLAG_LEVEL, FLAGS
from chart.models import Imaging, Procedure, Visit
from common.charts import chart_context, pain_axis
from training.queries import weekly_runs

LIMIT = 60
TITLES = {"akps": "AKPS (Kujala)", "koos_pf": "KOOS-PF"}


@dataclass(frozen=True)
class Item:
    at: datetime
    kind: str
    title: str
    detail: str = ""


def _at(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(12), tzinfo=tz)


def build(patient: User, tz: ZoneInfo, now: datetime) -> list[Item]:
    items: list[Item] = []
    for visit in Visit.objects.filter(patient=patient).select_related("clinician")[:LIMIT]:
        findings = ", ".join(visit.positive_findings()) or "no positive findings"
        items.append(Item(_at(visit.date, tz), "visit", f"Visit with {visit.clinician.display_name}", findings))
    for image in Imaging.objects.filter(patient=patient)[:LIMIT]:
        items.append(Item(_at(image.ordered_on, tz), "imaging", str(image), image.findings[:200]))
    for procedure in Procedure.objects.filter(patient=patient)[:LIMIT]:
        side, status = procedure.get_side_display().lower(), procedure.get_status_display().lower()
        title = f"{procedure.get_kind_display()}, {side} ({status})"
        items.append(Item(_at(procedure.date, tz), "procedure", title, procedure.outcome_note[:200]))
    for at, outcome, reasons in recent_self_checks(patient, LIMIT):
        detail = str(outcome).replace("_", " ")
        if outcome != Outcome.SELF_CARE and isinstance(reasons, list) and reasons:
            # The roster's red flag points here: say what the patient answered, not only the outcome.
            detail = f"{detail}: {' '.join(str(r) for r in reasons)}"[:300]
        items.append(Item(at, "self_check", "Self-check", detail))
    for at, instrument, score in recent_responses(patient, LIMIT):
        items.append(Item(at, "questionnaire", TITLES.get(instrument, str(instrument).upper()), f"{score:.0f}"))
    for checkin in recent_checkins(patient, LIMIT):
        worst_text = f", worst {checkin.pain_worst}/10" if checkin.pain_worst is not None else ""
        # The roster's red flag points here: name the warning signs answered, at their level.
        signs = [name for name in FLAGS if name in checkin.flags]
        if signs:
            words = ", ".join(name.replace("_", " ") for name in signs)
            if max(FLAG_LEVEL[name] for name in signs) is Level.EMERGENCY:
                worst_text += _("; emergency warning sign: %(signs)s") % {"signs": words}
            else:
                worst_text += _("; urgent warning sign: %(signs)s") % {"signs": words}
        title, detail = f"Diary ({checkin.side})", f"Pain now {checkin.pain_now}/10{worst_text}"
        items.append(Item(_at(checkin.day, tz), "diary", title, detail))
    for at, from_step, to_step, reason in recent_step_changes(patient, LIMIT):
        title = f"Plan step {from_step} to {to_step}" if from_step else f"Plan started at step {to_step}"
        items.append(Item(at, "plan", title, reason))
    for at, kind, reason, status in recent_suggestions(patient, LIMIT):
        title = f"System suggestion: {str(kind).replace('_', ' ')} ({status})"
        items.append(Item(at, "message", title, reason))
    for week, (metres, runs) in sorted(weekly_runs(patient, tz, now).items(), reverse=True)[:26]:
        title = f"Week of {week:%b} {week.day}: {runs} run{'' if runs == 1 else 's'}"
        items.append(Item(_at(week, tz), "runs", title, f"{metres / 1000:.1f} km"))
    return sorted(items, key=lambda i: i.at, reverse=True)


def figures(patient: User, tz: ZoneInfo, now: datetime) -> list[dict[str, Any]]:
    """Chart contexts (common.charts.chart_context) for the scores and the weekly load with pain."""
    charts: list[dict[str, Any]] = []
    for instrument, points in score_series(patient).items():
        if not points:
            continue
        fig = go.Figure()
        xs = [at.astimezone(tz) for at, _ in points]
        baseline = points[0][1]
        # The instrument's own MCID (docs/clinical-evidence.md section 2).
        mcid = INSTRUMENTS[instrument].mcid
        fig.add_hrect(
            y0=baseline,
            y1=min(100.0, baseline + mcid),
            fillcolor="#9ecae1",
            opacity=0.35,
            line_width=0,
            annotation_text=f"first score + MCID ({mcid:g})",
            annotation_position="top left",
        )
        fig.add_trace(go.Scatter(x=xs, y=[s for _, s in points], mode="lines+markers", name=TITLES[instrument]))
        # Short titles: three charts share the width of the page, longer ones are cut off.
        fig.update_layout(
            title=TITLES[instrument],
            yaxis={"range": [0, 100], "title": "score, higher is better"},
        )
        label = f"{TITLES[instrument]} scores from {points[0][1]:.0f} to {points[-1][1]:.0f}; shaded: the MCID band"
        charts.append(chart_context(fig, f"chart-{instrument}", label=label))
    runs = weekly_runs(patient, tz, now)
    pain = weekly_pain(patient, (now - timedelta(weeks=26)).date())
    if runs or pain:
        weeks = sorted(set(runs) | set(pain))
        fig = go.Figure()
        fig.add_trace(go.Bar(x=weeks, y=[runs.get(w, (0.0, 0))[0] / 1000 for w in weeks], name="Distance (km)"))
        fig.add_trace(
            go.Scatter(
                x=weeks,
                y=[pain.get(w) for w in weeks],
                name="Worst pain, weekly mean (0-10)",
                yaxis="y2",
                mode="lines+markers",
            )
        )
        fig.update_layout(
            title="Weekly distance with pain",
            yaxis={"title": "km"},
            yaxis2=pain_axis("pain 0-10"),
        )
        charts.append(
            chart_context(fig, "chart-load", label="Weekly running distance (bars) with weekly worst pain (line)")
        )
    return charts
