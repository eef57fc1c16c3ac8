"""Schemathesis against the live test server: every operation, every check, as a patient and as a clinician.

A response that breaks the document, an undocumented status, a server error, an accepted
schema-violating request or a rejected valid one fails here. Both people sign in through the pages
(password, then TOTP for the clinician), so their sessions are what a browser would hold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.auths import AuthContext, set_on_case
from schemathesis.config import SchemathesisConfig

from accounts.audit import Actor
from accounts.models import CareTeam, Role, User
from accounts.testing import PASSWORD, fresh_totp_code, make_user

pytestmark = pytest.mark.django_db(transaction=True, reset_sequences=True)

# Fuzzing draws this many cases per operation and person; the examples and coverage phases add their
# own deterministic ones. The module runs in about a minute on two shared cores.
FUZZ = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
#: Before the check-in example's date (2025-03-31), so that example is a day of the plan.
PLAN_START = date(2025, 1, 6)


def served_document() -> dict[str, Any]:
    """The OpenAPI document exactly as /api/v1/openapi.json serves it.

    Built in-process: schemathesis 4.32's fixture-based loader breaks on pytest 9 (it rewrites
    ``node._nodeid``), and the eager loader needs the document at import time, before the live server runs.
    """
    from kneecap.api import api

    return dict(api.get_openapi_schema())


DOCUMENT = served_document()
API_ROOT = "/api/v1/"
schema = schemathesis.openapi.from_dict(DOCUMENT)
# The one rule JSON Schema cannot state: a check-in is for a day from the plan's start to today, so a
# well-formed date outside that span is a 422 naming the date. Only that operation is tested with
# 422 among the answers a valid request may get; every other operation and check keeps the defaults.
# (A separate schema, not an [[operations]] entry: with one, schemathesis 4.32 ignores include().)
DIARY_CHECK_IN = ("POST", "/api/v1/me/diary")
diary_schema = schemathesis.openapi.from_dict(
    DOCUMENT,
    config=SchemathesisConfig.from_dict(
        {
            "checks": {
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"],
                }
            }
        }
    ),
)

#: The session cookie of the person signed in for the test that runs now (set by the fixtures below).
SIGNED_IN: dict[str, str] = {}


class SessionCookie:
    """Hands schemathesis the session cookie, so its auth checks know the credential and can take it away."""

    def get(self, case: Any, context: Any) -> dict[str, str] | None:
        return dict(SIGNED_IN) or None

    def set(self, case: Any, data: dict[str, str], context: Any) -> None:
        case.cookies = {**(case.cookies or {}), **data}


for _schema in (schema, diary_schema):
    _schema.auth(refresh_interval=None)(SessionCookie)


def sign_in(base_url: str, user: User) -> requests.Session:
    """Sign USER in through the pages: the password, then the TOTP code when they have an authenticator."""
    session = requests.Session()
    session.get(f"{base_url}/accounts/login/").raise_for_status()
    response = session.post(
        f"{base_url}/accounts/login/",
        data={"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    if response.headers["Location"].endswith("/accounts/2fa/authenticate/"):
        response = session.post(
            f"{base_url}/accounts/2fa/authenticate/",
            data={"code": fresh_totp_code(user), "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text[:500]
    assert "sessionid" in session.cookies
    return session


def seed(patient: User, clinician: User) -> None:
    """A care team, an active plan, a month of runs and a booked appointment: the happy paths are reachable."""
    from django.utils import timezone

    from care import services
    from care.models import CarePlan
    from practice import demo
    from practice.models import Appointment
    from training.models import Activity

    demo.load()
    CareTeam.objects.get_or_create(clinician=clinician, patient=patient)
    plan = services.start_plan(patient, Actor(patient), step=2)
    CarePlan.objects.filter(pk=plan.pk).update(started_on=PLAN_START, step_started_on=PLAN_START)
    now = timezone.now()
    Activity.objects.bulk_create(
        Activity(
            patient=patient,
            start=now - timedelta(days=days),
            elapsed_s=2400,
            moving_time_s=2300,
            distance_m=6000 + 100 * days,
            avg_cadence_spm=165,
            source_format="gpx",
            source_file=f"run-{days}.gpx",
            content_hash=f"schemathesis-{days}",
        )
        for days in range(1, 30, 3)
    )
    start = now + timedelta(days=5)
    Appointment.objects.create(patient=patient, clinician=clinician, start=start, end=start + timedelta(minutes=30))


@pytest.fixture
def people(live_server: Any) -> dict[str, User]:
    # With reset_sequences the patient is user 1 and the appointment is 1: generated path ids reach them.
    patient = make_user("runner@example.org", Role.PATIENT, "Rae Runner")
    clinician = make_user("physio@example.org", Role.CLINICIAN, "Dr. Physio", mfa=True)
    seed(patient, clinician)
    return {"patient": patient, "clinician": clinician}


def signed_in(live_server: Any, user: User) -> Iterator[str]:
    session = sign_in(live_server.url, user)
    SIGNED_IN["sessionid"] = session.cookies["sessionid"]
    yield session.cookies["csrftoken"]
    SIGNED_IN.clear()


@pytest.fixture
def patient_csrf(live_server: Any, people: dict[str, User]) -> Iterator[str]:
    yield from signed_in(live_server, people["patient"])


@pytest.fixture
def clinician_csrf(live_server: Any, people: dict[str, User]) -> Iterator[str]:
    yield from signed_in(live_server, people["clinician"])


def call(case: Any, base_url: str, csrf_token: str) -> None:
    # The coverage phase builds its cases at collection, before anyone has signed in: give them the
    # session now. set_on_case leaves alone the cases that take the credential away on purpose.
    set_on_case(case, AuthContext(operation=case.operation, app=None), None)
    # The CSRF pair travels beside the case, not in it: it is no parameter of the document.
    case.call_and_validate(base_url=base_url, headers={"X-CSRFToken": csrf_token}, cookies={"csrftoken": csrf_token})


def operation_tests(method: str, path: str) -> dict[str, Any]:
    """The test of one operation for each person, so that each has its own pytest node id.

    schemathesis's own parametrize names every item after the function on pytest 9, and pytest-xdist
    then runs one item in its place; one function per operation keeps them apart.
    """
    only = (diary_schema if (method, path) == DIARY_CHECK_IN else schema).include(method=method, path=path)

    @only.parametrize()
    @FUZZ
    def for_a_patient(case: Any, live_server: Any, patient_csrf: str) -> None:
        call(case, live_server.url, patient_csrf)

    @only.parametrize()
    @FUZZ
    def for_a_clinician(case: Any, live_server: Any, clinician_csrf: str) -> None:
        call(case, live_server.url, clinician_csrf)

    return {"for_a_patient": for_a_patient, "for_a_clinician": for_a_clinician}


for _path, _operations in DOCUMENT["paths"].items():
    for _method in _operations:
        _slug = re.sub(r"[^a-z0-9]+", "_", f"{_method} {_path.removeprefix(API_ROOT)}".lower()).strip("_")
        for _who, _test in operation_tests(_method.upper(), _path).items():
            globals()[f"test_{_slug}_keeps_the_document_{_who}"] = _test


def test_the_document_under_test_is_the_one_the_server_serves(client: Any) -> None:
    assert client.get("/api/v1/openapi.json").json() == json.loads(json.dumps(DOCUMENT))
