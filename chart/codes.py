"""Codes and checklists of the clinical record (DOMAIN.md sections 4 and 8). Pure."""

from __future__ import annotations

import re

# ICD-10-CM M22.2- "patellofemoral disorders": one code per knee, no bilateral code (DOMAIN.md 4).
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


# NSAID caution checklist (DOMAIN.md section 8): each answered yes or no before a statement is stored.
NSAID_CAUTIONS: list[tuple[str, str]] = [
    ("stomach", "Stomach ulcers or bleeding"),
    ("kidney_liver", "Kidney or liver disease"),
    ("heart_bp", "Heart disease or high blood pressure"),
    ("blood_thinners", "Takes blood thinners"),
    ("aspirin_asthma", "Asthma made worse by aspirin"),
    ("pregnancy", "Pregnant"),
    ("over_65", "Aged over 65"),
    ("under_18", "A child or teenager"),
]
