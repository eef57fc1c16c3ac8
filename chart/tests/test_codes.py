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
