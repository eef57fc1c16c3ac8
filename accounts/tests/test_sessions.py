"""Staff sessions end after minutes without activity, patients' after days; background polls never count."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.sessions import ACTIVITY_KEY, POLL_TRIGGERS, STAFF_NOTICE, is_background_poll

pytestmark = pytest.mark.django_db
MINUTE, DAY = 60, 24 * 60 * 60
HOURS_POLL = {"HX-Request": "true", "HX-Trigger": "hours-status", "HX-Current-URL": "http://testserver/staff/"}


def last_activity(client, seconds_ago):
    """Pretend the session's last real request was SECONDS_AGO."""
    session = client.session
    session[ACTIVITY_KEY] = time.time() - seconds_ago
    session.save()
    return session[ACTIVITY_KEY]


def row(client):
    return Session.objects.get(session_key=client.session.session_key)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_a_staff_session_idle_past_the_limit_is_signed_out_and_sent_to_sign_in(client, practice, staff):
    client.force_login(staff)
    last_activity(client, 16 * MINUTE)
    response = client.get("/staff/")
    assert response["Location"] == "/accounts/login/?next=/staff/"
    assert not signed_in(client)
    page = client.get(response["Location"])
    assert "You were signed out after 15 minutes without activity. Please sign in again." in page.content.decode()


@pytest.mark.parametrize("who", ["clinician", "admin_user"])
def test_every_practice_role_has_the_short_limit(client, practice, request, who):
    client.force_login(request.getfixturevalue(who))
    last_activity(client, 16 * MINUTE)
    client.get("/home/")
    assert not signed_in(client)


def test_a_real_request_within_the_limit_counts_as_activity(client, practice, staff):
    client.force_login(staff)
    before = last_activity(client, 14 * MINUTE)
    response = client.get("/staff/")
    assert response.status_code == 200
    assert client.session[ACTIVITY_KEY] > before + 13 * MINUTE
    # The cookie and row live until the limit plus the notice time, counted from now.
    expected = 15 * MINUTE + STAFF_NOTICE.total_seconds()
    assert abs(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] - expected) < 5


def test_a_background_poll_neither_counts_nor_extends_the_session(client, practice, staff):
    client.force_login(staff)
    before = last_activity(client, 14 * MINUTE)
    expires = row(client).expire_date
    response = client.get("/hours/status/", headers=HOURS_POLL)
    assert response.status_code == 200
    assert client.session[ACTIVITY_KEY] == before
    assert row(client).expire_date == expires
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_polls_alone_do_not_keep_a_staff_session_alive(client, practice, staff):
    client.force_login(staff)
    last_activity(client, 10 * MINUTE)
    client.get("/hours/status/", headers=HOURS_POLL)
    session = client.session
    session[ACTIVITY_KEY] -= 6 * MINUTE  # six more minutes pass with only the poll running
    session.save()
    client.get("/hours/status/", headers=HOURS_POLL)
    assert not signed_in(client)


def test_an_expired_poll_sends_the_whole_page_to_sign_in(client, practice, staff):
    client.force_login(staff)
    last_activity(client, 16 * MINUTE)
    response = client.get("/hours/status/", headers=HOURS_POLL)
    assert response["HX-Redirect"] == "/accounts/login/?next=/staff/"
    assert not signed_in(client)


def test_an_expired_poll_from_another_site_does_not_choose_where_to_go_back(client, practice, staff):
    client.force_login(staff)
    last_activity(client, 16 * MINUTE)
    headers = {**HOURS_POLL, "HX-Current-URL": "https://evil.example.com/staff/"}
    assert client.get("/hours/status/", headers=headers)["HX-Redirect"] == "/accounts/login/"


def test_an_expired_post_is_sent_to_sign_in_without_repeating_the_post(client, practice, staff):
    client.force_login(staff)
    last_activity(client, 16 * MINUTE)
    response = client.post("/staff/requests/", {})
    assert response["Location"] == "/accounts/login/"
    assert not signed_in(client)


