"""Choosing more files than one upload takes is refused in the page, with the count, before anything is sent."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role
from accounts.testing import make_user
from tests.browser.signing import sign_in
from training.models import ImportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_too_many_files_are_refused_with_their_count_before_uploading(page: Page, live_server, settings, tmp_path):
    from practice import demo

    demo.load()
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    patient = make_user("runner@example.org", Role.PATIENT, "Rita Runner")
    files = []
    for i in range(3):
        path = tmp_path / f"{i}.gpx"
        path.write_bytes(b"<gpx/>")
        files.append(str(path))
    posts: list[str] = []
    page.on("request", lambda req: posts.append(req.url) if req.method == "POST" else None)

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, patient)
    page.goto(live_server.url + "/runs/import/")
    posts.clear()

    page.get_by_label("Activity files").set_input_files(files)
    message = page.locator("[data-dropzone-list]")
    expect(message).to_have_text("You chose 3 files; upload at most 2 at a time, or put them in one zip.")
    page.get_by_role("button", name="Import", exact=True).click()

    expect(message).to_be_visible()
    assert posts == []
    assert not ImportJob.objects.exists()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
