"""A run's page: totals, charts when records exist, editing shoe, surface and pain, and the manual entry form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from training.models import Activity, ActivityRecords
from training.testing import make_run


@pytest.fixture
def run(patient):
    return make_run(patient, days_ago=2)


def test_owner_sees_the_run_and_its_charts(client, patient, run, django_assert_max_num_queries):
    ActivityRecords.objects.create(
        activity=run, times_s=[0, 10, 20], distance_m=[0, 30, 60], altitude_m=[5, 6, 4], cadence_spm=[160, 162, 161]
    )
    client.force_login(patient)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("training:run", args=[run.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="elevation-chart"' in body and 'id="cadence-chart"' in body


def test_without_records_there_are_no_charts(client, patient, run):
    client.force_login(patient)
    assert 'id="elevation-chart"' not in client.get(reverse("training:run", args=[run.pk])).content.decode()


@pytest.mark.parametrize("who", ["other_patient", "outside_clinician", "clinician"])
def test_nobody_else_sees_the_run(client, request, who, run):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("training:run", args=[run.pk])).status_code == 404
    assert client.post(reverse("training:run", args=[run.pk]), {"pain_after": "3"}).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, run):
    assert client.get(reverse("training:run", args=[run.pk]))["Location"].startswith("/accounts/login/?next=")


def test_owner_records_pain_and_surface_and_it_is_audited(client, patient, run, shoe):
    client.force_login(patient)
    response = client.post(
        reverse("training:run", args=[run.pk]),
        {"name": "Tempo", "surface": "track", "shoe": shoe.pk, "pain_during": "2", "pain_after": "4"},
    )
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.surface, run.shoe, run.pain_during, run.pain_after) == ("track", shoe, 2, 4)
    assert AuditEvent.objects.filter(action="training.activity.updated", patient=patient).exists()


def test_pain_out_of_range_is_refused_next_to_the_field(client, patient, run):
    client.force_login(patient)
    response = client.post(reverse("training:run", args=[run.pk]), {"pain_after": "11"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    run.refresh_from_db()
    assert run.pain_after is None


def test_owner_deletes_a_run(client, patient, other_patient, run):
    client.force_login(other_patient)
    assert client.post(reverse("training:run_delete", args=[run.pk])).status_code == 404
    client.force_login(patient)
    assert client.post(reverse("training:run_delete", args=[run.pk])).status_code == 302
    assert not Activity.objects.filter(pk=run.pk).exists()


def test_manual_entry_adds_a_run(client, patient):
    client.force_login(patient)
    day = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("training:run_new"),
        {"sport": "run", "day": day.isoformat(), "start_time": "07:15", "distance_km": "6.5", "duration_min": "39"},
    )
    assert response.status_code == 302
    run = Activity.objects.get(patient=patient)
    assert run.distance_m == 6500 and run.elapsed_s == 39 * 60 and run.source_format == "manual"
    assert run.local_date == day
    assert AuditEvent.objects.filter(action="training.activity.created").exists()


def test_manual_entry_refuses_the_future_and_stores_nothing(client, patient):
    client.force_login(patient)
    day = timezone.localdate() + timedelta(days=2)
    response = client.post(
        reverse("training:run_new"),
        {"sport": "run", "day": day.isoformat(), "start_time": "07:15", "distance_km": "6.5", "duration_min": "39"},
    )
    assert "A run cannot be in the future." in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.parametrize("who", ["outside_clinician", "staff"])
def test_manual_entry_is_for_patients_only(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("training:run_new")).status_code == 404


def test_manual_entry_anonymous_is_sent_to_sign_in(client, db):
    assert client.get(reverse("training:run_new"))["Location"].startswith("/accounts/login/?next=")


def test_records_left_for_later_are_decoded_when_the_page_opens(client, patient, tmp_path):
    from datetime import UTC, datetime
    from pathlib import Path

    from training.demo import gpx_run
    from training.ingest.job import import_paths
    from training.models import ImportJob

    path = Path(tmp_path) / "hills.gpx"
    path.write_bytes(gpx_run(datetime(2025, 5, 1, 14, tzinfo=UTC), 3.0, hills_m=30))
    import_paths(ImportJob.objects.create(patient=patient), [path], decode_records=False)
    run = Activity.objects.get(patient=patient)
    assert not ActivityRecords.objects.exists()
    client.force_login(patient)
    body = client.get(reverse("training:run", args=[run.pk])).content.decode()
    assert 'id="elevation-chart"' in body
    run.refresh_from_db()
    assert run.has_records


def test_manual_entry_takes_the_shoes_usual_surface(client, patient):
    from training.models import Shoe

    trail = Shoe.objects.create(patient=patient, name="Trail", default_surface="trail")
    client.force_login(patient)
    day = timezone.localdate() - timedelta(days=1)
    client.post(
        reverse("training:run_new"),
        {"sport": "run", "day": day.isoformat(), "start_time": "07:15", "distance_km": "5", "duration_min": "30",
         "shoe": trail.pk},
    )  # fmt: skip
    assert Activity.objects.get(patient=patient).surface == "trail"


def test_manual_entry_explains_bad_numbers_in_plain_words(client, patient):
    client.force_login(patient)
    response = client.post(
        reverse("training:run_new"),
        {"sport": "run", "day": "", "start_time": "07:15", "distance_km": "5.123", "duration_min": "0"},
    )
    body = response.content.decode()
    assert "Give the date of the run." in body
    assert "Give the distance in km with at most 2 decimals, for example 5.25." in body
    assert "Give the duration in minutes of 1 or more." in body
    assert "This field is required" not in body and "Ensure" not in body
    assert not Activity.objects.exists()


def test_the_run_page_asks_before_deleting_and_names_an_unset_surface(client, patient, run):
    client.force_login(patient)
    body = client.get(reverse("training:run", args=[run.pk])).content.decode()
    assert '<details class="confirm-delete">' in body and "Yes, delete this run" in body
    assert '<option value="" selected>Not set</option>' in body
    assert "---------" not in body


def test_a_run_entered_at_7_15_shows_7_15_on_its_day_in_the_list_and_on_its_page(client, patient):
    client.force_login(patient)
    day = timezone.localdate() - timedelta(days=1)
    client.post(
        reverse("training:run_new"),
        {"sport": "run", "day": day.isoformat(), "start_time": "07:15", "distance_km": "5", "duration_min": "30"},
    )
    run = Activity.objects.get(patient=patient)
    assert run.local_start.hour == 7 and run.local_start.minute == 15
    stamp = day.strftime("%B %-d, %Y") + " 07:15"
    assert stamp in client.get(reverse("training:run", args=[run.pk])).content.decode()
    assert day.strftime("%b %-d, %Y") + " 07:15" in client.get(reverse("training:runs")).content.decode()
