"""Sign-up never tells a visitor whether an address already has an account."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import Role, User
from accounts.testing import PASSWORD, mailed_link

pytestmark = pytest.mark.django_db
SIGNUP = "/accounts/signup/"


def sign_up(client, email, name="Someone New", next_url=""):
    form = {"name": name, "email": email, "password1": "a-long-pass-phrase-9", "password2": "a-long-pass-phrase-9"}
    return client.post(SIGNUP + (f"?next={next_url}" if next_url else ""), form, follow=True)


def main_text(response, email):
    """The page's main content with the address and the per-response nonce taken out."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'nonce="[^"]*"', "", main).replace(email, "EMAIL")


def test_the_production_default_is_mandatory_confirmation_without_enumeration():
    from kneecap import settings as prod

    assert prod.ACCOUNT_EMAIL_VERIFICATION == "mandatory"
    assert prod.ACCOUNT_PREVENT_ENUMERATION is True


def test_a_bad_verification_setting_is_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from kneecap.settings import env

    monkeypatch.setenv("ACCOUNT_EMAIL_VERIFICATION", "sometimes")
    with pytest.raises(ImproperlyConfigured, match="ACCOUNT_EMAIL_VERIFICATION must be one of"):
        env.choice("ACCOUNT_EMAIL_VERIFICATION", "mandatory", ("mandatory", "optional", "none"))


def test_an_address_with_an_account_gets_the_same_page_as_a_new_one(client, practice, patient):
    new = sign_up(client, "brand.new@example.org")
    client.cookies.clear()
    taken = sign_up(client, patient.email)
    assert new.redirect_chain == taken.redirect_chain == [("/accounts/confirm-email/", 302)]
    assert main_text(new, "brand.new@example.org") == main_text(taken, patient.email)
    assert "already" not in taken.content.decode().lower()


def test_an_address_with_an_account_is_emailed_a_sign_in_link_and_the_account_is_untouched(client, practice, patient):
    sign_up(client, patient.email, name="Intruder")
    assert User.objects.filter(email=patient.email).count() == 1
    patient.refresh_from_db()
    assert patient.name == "Pat Owner"
    assert patient.check_password(PASSWORD)
    assert "_auth_user_id" not in client.session
    [message] = mail.outbox
    assert message.to == [patient.email]
    assert "You already have an account with this address" in message.body
    assert "To sign in to your account, open this link:\nhttp://testserver/accounts/login/" in message.body
    assert "choose a new one here:\nhttp://testserver/accounts/password/reset/" in message.body


def test_the_sign_in_link_keeps_where_the_sign_up_was_going(client, practice, patient):
    sign_up(client, patient.email, next_url="/plan/")
    assert mailed_link(patient.email, "/accounts/login/") == "/accounts/login/?next=%2Fplan%2F"


def test_the_sign_in_link_drops_a_next_to_another_site(client, practice, patient):
    sign_up(client, patient.email, next_url="https://evil.example.com/")
    assert mailed_link(patient.email, "/accounts/login/") == "/accounts/login/"


def test_a_new_address_is_emailed_a_confirmation_link_and_is_not_verified_yet(client, practice):
    sign_up(client, "fresh@example.org")
    user = User.objects.get(email="fresh@example.org")
    assert user.role == Role.PATIENT
    assert not EmailAddress.objects.get(user=user).verified
    link = mailed_link("fresh@example.org", "/accounts/confirm-email/")
    assert client.get(link).status_code == 200
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified


def test_the_confirmation_link_in_another_browser_confirms_without_signing_in(client, practice):
    from django.test import Client

    sign_up(client, "elsewhere@example.org")
    other_browser = Client()
    response = other_browser.post(mailed_link("elsewhere@example.org", "/accounts/confirm-email/"))
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in other_browser.session
    assert EmailAddress.objects.get(email="elsewhere@example.org").verified


def test_mail_says_which_practice_it_comes_from(client, practice):
    sign_up(client, "fresh@example.org")
    assert mail.outbox[0].body.startswith(f"Hello from {practice.name},")
