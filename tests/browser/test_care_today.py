"""A patient starts the care plan from a self-care result, ices with a shortened timer,
logs tasks and exercises, checks in, and sees the pain light change."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.audit import Actor
from accounts.models import Role
from accounts.testing import make_user
from care.models import DiaryEntry, IceSession, TaskLog
from tests.browser.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_patient_follows_the_plan_and_sees_the_light_change(page: Page, live_server, screenshots_dir, settings):
    from assessments.models import SelfCheck
    from practice import demo

    demo.load()
    settings.CARE_ICE_SECONDS_PER_MINUTE = 0.2  # a 15-minute session takes 3 seconds
    patient = make_user("runner@example.org", Role.PATIENT, "Rae Runner")
    check = SelfCheck.objects.create(patient=patient, answers={}, outcome="self_care", reasons=[])

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, patient)

    page.goto(f"{live_server.url}/plan/start/?self_check={check.pk}")
    expect(page.get_by_text("Your self-check suggested you can start with self-care")).to_be_visible()
    page.get_by_label("Your goals (optional)").fill("Run a 5 km parkrun without pain")
    page.screenshot(path=str(screenshots_dir / "care-start.png"), full_page=True)
    page.get_by_role("button", name="Start my plan").click()
    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.locator(".light-word")).to_have_text("no check-in yet")

    # The ice timer: count down, then stop and log.
    page.get_by_role("button", name="Start ice timer").click()
    expect(page.locator("[data-ice-message]")).to_contain_text("Keep a cloth")
    expect(page.locator("[data-ice-message]")).to_contain_text("15 minutes done", timeout=10_000)
    page.screenshot(path=str(screenshots_dir / "care-ice-timer.png"))
    page.get_by_role("button", name="Stop and log").click()
    expect(page.locator("#ice-count")).to_have_text("1 of 3 sessions today.")
    assert IceSession.objects.get(patient=patient).minutes >= 15

    # Tasks: one done, one skipped with a reason (htmx swaps the row in place).
    page.get_by_role("button", name="Done: Raise the leg when resting").click()
    expect(page.locator("#task-elevation .task-state")).to_have_text("Done")
    page.get_by_label("Why skip Elastic wrap?").fill("No bandage at home")
    page.get_by_role("button", name="Skip: Elastic wrap").click()
    expect(page.locator("#task-compression .task-state")).to_contain_text("No bandage at home")

    # A calm check-in: green.
    page.get_by_label("Pain now").fill("1")
    page.get_by_label("Pain during activity or exercise").fill("2")
    page.get_by_label("Going down stairs").check()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.locator(".light-word")).to_have_text("green")
    page.screenshot(path=str(screenshots_dir / "care-today-green.png"), full_page=True)

    # Move on to step 2 and log exercises.
    page.goto(live_server.url + "/plan/")
    page.get_by_label("Move to").select_option("2")
    page.get_by_label("Why?").fill("The knee has settled")
    page.get_by_role("button", name="Change step").click()
    expect(page.get_by_text("Your plan is now at step 2.")).to_be_visible()
    page.goto(live_server.url + "/today/")
    page.get_by_role("button", name="Done: Wall sit").click()
    expect(page.locator("#task-exwall_sit .task-state")).to_have_text("Done")
    page.get_by_role("button", name="Done: Bridge").click()
    expect(page.locator("#task-exbridge .task-state")).to_have_text("Done")
    assert TaskLog.objects.filter(patient=patient, status="done").count() == 3

    # A hard session later: edit today's check-in; the light turns red, the history is kept.
    page.get_by_label("Pain during activity or exercise").fill("7")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.locator(".light-word")).to_have_text("red")
    expect(page.locator(".light-advice")).to_contain_text("Right knee: Pain is too high. Cut back")
    entry = DiaryEntry.objects.get(patient=patient)
    assert entry.pain_during_activity == 7 and entry.revisions.count() == 1
    page.screenshot(path=str(screenshots_dir / "care-today-red.png"), full_page=True)

    page.goto(live_server.url + "/diary/")
    expect(page.locator("#diary tbody tr")).to_have_count(1)
    expect(page.locator("#diary-chart .main-svg").first).to_be_visible(timeout=10_000)
    page.screenshot(path=str(screenshots_dir / "care-diary.png"), full_page=True)

    page.goto(live_server.url + "/plan/print/")
    expect(page.get_by_role("heading", name="Exercise program for Rae Runner")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    page.screenshot(path=str(screenshots_dir / "care-print.png"), full_page=True)


def test_ice_timer_warns_past_the_maximum(page: Page, live_server, screenshots_dir, settings):
    from care import services

    settings.CARE_ICE_SECONDS_PER_MINUTE = 0.1  # 20 minutes take 2 seconds
    patient = make_user("icy@example.org", Role.PATIENT, "Ivy Ice")
    services.start_plan(patient, Actor(patient))
    sign_in(page, live_server.url, patient)
    page.goto(live_server.url + "/today/")
    page.get_by_role("button", name="Start ice timer").click()
    expect(page.locator("[data-ice-message]")).to_contain_text("Past 20 minutes", timeout=10_000)
    expect(page.locator("#ice")).to_have_attribute("data-state", "over")
    page.screenshot(path=str(screenshots_dir / "care-ice-warning.png"))
    page.get_by_role("button", name="Stop and log").click()
    expect(page.locator("#ice-count")).to_have_text("1 of 3 sessions today.")
    assert IceSession.objects.get(patient=patient).minutes > 20
