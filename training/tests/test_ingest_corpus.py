"""Every file of ../shared/corpus (when present) through the whole import: results as the manifest expects."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from training.ingest.job import import_paths
from training.models import Activity, ImportJob, ResultStatus

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
# Runs once when the shared corpus is beside the project (as in CI), and not at all without it.
MANIFESTS = [CORPUS / "manifest.csv"] if (CORPUS / "manifest.csv").exists() else []


@pytest.mark.parametrize("manifest_path", MANIFESTS)
def test_the_corpus_imports_as_the_manifest_expects(patient, manifest_path):
    with manifest_path.open() as fh:
        manifest = {row["file"]: row for row in csv.DictReader(fh)}
    folders = sorted({CORPUS / name.split("/")[0] for name in manifest})
    job = import_paths(ImportJob.objects.create(patient=patient), folders, decode_records=False)
    results: dict[str, list] = {}
    for result in job.results.select_related("activity"):
        key = result.name.split(" (activity")[0]
        results.setdefault(key, []).append(result)
    for name, row in manifest.items():
        got = results.get(name)
        assert got, f"{name} has no result"
        statuses = {r.status for r in got}
        expect = row["expect"]
        if expect == "import":
            assert statuses & {ResultStatus.IMPORTED, ResultStatus.DUPLICATE}, (name, [r.reason for r in got])
            imported = [r.activity for r in got if r.activity is not None]
            if imported and float(row["distance_m"]) > 0:
                assert abs(imported[0].distance_m - float(row["distance_m"])) <= max(
                    0.01 * float(row["distance_m"]), 5
                ), name
        elif expect == "skip":
            assert statuses == {ResultStatus.SKIPPED}, (name, statuses, [r.reason for r in got])
        elif expect == "reject":
            assert statuses == {ResultStatus.FAILED}, (name, statuses)
            assert all(r.reason for r in got)
        elif expect == "import-run-part":
            assert ResultStatus.IMPORTED in statuses and ResultStatus.SKIPPED in statuses, (name, statuses)
    assert Activity.objects.filter(patient=patient).count() == job.imported
