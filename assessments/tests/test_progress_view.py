from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.audit import Actor
from assessments import instruments, services

pytestmark = pytest.mark.django_db

KOOS = instruments.INSTRUMENTS["koos_pf"]
AKPS_BEST = {item.code: item.options[0].code for item in instruments.INSTRUMENTS["akps"].items}


def koos(points):
    return {item.code: item.options[p].code for item, p in zip(KOOS.items, points, strict=True)}


def akps(**changes):
    return {**AKPS_BEST, **changes}


def history(patient, code, answer_sets):
    start = timezone.now() - timedelta(weeks=len(answer_sets))
    for n, answers in enumerate(answer_sets):
        services.submit_response(patient, code, answers, at=start + timedelta(weeks=n), actor=Actor(patient))


def test_the_progress_page_charts_both_questionnaires_with_baseline_and_band(
    client, patient, django_assert_max_num_queries
):
    history(patient, "akps", [akps(running="severe", jumping="constant_pain"), akps()])
    client.force_login(patient)
    with django_assert_max_num_queries(8):
        response = client.get("/progress/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="chart-akps"' in page
    spec = response.context["sections"][0]["chart"]["spec"]
    assert [s["type"] for s in spec["layout"]["shapes"]] == ["rect", "line"]
    assert spec["layout"]["shapes"][1]["y0"] == 85.0


def test_a_change_at_the_mcid_is_clinically_meaningful(client, patient):
    # AKPS 90 -> 100: exactly the 10-point MCID.
    history(patient, "akps", [akps(running="unable"), akps()])
    client.force_login(patient)
    change = client.get("/progress/").context["sections"][0]["change"]
    assert change.meaningful and change.improved and change.delta == 10.0
    assert "Clinically meaningful improvement" in client.get("/progress/").content.decode()


def test_a_change_below_the_mcid_is_not_called_meaningful(client, patient):
    history(patient, "akps", [akps(running="severe"), akps()])  # 93 -> 100
    client.force_login(patient)
    page = client.get("/progress/").content.decode()
    assert "Clinically meaningful" not in page
    assert "smaller than the 10 points" in page


def test_koos_pf_uses_its_own_mcid_of_16_4():
    def at(score):
        return (timezone.now(), score)

    assert services.change_since_baseline([at(50.0), at(66.4)], "koos_pf").meaningful
    assert not services.change_since_baseline([at(50.0), at(66.3)], "koos_pf").meaningful
    worse = services.change_since_baseline([at(70.0), at(50.0)], "koos_pf")
    assert worse.meaningful and not worse.improved


def test_koos_pf_at_exactly_16_4_computed_from_answers_is_meaningful(patient):
    # Means 2/11 -> ... are not exact decimals; the comparison must not fail on float noise.
    assert services.change_since_baseline([(timezone.now(), 33.6), (timezone.now(), 50.0)], "koos_pf").meaningful


def test_superseded_responses_are_left_out_of_the_chart(client, patient):
    first = services.submit_response(patient, "koos_pf", koos([4] * 11), actor=Actor(patient))
    services.submit_response(patient, "koos_pf", koos([2] * 11), corrects=first, actor=Actor(patient))
    assert [s for _, s in services.score_history(patient, "koos_pf")] == [50.0]


def test_a_patient_without_answers_is_invited_to_fill_them(client, patient, other_patient):
    history(patient, "akps", [akps()])
    client.force_login(other_patient)
    response = client.get("/progress/")
    assert all(s["chart"] is None for s in response.context["sections"])
    assert "No answers yet" in response.content.decode()


def test_a_single_day_of_answers_gets_a_two_week_date_range_not_milliseconds(client, patient):
    services.submit_response(patient, "akps", akps(), actor=Actor(patient))
    client.force_login(patient)
    spec = client.get("/progress/").context["sections"][0]["chart"]["spec"]
    today = timezone.localdate()
    assert spec["layout"]["xaxis"]["range"] == [
        (today - timedelta(days=7)).isoformat(),
        (today + timedelta(days=7)).isoformat(),
    ]


def test_chart_labels_stay_short_and_apart_for_phones(client, patient):
    services.submit_response(patient, "akps", akps(), actor=Actor(patient))
    client.force_login(patient)
    spec = client.get("/progress/").context["sections"][0]["chart"]["spec"]
    assert spec["layout"]["yaxis"]["title"]["text"] == "Score"
    baseline = next(a for a in spec["layout"]["annotations"] if a["text"] == "Baseline")
    assert baseline["yanchor"] == "top"
