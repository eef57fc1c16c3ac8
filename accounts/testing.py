"""What the tests and the benchmarks share: users with a known password, and signing in as a person would.

A practice role reaches nothing until its session has passed TOTP (accounts.access.check_mfa), which
allauth records in the session; `sign_in_with_totp` writes those records for a Django test Client, and
`fresh_totp_code` gives a browser test a code the server will still accept when the form arrives.
The pytest fixtures built on these live in the root conftest.py.
"""

from __future__ import annotations

import re
import time

from django.core import mail
from django.test import Client

from accounts.models import Role, User
from accounts.services import current_totp_code, ensure_totp, mark_email_verified

PASSWORD = "correct-horse-battery"  # noqa: S105 - the test users' password
#: TOTP steps are 30 s and allauth accepts only the current one (and each code once): a code read with
#: less than this many seconds left could reach the server in the next step.
TOTP_SAFETY_SECONDS = 5.0
TOTP_STEP_SECONDS = 30

_force_login = Client.force_login
#: The last TOTP step each user (by the authenticator's identity) was given a code for.
_last_totp_step: dict[tuple[int, str], int] = {}


def make_user(email: str, role: Role, name: str = "", mfa: bool = False, verified: bool = True) -> User:
    """A user with PASSWORD; VERIFIED (the usual case) means their address is already confirmed."""
    user = User.objects.create_user(email=email, password=PASSWORD, role=role, name=name or email.split("@")[0])
    if verified:
        mark_email_verified(user)
    if mfa:
        ensure_totp(user)
    return user


def record_totp_step(client: Client, user: User) -> None:
    """Write into CLIENT's session the records allauth keeps after a password and a TOTP step."""
    now = time.time()
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def sign_in_with_totp(client: Client, user: User) -> None:
    """Sign USER in on CLIENT as password plus TOTP would."""
    _force_login(client, user)
    record_totp_step(client, user)


def sign_in_with_password_only(client: Client, user: User) -> None:
    """Sign USER in as the password step alone would: no TOTP step recorded in the session."""
    _force_login(client, user)


def fresh_totp_code(user: User) -> str:
    """USER's TOTP code for a step that has TOTP_SAFETY_SECONDS left and that this process has not used.

    Waits for the next step when needed (at most one step), so a test never loses a race with the clock
    or trips allauth's refusal of a code used twice.
    """
    now = time.time()
    step = int(now) // TOTP_STEP_SECONDS
    left = (step + 1) * TOTP_STEP_SECONDS - now
    who = (user.pk, user.email)
    if left < TOTP_SAFETY_SECONDS or _last_totp_step.get(who) == step:
        time.sleep(left + 0.1)
        step += 1
    _last_totp_step[who] = step
    return current_totp_code(user, at=step * TOTP_STEP_SECONDS)


def forget_used_totp_codes() -> None:
    """Forget the TOTP steps handed out: call it whenever the cache (where allauth keeps used codes) is cleared."""
    _last_totp_step.clear()


def mailed_link(address: str, path_prefix: str) -> str:
    """The path of the last link starting with PATH_PREFIX mailed to ADDRESS (the test mailbox)."""
    for message in reversed(mail.outbox):
        if address in message.to:
            found = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}\S*)", str(message.body))
            if found:
                return found.group(1)
    raise AssertionError(f"no link to {path_prefix} was mailed to {address}")
