"""Demo people: two patients, two clinicians, a front-desk user and an admin."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import CareTeam, Role, User
from accounts.services import ensure_totp, mark_email_verified

DEMO_PASSWORD = "kneecap-demo"  # noqa: S105 - the published demo password


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    name: str
    totp_secret: str = ""


PEOPLE = [
    ("patient@example.com", Role.PATIENT, "Maya Thompson"),
    ("patient2@example.com", Role.PATIENT, "Daniel Reyes"),
    ("clinician@example.com", Role.CLINICIAN, "Dr. Alex Kim"),
    ("clinician2@example.com", Role.CLINICIAN, "Dr. Priya Nair"),
    ("staff@example.com", Role.STAFF, "Jordan Lee"),
    ("admin@example.com", Role.ADMIN, "Sam Ortiz"),
]


def load() -> list[DemoLogin]:
    logins = []
    users: dict[str, User] = {}
    for email, role, name in PEOPLE:
        user, created = User.objects.get_or_create(email=email, defaults={"role": role, "name": name})
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.role, user.name, user.is_active = role, name, True
        user.save()
        # Demo addresses cannot receive mail: they are confirmed here, so the demo signs in at once.
        mark_email_verified(user)
        users[email] = user
        secret = ensure_totp(user) if role in (Role.CLINICIAN, Role.STAFF, Role.ADMIN) else ""
        logins.append(DemoLogin(email, role.label, name, secret))
    for patient in ("patient@example.com", "patient2@example.com"):
        CareTeam.objects.get_or_create(clinician=users["clinician@example.com"], patient=users[patient])
    return logins
