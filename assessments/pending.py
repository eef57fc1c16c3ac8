"""A self-check result a visitor asked to save, kept in their session until they first sign in.

"Save and start my plan" sends an anonymous visitor to sign up with ``next`` set to the claim link.
Email confirmation is mandatory, so the sign-up ends on "check your email". Confirming in the same
browser within allauth's ACCOUNT_LOGIN_TIMEOUT signs the person in and follows ``next`` by itself.
When that pending sign-in is gone (confirmed later, or in another browser and then signed in here),
the first sign-in in this browser has no ``next``: the account adapter asks ``claim_url_after_sign_in``
and continues to the claim. Only the claim tokens of results this browser made count (``SESSION_CLAIMS``),
so the link alone never claims anything.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse

from accounts.models import User
from assessments.views import SESSION_CLAIMS

SESSION_PENDING_CLAIM = "assessments_self_check_pending_claim"
CLAIM_VIEW = "assessments:self_check_claim"


def remember_claim(request: HttpRequest, user: User, next_url: str | None) -> None:
    """Keep the claim NEXT_URL points to for USER's first sign-in, if it is one of this browser's results."""
    if not next_url or not user.is_patient:
        return
    try:
        match = resolve(urlsplit(next_url).path)
    except Resolver404:
        return
    token = match.kwargs.get("token")
    if match.view_name == CLAIM_VIEW and token in request.session.get(SESSION_CLAIMS, []):
        request.session[SESSION_PENDING_CLAIM] = {"token": token, "user": user.pk}


def claim_url_after_sign_in(request: HttpRequest) -> str | None:
    """The claim link to continue to after this sign-in, once; None when nothing waits for this person."""
    pending = request.session.pop(SESSION_PENDING_CLAIM, None)
    if not isinstance(pending, dict) or pending.get("user") != request.user.pk:
        return None
    token = pending.get("token")
    # Claiming removes the token from SESSION_CLAIMS: a result claimed already is not claimed again.
    if token not in request.session.get(SESSION_CLAIMS, []):
        return None
    return reverse(CLAIM_VIEW, kwargs={"token": token})
