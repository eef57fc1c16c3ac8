from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEvent, CareTeam, Role
from accounts.testing import make_user
from chart.models import Review
from practice.models import Appointment

pytestmark = pytest.mark.django_db


def urgent_self_check(patient, at):
    from assessments.models import SelfCheck

    return SelfCheck.objects.create(patient=patient, answers={}, outcome="urgent", reasons=[], created_at=at)


def test_the_roster_lists_only_the_care_team_and_is_audited(client, practice, clinician, patient, other_patient):
    client.force_login(clinician)
    body = client.get("/clinic/").content.decode()
    assert patient.display_name in body
    assert other_patient.display_name not in body
    assert AuditEvent.objects.filter(action="chart.roster.viewed", actor=clinician).exists()


def test_a_red_flag_shows_with_its_reason_and_mark_reviewed_clears_it(client, practice, clinician, patient):
    urgent_self_check(patient, timezone.now() - timedelta(hours=2))
    client.force_login(clinician)
    assert "gave an urgent result" in client.get("/clinic/").content.decode()
    response = client.post(f"/clinic/patients/{patient.pk}/review/", {"next": "roster"})
    assert response["Location"] == "/clinic/"
    assert Review.objects.filter(patient=patient, reviewed_by=clinician).exists()
    assert "gave an urgent result" not in client.get("/clinic/").content.decode()
    urgent_self_check(patient, timezone.now() + timedelta(seconds=1))
    assert "gave an urgent result" in client.get("/clinic/").content.decode()


def test_the_roster_sorts_by_urgency_filters_and_searches(client, practice, clinician, patient):
    calm = make_user("calm@example.org", Role.PATIENT, "Aaron Calm")
    CareTeam.objects.create(clinician=clinician, patient=calm)
    urgent_self_check(patient, timezone.now())
    client.force_login(clinician)
    rows = client.get("/clinic/", {"sort": "urgency"}).context["rows"]
    assert [r.patient for r in rows] == [patient, calm]
    assert [r.patient for r in client.get("/clinic/", {"sort": "name"}).context["rows"]] == [calm, patient]
    assert [r.patient for r in client.get("/clinic/", {"flag": "red_flag"}).context["rows"]] == [patient]
    assert [r.patient for r in client.get("/clinic/", {"q": "calm"}).context["rows"]] == [calm]


def test_the_next_appointment_is_shown(client, practice, clinician, patient):
    start = timezone.now() + timedelta(days=3)
    Appointment.objects.create(patient=patient, clinician=clinician, start=start, end=start + timedelta(minutes=20))
    client.force_login(clinician)
    row = client.get("/clinic/").context["rows"][0]
    assert row.next_appointment == start


def test_the_roster_query_count_does_not_grow_with_patients(client, practice, clinician, django_assert_max_num_queries):
    for i in range(30):
        extra = make_user(f"p{i}@example.org", Role.PATIENT, f"Patient {i}")
        CareTeam.objects.create(clinician=clinician, patient=extra)
        start = timezone.now() + timedelta(days=1 + i)
        Appointment.objects.create(patient=extra, clinician=clinician, start=start, end=start + timedelta(minutes=20))
    client.force_login(clinician)
    with django_assert_max_num_queries(27):  # the session write, and one for emergency accesses
        assert client.get("/clinic/").status_code == 200


def test_a_patient_back_after_a_break_shows_with_the_days_off(client, practice, clinician, patient):
    from training.models import Activity

    last, back = timezone.now() - timedelta(days=48), timezone.now() - timedelta(days=2)
    for start, metres in ((last, 8000), (back, 5000)):
        Activity.objects.create(patient=patient, start=start, elapsed_s=1800, distance_m=metres)
    client.force_login(clinician)
    body = client.get("/clinic/", {"flag": "return_after_break"}).content.decode()
    assert 'class="flag flag-return_after_break">Back after a break</span>' in body
    # 45 whole days in between, or 44 or 46 when a daylight-saving change moves one start across midnight
    days = (back.astimezone(practice.tz).date() - last.astimezone(practice.tz).date()).days - 1
    assert (
        f"5.0 km run on {back.astimezone(practice.tz):%b} {back.astimezone(practice.tz).day} after {days} days" in body
    )


def test_the_roster_query_count_holds_with_returns_after_a_break(
    client, practice, clinician, django_assert_max_num_queries
):
    from training.models import Activity

    now = timezone.now()
    for i in range(30):
        extra = make_user(f"p{i}@example.org", Role.PATIENT, f"Patient {i}")
        CareTeam.objects.create(clinician=clinician, patient=extra)
        for days in (60 + i, 40 + i, 3, 1):
            Activity.objects.create(patient=extra, start=now - timedelta(days=days), elapsed_s=1800, distance_m=5000)
    client.force_login(clinician)
    with django_assert_max_num_queries(27):  # the session write, and one for emergency accesses
        rows = client.get("/clinic/").context["rows"]
    assert sum("return_after_break" in [f.code for f in r.flags] for r in rows) == 30


@pytest.mark.parametrize("who", ["patient", "other_patient", "staff"])
def test_patients_and_front_desk_have_no_roster(client, request, practice, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/clinic/").status_code == 404


def test_outside_clinician_sees_an_empty_roster(client, practice, outside_clinician, patient):
    client.force_login(outside_clinician)
    response = client.get("/clinic/")
    assert response.context["rows"] == []


def test_outside_clinician_cannot_mark_a_patient_reviewed(client, practice, outside_clinician, patient):
    client.force_login(outside_clinician)
    assert client.post(f"/clinic/patients/{patient.pk}/review/").status_code == 404
    assert not Review.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, practice):
    assert client.get("/clinic/")["Location"].startswith("/accounts/login/")


