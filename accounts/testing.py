"""Signing a test client in as a full sign-in would, for the tests and the benchmarks.

A practice role reaches nothing until its session has passed TOTP (accounts.access.check_mfa), which
allauth records in the session; these helpers write those records for a Django test Client.
"""

from __future__ import annotations

import time

from django.test import Client

from accounts.models import User


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
    client.force_login(user)
    record_totp_step(client, user)
