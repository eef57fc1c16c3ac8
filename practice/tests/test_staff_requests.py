from __future__ import annotations

import pytest

from accounts.models import AuditEvent
from practice.models import ContactRequest, RequestStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_row(practice):
    return ContactRequest.objects.create(
        submission_token="t" * 20, name="Rita Runner", email="rita@example.org", reason="runners_knee"
    )


def test_staff_sees_the_queue_and_filters_it(client, staff, request_row):
    client.force_login(staff)
    assert request_row.reference in client.get("/staff/requests/").content.decode()
    assert request_row.reference not in client.get("/staff/requests/", {"status": "closed"}).content.decode()
    assert request_row.reference in client.get("/staff/requests/", {"q": "rita"}).content.decode()


def test_staff_moves_a_request_through_the_statuses_and_it_is_audited(client, staff, request_row):
    client.force_login(staff)
    for status in ("contacted", "booked", "closed"):
        response = client.post(f"/staff/requests/{request_row.pk}/status/", {"status": status})
        assert response.status_code == 302
        request_row.refresh_from_db()
        assert request_row.status == status
    assert AuditEvent.objects.filter(action="practice.request.status_changed").count() == 3


def test_htmx_status_change_returns_the_row(client, staff, request_row):
    client.force_login(staff)
    response = client.post(f"/staff/requests/{request_row.pk}/status/", {"status": "contacted"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="request-{request_row.pk}"' in response.content.decode()


def test_an_unknown_status_changes_nothing(client, staff, request_row):
    client.force_login(staff)
    client.post(f"/staff/requests/{request_row.pk}/status/", {"status": "lost"})
    request_row.refresh_from_db()
    assert request_row.status == RequestStatus.NEW


@pytest.mark.parametrize("who", ["patient", "other_patient"])
def test_patients_cannot_see_or_change_the_queue(client, request, who, request_row):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/staff/requests/").status_code == 404
    assert client.post(f"/staff/requests/{request_row.pk}/status/", {"status": "closed"}).status_code == 404
    request_row.refresh_from_db()
    assert request_row.status == RequestStatus.NEW


def test_anonymous_is_sent_to_sign_in(client, request_row):
    assert client.get("/staff/requests/")["Location"].startswith("/accounts/login/")
    client.post(f"/staff/requests/{request_row.pk}/status/", {"status": "closed"})
    request_row.refresh_from_db()
    assert request_row.status == RequestStatus.NEW


def test_staff_home_counts_the_work(client, staff, request_row):
    client.force_login(staff)
    response = client.get("/staff/")
    assert response.context["counts"]["new"] == 1


def test_an_htmx_status_change_leaves_no_message_for_the_next_page(client, staff, request_row):
    client.force_login(staff)
    client.post(f"/staff/requests/{request_row.pk}/status/", {"status": "contacted"}, HTTP_HX_REQUEST="true")
    body = client.get("/staff/").content.decode()
    assert "is now contacted" not in body


def test_a_short_message_is_shown_once_and_a_long_one_folds_open(client, staff, request_row):
    request_row.message = "Knee hurts on downhill runs"
    request_row.save()
    client.force_login(staff)
    assert client.get("/staff/requests/").content.decode().count("Knee hurts on downhill runs") == 1
    request_row.message = "Knee hurts on downhill runs. " * 5
    request_row.save()
    assert "<details><summary>" in client.get("/staff/requests/").content.decode()


def test_the_staff_tables_load_the_stylesheet_that_keeps_them_inside_a_phone_screen(client, staff, request_row):
    client.force_login(staff)
    assert "practice/staff.css" in client.get("/staff/requests/").content.decode()
    assert "practice/staff.css" in client.get("/clinic/appointments/").content.decode()
