"""The diary page's chart: pain per day, worse knee, drawn over the pain-monitoring zones."""

from __future__ import annotations

from datetime import date
from typing import Any

import plotly.graph_objects as go

from care.checkins import CheckIn
from care.services import thresholds
from common.charts import chart_context


def diary_chart(history: list[CheckIn]) -> dict[str, Any] | None:
    """Pain (0-10) per day, worse knee, over the pain-monitoring zones; None without check-ins."""
    if not history:
        return None
    t = thresholds()
    by_day: dict[date, list[CheckIn]] = {}
    for c in history:
        by_day.setdefault(c.day, []).append(c)
    days = sorted(by_day)
    x = [d.isoformat() for d in days]

    def worse_knee(day: date, attr: str) -> int | None:
        return max((v for c in by_day[day] if (v := getattr(c, attr)) is not None), default=None)

    fig = go.Figure()
    for low, high, colour in (
        (0, t.safe_max, "#dff0e4"),
        (t.safe_max, t.acceptable_max, "#fbeccc"),
        (t.acceptable_max, 10, "#f7d9dc"),
    ):
        fig.add_hrect(y0=low, y1=high, fillcolor=colour, opacity=0.6, line_width=0, layer="below")
    for attr, name, colour in (
        ("pain_during_activity", "During activity", "#a31621"),
        ("pain_worst", "Worst of the day", "#8a5a00"),
        ("morning_pain", "Next morning", "#0b5c7a"),
    ):
        fig.add_scatter(
            x=x,
            y=[worse_knee(d, attr) for d in days],
            name=name,
            mode="lines+markers",
            line={"color": colour},
            connectgaps=False,
        )
    days_shown = (days[-1] - days[0]).days
    xaxis: dict[str, Any] = {"title": "day", "type": "date", "tickformat": "%b %e"}
    if days_shown < 14:
        xaxis["dtick"] = 86_400_000  # one tick a day (milliseconds) for short diaries
    fig.update_layout(yaxis={"title": "pain (0-10)", "range": [0, 10]}, xaxis=xaxis)
    return chart_context(fig, "diary-chart", label="Pain over the last 90 days, on the green, amber and red zones")
