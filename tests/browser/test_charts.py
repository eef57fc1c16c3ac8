"""Charts draw under the strict Content-Security-Policy, with plotly.js from the installed wheel."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.urls("kneecap.tests.chart_urls")
def test_a_chart_draws_without_csp_violations(page: Page, live_server, screenshots_dir):
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(live_server.url + "/chart/")
    expect(page.locator("#weekly .main-svg").first).to_be_visible()
    expect(page.locator("#weekly .bars path")).to_have_count(3)
    page.screenshot(path=str(screenshots_dir / "chart-plumbing.png"))
    assert problems == []
