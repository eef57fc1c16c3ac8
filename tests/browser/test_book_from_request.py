"""The front desk confirms a possible match on a phone-width screen, with the keyboard only."""

from __future__ import annotations

import re
from datetime import time

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role
from accounts.testing import make_user
from practice.models import Appointment, ContactRequest, WorkingHours
from tests.browser.signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_desk_confirms_a_possible_match_by_keyboard_at_390px(page: Page, live_server, screenshots_dir):
    from practice import demo

    demo.load()
    staff = make_user("desk@example.org", Role.STAFF, "Front Desk", mfa=True)
    doctor = make_user("kim@example.org", Role.CLINICIAN, "Dr. Kim")
    WorkingHours.objects.bulk_create(
        WorkingHours(clinician=doctor, weekday=d, starts=time(8), ends=time(17)) for d in range(5)
    )
    patient = make_user("a.very.long.address.for.rita.runner@example.org", Role.PATIENT, "Rita Runner")
    contact = ContactRequest.objects.create(
        submission_token="b" * 20, name="Rita R.", email=patient.email.upper(), reason="runners_knee"
    )

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, staff)
    expect(page).to_have_url(re.compile(r"/staff/$"))

    page.goto(f"{live_server.url}/staff/requests/{contact.pk}/book/")
    match = page.get_by_role("group", name="Possibly an existing patient")
    expect(match).to_contain_text("Rita Runner")
    expect(match).to_contain_text(patient.email)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshots_dir / "book-possible-match.png"), full_page=True)

    confirm = page.get_by_label(re.compile("I have checked that this request is from this patient"))
    expect(confirm).not_to_be_checked()
    confirm.focus()
    page.keyboard.press("Space")
    expect(confirm).to_be_checked()
    page.get_by_role("button", name="Confirm booking").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/staff/requests/$"))
    assert Appointment.objects.get().patient == patient
