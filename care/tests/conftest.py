from __future__ import annotations

import pytest

from accounts.models import User
from care.models import CarePlan
from care.testing import make_plan


@pytest.fixture
def plan(patient: User) -> CarePlan:
    return make_plan(patient, step=1)


@pytest.fixture
def plan2(patient: User) -> CarePlan:
    return make_plan(patient, step=2, days_ago=3)
