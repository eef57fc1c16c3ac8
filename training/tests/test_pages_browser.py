"""Running pages in a real browser: a phone-width shoe list and deleting a run only after confirming."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role
from accounts.testing import PASSWORD, make_user
from training.models import Activity, Shoe
from training.testing import make_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Page, live_server):
    patient = make_user("strider@example.org", Role.PATIENT, "Sol Strider")
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(patient.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return patient


def test_the_shoe_list_scrolls_inside_its_box_on_a_phone(page: Page, live_server):
    patient = _sign_in(page, live_server)
    Shoe.objects.create(patient=patient, name="Daily trainers", brand="Brooks")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/runs/shoes/")
    expect(page.locator("#shoe-list")).to_contain_text("Daily trainers")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_run_is_deleted_only_after_confirming(page: Page, live_server):
    patient = _sign_in(page, live_server)
    run = make_run(patient, days_ago=2)
    page.goto(f"{live_server.url}/runs/{run.pk}/")
    expect(page.get_by_role("button", name="Yes, delete this run")).to_be_hidden()
    page.get_by_text("Delete this run", exact=True).click()
    page.get_by_role("button", name="Yes, delete this run").click()
    expect(page).to_have_url(re.compile(r"/runs/$"))
    assert not Activity.objects.exists()


def test_a_shoe_with_a_very_long_name_does_not_widen_its_page(page: Page, live_server):
    patient = _sign_in(page, live_server)
    shoe = Shoe.objects.create(patient=patient, name="Z" * 120)
    page.goto(f"{live_server.url}/runs/shoes/{shoe.pk}/")
    expect(page.locator("h1")).to_contain_text("ZZZZ")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
