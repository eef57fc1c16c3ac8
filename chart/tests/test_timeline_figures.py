from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from chart import timeline

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


@pytest.fixture
def specs(monkeypatch, patient):
    monkeypatch.setattr(
        timeline,
        "score_series",
        lambda _patient: {"akps": [(NOW, 60.0)], "koos_pf": [(NOW, 40.0)]},
    )
    monkeypatch.setattr(timeline, "weekly_runs", lambda *_: {date(2026, 11, 16): (30000.0, 3)})
    monkeypatch.setattr(timeline, "weekly_pain", lambda *_: {date(2026, 11, 16): 4.0})
    return {c["id"]: c["spec"] for c in timeline.figures(patient, ZoneInfo("America/Los_Angeles"), NOW)}


def test_chart_titles_are_short_enough_for_a_third_of_the_page(specs):
    for spec in specs.values():
        assert len(spec["layout"]["title"]["text"]) <= 26
    for key in ("chart-akps", "chart-koos_pf"):
        annotation = spec_annotation(specs[key])
        assert len(annotation) <= 26


def test_the_pain_axis_ticks_are_whole_scores_from_0_to_10(specs):
    axis = specs["chart-load"]["layout"]["yaxis2"]
    assert axis["range"] == [0, 10]
    assert (axis["tickmode"], axis["tick0"], axis["dtick"]) == ("linear", 0, 2)


def spec_annotation(spec: dict) -> str:
    return spec["layout"]["annotations"][0]["text"]
