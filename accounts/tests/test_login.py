from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache

from accounts.models import Role
from accounts.services import current_totp_code, ensure_totp
from accounts.testing import PASSWORD, fresh_totp_code, mailed_link, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def test_patient_signs_in_with_email_and_password(client, patient):
    response = client.post(LOGIN, {"login": patient.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/home/")["Location"] == "/today/"


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from kneecap import settings as prod

    assert prod.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_failed_logins_are_rate_limited(client, patient):
    for _ in range(5):
        response = client.post(LOGIN, {"login": patient.email, "password": "wrong-password"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"login": patient.email, "password": PASSWORD})
    assert response.status_code == 429 or "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_login_asks_for_the_totp_code(client, staff):
    response = client.post(LOGIN, {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    cache.clear()
    response = client.post("/accounts/2fa/authenticate/", {"code": fresh_totp_code(staff)})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == staff.pk


def test_staff_without_totp_must_enrol_before_the_desk(client, staff_without_mfa):
    client.post(LOGIN, {"login": staff_without_mfa.email, "password": PASSWORD})
    response = client.get("/staff/requests/")
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_public_pages_stay_open_to_staff_without_totp(client, staff_without_mfa, practice):
    client.force_login(staff_without_mfa)
    assert client.get("/").status_code == 200


def test_totp_code_matches_the_published_algorithm(staff):
    secret = ensure_totp(staff)
    assert ensure_totp(staff) == secret, "an existing authenticator is kept"
    assert current_totp_code(staff, at=59) == format_hotp_value(hotp_value(secret, 1))


@pytest.mark.parametrize(
    ("who", "landing"), [("clinician", "/clinic/"), ("staff", "/staff/"), ("admin_user", "/staff/")]
)
def test_practice_roles_land_on_their_own_page(client, request, who, landing):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/home/")["Location"] == landing


def test_sign_up_asks_for_a_name_and_makes_a_patient_who_confirms_the_address_first(client, practice):
    form = {
        "name": "  Rita Runner ",
        "email": "rita@example.org",
        "password1": "a-long-pass-123",
        "password2": "a-long-pass-123",
    }
    response = client.post("/accounts/signup/", form)
    assert response["Location"] == "/accounts/confirm-email/"
    from accounts.models import User

    user = User.objects.get(email="rita@example.org")
    assert (user.name, user.role) == ("Rita Runner", Role.PATIENT)
    assert "_auth_user_id" not in client.session
    response = client.post(mailed_link("rita@example.org", "/accounts/confirm-email/"))
    assert response["Location"] == "/home/"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_an_unconfirmed_patient_is_asked_to_confirm_before_signing_in(client, practice):
    user = make_user("late@example.org", Role.PATIENT, verified=False)
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    client.post(mailed_link(user.email, "/accounts/confirm-email/"))
    assert int(client.session["_auth_user_id"]) == user.pk


def test_sign_up_without_a_name_is_explained(client, practice):
    form = {
        "name": " ",
        "email": "nameless@example.org",
        "password1": "a-long-pass-123",
        "password2": "a-long-pass-123",
    }
    response = client.post("/accounts/signup/", form)
    assert response.status_code == 200
    assert "Please tell us your name." in response.content.decode() or "required" in response.content.decode()
    from accounts.models import User

    assert not User.objects.filter(email="nameless@example.org").exists()
