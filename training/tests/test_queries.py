from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from training import queries
from training.models import Activity, Shoe, Sport

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


def run(patient, days_ago: float, metres: float, sport=Sport.RUN, shoe=None) -> Activity:
    return Activity.objects.create(
        patient=patient, sport=sport, start=NOW - timedelta(days=days_ago), elapsed_s=1800, distance_m=metres,
        shoe=shoe,
    )  # fmt: skip


def test_a_recent_run_comes_with_the_longest_run_before_it_and_the_start_of_the_last_one(patient, other_patient):
    run(patient, 40, 12000)  # longer, but more than 30 days before
    previous = run(patient, 20, 6000)
    run(patient, 10, 20000, sport=Sport.WALK)
    last = run(patient, 2, 7000)
    run(other_patient, 1, 5000)
    assert queries.recent_runs([patient.pk], NOW) == [(patient.pk, last.start, 7000.0, 6000.0, previous.start)]


def test_run_distances_are_this_weeks_and_those_of_two_weeks_ago(patient):
    for days_ago, metres in ((1, 5000), (3, 6000), (10, 9000), (15, 4000)):
        run(patient, days_ago, metres)
    run(patient, 2, 8000, sport=Sport.WALK)
    assert queries.run_distances([patient.pk], NOW) == {patient.pk: (11000.0, 4000.0)}


def test_a_shoe_past_its_alert_distance_is_over_its_limit_until_retired(patient):
    shoe = Shoe.objects.create(patient=patient, name="Old", start_distance_m=695000, alert_distance_m=700000)
    Shoe.objects.create(patient=patient, name="New", start_distance_m=0, alert_distance_m=700000)
    last = run(patient, 1, 8000, shoe=shoe)
    assert queries.shoes_over_limit([patient.pk]) == [(patient.pk, "Old", 703000.0, 700000.0, last.start)]
    Shoe.objects.filter(pk=shoe.pk).update(retired=True)
    assert queries.shoes_over_limit([patient.pk]) == []


def test_weekly_runs_are_metres_and_runs_per_monday_in_the_zone(patient):
    run(patient, 1, 5000)  # Tuesday Nov 24
    run(patient, 2, 3000)  # Monday Nov 23
    run(patient, 3, 4000)  # Sunday Nov 22
    run(patient, 4, 9000, sport=Sport.WALK)
    assert queries.weekly_runs(patient, ZoneInfo("America/Los_Angeles"), NOW) == {
        date(2026, 11, 23): (8000.0, 2),
        date(2026, 11, 16): (4000.0, 1),
    }


def test_the_first_run_of_a_day_is_the_earliest_run_not_a_walk(patient):
    day = timezone.localdate() - timedelta(days=1)
    at = datetime.combine(day, time(7), tzinfo=timezone.get_current_timezone())
    Activity.objects.create(patient=patient, sport=Sport.WALK, start=at, elapsed_s=600, distance_m=1000)
    late = Activity.objects.create(patient=patient, start=at + timedelta(hours=9), elapsed_s=600, distance_m=2000)
    first = Activity.objects.create(patient=patient, start=at + timedelta(hours=1), elapsed_s=600, distance_m=2000)
    assert queries.first_run_on(patient, day) == first.pk != late.pk
    assert queries.first_run_on(patient, day + timedelta(days=1)) is None
