from __future__ import annotations

import pytest

from chart import codes


@pytest.mark.parametrize("code", ["M22.2X1", "M25.561", "S83.2", "M79", "T84.0", "Z96.651", "M22.2X9"])
def test_valid_icd10_cm_codes_have_the_right_shape(code):
    assert codes.is_icd10_shape(code)


@pytest.mark.parametrize("code", ["", "22.2", "MM2", "M2", "1M2.3", "M22.2X1A9", "knee", "M22-2"])
def test_other_strings_are_not_icd10_cm_codes(code):
    assert not codes.is_icd10_shape(codes.normalise_icd10(code))


def test_a_missing_dot_is_added():
    assert codes.normalise_icd10(" m25561 ") == "M25.561"


def test_the_nsaid_checklist_asks_every_caution_once():
    keys = [key for key, _label in codes.NSAID_CAUTIONS]
    assert len(keys) == len(set(keys)) == 14
    assert not set(keys) & set(codes.RETIRED_NSAID_CAUTIONS)


def test_the_new_checklist_wording_is_marked_for_translation(marked_for_translation):
    opening, _closing = marked_for_translation
    unchanged = {"pregnancy", "over_65"}
    for key, label in codes.NSAID_CAUTIONS:
        assert str(label).startswith(opening) is (key not in unchanged), key
    assert all(str(label).startswith(opening) for label in codes.RETIRED_NSAID_CAUTIONS.values())
