"""The /runs/ overview: chart, warnings, shoes, cadence, surfaces and the filtered run list."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from training.models import Activity, Surface
from training.testing import make_run

URL = reverse("training:runs")


def test_owner_sees_warnings_chart_and_runs(client, patient, runs, shoe, django_assert_max_num_queries):
    client.force_login(patient)
    with django_assert_max_num_queries(15):
        response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-code="long_run_spike"' in body
    assert 'id="weekly-chart"' in body
    assert "Daily trainers" in body
    assert body.count('name="activities"') == len(runs)
    assert "164" in body


def test_another_patient_sees_only_their_own_empty_page(client, other_patient, runs):
    client.force_login(other_patient)
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="activities"' not in response.content.decode()


@pytest.mark.parametrize("who", ["outside_clinician", "clinician", "staff"])
def test_practice_roles_get_404(client, request, who, runs):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, runs):
    assert client.get(URL)["Location"].startswith("/accounts/login/?next=")


def test_filters_narrow_the_run_list(client, patient):
    make_run(patient, days_ago=3, surface=Surface.TRAIL)
    make_run(patient, days_ago=5, surface=Surface.ROAD)
    client.force_login(patient)
    body = client.get(URL, {"surface": "trail"}).content.decode()
    assert body.count('name="activities"') == 1


def test_a_bad_filter_date_range_is_explained(client, patient):
    client.force_login(patient)
    body = client.get(URL, {"date_from": "2025-05-02", "date_to": "2025-05-01"}).content.decode()
    assert "The end date is before the start date." in body


def test_a_filter_date_that_is_not_a_date_is_explained_in_plain_words(client, patient):
    client.force_login(patient)
    body = client.get(URL, {"date_from": "notadate"}).content.decode()
    assert "Give the date as YYYY-MM-DD." in body and "Enter a valid date" not in body


def test_bulk_shoe_assignment_changes_only_own_runs(client, patient, other_patient, shoe):
    mine = [make_run(patient, days_ago=d) for d in (2, 4)]
    theirs = make_run(other_patient, days_ago=2)
    client.force_login(patient)
    response = client.post(
        reverse("training:bulk_shoe"), {"activities": [r.pk for r in mine] + [theirs.pk], "shoe": shoe.pk}
    )
    assert response.status_code == 302
    assert Activity.objects.filter(patient=patient, shoe=shoe).count() == 0
    response = client.post(reverse("training:bulk_shoe"), {"activities": [r.pk for r in mine], "shoe": shoe.pk})
    assert Activity.objects.filter(patient=patient, shoe=shoe).count() == 2
    theirs.refresh_from_db()
    assert theirs.shoe is None


def test_bulk_shoe_needs_a_patient(client, outside_clinician, shoe):
    client.force_login(outside_clinician)
    assert client.post(reverse("training:bulk_shoe"), {"shoe": shoe.pk}).status_code == 404


def test_the_running_menu_marks_the_page_you_are_on(client, patient):
    client.force_login(patient)
    assert '<a href="/runs/" aria-current="page">Overview</a>' in client.get(URL).content.decode()
    shoes = client.get(reverse("training:shoes")).content.decode()
    assert '<a href="/runs/shoes/" aria-current="page">Shoes</a>' in shoes
    assert '<a href="/runs/" aria-current="page">' not in shoes


def test_a_warning_reads_as_a_sentence_without_a_machine_date(client, patient, runs):
    client.force_login(patient)
    body = client.get(URL).content.decode()
    assert "<strong>Long run jump:</strong>" in body
    assert f"({timezone.localdate().isoformat()})" not in body


def test_the_run_back_after_a_break_points_to_the_return_to_running_track(client, patient, comeback):
    client.force_login(patient)
    body = client.get(URL).content.decode()
    assert 'data-code="return_after_break"' in body
    assert "<strong>Back after a break:</strong>" in body
    assert f'href="{reverse("care:running")}"' in body


def test_an_empty_log_invites_an_import_and_an_empty_filter_offers_all_runs(client, patient):
    client.force_login(patient)
    assert "No runs yet." in client.get(URL).content.decode()
    make_run(patient, days_ago=3)
    body = client.get(URL, {"sport": "walk"}).content.decode()
    assert "No runs match these filters." in body and "No runs yet." not in body
