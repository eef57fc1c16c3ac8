from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from care import services
from care.models import CarePlan, DiaryEntry, StepChange, Suggestion, TaskLog


def load_all():
    from accounts import demo as accounts_demo
    from care import demo
    from practice import demo as practice_demo

    practice_demo.load()
    accounts_demo.load()
    demo.load()


def test_demo_gives_plans_diaries_task_logs_a_light_and_a_suggestion(db):
    load_all()
    maya = User.objects.get(email="patient@example.com")
    daniel = User.objects.get(email="patient2@example.com")
    assert CarePlan.objects.get(patient=maya).step == 2
    assert DiaryEntry.objects.filter(patient=maya).count() >= 21
    assert TaskLog.objects.filter(patient=maya).count() > 100
    maya_light = services.traffic_light(maya, timezone.localdate())
    daniel_light = services.traffic_light(daniel, timezone.localdate())
    assert (maya_light.colour, maya_light.knee, maya_light.urgent) == ("amber", "right", False)
    assert (daniel_light.colour, daniel_light.knee, daniel_light.urgent) == ("red", "left", False)
    assert (
        daniel_light.reasons[0]
        == "Left knee: Your highest pain today was 7/10 (worst pain, pain during activity), above 5."
    )
    assert Suggestion.objects.filter(plan__patient=maya, kind="next_step").exists()


def test_demo_is_idempotent(db):
    load_all()
    counts = (CarePlan.objects.count(), DiaryEntry.objects.count(), TaskLog.objects.count(), StepChange.objects.count())
    from care import demo

    demo.load()
    assert counts == (
        CarePlan.objects.count(),
        DiaryEntry.objects.count(),
        TaskLog.objects.count(),
        StepChange.objects.count(),
    )
    assert Suggestion.objects.filter(status="open").count() == 1


def test_escalate_command_prints_each_plan(db):
    load_all()
    out = StringIO()
    call_command("escalate", stdout=out)
    assert "patient@example.com: next_step (clinician)" in out.getvalue()
