"""No browser or proxy keeps a copy of a page or API answer that may carry personal data."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from kneecap.api import api

NO_STORE = "no-store, private"
ANY_INT = 999_999


def url_patterns(patterns=None, prefix=""):
    """(route, pattern) for every URL pattern, the route joined from its resolvers' patterns."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        part = str(entry.pattern).removeprefix("^").removesuffix("$")
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, prefix + part)
        else:
            assert isinstance(entry, URLPattern)
            yield prefix + part, entry


ROUTE_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
REGEX_PARAM = re.compile(r"\(\?P<(\w+)>([^()]*(?:\([^()]*\)[^()]*)*)\)")


def concrete(route, values):
    """A path for ROUTE with each parameter from VALUES (a function of the route and the parameter)."""
    path = REGEX_PARAM.sub(lambda m: str(values(route, m.group(1), m.group(2))), route)
    path = ROUTE_PARAM.sub(lambda m: str(values(route, m.group(2), m.group(1) or "str")), path)
    return "/" + path.replace("\\", "")


@pytest.fixture
def records(patient):
    """One of each object the patient pages show, so the walk opens real pages as well as 404s."""
    from assessments.models import SelfCheck
    from training.models import ImportJob, Shoe
    from training.testing import make_run

    return {
        "runs/<int:pk>": make_run(patient, days_ago=2).pk,
        "runs/shoes/<int:pk>": Shoe.objects.create(patient=patient, name="Trainers").pk,
        "runs/import/<int:pk>": ImportJob.objects.create(patient=patient, created_by=patient).pk,
        "self-check/result/<int:pk>": SelfCheck.objects.create(
            patient=patient, answers={}, outcome="self_care", reasons=[], created_at=timezone.now() - timedelta(1)
        ).pk,
        "clinic/patients/<int:pk>": patient.pk,
        "patients/<patient_id>": patient.pk,
    }


def value_for(records):
    """A value for each path parameter: the fixture object's id where the route shows one, else any value."""

    def values(route, name, kind):
        for prefix, pk in records.items():
            if f"/{prefix}" in f"/{route}" and name in ("pk", "patient_id"):
                return pk
        named = {"step": 1, "code": "akps", "kind": "visits", "app_label": kind.split("|")[0]}
        if name in named:
            return named[name]
        if kind in ("int", "[0-9]+") or name.endswith("_id") or name in ("pk", "object_id"):
            return ANY_INT
        return "x"

    return values


def api_operations(values):
    """(method, path) of every operation in the OpenAPI document, its parameters filled from VALUES."""
    for path, methods in api.get_openapi_schema()["paths"].items():
        route = re.sub(r"\{(\w+)\}", r"<\1>", path.lstrip("/"))
        for method in methods:
            yield method, concrete(route, values)


@pytest.mark.parametrize("who", ["patient", "clinician", "staff", "admin_user"])
def test_every_page_and_api_answer_to_a_signed_in_user_is_never_stored(request, who, records, practice):
    user = request.getfixturevalue(who)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    values = value_for(records)
    walked = []
    for route, pattern in url_patterns():
        path = concrete(route, values)
        if pattern.name in ("account_logout",):
            continue  # a GET shows the sign-out form; signing out is walked in its own test
        response = client.get(path)
        walked.append((path, response.status_code, response.get("Cache-Control")))
    for method, path in api_operations(values):
        response = getattr(client, method)(path, data={}, content_type="application/json")
        walked.append((f"{method.upper()} {path}", response.status_code, response.get("Cache-Control")))

    # Every URL pattern and API operation (the admin lost its clinical models, so fewer than before).
    assert len(walked) > 150
    assert [w for w in walked if w[2] != NO_STORE] == []
    statuses = {status for _, status, _ in walked}
    assert {200, 404} <= statuses  # real pages and missing ones alike


def test_the_walk_reaches_each_pattern_with_its_own_view(records):
    values = value_for(records)
    for route, _ in url_patterns():
        # Django joins the routes as the walk does; API operations of one path share its route.
        assert resolve(concrete(route, values)).route.removesuffix("$") == route


def test_a_missing_page_for_a_signed_in_patient_is_never_stored(client, patient):
    client.force_login(patient)
    response = client.get("/runs/123456/")
    assert response.status_code == 404
    assert response["Cache-Control"] == NO_STORE
    assert "Cookie" in response["Vary"]


def test_api_answers_are_never_stored_even_for_anonymous_callers(client, db):
    for method, path in api_operations(lambda route, name, kind: 1):
        response = getattr(client, method)(path, data={}, content_type="application/json")
        assert response["Cache-Control"] == NO_STORE, (method, path, response.status_code)
    assert client.get("/api/v1/no-such-endpoint")["Cache-Control"] == NO_STORE


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, practice):
    for path in ("/", "/runners-knee/", "/articles/", "/contact/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" not in response.get("Cache-Control", ""), path
        assert "Cookie" in response["Vary"], path


def test_an_anonymous_self_check_in_progress_is_never_stored(client, practice):
    # The answers so far live in the visitor's session: health data without an account.
    session = client.session
    session["self_check_steps"] = {"1": {"knee": "front"}}
    session.save()
    response = client.get("/self-check/step/1/")
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_signing_in_and_out_answers_are_never_stored(client, patient):
    from accounts.testing import PASSWORD

    response = client.post("/accounts/login/", {"login": patient.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Cache-Control"] == NO_STORE
    assert client.get("/today/")["Cache-Control"] == NO_STORE
    client.post("/accounts/logout/")
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_static_files_keep_their_cache_lifetime(client, patient):
    client.force_login(patient)
    response = client.get("/static/kneecap/site.css")
    assert response.status_code == 200
    assert "no-store" not in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]
