"""Account operations shared by the CLI, the demo and the admin."""

from __future__ import annotations

import time

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.urls import reverse

from accounts.models import Role, User


def set_password_link(user: User) -> str:
    """A one-time link (valid until the password changes) to choose a password."""
    key = default_token_generator.make_token(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key})
    return f"{settings.SITE_URL}{path}"


def add_user(email: str, role: Role, name: str = "") -> User:
    """Create a user without a password (they choose it through ``set_password_link``).

    A practice role's address is recorded as confirmed: the administrator typed a colleague's work
    address and hands the link over in person. A patient's address is confirmed by the patient at the
    first sign-in, because reminders and messages about their care will go there.
    """
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValueError(f"A user with the email {email} already exists")
    user = User.objects.create_user(email=email, role=role, name=name)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    if user.works_at_practice:
        mark_email_verified(user)
    return user


def mark_email_verified(user: User) -> EmailAddress:
    """Record USER's address as confirmed and primary, so that signing in asks for no confirmation email."""
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress(user=user, email=user.email)
    EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(primary=False)
    address.verified, address.primary = True, True
    address.save()
    return address


def ensure_totp(user: User, secret: str | None = None) -> str:
    """Give USER a TOTP authenticator (keeping an existing one); return its secret."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing is not None:
        return str(decrypt(existing.data["secret"]))
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_totp_code(user: User, at: float | None = None) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = str(decrypt(authenticator.data["secret"]))
    counter = int(at if at is not None else time.time()) // 30
    return str(format_hotp_value(hotp_value(secret, counter)))
