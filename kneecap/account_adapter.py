"""The allauth adapter: where sign-in and sign-up meet the rest of the project.

It lives in kneecap/ (the assembly layer) because it joins accounts with the self-check a visitor
asked to save (assessments.pending), which accounts, the bottom app, may not import.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from allauth.core import context
from allauth.utils import build_absolute_uri
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.models import User
from assessments import pending


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Where a sign-in without ``next`` goes: a self-check waiting to be saved, else the person's home."""
        return pending.claim_url_after_sign_in(request) or reverse("accounts:home")

    def pre_login(self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> HttpResponse | None:
        response: HttpResponse | None = super().pre_login(request, user, **kwargs)
        # Sign-up stops at "check your email": keep a pending claim for the first sign-in in this browser.
        if isinstance(user, User):
            pending.remember_claim(request, user, kwargs.get("redirect_url"))
        return response

    def send_account_already_exists_mail(self, email: str) -> None:
        """Someone signed up with an address that has an account: tell that address how to sign in.

        The visitor sees the same "check your email" page as a new sign-up, so the page reveals nothing.
        The sign-in link keeps the sign-up's ``next`` (a self-check to save, for example).
        """
        request = context.request
        login_url = build_absolute_uri(request, reverse("account_login"))
        next_url = get_next_redirect_url(request)
        if next_url:
            login_url = f"{login_url}?{urlencode({'next': next_url})}"
        ctx = {
            "login_url": login_url,
            "password_reset_url": build_absolute_uri(request, reverse("account_reset_password")),
        }
        self.send_mail("account/email/account_already_exists", email, ctx)
