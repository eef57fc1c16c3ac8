"""Signing in through the real form in a browser test: password, then the TOTP step for practice roles."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from accounts.access import has_mfa
from accounts.models import User
from accounts.testing import PASSWORD, fresh_totp_code


def sign_in(page: Page, base_url: str, user: User, password: str = PASSWORD) -> None:
    """Sign USER in on PAGE as a person would, and wait until the sign-in pages are behind them."""
    page.goto(base_url + "/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if user.works_at_practice and has_mfa(user):
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
        page.locator("input[name=code]").fill(fresh_totp_code(user))
        page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/(login|2fa)/"))
