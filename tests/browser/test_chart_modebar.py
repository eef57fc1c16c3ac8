"""No chart offers to send a patient's data anywhere: only "download as PNG" and "reset axes", no outside request.

plotly.js 4 shows a "Share chart..." button by default that uploads the figure's data to Plotly's cloud.
Every page that draws a chart is opened with the demo data, as a patient and as a clinician.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from tests.browser.signing import sign_in
from training.models import Activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: plotly.js's titles of its toImage and resetScale2d buttons.
ALLOWED_BUTTONS = {"Download plot as a PNG", "Reset axes"}


def outside_requests(page: Page, base_url: str) -> list[str]:
    """Collect every request the page makes to a host other than the test server, from now on."""
    ours = urlsplit(base_url).netloc
    outside: list[str] = []

    def check(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and parts.netloc != ours:
            outside.append(request.url)

    page.on("request", check)
    return outside


def chart_buttons(page: Page, path: str) -> dict[str, list[str]]:
    """Open PATH, hover each chart, and return its mode bar's button titles by chart id."""
    page.goto(path)
    charts = page.locator("[data-chart]")
    expect(charts.first.locator(".main-svg").first).to_be_attached()
    found = {}
    for i in range(charts.count()):
        chart = charts.nth(i)
        expect(chart.locator(".main-svg").first).to_be_attached()
        chart.scroll_into_view_if_needed()
        chart.hover()
        buttons = chart.locator(".modebar-btn")
        expect(buttons.first).to_be_attached()
        found[chart.get_attribute("id") or str(i)] = [
            str(buttons.nth(j).get_attribute("data-title")) for j in range(buttons.count())
        ]
        links = chart.locator("a[href]")
        assert [links.nth(j).get_attribute("href") for j in range(links.count())] == [], path
    return found


def test_patient_charts_offer_only_download_and_reset_and_stay_on_the_site(page: Page, live_server):
    call_command("demo")
    maya = User.objects.get(email="patient@example.com")
    run = Activity.objects.filter(patient=maya).exclude(source_blob="").latest("start")
    outside = outside_requests(page, live_server.url)
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, maya, DEMO_PASSWORD)

    seen = {}
    for path in ("/progress/", "/runs/", f"/runs/{run.pk}/", "/diary/"):
        seen[path] = chart_buttons(page, live_server.url + path)

    # The PNG is made in the browser: a download, and still no request leaves the site.
    with page.expect_download() as download:
        page.locator("#diary-chart").hover()
        page.locator('#diary-chart .modebar-btn[data-title="Download plot as a PNG"]').click()
    assert download.value.suggested_filename.endswith(".png")

    assert all(seen.values()), seen  # every one of these pages drew at least one chart
    drawn = {(path, chart): buttons for path, charts in seen.items() for chart, buttons in charts.items()}
    assert {where: buttons for where, buttons in drawn.items() if set(buttons) != ALLOWED_BUTTONS} == {}
    assert outside == []
    assert problems == []


def test_the_clinicians_patient_chart_offers_only_download_and_reset(page: Page, live_server):
    call_command("demo")
    doctor = User.objects.get(email="clinician@example.com")
    maya = User.objects.get(email="patient@example.com")
    outside = outside_requests(page, live_server.url)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, doctor, DEMO_PASSWORD)

    charts = chart_buttons(page, f"{live_server.url}/clinic/patients/{maya.pk}/")

    assert len(charts) >= 2, charts  # the scores and the weekly load
    assert {chart: buttons for chart, buttons in charts.items() if set(buttons) != ALLOWED_BUTTONS} == {}
    assert outside == []
