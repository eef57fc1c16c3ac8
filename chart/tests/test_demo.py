from __future__ import annotations

import pytest

from accounts import demo as accounts_demo
from chart import demo
from chart.models import Diagnosis, Imaging, Procedure, Visit
from practice.models import Appointment

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_without_duplicates(practice):
    accounts_demo.load()
    demo.load()

    def counts():
        return [m.objects.count() for m in (Visit, Diagnosis, Imaging, Procedure)]

    before = counts()
    appointments = Appointment.objects.count()
    demo.load()
    assert counts() == before
    assert Appointment.objects.count() == appointments == 2
    assert Diagnosis.objects.filter(icd10_code="M22.2X1").exists()
    assert Procedure.objects.get().kind == "injection"
    assert Imaging.objects.get().status == "completed"
