"""A page with one chart, for the chart plumbing's browser test."""

from __future__ import annotations

import plotly.graph_objects as go
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path

from common.charts import chart_context


def chart_page(request: HttpRequest) -> HttpResponse:
    fig = go.Figure(go.Bar(x=["W1", "W2", "W3"], y=[10.5, 12.0, 18.2], name="km"))
    fig.add_trace(go.Scatter(x=["W1", "W2", "W3"], y=[2, 3, 5], name="pain", yaxis="y2"))
    fig.update_layout(yaxis2={"overlaying": "y", "side": "right", "range": [0, 10]})
    return render(request, "kneecap/test_chart.html", {"chart": chart_context(fig, "weekly", label="Weekly km")})


urlpatterns = [path("chart/", chart_page), path("", include("kneecap.urls"))]
