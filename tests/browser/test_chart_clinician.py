"""A clinician signs in with TOTP, works the roster, records a visit with a diagnosis, steps the plan up, books."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.audit import Actor
from accounts.models import CareTeam, Role
from accounts.testing import make_user
from assessments.models import QuestionnaireResponse, SelfCheck
from care.services.plans import start_plan
from chart.models import Diagnosis, Visit
from practice.models import Appointment, WorkingHours
from tests.browser.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def flag_patient(patient) -> None:
    """Give PATIENT an urgent self-check (a red flag on the roster)."""
    SelfCheck.objects.create(patient=patient, answers={}, outcome="urgent", reasons=[], created_at=timezone.now())


def score_history(patient) -> None:
    """Two AKPS scores, so the chart draws the score over time with its MCID band."""
    for days, score in ((42, 55.0), (7, 71.0)):
        QuestionnaireResponse.objects.create(
            patient=patient, instrument="akps", version="demo", answers={}, score=score,
            submitted_at=timezone.now() - timedelta(days=days),
        )  # fmt: skip


def test_clinician_works_the_roster_and_the_chart(page: Page, live_server, screenshots_dir):
    from practice import demo

    demo.load()
    doctor = make_user("kim@example.org", Role.CLINICIAN, "Dr. Kim", mfa=True)
    calm = make_user("calm@example.org", Role.PATIENT, "Aaron Calm")
    maya = make_user("maya@example.org", Role.PATIENT, "Maya Flagged")
    for patient in (calm, maya):
        CareTeam.objects.create(clinician=doctor, patient=patient)
    WorkingHours.objects.bulk_create(
        WorkingHours(clinician=doctor, weekday=d, starts=time(8), ends=time(17)) for d in range(5)
    )
    flag_patient(maya)
    score_history(maya)
    start_plan(maya, Actor(doctor), step=1)

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, doctor)

    page.goto(live_server.url + "/clinic/")
    page.get_by_label("Sort by").select_option("urgency")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"sort=urgency"))
    first_row = page.locator("#roster tbody tr").first
    expect(first_row).to_contain_text("Maya Flagged")
    expect(first_row).to_contain_text("Red flag")
    page.screenshot(path=str(screenshots_dir / "chart-roster.png"), full_page=True)

    page.get_by_role("link", name="Maya Flagged").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maya Flagged")
    expect(page.locator("#chart-akps .main-svg").first).to_be_attached()

    page.get_by_role("link", name="Record a visit").click()
    page.get_by_label("Knee examined").select_option("right")
    page.get_by_label("Squat reproduces pain").select_option("positive")
    page.get_by_label("Step-down reproduces pain").select_option("positive")
    page.get_by_label("Foot posture").select_option("flat_feet")
    page.locator("#id_note").fill("Pain on stairs and squats; no effusion.")
    page.get_by_label("Right knee").check()
    page.screenshot(path=str(screenshots_dir / "chart-visit-form.png"), full_page=True)
    page.get_by_role("button", name="Save visit").click()
    expect(page.locator("#diagnoses")).to_contain_text("M22.2X1")
    assert Visit.objects.filter(patient=maya, squat_pain="positive").exists()
    assert Diagnosis.objects.filter(patient=maya, icd10_code="M22.2X1").exists()

    page.get_by_label("Move to step").select_option("2")
    page.locator("#plan-reason").fill("Pain persists after two weeks of rest and ice.")
    page.get_by_role("button", name="Change step").click()
    expect(page.locator("#plan-step")).to_have_text("2")

    page.get_by_role("link", name="Book an appointment").click()
    page.get_by_label("Type").select_option("follow_up")
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.locator("#upcoming")).to_contain_text("Follow-up with Dr. Kim")
    booked = Appointment.objects.get(patient=maya)
    assert booked.start > timezone.now() + timedelta(hours=1)
    page.screenshot(path=str(screenshots_dir / "chart-patient.png"), full_page=True)
