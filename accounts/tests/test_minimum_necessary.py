"""The minimum-necessary policy: every door declares its capability, each role reaches only what it needs,
and emergency access is explicit, time-limited, audited and shown to the care team and the patient."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.access import ROLE_CAPABILITIES, Capability, capabilities_of
from accounts.models import AuditEvent, CareTeam, EmergencyAccess, Role
from chart.models import Diagnosis, Visit

pytestmark = pytest.mark.django_db

#: Third-party views the project does not write: allauth's sign-in pages, the Django admin (only
#: administrators reach it, behind the same two-factor middleware) and Django Ninja's own routes.
FOREIGN_MODULES = ("allauth.", "django.contrib.admin", "django.contrib.contenttypes", "django.views.generic", "ninja.")


def url_views(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def api_operations():
    from kneecap.api import api

    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                yield f"{','.join(operation.methods)} {path}", operation.view_func


def test_every_page_declares_the_capability_it_needs():
    missing = []
    for path, view in url_views():
        module = getattr(view, "__module__", "") or ""
        if module.startswith(FOREIGN_MODULES) or path.startswith(("api/v1/", "admin/")):
            continue
        if capabilities_of(view) is None:
            missing.append(f"{path} ({module}.{getattr(view, '__name__', view)})")
    assert missing == []


def test_every_api_operation_declares_the_capability_it_needs():
    operations = list(api_operations())
    assert len(operations) >= 17
    assert [name for name, view in operations if capabilities_of(view) is None] == []


def test_the_role_table_in_the_security_doc_is_the_policy():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text()
    table = text.split("<!-- role-table -->")[1].split("<!-- /role-table -->")[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    header = [cell.strip() for cell in table.splitlines()[1].strip("|").split("|")][1:]
    roles = {"patient": Role.PATIENT, "front desk": Role.STAFF, "clinician": Role.CLINICIAN, "admin": Role.ADMIN}
    assert [roles[h] for h in header] == [Role.PATIENT, Role.STAFF, Role.CLINICIAN, Role.ADMIN]
    seen = set()
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        capability = Capability(cells[0].strip("`"))
        seen.add(capability)
        for role, mark in zip(header, cells[1:], strict=True):
            assert (mark != "") == (capability in ROLE_CAPABILITIES[roles[role]]), (capability, role)
    assert seen == set(Capability) - {Capability.PUBLIC}


# ---- The front desk: demographics, appointments and requests, never clinical data ------------------


CLINICAL_DOORS = [
    ("get", "/clinic/"),
    ("get", "/api/v1/clinic/roster"),
    ("get", "/api/v1/patients/{pk}/load"),
    ("get", "/clinic/patients/{pk}/diagnoses/new/"),
    ("post", "/clinic/patients/{pk}/diagnoses/new/"),
    ("post", "/clinic/patients/{pk}/review/"),
    ("post", "/clinic/patients/{pk}/plan/"),
]


@pytest.mark.parametrize(("method", "door"), CLINICAL_DOORS)
def test_the_front_desk_gets_404_on_every_clinical_door(client, practice, staff, patient, method, door):
    client.force_login(staff)
    response = getattr(client, method)(door.format(pk=patient.pk))
    assert response.status_code == 404


def test_a_refused_write_is_logged_as_refused_never_as_viewed(client, practice, staff, patient):
    client.force_login(staff)
    client.post(f"/clinic/patients/{patient.pk}/diagnoses/new/", {"kind": "runners_knee", "side": "left"})
    assert not AuditEvent.objects.filter(action="chart.viewed").exists()
    refused = AuditEvent.objects.get(action="access.denied", actor=staff)
    assert refused.patient == patient
    assert refused.changes["method"] == "POST"
    assert Diagnosis.objects.count() == 0


def test_the_front_desk_still_books_for_any_patient(client, practice, staff, patient, other_patient):
    client.force_login(staff)
    for person in (patient, other_patient):
        assert client.get(f"/clinic/patients/{person.pk}/book/").status_code == 200


@pytest.mark.parametrize("who", ["patient", "other_patient"])
def test_patients_reach_no_practice_door(client, request, practice, patient, who):
    client.force_login(request.getfixturevalue(who))
    for door in ("/clinic/", "/staff/requests/", "/clinic/appointments/", f"/clinic/patients/{patient.pk}/book/"):
        assert client.get(door).status_code == 404, door


# ---- Emergency access --------------------------------------------------------------------------------

EMERGENCY = "/clinic/emergency-access/"


def open_emergency(client, patient, reason="Seen in the emergency room tonight, needs the history"):
    return client.post(EMERGENCY, {"patient": patient.email, "reason": reason})


def test_a_clinician_outside_the_care_team_gets_404_until_emergency_access(
    client, practice, clinician, outside_clinician, patient
):
    Visit.objects.create(patient=patient, clinician=clinician, note="Pain on stairs")
    client.force_login(outside_clinician)
    chart = f"/clinic/patients/{patient.pk}/"
    assert client.get(chart).status_code == 404
    response = open_emergency(client, patient)
    assert response["Location"] == chart
    page = client.get(chart)
    assert page.status_code == 200
    assert "Pain on stairs" in page.content.decode()
    assert 'id="emergency-banner"' in page.content.decode()
    grant = EmergencyAccess.objects.get()
    assert grant.actor == outside_clinician and grant.patient == patient
    assert grant.expires_at - grant.started_at == timedelta(hours=4)
    opened = AuditEvent.objects.get(action="record.emergency_access.opened")
    assert opened.changes["reason"].startswith("Seen in the emergency room")
    viewed = AuditEvent.objects.filter(action="chart.viewed", actor=outside_clinician).latest("at")
    assert viewed.changes == {"via": "emergency_access"}


def test_emergency_access_needs_a_reason_and_a_known_patient(client, practice, outside_clinician, patient):
    client.force_login(outside_clinician)
    short = open_emergency(client, patient, reason="need")
    assert short.status_code == 400
    assert "10 characters or more" in short.content.decode()
    unknown = client.post(EMERGENCY, {"patient": "nobody@example.org", "reason": "Emergency room, needs history"})
    assert unknown.status_code == 400
    assert "No patient has that email address." in unknown.content.decode()
    assert EmergencyAccess.objects.count() == 0


def test_emergency_access_ends_after_its_hours(client, practice, outside_clinician, patient, settings):
    settings.EMERGENCY_ACCESS_HOURS = 2
    client.force_login(outside_clinician)
    open_emergency(client, patient)
    grant = EmergencyAccess.objects.get()
    assert grant.expires_at - grant.started_at == timedelta(hours=2)
    EmergencyAccess.objects.filter(pk=grant.pk).update(
        started_at=timezone.now() - timedelta(hours=3), expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(f"/clinic/patients/{patient.pk}/").status_code == 404


def test_emergency_access_is_on_the_care_teams_roster_and_shown_to_the_patient(
    client, practice, clinician, outside_clinician, patient
):
    client.force_login(outside_clinician)
    open_emergency(client, patient)
    client.force_login(clinician)
    roster = client.get("/api/v1/clinic/roster").json()
    flags = next(row["flags"] for row in roster if row["patient_id"] == patient.pk)
    access = next(f for f in flags if f["code"] == "emergency_access")
    assert "Dr. Outside" in access["reason"] and "emergency room" in access["reason"]
    client.force_login(patient)
    page = client.get("/me/access/").content.decode()
    assert page.index('id="emergency-access"') < page.index('id="access-log"')
    assert "Dr. Outside" in page and "Seen in the emergency room tonight" in page


@pytest.mark.parametrize("who", ["staff", "patient"])
def test_the_front_desk_and_patients_cannot_open_emergency_access(client, request, practice, patient, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(EMERGENCY).status_code == 404
    assert open_emergency(client, patient).status_code == 404
    assert EmergencyAccess.objects.count() == 0


def test_emergency_access_asks_anonymous_visitors_to_sign_in(client, practice):
    assert client.get(EMERGENCY)["Location"].startswith("/accounts/login/")


# ---- The administrator: configuration, users and the audit trail ---------------------------------------


def test_an_administrator_reads_clinical_data_only_through_emergency_access(
    client, practice, clinician, admin_user, patient
):
    Visit.objects.create(patient=patient, clinician=clinician, note="Pain on stairs")
    client.force_login(admin_user)
    chart = f"/clinic/patients/{patient.pk}/"
    assert "Pain on stairs" not in client.get(chart).content.decode()
    assert client.get(f"/api/v1/patients/{patient.pk}/load").status_code == 404
    open_emergency(client, patient, reason="Checking a record the patient reported as wrong")
    assert "Pain on stairs" in client.get(chart).content.decode()
    # Reading, not writing: corrections to the clinical record are for clinicians.
    assert client.get(f"/clinic/patients/{patient.pk}/diagnoses/new/").status_code == 404


def test_the_admin_site_holds_no_clinical_models():
    from assessments.models import QuestionnaireResponse, SelfCheck
    from care.models import CarePlan, DiaryEntry
    from chart.models import Imaging, Medication, Procedure
    from training.models import Activity, ImportJob, Shoe

    registered = set(admin.site._registry)
    clinical = {SelfCheck, QuestionnaireResponse, DiaryEntry, CarePlan, Activity, Shoe, ImportJob, Visit, Diagnosis,
                Imaging, Procedure, Medication}  # fmt: skip
    assert registered & clinical == set()


def test_opening_a_patient_in_the_admin_is_audited(client, admin_user, patient):
    client.force_login(admin_user)
    assert client.get(f"/admin/accounts/user/{patient.pk}/change/").status_code == 200
    assert AuditEvent.objects.filter(action="admin.user.viewed", actor=admin_user, patient=patient).count() == 1


def test_a_care_team_change_is_audited_and_shown_to_the_patient(
    client, practice, admin_user, outside_clinician, patient
):
    client.force_login(admin_user)
    response = client.post(
        "/admin/accounts/careteam/add/",
        {"clinician": outside_clinician.pk, "patient": patient.pk, "since_0": "2026-12-01", "since_1": "09:00:00"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CareTeam.objects.filter(clinician=outside_clinician, patient=patient).exists()
    event = AuditEvent.objects.get(action="accounts.care_team.added")
    assert event.patient == patient and event.changes == {"clinician": "Dr. Outside"}
    team = CareTeam.objects.get(clinician=outside_clinician, patient=patient)
    assert client.get(f"/admin/accounts/careteam/{team.pk}/change/").status_code == 200
    assert AuditEvent.objects.filter(action="admin.care_team.viewed", patient=patient).count() == 1
    client.post(f"/admin/accounts/careteam/{team.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(action="accounts.care_team.removed", patient=patient).exists()
    client.force_login(patient)
    page = client.get("/me/access/").content.decode()
    assert "added Dr. Outside to your care team" in page
    assert "removed Dr. Outside from your care team" in page


# ---- /me/access/ groups repeated events ----------------------------------------------------------------


def test_repeated_identical_events_are_one_line_with_their_count(client, practice, staff, patient):
    for _ in range(14):
        AuditEvent.objects.create(actor=staff, patient=patient, action="chart.viewed")
    client.force_login(patient)
    response = client.get("/me/access/")
    rows = response.context["rows"]
    assert len(rows) == 1
    assert rows[0]["times"] == 14
    assert "opened your chart, 14 times" in response.content.decode()
    assert "front desk" in response.content.decode()


def test_the_access_page_pages_after_50_groups(client, practice, patient):
    from conftest import make_user

    for n in range(51):
        person = make_user(f"desk{n}@example.org", Role.STAFF, f"Desk {n}")
        AuditEvent.objects.create(actor=person, patient=patient, action="chart.viewed")
    client.force_login(patient)
    first = client.get("/me/access/")
    assert len(first.context["rows"]) == 50
    assert len(client.get("/me/access/?page=2").context["rows"]) == 1
