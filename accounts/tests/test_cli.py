from __future__ import annotations

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import CareTeam, Role, User

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_add_user_creates_the_user_and_prints_a_working_one_time_link(client):
    out = run("add_user", "New.Doc@Example.org", "--role", "clinician", "--name", "Dr. New")
    user = User.objects.get(email="new.doc@example.org")
    assert (user.role, user.name, user.has_usable_password()) == (Role.CLINICIAN, "Dr. New", False)
    link = re.search(r"http://\S+", out).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")
    form = client.get(path, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0], {"password1": "a-long-new-pass-1", "password2": "a-long-new-pass-1"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-long-new-pass-1")
    again = client.get(path, follow=True)
    assert "token was invalid" in again.content.decode().lower() or "bad token" in again.content.decode().lower()


def test_add_user_refuses_a_duplicate_email(patient):
    with pytest.raises(CommandError, match="already exists"):
        run("add_user", patient.email, "--role", "patient")


def test_add_user_refuses_an_unknown_role():
    with pytest.raises(CommandError):
        run("add_user", "x@example.org", "--role", "wizard")


@override_settings(DEBUG=True)
def test_totp_prints_the_current_code(staff):
    assert re.fullmatch(r"\d{6}\n", run("totp", staff.email))


@override_settings(DEBUG=False)
def test_totp_refuses_with_debug_off(staff):
    with pytest.raises(CommandError, match="DEBUG"):
        run("totp", staff.email)


def test_demo_is_idempotent_and_prints_every_login():
    first = run("demo")
    counts = (User.objects.count(), CareTeam.objects.count())
    second = run("demo")
    assert (User.objects.count(), CareTeam.objects.count()) == counts, "a second run adds nobody"
    for email in ("patient@example.com", "patient2@example.com", "clinician@example.com",
                  "clinician2@example.com", "staff@example.com", "admin@example.com"):  # fmt: skip
        assert email in first and email in second
    assert re.search(r"staff@example.com .* TOTP secret [A-Z2-7]{32}", second)
    clinician = User.objects.get(email="clinician@example.com")
    assert {"patient@example.com", "patient2@example.com"} <= set(
        clinician.care_of.values_list("patient__email", flat=True)
    )
    assert not User.objects.get(email="clinician2@example.com").care_of.exists()
    assert User.objects.get(email="admin@example.com").check_password("kneecap-demo")


def test_every_demo_login_signs_in_with_the_published_password_without_a_confirmation_email(client):
    from django.core import mail

    from accounts.demo import DEMO_PASSWORD, PEOPLE

    run("demo")
    run("demo")  # a second run keeps one confirmed address per person
    for email, _role, _name in PEOPLE:
        client.cookies.clear()
        response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response["Location"] in ("/home/", "/accounts/2fa/authenticate/"), email
        assert EmailAddress.objects.get(user__email=email).verified
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["clinician", "staff", "admin"])
def test_add_user_confirms_a_practice_roles_address(role):
    run("add_user", "colleague@example.org", "--role", role)
    address = EmailAddress.objects.get(user__email="colleague@example.org")
    assert (address.email, address.verified, address.primary) == ("colleague@example.org", True, True)


def test_add_user_leaves_a_patients_address_for_the_patient_to_confirm(client):
    from django.core import mail

    run("add_user", "newpatient@example.org", "--role", "patient")
    assert not EmailAddress.objects.filter(user__email="newpatient@example.org", verified=True).exists()
    user = User.objects.get(email="newpatient@example.org")
    user.set_password("a-long-new-pass-1")
    user.save()
    response = client.post("/accounts/login/", {"login": user.email, "password": "a-long-new-pass-1"})
    assert response["Location"] == "/accounts/confirm-email/"
    assert [m.to for m in mail.outbox] == [[user.email]]
