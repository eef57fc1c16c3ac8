"""Break-the-glass end to end: a clinician outside the care team signs in with TOTP, is refused the chart,
opens it with a written reason, and the patient then sees who, when and why on /me/access/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import CareTeam, Role
from accounts.testing import make_user
from chart.models import Visit
from tests.browser.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_an_outside_clinician_opens_a_chart_with_a_reason_and_the_patient_sees_it(
    page: Page, live_server, screenshots_dir, width
):
    from practice import demo

    demo.load()
    own = make_user("kim@example.org", Role.CLINICIAN, "Dr. Kim", mfa=True)
    outsider = make_user("lee@example.org", Role.CLINICIAN, "Dr. Lee", mfa=True)
    patient = make_user("maya@example.org", Role.PATIENT, "Maya Runner")
    CareTeam.objects.create(clinician=own, patient=patient)
    Visit.objects.create(patient=patient, clinician=own, note="Pain on stairs and squats")
    page.set_viewport_size({"width": width, "height": 900})

    sign_in(page, live_server.url, outsider)
    chart = f"{live_server.url}/clinic/patients/{patient.pk}/"
    assert page.goto(chart).status == 404

    page.goto(live_server.url + "/clinic/")
    page.get_by_role("link", name="Emergency access to another patient").click()
    page.get_by_label("The patient's email address").fill(patient.email)
    page.get_by_label("Why you need the record now").fill("x")
    page.get_by_role("button", name="Open the record").click()
    expect(page.get_by_text("10 characters or more").first).to_be_visible()
    page.get_by_label("Why you need the record now").fill("Seen in urgent care tonight after a fall; needs history")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(chart)
    expect(page.locator("#emergency-banner")).to_be_visible()
    expect(page.get_by_text("Pain on stairs and squats")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.screenshot(path=str(screenshots_dir / f"emergency-access-chart-{width}.png"), full_page=False)

    page.context.clear_cookies()
    sign_in(page, live_server.url, patient)
    page.goto(live_server.url + "/me/access/")
    section = page.locator("#emergency-access")
    expect(section).to_contain_text("Dr. Lee")
    expect(section).to_contain_text("Seen in urgent care tonight after a fall")
    expect(page.locator("#access-log")).to_contain_text("opened your record with emergency access")
    page.screenshot(path=str(screenshots_dir / f"me-access-emergency-{width}.png"), full_page=True)
