from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/staff/audit/"


@pytest.fixture
def events(staff, clinician, patient, other_patient):
    AuditEvent.objects.create(actor=clinician, patient=patient, action="chart.viewed")
    AuditEvent.objects.create(actor=staff, patient=other_patient, action="practice.request.status_changed")
    AuditEvent.objects.create(
        actor=staff, patient=patient, action="chart.viewed", at=timezone.now() - timedelta(days=40)
    )


def test_staff_sees_every_entry(client, staff, events):
    client.force_login(staff)
    response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["page"]) == 3


def test_filters_narrow_the_list(client, staff, events, patient):
    client.force_login(staff)
    assert len(client.get(URL, {"patient": "pat@"}).context["page"]) == 2
    assert len(client.get(URL, {"action": "practice."}).context["page"]) == 1
    assert len(client.get(URL, {"actor": "doc@"}).context["page"]) == 1
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert len(client.get(URL, {"since": since}).context["page"]) == 2


def test_end_date_before_start_date_is_explained(client, staff, events):
    client.force_login(staff)
    response = client.get(URL, {"since": "2026-05-02", "until": "2026-05-01"})
    assert "The end date is before the start date." in response.content.decode()


@pytest.mark.parametrize("who", ["patient", "clinician"])
def test_patients_and_clinicians_get_404(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_without_totp_is_sent_to_enrol(client, staff_without_mfa):
    client.force_login(staff_without_mfa)
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_the_filter_labels_have_no_colon_like_the_other_filter_bars(client, staff, events):
    client.force_login(staff)
    body = client.get(URL).content.decode()
    assert '<label for="id_actor">Who</label>' in body


def test_the_audit_page_shows_what_changed(client, staff, patient):
    AuditEvent.objects.create(
        actor=staff, patient=patient, action="practice.request.status_changed", changes={"status": ["new", "booked"]}
    )
    AuditEvent.objects.create(actor=staff, patient=patient, action="care.plan.started", changes={"step": 2})
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "<code>status</code>: new \u2192 booked" in html
    assert "<code>step</code>: 2" in html


def test_describe_changes_reads_pairs_as_before_and_after():
    from accounts.views import describe_changes

    assert describe_changes({"a": [None, "x"], "b": 3, "c": ["one", "two", "three"]}) == [
        ("a", "(empty) \u2192 x"),
        ("b", "3"),
        ("c", "['one', 'two', 'three']"),
    ]
