"""Enrolling an authenticator counts as this session's TOTP step.

The person has just typed a valid code from the new authenticator, which proves they hold it;
without this a new member of staff would set up the app and be asked for a code at once.
allauth's own view does the enrolment; this wrapper only records the step it completed.
"""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import activate_totp as allauth_activate_totp
from django.http import HttpRequest, HttpResponse

from accounts.access import Capability, enforced_elsewhere
from accounts.models import User


def _totp(user: User) -> Authenticator | None:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()


@enforced_elsewhere(
    Capability.ACCOUNT, "allauth requires a signed-in person; two-factor cannot be asked on the page that sets it up"
)
def activate_totp(request: HttpRequest) -> HttpResponse:
    user = request.user
    before = _totp(user) if isinstance(user, User) else None
    response: HttpResponse = allauth_activate_totp(request)
    if request.method == "POST" and isinstance(user, User) and before is None:
        added = _totp(user)
        if added is not None:
            record_authentication(request, user, "mfa", id=added.pk, type="totp", enrolled=True)
    return response
