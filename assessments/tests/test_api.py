from __future__ import annotations

import pytest

from assessments import instruments, questions

pytestmark = pytest.mark.django_db

AKPS_BEST = {item.code: item.options[0].code for item in instruments.INSTRUMENTS["akps"].items}


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_the_list_names_the_three_instruments(client):
    response = client.get("/api/v1/instruments")
    assert response.status_code == 200
    assert [i["code"] for i in response.json()] == ["akps", "koos_pf", "nprs"]
    assert response.json()[1]["min_items"] == 6


def test_one_instrument_has_items_with_options_and_points(client):
    body = client.get("/api/v1/instruments/akps").json()
    assert set(body) == {"code", "title", "version", "items"}
    assert [i["code"] for i in body["items"]] == list(AKPS_BEST)
    assert body["items"][0]["options"][0] == {"code": "none", "label": "None", "points": 5}


def test_an_unknown_instrument_is_404(client):
    assert client.get("/api/v1/instruments/womac").status_code == 404
    assert post(client, "/api/v1/instruments/womac/score", {"answers": {}}).status_code == 404


def test_scoring_returns_the_published_total(client):
    answers = {**AKPS_BEST, "limp": "slight", "stairs": "unable"}
    response = post(client, "/api/v1/instruments/akps/score", {"answers": answers})
    assert response.status_code == 200
    assert response.json() == {"instrument": "akps", "version": "kujala-1993", "score": 88.0, "max": 100.0}


def test_koos_pf_scores_from_six_answers(client):
    items = instruments.INSTRUMENTS["koos_pf"].items[:6]
    response = post(
        client, "/api/v1/instruments/koos_pf/score", {"answers": {i.code: i.options[2].code for i in items}}
    )
    assert response.json()["score"] == 50.0


def errors(response):
    assert response.status_code == 422
    return {tuple(e["loc"]): e["msg"] for e in response.json()["detail"]}


def test_unknown_item_unknown_option_and_wrong_type_each_get_a_message(client):
    answers = {**AKPS_BEST, "elbow": "none", "limp": "often", "pain": 3}
    found = errors(post(client, "/api/v1/instruments/akps/score", {"answers": answers}))
    assert set(found) == {("body", "answers", "elbow"), ("body", "answers", "limp"), ("body", "answers", "pain")}


def test_a_missing_akps_item_is_named(client):
    answers = dict(AKPS_BEST)
    del answers["flexion"]
    found = errors(post(client, "/api/v1/instruments/akps/score", {"answers": answers}))
    assert found == {("body", "answers", "flexion"): "Please answer this question."}


def test_too_few_koos_pf_items_is_422(client):
    found = errors(post(client, "/api/v1/instruments/koos_pf/score", {"answers": {"pf1": "none"}}))
    assert "at least 6" in found[("body", "answers")]


def test_answers_that_are_not_an_object_are_422(client):
    assert post(client, "/api/v1/instruments/akps/score", {"answers": ["limp"]}).status_code == 422
    assert post(client, "/api/v1/instruments/akps/score", {}).status_code == 422


SELF_CHECK = {
    "age": 31,
    "side": "right",
    "symptoms": ["pain_around_kneecap", "pain_going_down"],
    "red_flags": [],
    "risk_factors": ["mileage_increase"],
    "injury": {
        "recent": False,
        "cannot_walk_4_steps": False,
        "cannot_flex_90": False,
        "fibular_head_tenderness": False,
        "patella_tenderness_isolated": False,
    },
    "pain_nrs": 4,
    "duration_weeks": 2,
}


def test_an_anonymous_self_check_gets_an_outcome_with_reasons(client):
    response = post(client, "/api/v1/self-check", SELF_CHECK)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "outcome",
        "reasons",
        "consistent_with_pfps",
        "advice",
        "time_frame",
        "deciding_risk_factors",
    }
    assert body["outcome"] == "self_care"
    assert body["consistent_with_pfps"] is True


