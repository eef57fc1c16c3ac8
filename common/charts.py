"""Plotly figures built in Python, drawn in the page by plotly.js from the installed wheel.

A view builds a ``plotly.graph_objects.Figure`` and passes ``chart_context(fig, "id", label=...)``
to the template, which renders ``{% include "includes/chart.html" with chart=... %}``. The figure
travels as inert JSON (``json_script``), so the strict Content-Security-Policy holds.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

BASE_LAYOUT: dict[str, Any] = {
    "margin": {"l": 50, "r": 20, "t": 30, "b": 40},
    "font": {"family": "system-ui, sans-serif", "size": 13, "color": "#1d2433"},
    "paper_bgcolor": "#ffffff",
    "plot_bgcolor": "#ffffff",
    "hovermode": "x unified",
    "legend": {"orientation": "h", "y": -0.2},
}


def pain_axis(title: str) -> dict[str, Any]:
    """A right-hand 0-10 pain axis over a distance chart, ticked at whole scores.

    Without the fixed ticks plotly lines them up with the distance grid (2.19, 4.38...).
    """
    return {
        "title": title,
        "overlaying": "y",
        "side": "right",
        "range": [0, 10],
        "tickmode": "linear",
        "tick0": 0,
        "dtick": 2,
        "showgrid": False,
    }


#: plotly.js 4's mode bar offers "Share chart...", which uploads the figure (a patient's data) to
#: plotlyServerURL, Plotly's cloud by default. The mode bar lists only two buttons that work inside the
#: browser; with the share button and its server off too, dropping that list cannot bring it back.
CONFIG: dict[str, Any] = {
    "modeBarButtons": [["toImage", "resetScale2d"]],
    "showSendToCloud": False,
    "plotlyServerURL": "",
    "displaylogo": False,
    "responsive": True,
}


def chart_context(fig: go.Figure, chart_id: str, *, label: str, height: int = 320) -> dict[str, Any]:
    """What includes/chart.html needs: an element id, the figure as JSON data, and a text label."""
    fig.update_layout(**BASE_LAYOUT, height=height)
    spec = json.loads(pio.to_json(fig, validate=False))
    spec["config"] = dict(CONFIG)
    return {"id": chart_id, "data_id": f"{chart_id}-data", "spec": spec, "label": label}