def test_an_expired_api_call_gets_the_apis_own_anonymous_answer(client, practice, clinician):
    anonymous = Client().get("/api/v1/clinic/roster")
    client.force_login(clinician)
    last_activity(client, 16 * MINUTE)
    response = client.get("/api/v1/clinic/roster")
    assert (response.status_code, response.get("Location")) == (anonymous.status_code, anonymous.get("Location"))
    assert not signed_in(client)


def test_the_staff_limit_comes_from_the_setting(client, practice, staff, settings):
    settings.STAFF_IDLE_MINUTES = 5
    client.force_login(staff)
    last_activity(client, 6 * MINUTE)
    client.get("/staff/")
    assert not signed_in(client)


def test_a_session_just_signed_in_starts_its_clock_at_the_first_request(client, practice, staff):
    client.force_login(staff)
    assert ACTIVITY_KEY not in client.session
    client.get("/staff/")
    assert time.time() - client.session[ACTIVITY_KEY] < 5


def test_a_patient_idle_for_days_within_the_limit_stays_signed_in(client, practice, patient):
    client.force_login(patient)
    last_activity(client, 13 * DAY)
    assert client.get("/me/").status_code == 200
    assert signed_in(client)


def test_a_patient_idle_past_the_limit_is_signed_out(client, practice, patient):
    client.force_login(patient)
    last_activity(client, 15 * DAY)
    response = client.get("/me/")
    assert response["Location"] == "/accounts/login/?next=/me/"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out after 14 days without activity." in page


def test_the_patient_limit_comes_from_the_setting(client, practice, patient, settings):
    settings.PATIENT_SESSION_DAYS = 2
    client.force_login(patient)
    last_activity(client, 3 * DAY)
    client.get("/me/")
    assert not signed_in(client)


def test_a_patients_activity_is_written_at_most_hourly(client, practice, patient):
    client.force_login(patient)
    recent = last_activity(client, 30 * MINUTE)
    client.get("/me/")
    assert client.session[ACTIVITY_KEY] == recent
    older = last_activity(client, 2 * 60 * MINUTE)
    response = client.get("/me/")
    assert client.session[ACTIVITY_KEY] > older
    assert abs(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] - 14 * DAY) < 5


def test_the_import_progress_poll_does_not_count_for_a_patient(client, practice, patient):
    client.force_login(patient)
    before = last_activity(client, 2 * 60 * MINUTE)
    client.get("/runs/import/999999/", headers={"HX-Request": "true", "HX-Trigger": "import-progress"})
    assert client.session[ACTIVITY_KEY] == before


def test_the_poll_marker_needs_both_htmx_headers(rf):
    assert is_background_poll(rf.get("/", headers={"HX-Request": "true", "HX-Trigger": "hours-status"}))
    assert not is_background_poll(rf.get("/", headers={"HX-Trigger": "hours-status"}))
    assert not is_background_poll(rf.get("/", headers={"HX-Request": "true", "HX-Trigger": "some-button"}))
    assert not is_background_poll(rf.get("/", headers={"HX-Request": "true"}))


def test_every_polling_element_in_the_templates_is_a_known_background_poll():
    """htmx names the element in HX-Trigger: a poll without a listed id would keep sessions alive."""
    root = Path(settings.BASE_DIR)
    templates = [p for p in root.glob("*/templates/**/*.html") if ".venv" not in p.parts]
    found = {}
    for path in templates:
        for tag in re.findall(r"<[a-z][^>]*\bhx-trigger=\"[^\"]*\bevery\b[^>]*>", path.read_text(), re.S):
            ident = re.search(r'\bid="([^"]+)"', tag)
            assert ident, f"{path}: a polling element without an id: {tag[:80]}"
            found[ident.group(1)] = path
    assert set(found) == POLL_TRIGGERS, found


@pytest.mark.parametrize("name", ["STAFF_IDLE_MINUTES", "PATIENT_SESSION_DAYS"])
def test_a_limit_below_one_is_refused_at_start_up(name):
    env = {**os.environ, name: "0", "DJANGO_SETTINGS_MODULE": "kneecap.settings"}
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert f"{name} must be 1 or more, not 0" in result.stderr
