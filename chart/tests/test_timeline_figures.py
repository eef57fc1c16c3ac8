from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from assessments.models import QuestionnaireResponse
from care.models import DiaryEntry
from chart import timeline
from training.testing import make_run

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


@pytest.fixture
def specs(patient):
    """The figures drawn from a week of stored data: two scores, three runs and a diary entry."""
    for code, score in (("akps", 60.0), ("koos_pf", 40.0)):
        QuestionnaireResponse.objects.create(
            patient=patient, instrument=code, version="test", answers={}, score=score, submitted_at=NOW
        )
    for day in (16, 18, 20):
        make_run(patient, start=datetime(2026, 11, day, 15, tzinfo=UTC), km=10, content_hash=f"run-{day}")
    DiaryEntry.objects.create(patient=patient, date=date(2026, 11, 18), side="left", pain_now=3, pain_worst=4)
    return {c["id"]: c["spec"] for c in timeline.figures(patient, ZoneInfo("America/Los_Angeles"), NOW)}


def test_the_figures_draw_the_stored_scores_runs_and_pain(specs):
    assert list(specs["chart-akps"]["data"][0]["y"]) == [60.0]
    assert list(specs["chart-koos_pf"]["data"][0]["y"]) == [40.0]
    load = {trace["name"]: trace for trace in specs["chart-load"]["data"]}
    assert list(load["Distance (km)"]["y"]) == [30.0]
    assert list(load["Worst pain, weekly mean (0-10)"]["y"]) == [4.0]


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
