"""Home -> condition page -> contact request -> staff signs in with password and TOTP -> sees it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role
from accounts.testing import make_user
from tests.browser.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_request_reaches_the_front_desk_queue(page: Page, live_server, screenshots_dir):
    from practice import demo

    demo.load()
    staff = make_user("frontdesk@example.org", Role.STAFF, "Front Desk", mfa=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="Los Angeles Orthopedic Group", exact=True)).to_be_visible()
    expect(page.locator("#hours-status")).to_have_text(re.compile(r"^(Open now until|Closed)"))
    page.screenshot(path=str(screenshots_dir / "home.png"), full_page=True)

    page.get_by_role("link", name="Read about runner's knee").click()
    expect(page).to_have_url(re.compile(r"/runners-knee/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("knee")
    page.screenshot(path=str(screenshots_dir / "condition.png"), full_page=False)

    page.goto(live_server.url + "/contact/")
    page.get_by_label("Your name").fill("Rita Runner")
    page.get_by_label("Email").fill("rita@example.org")
    page.get_by_label("What is it about?").select_option("runners_knee")
    page.get_by_label("Tuesday").check()
    page.get_by_label("From").select_option("09:00")
    page.get_by_label("Until").select_option("16:00")
    page.get_by_label("Message").fill("Pain going down stairs since my marathon block.")
    page.screenshot(path=str(screenshots_dir / "contact.png"), full_page=True)
    page.get_by_role("button", name="Send request").click()
    reference = page.locator("#reference").inner_text()
    assert re.fullmatch(r"KC-[A-Z2-9]{6}", reference)

    sign_in(page, live_server.url, staff)
    expect(page).to_have_url(re.compile(r"/staff/$"))

    page.get_by_role("link", name="Contact requests").first.click()
    row = page.locator("#requests tbody tr", has_text=reference)
    expect(row).to_contain_text("Rita Runner")
    expect(row).to_contain_text("Tuesday")
    page.screenshot(path=str(screenshots_dir / "staff-requests.png"), full_page=True)
