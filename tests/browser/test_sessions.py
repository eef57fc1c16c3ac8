"""An idle staff page is sent to sign in by its own poll; anyone can sign out their other browsers."""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import Role
from accounts.sessions import ACTIVITY_KEY
from accounts.testing import make_user
from tests.browser.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    from practice import demo

    demo.load()
    return live_server.url


def session_of(context: BrowserContext) -> SessionStore:
    [cookie] = [c for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME]
    return SessionStore(session_key=cookie["value"])


def idle_for(context: BrowserContext, seconds: float) -> float:
    session = session_of(context)
    session[ACTIVITY_KEY] = time.time() - seconds
    session.save()
    return session[ACTIVITY_KEY]


def test_the_open_line_poll_does_not_keep_a_staff_page_alive_and_an_idle_one_goes_to_sign_in(page: Page, site):
    staff = make_user("desk@example.org", Role.STAFF, "Desk Person", mfa=True)
    page.clock.install()
    sign_in(page, site, staff)
    page.goto(site + "/staff/")
    before = idle_for(page.context, 10 * 60)
    with page.expect_response(re.compile(r"/hours/status/$")):
        page.clock.run_for("01:01")  # htmx polls the open/closed line every minute
    assert session_of(page.context)[ACTIVITY_KEY] == before, "a poll must not count as activity"

    idle_for(page.context, 16 * 60)
    page.clock.run_for("01:01")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/staff/$"))
    expect(page.get_by_text("You were signed out after 15 minutes without activity.")).to_be_visible()


def test_a_patient_signs_out_their_other_browser_with_the_keyboard_on_a_phone(page: Page, browser: Browser, site):
    patient = make_user("runner@example.org", Role.PATIENT, "Rae Runner")
    other = browser.new_context()
    sign_in(other.new_page(), site, patient)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, site, patient)
    page.goto(site + "/me/")
    button = page.get_by_role("button", name="Sign out everywhere else")
    for _ in range(80):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("the button cannot be reached with the Tab key")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.keyboard.press("Enter")
    expect(page.get_by_text("Signed out of 1 other browser or device. You are still signed in here.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone = other.pages[0]
    phone.goto(site + "/me/")
    expect(phone).to_have_url(re.compile(r"/accounts/login/"))
    other.close()


def test_a_clinician_reaches_it_from_the_menu_on_a_phone(page: Page, site):
    clinician = make_user("kim@example.org", Role.CLINICIAN, "Dr. Kim", mfa=True)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, site, clinician)
    page.get_by_role("link", name="Sign out everywhere").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out everywhere else")
    page.get_by_role("button", name="Sign out everywhere else").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Signed out of 0 other browsers or devices.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
