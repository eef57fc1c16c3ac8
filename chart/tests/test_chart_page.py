from __future__ import annotations

from datetime import date

import pytest

from accounts.models import AuditEvent
from chart import codes
from chart.models import Diagnosis, Medication, Procedure, Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(patient):
    return f"/clinic/patients/{patient.pk}/"


def test_the_care_team_clinician_sees_the_chart_and_the_view_is_audited(client, practice, clinician, patient, url):
    Visit.objects.create(patient=patient, clinician=clinician, squat_pain="positive", note="Pain on stairs")
    Diagnosis.objects.create(patient=patient, side="left", recorded_by=clinician)
    client.force_login(clinician)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "M22.2X2" in body and "430725003" in body
    assert "Squat reproduces pain" in body
    assert AuditEvent.objects.filter(action="chart.viewed", actor=clinician, patient=patient).count() == 1


def test_the_chart_runs_a_bounded_number_of_queries(
    client, practice, clinician, patient, url, django_assert_max_num_queries
):
    for _ in range(5):
        Visit.objects.create(patient=patient, clinician=clinician)
    client.force_login(clinician)
    with django_assert_max_num_queries(51):  # one is the session recording this request as activity
        assert client.get(url).status_code == 200


def test_a_clinician_outside_the_care_team_gets_404_and_the_attempt_is_audited(
    client, practice, outside_clinician, patient, url
):
    client.force_login(outside_clinician)
    assert client.get(url).status_code == 404
    denied = AuditEvent.objects.get(action="access.denied", actor=outside_clinician)
    assert denied.patient == patient
    assert denied.changes["attempted"] == "chart.viewed"


def test_the_front_desk_sees_only_the_front_desk_view_and_that_is_audited(
    client, practice, clinician, staff, patient, url
):
    Visit.objects.create(patient=patient, clinician=clinician, squat_pain="positive", note="Pain on stairs")
    Diagnosis.objects.create(patient=patient, side="left", recorded_by=clinician)
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert patient.email in body and 'id="appointments"' in body
    for clinical in ("M22.2X2", "Squat reproduces pain", "Pain on stairs", "Needs attention", "Timeline", "NSAID"):
        assert clinical not in body
    assert AuditEvent.objects.filter(action="chart.viewed", actor=staff, patient=patient).exists()


@pytest.mark.parametrize("who", ["patient", "other_patient"])
def test_patients_never_open_the_clinic_chart(client, request, practice, patient, url, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, practice, url):
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_an_unknown_patient_is_404(client, practice, clinician):
    client.force_login(clinician)
    assert client.get("/clinic/patients/999999/").status_code == 404


def test_staff_without_totp_is_sent_to_enrol(client, practice, staff_without_mfa, url):
    client.force_login(staff_without_mfa)
    assert "/accounts/2fa/" in client.get(url)["Location"]


def test_staff_reading_the_chart_get_a_link_they_can_open_instead_of_the_clinicians_roster(
    client, practice, staff, patient, url
):
    client.force_login(staff)
    body = client.get(url).content.decode()
    assert 'href="/clinic/"' not in body
    assert 'href="/clinic/appointments/"' in body


def test_the_clinician_can_update_procedures_and_nsaid_statements_from_the_chart(
    client, practice, clinician, patient, url
):
    Diagnosis.objects.create(patient=patient, side="right", recorded_by=clinician)
    procedure = Procedure.objects.create(
        patient=patient, clinician=clinician, kind="referral", side="right", status="planned", date=date.today()
    )
    medication = Medication.objects.create(
        patient=patient, recorded_by=clinician, drug="naproxen", started_on=date.today(), cautions={}
    )
    client.force_login(clinician)
    body = client.get(url).content.decode()
    assert f"/clinic/patients/{patient.pk}/procedures/{procedure.pk}/" in body
    assert f"/clinic/patients/{patient.pk}/medications/{medication.pk}/" in body


def test_an_administrator_sees_the_front_desk_view_with_emergency_access_offered(
    client, practice, admin_user, patient, url
):
    client.force_login(admin_user)
    body = client.get(url).content.decode()
    assert 'href="/clinic/"' in body
    assert "/clinic/emergency-access/?patient=" in body
    assert "Needs attention" not in body


def test_the_front_desk_can_book_a_follow_up_from_the_chart_but_not_write_to_it(client, practice, staff, patient, url):
    client.force_login(staff)
    body = client.get(url).content.decode()
    assert f"/clinic/patients/{patient.pk}/book/" in body
    assert f"/clinic/patients/{patient.pk}/visits/new/" not in body


def test_the_chart_lists_caution_items_not_asked_when_the_statement_was_recorded(
    client, practice, clinician, patient, url
):
    Medication.objects.create(
        patient=patient, recorded_by=clinician, drug="ibuprofen", started_on=date.today(),
        cautions={"stomach": False, "kidney_liver": False, "heart_bp": False, "blood_thinners": False,
                  "aspirin_asthma": False, "pregnancy": False, "over_65": True, "under_18": False,
                  "nsaid_reaction": None, "asthma": None, "ibd": None, "stroke": None, "interacting": None,
                  "breastfeeding_conceiving": None, "long_runs": None},
    )  # fmt: skip
    client.force_login(clinician)
    row = client.get(url).content.decode().split('id="medications"')[1].split("</table>")[0]
    assert '<span class="tag">Aged over 65</span>' in row
    not_asked = row.split("Not asked at the time:")[1].split("</p>")[0]
    for label in ("Previous hypersensitivity to aspirin or another NSAID", "Asthma;", "Inflammatory bowel disease",
                  "Previous stroke or TIA", "Other interacting medicines", "Breastfeeding or trying to conceive",
                  "Runs long distances or races"):  # fmt: skip
        assert label in not_asked
    # Items answered no are neither listed as yes nor as not asked.
    assert "Pregnant" not in row and "Peptic ulcer" not in row


def test_a_fully_answered_statement_has_no_not_asked_line(client, practice, clinician, patient, url):
    Medication.objects.create(
        patient=patient, recorded_by=clinician, drug="naproxen", started_on=date.today(),
        cautions={key: False for key, _label in codes.NSAID_CAUTIONS},
    )  # fmt: skip
    client.force_login(clinician)
    row = client.get(url).content.decode().split('id="medications"')[1].split("</table>")[0]
    assert "Not asked at the time" not in row and "<td>None" in row


def test_the_chart_shows_the_same_light_and_reasons_as_the_patient_sees(client, practice, clinician, patient, url):
    from django.utils import timezone

    from care import services
    from care.models import DiaryEntry

    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="left", pain_now=0, morning_stiffness=7)
    client.force_login(clinician)
    response = client.get(url)
    light = response.context["light"]
    assert light == services.traffic_light(patient, timezone.localdate())
    body = response.content.decode()
    assert 'data-colour="red">red</span> Left knee.' in body
    assert "<li>Left knee: Morning stiffness was 7/10, above 5.</li>" in body


def test_an_outside_clinician_never_sees_the_light(client, practice, outside_clinician, patient, url):
    from django.utils import timezone

    from care.models import DiaryEntry

    DiaryEntry.objects.create(patient=patient, date=timezone.localdate(), side="left", pain_now=9)
    client.force_login(outside_clinician)
    response = client.get(url)
    assert response.status_code == 404 and b"9/10" not in response.content
