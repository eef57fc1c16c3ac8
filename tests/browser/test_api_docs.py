"""The API's interactive documentation comes from the installed django-ninja package, not a CDN."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_from_local_files_without_csp_violations(page: Page, live_server):
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda req: outside.append(req.url) if not req.url.startswith(live_server.url) else None)
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator(".swagger-ui .title").first).to_contain_text("kneecap API")
    expect(page.get_by_text("/api/v1/self-check").first).to_be_visible()
    assert outside == []
    assert problems == []
