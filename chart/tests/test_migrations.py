from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from chart.models import Medication

BEFORE = [("chart", "0001_initial")]
AFTER = [("chart", "0002_medication_cautions_not_asked")]
ADDED = ("nsaid_reaction", "asthma", "ibd", "stroke", "interacting", "breastfeeding_conceiving", "long_runs")
EIGHT_ITEMS = {
    "stomach": False, "kidney_liver": False, "heart_bp": False, "blood_thinners": False, "aspirin_asthma": True,
    "pregnancy": False, "over_65": True, "under_18": False,
}  # fmt: skip


def migrate(targets):
    """Migrate the test database to TARGETS and return the app registry of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def at_0001(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    # Leave the schema as every other test expects it.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_statement(apps, patient, clinician, cautions):
    return apps.get_model("chart", "Medication").objects.create(
        patient_id=patient.pk, recorded_by_id=clinician.pk, drug="ibuprofen", started_on=date(2026, 10, 1),
        cautions=cautions,
    ).pk  # fmt: skip


def test_statements_recorded_before_the_checklist_grew_get_the_new_items_as_not_asked(at_0001, patient, clinician):
    full = old_statement(at_0001, patient, clinician, dict(EIGHT_ITEMS))
    empty = old_statement(at_0001, patient, clinician, {})
    # A key that is already there (say, answered on a newer release, then rolled back) is not overwritten.
    answered = old_statement(at_0001, patient, clinician, {**EIGHT_ITEMS, "asthma": False})

    migrate(AFTER)

    cautions = Medication.objects.get(pk=full).cautions
    assert {key: cautions[key] for key in EIGHT_ITEMS} == EIGHT_ITEMS
    assert {key: cautions[key] for key in ADDED} == dict.fromkeys(ADDED, None)
    assert False not in [cautions[key] for key in ADDED]
    assert Medication.objects.get(pk=empty).cautions == dict.fromkeys(ADDED, None)
    assert Medication.objects.get(pk=answered).cautions["asthma"] is False

    statement = Medication.objects.get(pk=full)
    assert [str(label) for label in statement.cautions_present] == [
        "Aged over 65",
        "Asthma made worse by aspirin (earlier checklist)",
    ]
    assert [str(label) for label in statement.cautions_not_asked] == [
        "Previous hypersensitivity to aspirin or another NSAID (bronchospasm, urticaria, angioedema, rhinitis)",
        "Asthma",
        "Inflammatory bowel disease (Crohn's disease, ulcerative colitis)",
        "Previous stroke or TIA",
        "Other interacting medicines: SSRI, ACE inhibitor or diuretic",
        "Breastfeeding or trying to conceive",
        "Runs long distances or races: advised no NSAID before or during (acute kidney injury)",
    ]


def test_going_back_removes_only_the_not_asked_markers(at_0001, patient, clinician):
    pk = old_statement(at_0001, patient, clinician, dict(EIGHT_ITEMS))
    migrate(AFTER)
    Medication.objects.filter(pk=pk).update(cautions={**Medication.objects.get(pk=pk).cautions, "stroke": True})

    apps = migrate(BEFORE)

    assert apps.get_model("chart", "Medication").objects.get(pk=pk).cautions == {**EIGHT_ITEMS, "stroke": True}
