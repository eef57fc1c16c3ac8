"""Shoes: list and add, a shoe's page with its numbers, edit, default, retire and delete."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from training.models import Shoe
from training.testing import make_run

LIST = reverse("training:shoes")


def test_owner_adds_a_default_shoe_and_sees_the_note(client, patient, shoe, django_assert_max_num_queries):
    client.force_login(patient)
    response = client.post(
        LIST,
        {"name": "Racers", "start_distance_km": "0", "alert_distance_km": "500", "is_default": "on"},
    )
    assert response.status_code == 302
    racers = Shoe.objects.get(name="Racers")
    assert racers.is_default and racers.alert_distance_m == 500_000
    with django_assert_max_num_queries(10):
        body = client.get(LIST).content.decode()
    assert "not from injury studies" in body


def test_a_shoe_without_a_name_is_refused(client, patient):
    client.force_login(patient)
    response = client.post(LIST, {"name": "", "start_distance_km": "0", "alert_distance_km": "700"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Shoe.objects.exists()


def test_shoe_page_shows_distance_runs_share_and_pain(client, patient, shoe, django_assert_max_num_queries):
    make_run(patient, days_ago=2, km=10, shoe=shoe, pain_after=3)
    client.force_login(patient)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("training:shoe", args=[shoe.pk])).content.decode()
    assert "700 km" in body
    assert "100%" in body
    assert "3.0" in body


def test_making_another_shoe_default_moves_the_flag(client, patient, shoe):
    other = Shoe.objects.create(patient=patient, name="Second", is_default=True)
    client.force_login(patient)
    client.post(reverse("training:shoe_default", args=[shoe.pk]))
    shoe.refresh_from_db()
    other.refresh_from_db()
    assert shoe.is_default and not other.is_default


def test_retiring_clears_default_and_can_be_undone(client, patient, shoe):
    shoe.is_default = True
    shoe.save()
    client.force_login(patient)
    client.post(reverse("training:shoe_retire", args=[shoe.pk]))
    shoe.refresh_from_db()
    assert shoe.retired and not shoe.is_default
    client.post(reverse("training:shoe_retire", args=[shoe.pk]))
    shoe.refresh_from_db()
    assert not shoe.retired


def test_editing_a_shoe(client, patient, shoe):
    client.force_login(patient)
    response = client.post(
        reverse("training:shoe", args=[shoe.pk]),
        {"name": "Renamed", "start_distance_km": "10", "alert_distance_km": "800", "default_surface": "road"},
    )
    assert response.status_code == 302
    shoe.refresh_from_db()
    assert (shoe.name, shoe.start_distance_m, shoe.alert_distance_m) == ("Renamed", 10_000, 800_000)


def test_deleting_a_shoe_keeps_its_runs(client, patient, shoe):
    run = make_run(patient, shoe=shoe)
    client.force_login(patient)
    client.post(reverse("training:shoe_delete", args=[shoe.pk]))
    run.refresh_from_db()
    assert run.shoe is None
    assert not Shoe.objects.exists()


@pytest.mark.parametrize("who", ["other_patient", "outside_clinician", "clinician"])
def test_nobody_else_sees_or_changes_the_shoe(client, request, who, shoe):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("training:shoe", args=[shoe.pk])).status_code == 404
    for name in ("shoe_retire", "shoe_default", "shoe_delete"):
        assert client.post(reverse(f"training:{name}", args=[shoe.pk])).status_code == 404
    assert Shoe.objects.filter(pk=shoe.pk, retired=False).exists()


def test_anonymous_is_sent_to_sign_in(client, shoe):
    assert client.get(LIST)["Location"].startswith("/accounts/login/?next=")
    assert client.get(reverse("training:shoe", args=[shoe.pk]))["Location"].startswith("/accounts/login/?next=")


def test_practice_roles_have_no_shoe_list(client, outside_clinician):
    client.force_login(outside_clinician)
    assert client.get(LIST).status_code == 404


def test_a_shoe_first_used_in_the_future_is_refused_in_plain_words(client, patient):
    client.force_login(patient)
    later = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        LIST, {"name": "Future", "first_used": later, "start_distance_km": "-5", "alert_distance_km": "10"}
    )
    body = response.content.decode()
    assert "The first run in them cannot be in the future." in body
    assert "Give the distance in km of 0 or more" in body
    assert "Give the reminder in whole km of 50 or more" in body
    assert "Ensure this value" not in body and "---------" not in body
    assert not Shoe.objects.exists()


def test_deleting_a_shoe_asks_once_more(client, patient, shoe):
    client.force_login(patient)
    body = client.get(reverse("training:shoe", args=[shoe.pk])).content.decode()
    assert '<details class="confirm-delete">' in body and "Yes, delete" in body


def test_the_default_checkbox_sits_next_to_its_words(client, patient):
    client.force_login(patient)
    body = client.get(LIST).content.decode()
    assert '<label><input type="checkbox" name="is_default"' in body