def test_a_clinician_without_patients_is_told_so_rather_than_that_nothing_matches(client, practice, outside_clinician):
    client.force_login(outside_clinician)
    body = client.get("/clinic/").content.decode()
    assert "No patients in your care team yet." in body
    assert "No patients match" in client.get("/clinic/?q=zzz").content.decode()


def test_the_next_appointment_day_is_written_without_a_leading_zero(client, practice, clinician, patient):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(practice.timezone)
    fifth = (timezone.localdate().replace(day=1) + timedelta(days=40)).replace(day=5)
    start = datetime.combine(fifth, time(10), tzinfo=tz)
    local = start
    Appointment.objects.create(patient=patient, clinician=clinician, start=start, end=start + timedelta(minutes=20))
    client.force_login(clinician)
    body = client.get("/clinic/").content.decode()
    assert f"{local:%a %b} {local.day}, " in body


def test_an_administrator_sees_only_the_patients_opened_with_emergency_access(
    client, practice, admin_user, patient, other_patient
):
    from accounts.models import EmergencyAccess

    client.force_login(admin_user)
    body = client.get("/clinic/").content.decode()
    assert "<h1>Patients opened with emergency access</h1>" in body
    assert patient.display_name not in body
    now = timezone.now()
    EmergencyAccess.objects.create(
        actor=admin_user, patient=patient, reason="Checking a reported error", expires_at=now + timedelta(hours=4)
    )
    body = client.get("/clinic/").content.decode()
    assert patient.display_name in body
    assert other_patient.display_name not in body


def test_the_roster_shows_each_patients_light_as_they_see_it(client, practice, clinician, patient):
    from care.models import DiaryEntry

    calm = make_user("calm@example.org", Role.PATIENT, "Aaron Calm")
    CareTeam.objects.create(clinician=clinician, patient=calm)
    today = timezone.localdate()
    DiaryEntry.objects.create(patient=patient, date=today, side="left", pain_now=2, pain_worst=9)
    DiaryEntry.objects.create(patient=patient, date=today, side="right", pain_now=0)
    DiaryEntry.objects.create(patient=calm, date=today, side="both", pain_now=1)
    client.force_login(clinician)
    body = client.get("/clinic/").content.decode()
    assert '<span class="light-badge light-badge-red" data-colour="red">red</span> Left knee' in body
    assert "Left knee: Your highest pain today was 9/10 (worst pain), above 5." in body
    assert '<span class="light-badge light-badge-green" data-colour="green">green</span> Both knees' in body


def test_the_roster_shows_an_emergency_sign_as_an_emergency(client, practice, clinician, patient):
    from care.models import DiaryEntry

    DiaryEntry.objects.create(
        patient=patient, date=timezone.localdate(), side="right", pain_now=0, hot_red_swollen_fever=True
    )
    client.force_login(clinician)
    body = client.get("/clinic/").content.decode()
    assert 'data-colour="red">emergency</span> Right knee' in body
    assert "reports an emergency warning sign: hot red swollen fever" in body


def test_the_roster_never_shows_another_teams_patients_light(client, practice, clinician, other_patient):
    from care.models import DiaryEntry

    DiaryEntry.objects.create(patient=other_patient, date=timezone.localdate(), side="left", pain_now=9)
    client.force_login(clinician)
    body = client.get("/clinic/").content.decode()
    assert "9/10" not in body and other_patient.display_name not in body


def test_the_page_and_the_api_audit_the_roster_with_the_same_fields(client, practice, clinician, patient):
    client.force_login(clinician)
    client.get("/clinic/?q=nobody&flag=red_flag&sort=name")
    client.get("/api/v1/clinic/roster")
    page, api = AuditEvent.objects.filter(action="chart.roster.viewed").order_by("pk")
    assert page.changes == {"patients": 0, "flag": "red_flag", "q": "nobody", "via": "page"}
    assert api.changes == {"patients": 1, "flag": "", "q": "", "via": "api"}


def test_for_viewer_is_the_roster_the_viewer_may_see(practice, clinician, patient, other_patient):
    from accounts.audit import Actor
    from chart import roster

    CareTeam.objects.create(clinician=clinician, patient=other_patient)
    urgent_self_check(other_patient, timezone.now() - timedelta(days=1))
    rows = roster.for_viewer(Actor(clinician, "203.0.113.7"))
    assert [r.patient for r in rows] == [other_patient, patient]  # the flagged one first
    assert [r.patient for r in roster.for_viewer(Actor(clinician), order="name")] == sorted(
        [patient, other_patient], key=lambda p: p.display_name.lower()
    )
    assert [r.patient for r in roster.for_viewer(Actor(clinician), flag="red_flag")] == [other_patient]
    assert [r.patient for r in roster.for_viewer(Actor(clinician), query=patient.email)] == [patient]
    assert AuditEvent.objects.filter(action="chart.roster.viewed", ip="203.0.113.7", actor=clinician).count() == 1


def test_for_viewer_shows_the_system_and_the_front_desk_no_patient(practice, staff, patient):
    from accounts.audit import Actor
    from chart import roster

    assert roster.for_viewer(Actor.system()) == []
    assert roster.for_viewer(Actor(staff)) == []
