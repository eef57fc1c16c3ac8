from __future__ import annotations

import pytest

from training.models import Activity, Shoe
from training.testing import make_run


@pytest.fixture
def runs(patient) -> list[Activity]:
    """Five weeks of running for `patient` ending with a long-run spike yesterday."""
    out = [make_run(patient, days_ago=d, km=8, pain_after=2, avg_cadence_spm=164) for d in range(36, 2, -2)]
    out.append(make_run(patient, days_ago=1, km=14, pain_after=5, avg_cadence_spm=166))
    return out


@pytest.fixture
def comeback(patient) -> Activity:
    """A month of running for `patient`, 39 days off, and a 5 km run 10 days ago: the run back."""
    for d in range(80, 49, -2):
        make_run(patient, days_ago=d, km=8)
    return make_run(patient, days_ago=10, km=5)


@pytest.fixture
def shoe(patient) -> Shoe:
    return Shoe.objects.create(patient=patient, name="Daily trainers", brand="Brooks", start_distance_m=690_000)
