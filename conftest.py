"""Shared fixtures: the demo practice and one user of each kind, plus the browser set-up."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from accounts.access import has_mfa
from accounts.models import CareTeam, Role, User
from accounts.testing import forget_used_totp_codes, make_user, record_totp_step

# The CI machine has 2 shared cores: time limits per example would fail tests for the machine's
# load, not for the code. Property tests still run their full number of examples.
hypothesis_settings.register_profile("kneecap", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("kneecap")

# Playwright's sync API runs an event loop in the test thread; live_server tests need the ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--screenshots-dir", default="var/screenshots", help="Where browser tests save screenshots")


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Rate limits and used TOTP codes live in the cache: no test may inherit another's.
    cache.clear()
    forget_used_totp_codes()
    yield
    cache.clear()


_force_login = Client.force_login


@pytest.fixture(autouse=True)
def _staff_sign_in_passes_totp(monkeypatch: pytest.MonkeyPatch) -> None:
    """client.force_login(staff) stands for a full sign-in: password, then TOTP when they have an authenticator.

    Tests of the password-only session use sign_in_with_password_only; the real two-step sign-in has its
    own tests (accounts/tests/test_login.py) and the browser tests go through it.
    """

    def force_login(self: Client, user: User, backend: str | None = None) -> None:
        _force_login(self, user, backend)
        if getattr(user, "works_at_practice", False) and has_mfa(user):
            record_totp_step(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def practice(db: Any) -> Any:
    from practice import demo

    return demo.load()


@pytest.fixture
def patient(db: Any) -> User:
    return make_user("pat@example.org", Role.PATIENT, "Pat Owner")


@pytest.fixture
def other_patient(db: Any) -> User:
    return make_user("other@example.org", Role.PATIENT, "Olive Other")


@pytest.fixture
def clinician(db: Any, patient: User) -> User:
    user = make_user("doc@example.org", Role.CLINICIAN, "Dr. Care", mfa=True)
    CareTeam.objects.create(clinician=user, patient=patient)
    return user


@pytest.fixture
def outside_clinician(db: Any) -> User:
    return make_user("outsider@example.org", Role.CLINICIAN, "Dr. Outside", mfa=True)


@pytest.fixture
def staff(db: Any) -> User:
    return make_user("desk@example.org", Role.STAFF, "Desk Person", mfa=True)


@pytest.fixture
def admin_user(db: Any) -> User:
    return make_user("boss@example.org", Role.ADMIN, "Admin Person", mfa=True)


@pytest.fixture
def staff_without_mfa(db: Any) -> User:
    return make_user("new-desk@example.org", Role.STAFF, "New Desk")


MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"


@pytest.fixture
def marked_for_translation(monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Wrap every string that goes through gettext in MARK_OPEN ... MARK_CLOSE while the test runs.

    The project has no catalogs yet, so a translated page reads like the original; the marks show which
    text would be translated. Covers gettext_lazy constants and {% translate %} / {% blocktranslate %}.
    """
    from django.utils import translation
    from django.utils.safestring import SafeData, mark_safe

    real = translation._trans.gettext

    def marking(message: str) -> str:
        text = f"{MARK_OPEN}{real(message)}{MARK_CLOSE}"
        return mark_safe(text) if isinstance(message, SafeData) else text

    monkeypatch.setattr(translation._trans, "gettext", marking)
    return MARK_OPEN, MARK_CLOSE


@pytest.fixture(scope="session")
def screenshots_dir(pytestconfig: pytest.Config) -> Path:
    path = Path(pytestconfig.getoption("--screenshots-dir"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
