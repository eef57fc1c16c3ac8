"""What a lower app needs from care is supplied at start-up, and a missing supplier is an error, not a gap."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from assessments.care_plan import has_active_plan
from care import queries
from common.provided import Provided
from training.diary_pain import weekly_diary_pain


def test_care_supplies_what_training_and_assessments_show():
    assert weekly_diary_pain._supplier is queries.weekly_pain
    assert has_active_plan._supplier is queries.has_active_plan


def test_a_need_nobody_supplies_stops_with_a_configuration_error():
    need: Provided[[int], int] = Provided("a test fact")
    with pytest.raises(ImproperlyConfigured, match="a test fact"):
        need(1)
    need.provide(lambda n: n + 1)
    assert need(1) == 2
