"""What a patient sees on /today/ when a small form is refused, and while the ice timer runs."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.audit import Actor
from accounts.models import Role
from accounts.testing import PASSWORD, make_user
from care import services
from care.models import TaskLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_to_today(page: Page, live_server) -> None:
    patient = make_user("skipper@example.org", Role.PATIENT, "Sam Skipper")
    services.start_plan(patient, Actor(patient))
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(patient.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(live_server.url + "/today/")


def test_skipping_a_task_without_a_reason_shows_the_message_in_the_row(page: Page, live_server):
    _sign_in_to_today(page, live_server)
    page.get_by_role("button", name="Skip: Elastic wrap").click()
    expect(page.locator("#task-compression .errorlist")).to_contain_text("why you skipped")
    assert not TaskLog.objects.exists()


def test_the_start_button_is_hidden_while_the_ice_timer_runs(page: Page, live_server):
    _sign_in_to_today(page, live_server)
    page.get_by_role("button", name="Start ice timer").click()
    expect(page.get_by_role("button", name="Start ice timer")).to_be_hidden()
    expect(page.get_by_role("button", name="Stop and log")).to_be_visible()


def test_check_in_answers_look_like_the_other_choice_lists(page: Page, live_server):
    _sign_in_to_today(page, live_server)
    weight = "el => getComputedStyle(el).fontWeight"
    assert page.locator("#check-in label:has(input[value=stairs_down])").evaluate(weight) == "400"
    assert page.locator("#check-in label:has(input[name=swelling])").evaluate(weight) == "400"
    assert page.locator("#check-in fieldset.choices legend").first.evaluate(weight) == "600"


def test_the_diary_table_scrolls_inside_its_box_on_a_phone(page: Page, live_server):
    _sign_in_to_today(page, live_server)
    page.set_viewport_size({"width": 390, "height": 800})
    page.get_by_label("Pain now").fill("2")
    page.get_by_role("button", name="Save check-in").click()
    page.goto(live_server.url + "/diary/")
    expect(page.locator("#diary")).to_contain_text("Right")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_long_reason_for_a_step_change_does_not_widen_the_plan_page(page: Page, live_server):
    _sign_in_to_today(page, live_server)
    page.goto(live_server.url + "/plan/")
    page.get_by_label("Move to").select_option("2")
    page.get_by_label("Why?").fill("y" * 400)
    page.get_by_role("button", name="Change step").click()
    expect(page.locator(".step-history")).to_contain_text("yyyy")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
