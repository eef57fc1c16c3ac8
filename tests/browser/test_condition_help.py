"""The condition page's "when to get help" section shows every warning sign at its level, on a phone too."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_new_warning_signs_are_shown_under_their_level(page: Page, live_server, screenshots_dir, width):
    from practice import demo

    demo.load()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/runners-knee/#when-to-get-help")
    emergency = page.locator(".callout.danger", has=page.locator("#help-emergency"))
    urgent = page.locator(".callout.warn", has=page.locator("#help-urgent"))
    review = page.locator(".callout", has=page.locator("#help-review"))
    expect(emergency.locator("[data-flag=chest_pain_or_breathless]")).to_be_visible()
    expect(emergency.locator("[data-flag=cannot_straighten_or_lift_leg]")).to_contain_text("lift your leg")
    expect(urgent.get_by_role("heading")).to_contain_text("today or tomorrow")
    for code in ("hot_swollen_no_fever", "calf_swelling_or_pain", "cannot_bear_weight"):
        expect(urgent.locator(f"[data-flag={code}]")).to_be_visible()
    for code in ("recent_knee_surgery_or_injection", "swelling_without_injury", "leg_weakness_or_back_pain"):
        expect(review.locator(f"[data-flag={code}]")).to_be_visible()
    # Nothing in the section is wider than the phone's screen.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.locator("#when-to-get-help").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots_dir / f"condition-help-{width}.png"), full_page=False)
