from __future__ import annotations

import pytest

from accounts import demo as accounts_demo
from accounts.models import User
from assessments import demo, services
from assessments.models import QuestionnaireResponse, SelfCheck

pytestmark = pytest.mark.django_db


def test_the_demo_gives_one_improving_and_one_stalled_patient_and_is_idempotent():
    accounts_demo.load()
    demo.load()
    demo.load()
    improving = User.objects.get(email="patient@example.com")
    stalled = User.objects.get(email="patient2@example.com")
    akps = services.score_history(improving, "akps")
    koos = services.score_history(improving, "koos_pf")
    assert len(akps) == 3 and len(koos) == 3
    assert services.change_since_baseline(akps, "akps").meaningful
    assert services.change_since_baseline(koos, "koos_pf").meaningful
    stalled_akps = services.score_history(stalled, "akps")
    assert not services.change_since_baseline(stalled_akps, "akps").meaningful
    assert any(d.overdue for d in services.due_questionnaires(stalled))
    assert QuestionnaireResponse.objects.count() == 10
    assert SelfCheck.objects.filter(patient=improving, outcome="self_care").count() == 1
