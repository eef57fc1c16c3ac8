"""A patient uploads a zip of runs, watches the import job's progress, then reads the per-file summary."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role
from accounts.testing import make_user
from tests.browser.signing import sign_in
from training.demo import gpx_run
from training.models import Activity, ImportJob, ImportStatus
from training.tasks import run_import_job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = datetime(2025, 6, 1, 13, 0, tzinfo=UTC)


def test_patient_uploads_a_zip_and_watches_it_to_the_summary(page: Page, live_server, screenshots_dir, tmp_path,
                                                             monkeypatch):  # fmt: skip
    from practice import demo

    demo.load()
    patient = make_user("runner@example.org", Role.PATIENT, "Rita Runner")
    archive = tmp_path / "my-runs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(3):
            zf.writestr(f"runs/{i}.gpx", gpx_run(START + timedelta(days=2 * i), 5.0 + i, seed=i))
        zf.writestr("runs/broken.fit", b"not a fit file")
    # Hold the job back so the page is seen waiting; the test then plays the worker.
    monkeypatch.setattr("training.services.imports.queue_import", lambda job: None)

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, patient)

    page.goto(live_server.url + "/runs/import/")
    page.get_by_label("Activity files").set_input_files(str(archive))
    page.screenshot(path=str(screenshots_dir / "training-import.png"), full_page=True)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page).to_have_url(re.compile(r"/runs/import/\d+/$"))
    progress = page.locator("#import-progress")
    expect(progress).to_have_attribute("data-status", "queued")
    expect(progress).to_contain_text("Waiting to start")

    job = ImportJob.objects.get(patient=patient)
    run_import_job(job.pk)
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.DONE

    expect(page.locator("#import-summary")).to_contain_text("3 imported", timeout=10_000)
    expect(progress).to_have_attribute("data-status", "done")
    rows = page.locator("#import-results tbody tr")
    expect(rows).to_have_count(4)
    expect(page.locator("#import-results")).to_contain_text("broken.fit")
    page.screenshot(path=str(screenshots_dir / "training-import-summary.png"), full_page=True)
    assert Activity.objects.filter(patient=patient).count() == 3

    page.get_by_role("link", name="See my running").click()
    expect(page).to_have_url(re.compile(r"/runs/$"))
    expect(page.locator("#run-list tbody tr")).to_have_count(3)
    page.screenshot(path=str(screenshots_dir / "training-runs.png"), full_page=True)
