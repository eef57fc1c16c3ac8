"""Codes and checklists of the clinical record (docs/clinical-evidence.md sections 4 and 8). Pure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# ICD-10-CM M22.2- "patellofemoral disorders": one code per knee, no bilateral code
# (docs/clinical-evidence.md section 4).
RUNNERS_KNEE_ICD10 = {"right": "M22.2X1", "left": "M22.2X2", "unspecified": "M22.2X9"}
RUNNERS_KNEE_PREFIX = "M22.2"
RUNNERS_KNEE_SNOMED = "430725003"  # patellofemoral stress syndrome
RUNNERS_KNEE_TEXT = "Patellofemoral pain syndrome (runner's knee)"
SNOMED_LATERALITY = {"right": "24028007", "left": "7771000", "both": "51440002"}

# ICD-10-CM shape: a letter, two characters (digit, digit or letter for some chapters),
# then optionally a dot and 1-4 characters of digits or letters, the placeholder X among them.
_ICD10_SHAPE = re.compile(r"^[A-Z][0-9][0-9AB](\.[0-9A-Z]{1,4})?$")


def normalise_icd10(code: str) -> str:
    """Upper case, trimmed; a dot inserted after the third character when it was left out."""
    code = code.strip().upper().replace(" ", "")
    if len(code) > 3 and "." not in code:
        code = f"{code[:3]}.{code[3:]}"
    return code


def is_icd10_shape(code: str) -> bool:
    return bool(_ICD10_SHAPE.match(code))


# NSAID caution checklist: every item answered yes or no before a statement is stored. The same points as
# the patient's list (practice.medicine_advice.NSAID_ADVICE), in clinical words. Keys are stored in Medication.cautions:
# reword a label only if its meaning stays, otherwise add a key, so earlier answers keep what they answered.
NSAID_CAUTIONS: list[tuple[str, StrOrPromise]] = [
    (
        "nsaid_reaction",
        _("Previous hypersensitivity to aspirin or another NSAID (bronchospasm, urticaria, angioedema, rhinitis)"),
    ),
    ("asthma", _("Asthma")),
    ("stomach", _("Peptic ulcer or gastrointestinal bleeding")),
    ("ibd", _("Inflammatory bowel disease (Crohn's disease, ulcerative colitis)")),
    ("kidney_liver", _("Renal or hepatic disease")),
    ("heart_bp", _("Heart disease or hypertension")),
    ("stroke", _("Previous stroke or TIA")),
    ("blood_thinners", _("Anticoagulant or antiplatelet therapy (blood thinners)")),
    ("interacting", _("Other interacting medicines: SSRI, ACE inhibitor or diuretic")),
    ("pregnancy", "Pregnant"),
    ("breastfeeding_conceiving", _("Breastfeeding or trying to conceive")),
    ("over_65", "Aged over 65"),
    ("under_18", _("Under 18: aspirin contraindicated (Reye's syndrome)")),
    # Lipman 2017 (Emerg Med J 34(10)): more acute kidney injury with ibuprofen during 50-mile races.
    ("long_runs", _("Runs long distances or races: advised no NSAID before or during (acute kidney injury)")),
]

# Asked by an earlier checklist and no longer: still shown where a statement recorded yes. "Asthma made worse
# by aspirin" became two wider questions (any asthma; any previous reaction), which its answers do not answer.
RETIRED_NSAID_CAUTIONS: dict[str, StrOrPromise] = {
    "aspirin_asthma": _("Asthma made worse by aspirin (earlier checklist)"),
}

# The value Medication.cautions holds for an item that was not on the checklist when the statement was
# recorded. Never False: that would say the clinician asked and the answer was no.
NOT_ASKED = None
