from __future__ import annotations

from datetime import time

import pytest

from practice.models import WorkingHours


@pytest.fixture
def working_clinician(practice, clinician):
    WorkingHours.objects.bulk_create(
        WorkingHours(clinician=clinician, weekday=d, starts=time(9), ends=time(16)) for d in range(5)
    )
    return clinician
