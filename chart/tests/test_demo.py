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


def test_the_roster_demo_patients_keep_their_story_on_the_light(practice):
    from django.utils import timezone

    from accounts.models import User
    from chart import roster

    accounts_demo.load()
    demo.load()
    people = {u.email: u for u in User.objects.filter(email__in=[e for e, _ in demo.ROSTER_PATIENTS])}
    rows = {r.patient.email: r for r in roster.build(list(people.values()), timezone.now(), practice.tz)}
    cara = rows["cara.chen@example.com"]
    # Cara's pain has risen to 6-7 this week: a red left knee beside her worsening flag.
    assert (cara.light.colour, cara.light.knee) == ("red", "left")
    assert "worsening" in [f.code for f in cara.flags]
    # Ana's red flag comes from a self-check, Ben's flags from his runs: neither checks in to the diary.
    assert rows["ana.alvarez@example.com"].light.colour == "none"
    assert rows["ben.brooks@example.com"].light.colour == "none"
