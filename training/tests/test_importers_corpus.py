"""Conformance on real files from ../shared/corpus: every file of its manifest.csv, when the folder exists.

The tests are parametrized over the manifest rows found at collection time, so without the corpus there are
none (nothing is skipped). Files are read where they lie, never copied into the project.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import fitdecode
import pytest

from training.importers import ImporterError, fit_fallback, parse_file
from training.importers import fit as fit_reader
from training.importers.base import NotAnActivityError
from training.tests.fitcheck import assert_agrees_with_fitdecode, fitdecode_sessions

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def manifest_rows() -> list[dict[str, str]]:
    manifest = CORPUS / "manifest.csv"
    if not manifest.is_file():
        return []
    with manifest.open(newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = manifest_rows()
FIT_ROWS = [row for row in ROWS if row["format"] == "fit"]


def outcome(row: dict[str, str]) -> object:
    data = (CORPUS / row["file"]).read_bytes()
    try:
        return parse_file(row["file"], data)
    except ImporterError as exc:
        return exc


def assert_totals(row: dict[str, str], activities: list) -> None:
    distance = float(row["distance_m"])
    if distance:
        assert sum(a.distance_m for a in activities) == pytest.approx(distance, rel=0.005, abs=1.0)
    timer = float(row["timer_s"])
    if timer and row["format"] in ("fit", "tcx"):
        assert sum(a.moving_time_s or 0 for a in activities) == pytest.approx(timer, abs=0.2)
    if row["start"]:
        expected = datetime.fromisoformat(row["start"].replace("Z", "+00:00"))
        if expected.tzinfo is None:
            expected = expected.replace(tzinfo=UTC)
        assert activities[0].start == expected


@pytest.mark.parametrize("row", ROWS, ids=[row["file"] for row in ROWS])
def test_every_corpus_file_imports_as_its_manifest_expects(row):
    result = outcome(row)
    expect = row["expect"]

    if expect == "import":
        assert isinstance(result, list), getattr(result, "reason", result)
        assert {a.sport for a in result} <= {"run", "walk"}
        assert_totals(row, result)
    elif expect == "import-run-part":
        assert isinstance(result, list), getattr(result, "reason", result)
        assert "run" in {a.sport for a in result}
        assert {a.sport for a in result} - {"run", "walk"}
        assert_totals(row, result)
    elif expect == "skip":
        if isinstance(result, list):
            assert not {a.sport for a in result} & {"run", "walk"}
        else:
            assert isinstance(result, NotAnActivityError), result.reason
    elif expect == "reject":
        assert isinstance(result, ImporterError)
        assert not isinstance(result, NotAnActivityError)
        assert result.reason
    else:
        assert expect == "either"
        if isinstance(result, list):
            assert_totals(row, result)
            assert any(a.warnings for a in result) or all(a.sport in ("run", "walk") for a in result)
        else:
            assert result.reason


@pytest.mark.parametrize("row", FIT_ROWS, ids=[row["file"] for row in FIT_ROWS])
def test_the_summary_reader_agrees_with_fitdecode_on_every_corpus_fit_file(row):
    data = (CORPUS / row["file"]).read_bytes()
    try:
        fitdecode_sessions(data)
    except fitdecode.FitError:
        with pytest.raises(ImporterError):
            fit_reader.parse(data)
        return
    try:
        ours = fit_reader.parse(data)
    except ImporterError as exc:
        with pytest.raises(ImporterError) as theirs:
            fit_fallback.parse(data)
        assert type(theirs.value) is type(exc)
        return
    assert ours == fit_fallback.parse(data)
    assert_agrees_with_fitdecode(data)