@pytest.mark.parametrize("flag", sorted(questions.RED_FLAGS))
def test_every_red_flag_code_is_accepted_and_never_self_care(client, flag):
    body = post(client, "/api/v1/self-check", {**SELF_CHECK, "red_flags": [flag]}).json()
    assert body["outcome"] == questions.FLAG_LEVEL[flag].code


def test_the_ottawa_rules_apply_through_the_api(client):
    injury = {**SELF_CHECK["injury"], "recent": True, "fibular_head_tenderness": True}
    assert post(client, "/api/v1/self-check", {**SELF_CHECK, "injury": injury}).json()["outcome"] == "emergency"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"symptoms": ["pain_around_kneecap", "sore_toe"]}, "symptoms"),
        ({"red_flags": ["feels_odd"]}, "red_flags"),
        ({"risk_factors": ["bad_luck"]}, "risk_factors"),
        ({"side": "middle"}, "side"),
        ({"age": "31"}, "age"),
        ({"age": 0}, "age"),
        ({"pain_nrs": 11}, "pain_nrs"),
        ({"duration_weeks": -1}, "duration_weeks"),
        ({"injury": {"recent": "yes"}}, "injury"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_self_check_fields_get_a_422_with_a_message_per_field(client, change, field):
    response = post(client, "/api/v1/self-check", {**SELF_CHECK, **change})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(field in e["loc"] for e in detail)
    assert all(e["msg"] for e in detail)


def test_a_missing_required_field_is_named(client):
    body = {k: v for k, v in SELF_CHECK.items() if k != "pain_nrs"}
    detail = post(client, "/api/v1/self-check", body).json()["detail"]
    assert any("pain_nrs" in e["loc"] for e in detail)


def test_the_api_stores_nothing(client):
    from assessments.models import SelfCheck

    post(client, "/api/v1/self-check", SELF_CHECK)
    assert SelfCheck.objects.count() == 0


def test_openapi_documents_every_endpoint_and_its_errors(client):
    spec = client.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    assert set(paths["/api/v1/instruments/{code}"]["get"]["responses"]) >= {"200", "404"}
    assert set(paths["/api/v1/instruments/{code}/score"]["post"]["responses"]) >= {"200", "404", "422"}
    assert set(paths["/api/v1/self-check"]["post"]["responses"]) >= {"200", "422"}
    assert "200" in paths["/api/v1/instruments"]["get"]["responses"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"age": 14, "red_flags": ["hip_groin_thigh_pain"]}, "urgent"),
        ({"age": 5}, "see_clinician"),
        ({"age": 75}, "see_clinician"),
        ({"red_flags": ["cannot_bear_weight"], "injury": {"recent": True}}, "emergency"),
        ({"red_flags": ["recent_knee_surgery_or_injection", "hot_swollen_no_fever"]}, "emergency"),
        ({"risk_factors": ["fall_or_blow"], "symptoms": ["pain_around_kneecap", "pain_going_down", "knee_swelling"]},
         "see_clinician"),
    ],
)  # fmt: skip
def test_the_age_history_and_combination_rules_apply_through_the_api(client, change, expected):
    body = post(client, "/api/v1/self-check", {**SELF_CHECK, **change}).json()
    assert body["outcome"] == expected
    assert body["advice"].startswith(body["time_frame"])


def test_an_urgent_api_result_says_today_or_tomorrow(client):
    body = post(client, "/api/v1/self-check", {**SELF_CHECK, "red_flags": ["calf_swelling_or_pain"]}).json()
    assert body["time_frame"].startswith("Today or tomorrow")


def test_a_risk_factor_that_changed_the_result_is_named(client):
    change = {"risk_factors": ["fall_or_blow"], "pain_nrs": 7}
    assert post(client, "/api/v1/self-check", {**SELF_CHECK, **change}).json()["deciding_risk_factors"] == [
        "fall_or_blow"
    ]
