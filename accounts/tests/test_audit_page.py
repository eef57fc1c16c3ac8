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


def test_the_administrator_sees_every_entry_and_the_reading_is_itself_recorded(client, admin_user, events):
    client.force_login(admin_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["page"]) == 3
    assert AuditEvent.objects.filter(action="accounts.audit.viewed", actor=admin_user).count() == 1


def test_filters_narrow_the_list(client, admin_user, events, patient):
    client.force_login(admin_user)
    assert len(client.get(URL, {"patient": "pat@"}).context["page"]) == 2
    assert len(client.get(URL, {"action": "practice."}).context["page"]) == 1
    assert len(client.get(URL, {"actor": "doc@"}).context["page"]) == 1
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    recent = [e for e in client.get(URL, {"since": since}).context["page"] if e.action != "accounts.audit.viewed"]
    assert len(recent) == 2


def test_end_date_before_start_date_is_explained(client, admin_user, events):
    client.force_login(admin_user)
    response = client.get(URL, {"since": "2026-05-02", "until": "2026-05-01"})
    assert "The end date is before the start date." in response.content.decode()


@pytest.mark.parametrize("who", ["patient", "clinician", "staff"])
def test_patients_clinicians_and_the_front_desk_get_404(client, request, who):
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


def test_the_filter_labels_have_no_colon_like_the_other_filter_bars(client, admin_user, events):
    client.force_login(admin_user)
    body = client.get(URL).content.decode()
    assert '<label for="id_actor">Who</label>' in body


def test_the_audit_page_names_the_fields_but_never_shows_clinical_values(client, admin_user, staff, patient):
    AuditEvent.objects.create(
        actor=staff, patient=patient, action="assessments.self_check.created", changes={"outcome": "emergency"}
    )
    AuditEvent.objects.create(
        actor=staff, patient=patient, action="chart.diagnosis.created", changes={"code": "M22.2X1"}
    )
    AuditEvent.objects.create(actor=staff, patient=patient, action="care.diary.created", changes={"pain_now": 9})
    client.force_login(admin_user)
    html = client.get(URL).content.decode()
    for field in ("outcome", "code", "pain_now"):
        assert f"<code>{field}</code>" in html
    table = html.split('id="audit"')[1].split("</table>")[0]
    for value in ("emergency", "M22.2X1", ">9<"):
        assert value not in table
