"""The NSAID caution checklist grew: statements recorded before get the new items as "not asked".

Null, never false: false would say the clinician asked and the patient said no. The chart lists these
items as not asked at the time, and editing the statement asks for an answer to each. The keys are
frozen here, not read from chart.codes, so the migration keeps meaning what it meant when it was written.
"""

from django.db import migrations, models

ADDED_KEYS = (
    "nsaid_reaction",
    "asthma",
    "ibd",
    "stroke",
    "interacting",
    "breastfeeding_conceiving",
    "long_runs",
)
NOT_ASKED = None


def mark_new_items_not_asked(apps, schema_editor):
    Medication = apps.get_model("chart", "Medication")
    changed = []
    for medication in Medication.objects.only("pk", "cautions").iterator(chunk_size=500):
        cautions = medication.cautions if isinstance(medication.cautions, dict) else {}
        missing = [key for key in ADDED_KEYS if key not in cautions]
        if missing:
            medication.cautions = {**cautions, **dict.fromkeys(missing, NOT_ASKED)}
            changed.append(medication)
    Medication.objects.bulk_update(changed, ["cautions"], batch_size=500)


def drop_not_asked_markers(apps, schema_editor):
    # Answers given since stay: only the markers this migration wrote go.
    Medication = apps.get_model("chart", "Medication")
    changed = []
    for medication in Medication.objects.only("pk", "cautions").iterator(chunk_size=500):
        cautions = medication.cautions if isinstance(medication.cautions, dict) else {}
        kept = {key: value for key, value in cautions.items() if not (key in ADDED_KEYS and value is NOT_ASKED)}
        if kept != cautions:
            medication.cautions = kept
            changed.append(medication)
    Medication.objects.bulk_update(changed, ["cautions"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("chart", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="medication",
            name="cautions",
            field=models.JSONField(
                default=dict,
                help_text="Checklist key -> true (yes), false (no) or null (not asked: the item joined the checklist after this statement was recorded)",
            ),
        ),
        migrations.RunPython(mark_new_items_not_asked, drop_not_asked_markers),
    ]
