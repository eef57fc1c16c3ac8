"""Preferences: default surface and the cadence target (5 to 10% over the preferred cadence)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from training.models import TrainingProfile

URL = reverse("training:preferences")


def test_setting_a_cadence_target_records_the_preferred_cadence(client, patient, runs):
    client.force_login(patient)
    response = client.post(URL, {"default_surface": "road", "cadence_target_pct": "7.5"})
    assert response.status_code == 302
    profile = TrainingProfile.objects.get(patient=patient)
    assert profile.cadence_target_pct == 7.5
    assert profile.cadence_baseline_spm == 164
    assert profile.cadence_target_set_by == patient


def test_a_target_outside_5_to_10_percent_is_refused(client, patient):
    client.force_login(patient)
    response = client.post(URL, {"cadence_target_pct": "20"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert TrainingProfile.objects.get(patient=patient).cadence_target_pct is None


@pytest.mark.parametrize("who", ["outside_clinician", "staff"])
def test_practice_roles_get_404(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/?next=")


def test_other_patient_edits_only_their_own(client, patient, other_patient):
    client.force_login(other_patient)
    client.post(URL, {"default_surface": "trail"})
    assert not TrainingProfile.objects.filter(patient=patient).exists()


def test_the_page_shows_who_set_the_target(client, patient, clinician, django_assert_max_num_queries):
    TrainingProfile.objects.create(
        patient=patient, cadence_target_pct=6, cadence_baseline_spm=160, cadence_target_set_by=clinician
    )
    client.force_login(patient)
    with django_assert_max_num_queries(8):
        body = client.get(URL).content.decode()
    assert "set by Dr. Care" in body


def test_a_cadence_target_out_of_range_is_explained_in_plain_words(client, patient):
    client.force_login(patient)
    response = client.post(reverse("training:preferences"), {"default_surface": "", "cadence_target_pct": "500"})
    body = response.content.decode()
    assert "Choose a target from 5 to 10% above your preferred cadence" in body
    assert "Ensure this value" not in body


def test_a_new_target_is_audited_as_the_api_audits_it(client, patient, runs):
    client.force_login(patient)
    client.post(URL, {"default_surface": "", "cadence_target_pct": "7.5"})
    event = AuditEvent.objects.get(action="training.cadence_target.set")
    assert (event.actor, event.patient, event.changes) == (patient, patient, {"target_pct": 7.5})
    assert not AuditEvent.objects.filter(action="training.profile.updated").exists()


def test_changing_the_target_keeps_the_preferred_cadence_it_started_from(client, patient, clinician, runs):
    TrainingProfile.objects.create(
        patient=patient, cadence_target_pct=6, cadence_baseline_spm=160, cadence_target_set_by=clinician
    )
    client.force_login(patient)
    client.post(URL, {"default_surface": "", "cadence_target_pct": "8"})
    profile = TrainingProfile.objects.get(patient=patient)
    assert (profile.cadence_target_pct, profile.cadence_baseline_spm) == (8, 160)
    assert (profile.cadence_target_set_by, profile.cadence_target_set_on) == (patient, timezone.localdate())


def test_the_usual_surface_alone_is_audited_as_a_profile_update(client, patient):
    client.force_login(patient)
    client.post(URL, {"default_surface": "trail", "cadence_target_pct": ""})
    assert AuditEvent.objects.get(action="training.profile.updated").changes == {"default_surface": "trail"}
    assert not AuditEvent.objects.filter(action="training.cadence_target.set").exists()
