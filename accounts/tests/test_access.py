from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.http import Http404
from django.test import RequestFactory

from accounts.access import Capability, MFARequired, can_access, has_mfa, patient_for, visible_patients
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def request_as(user, totp_step=True):
    """A request from USER's session; a practice role's session has passed TOTP unless TOTP_STEP is False."""
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    if user is not None and totp_step and user.works_at_practice and has_mfa(user):
        request.session["account_authentication_methods"] = [{"method": "password"}, {"method": "mfa"}]
        request.session["account_authentication_methods_user"] = str(user.pk)
    return request


def test_patient_sees_own_record_without_audit(patient):
    assert patient_for(request_as(patient), patient.pk) == patient
    assert AuditEvent.objects.count() == 0


def test_patient_cannot_see_another_patient(patient, other_patient):
    with pytest.raises(Http404):
        patient_for(request_as(patient), other_patient.pk)


def test_anonymous_gets_404(patient):
    with pytest.raises(Http404):
        patient_for(request_as(None), patient.pk)


def test_clinician_of_care_team_sees_patient_and_it_is_audited(clinician, patient):
    assert patient_for(request_as(clinician), patient.pk, action="chart.viewed") == patient
    event = AuditEvent.objects.get()
    assert (event.actor, event.patient, event.action, event.ip) == (clinician, patient, "chart.viewed", "10.1.2.3")


def test_clinician_outside_care_team_gets_404_and_the_attempt_is_audited(outside_clinician, patient):
    with pytest.raises(Http404):
        patient_for(request_as(outside_clinician), patient.pk, action="chart.viewed")
    event = AuditEvent.objects.get()
    assert event.action == "access.denied"
    assert event.changes["attempted"] == "chart.viewed"
    assert event.changes["capability"] == "record.clinical"


def test_staff_reads_any_patients_demographics_and_each_read_is_audited(staff, patient, other_patient):
    patient_for(request_as(staff), patient.pk, capability=Capability.RECORD_DEMOGRAPHICS)
    patient_for(request_as(staff), other_patient.pk, capability=Capability.RECORD_DEMOGRAPHICS)
    assert list(AuditEvent.objects.order_by("id").values_list("patient__email", flat=True)) == [
        patient.email,
        other_patient.email,
    ]


def test_practice_role_without_totp_is_stopped_before_any_patient(staff_without_mfa, patient):
    with pytest.raises(MFARequired):
        patient_for(request_as(staff_without_mfa), patient.pk)
    assert visible_patients(staff_without_mfa).count() == 0


def test_unknown_or_non_patient_ids_are_404(staff, clinician):
    for pk in (999999, "abc", clinician.pk):
        with pytest.raises(Http404):
            patient_for(request_as(staff), pk, capability=Capability.RECORD_DEMOGRAPHICS)


def test_visible_patients_follows_the_policy(patient, other_patient, clinician, outside_clinician, staff):
    assert list(visible_patients(patient)) == [patient]
    assert list(visible_patients(clinician)) == [patient]
    assert list(visible_patients(outside_clinician)) == []
    assert set(visible_patients(staff, Capability.RECORD_DEMOGRAPHICS)) == {patient, other_patient}
    assert list(visible_patients(staff)) == [], "the front desk sees no clinical record"
    assert list(visible_patients(AnonymousUser())) == []


@pytest.mark.parametrize("capability", list(Capability))
def test_can_access_agrees_with_visible_patients(
    patient, other_patient, clinician, outside_clinician, staff, admin_user, capability
):
    for user in (patient, other_patient, clinician, outside_clinician, staff, admin_user):
        visible = set(visible_patients(user, capability))
        for target in (patient, other_patient):
            assert can_access(user, target, capability) == (target in visible), (user, target, capability)


@pytest.mark.parametrize("who", ["clinician", "staff", "admin_user"])
def test_a_session_that_signed_in_by_password_alone_reaches_no_patient(request, who, patient):
    user = request.getfixturevalue(who)
    with pytest.raises(MFARequired) as raised:
        patient_for(request_as(user, totp_step=False), patient.pk)
    assert raised.value.enrolled
    assert AuditEvent.objects.count() == 0


def test_another_persons_totp_step_in_the_session_does_not_count(clinician, staff, patient):
    req = request_as(clinician, totp_step=False)
    req.session["account_authentication_methods"] = [{"method": "password"}, {"method": "mfa"}]
    req.session["account_authentication_methods_user"] = str(staff.pk)
    with pytest.raises(MFARequired):
        patient_for(req, patient.pk)
