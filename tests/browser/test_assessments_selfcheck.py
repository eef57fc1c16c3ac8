"""A visitor walks the self-check, without JavaScript tricks, to each of the four outcomes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from accounts.testing import mailed_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def walk(
    page: Page,
    base: str,
    *,
    warning: str | None = None,
    injury: str | None = None,
    injury_flag: str | None = None,
    fall: bool = False,
    age: str = "34",
    pain: str = "3",
    shots: Path | None = None,
    symptoms: tuple[str, ...] = ("Pain around or behind the kneecap", "Pain going down stairs or walking downhill"),
) -> None:
    page.goto(base + "/self-check/")
    expect(page.locator("form h2")).to_contain_text("Step 1 of 5")
    page.get_by_label("How old are you?").fill(age)
    page.get_by_label("Right knee").check()
    page.locator(f"input[name=pain_nrs][value='{pain}']").check()
    page.get_by_label("How many weeks have you had this pain?").fill("2")
    page.get_by_role("button", name="Next").click()

    expect(page.locator("form h2")).to_contain_text("Warning signs")
    if shots is not None:
        page.screenshot(path=str(shots / "self-check-warning-signs.png"), full_page=True)
    if warning:
        page.get_by_label(warning).check()
    page.get_by_role("button", name="Next").click()

    expect(page.locator("form h2")).to_contain_text("Falls and injuries")
    page.locator(f"input[name=fall_or_blow][value={'yes' if fall else 'no'}]").check()
    if injury:
        page.locator("input[name=recent_injury][value=yes]").check()
        page.get_by_label(injury).check()
    else:
        page.locator("input[name=recent_injury][value=no]").check()
    if injury_flag:
        page.get_by_label(injury_flag).check()
    page.get_by_role("button", name="Next").click()

    expect(page.locator("form h2")).to_contain_text("Your symptoms")
    for symptom in symptoms:
        page.get_by_label(symptom).check()
    page.get_by_role("button", name="Next").click()

    expect(page.locator("form h2")).to_contain_text("What may have added to it")
    page.get_by_label("Old or worn-out running shoes").check()
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/self-check/result/\d+/$"))


@pytest.fixture
def site(live_server):
    from practice import demo

    demo.load()
    return live_server.url


def test_a_runners_knee_pattern_reaches_self_care_and_offers_the_plan(page: Page, site, screenshots_dir):
    page.set_viewport_size({"width": 1280, "height": 900})
    walk(page, site, shots=screenshots_dir)
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "self_care")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start self-care")
    expect(page.get_by_text("This is information, not a diagnosis.")).to_be_visible()
    expect(page.get_by_role("link", name="Step 1: calm the knee down")).to_have_attribute(
        "href", "/runners-knee/#treatment-step-1"
    )
    expect(page.locator("main").get_by_role("link", name=re.compile(r"^Call "))).to_be_visible()
    page.screenshot(path=str(screenshots_dir / "self-check-self-care.png"), full_page=True)

    page.get_by_role("link", name="Save and start my plan").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/self-check/.+/claim/"))

    # Signing up from there asks to confirm the address; the link in the email, opened in the same
    # browser, signs in, claims the result and continues to the plan.
    page.get_by_role("link", name=re.compile("sign up", re.I)).first.click()
    page.locator("input[name=email]").fill("rita.runner@example.org")
    page.locator("input[name=name]").fill("Nina New")
    page.locator("input[name=password1]").fill("a-long-pass-phrase-9")
    page.locator("input[name=password2]").fill("a-long-pass-phrase-9")
    page.get_by_role("button", name=re.compile("sign up", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("verify your email", re.I))
    from assessments.models import SelfCheck

    assert SelfCheck.objects.get().patient is None
    page.goto(site + mailed_link("rita.runner@example.org", "/accounts/confirm-email/"))
    page.get_by_role("button", name=re.compile("confirm", re.I)).click()
    expect(page).to_have_url(re.compile(r"/plan/start/\?self_check=\d+$"))
    assert SelfCheck.objects.get().patient.email == "rita.runner@example.org"


def test_a_hot_swollen_knee_with_fever_is_an_emergency(page: Page, site, screenshots_dir):
    walk(page, site, warning="The knee is hot, red and swollen and you have a fever or feel unwell")
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "emergency")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(page.get_by_text("call 911", exact=False).first).to_be_visible()
    expect(page.get_by_role("link", name="Save and start my plan")).to_have_count(0)
    page.screenshot(path=str(screenshots_dir / "self-check-emergency.png"), full_page=True)


def test_the_ottawa_rules_after_an_injury_are_an_emergency(page: Page, site):
    walk(page, site, injury="you cannot bend the knee to a right angle (90 degrees)")
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "emergency")
    expect(page.locator(".reasons")).to_contain_text("Ottawa knee rules")


def test_a_locking_knee_is_urgent(page: Page, site, screenshots_dir):
    walk(page, site, warning="The knee locks: it gets stuck and you cannot straighten it")
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "urgent")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get seen today or tomorrow")
    expect(page.locator("#outcome .lead")).to_contain_text("Today or tomorrow: call the practice now")
    expect(page.get_by_role("link", name="Urgent: get seen today or tomorrow")).to_have_attribute(
        "href", "/runners-knee/#help-urgent"
    )
    page.screenshot(path=str(screenshots_dir / "self-check-urgent.png"), full_page=True)


def test_high_pain_with_a_runners_knee_pattern_means_booking_a_visit(page: Page, site, screenshots_dir):
    walk(page, site, pain="9")
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "see_clinician")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book an appointment")
    expect(page.locator(".reasons")).to_contain_text("9 out of 10")
    page.screenshot(path=str(screenshots_dir / "self-check-see-clinician.png"), full_page=True)


def test_a_missing_answer_is_shown_next_to_the_field(page: Page, site, screenshots_dir):
    page.goto(site + "/self-check/")
    page.get_by_role("button", name="Next").click()
    expect(page.locator(".field.has-error")).to_have_count(4)
    expect(page.get_by_text("Please tell us your age.")).to_be_visible()
    page.screenshot(path=str(screenshots_dir / "self-check-errors.png"), full_page=True)


def test_the_new_warning_questions_are_asked_and_route_to_their_level(page: Page, site, screenshots_dir):
    page.set_viewport_size({"width": 390, "height": 844})
    walk(
        page,
        site,
        warning="The calf is swollen, tender or painful, or one leg has suddenly become bigger than the other",
    )
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "urgent")
    walk(page, site, warning="New chest pain, or you are short of breath")
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "emergency")
    walk(page, site, warning="You cannot take 4 steps on the leg now, even with a limp")
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "urgent")
    walk(
        page,
        site,
        injury_flag="Since an injury (recent or not) you cannot fully straighten the knee, or cannot lift the "
        "straight leg off the bed",
    )
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "emergency")
    page.screenshot(path=str(screenshots_dir / "self-check-emergency-phone.png"), full_page=True)


def test_a_child_with_hip_pain_is_urgent_and_an_older_runner_books_a_visit(page: Page, site):
    walk(page, site, age="14", warning="You also have pain in the hip, the groin or the thigh")
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "urgent")
    expect(page.locator(".reasons")).to_contain_text("slipped upper femoral epiphysis")
    walk(page, site, age="75")
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "see_clinician")


def test_an_old_fall_with_giving_way_books_a_visit_and_says_so(page: Page, site):
    walk(
        page,
        site,
        fall=True,
        symptoms=(
            "Pain around or behind the kneecap",
            "Pain going down stairs or walking downhill",
            "A feeling that the knee will give way or buckle",
        ),
    )
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "see_clinician")
    expect(page.locator(".reasons")).to_contain_text("hard fall or a blow")
