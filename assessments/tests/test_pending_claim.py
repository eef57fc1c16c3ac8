"""A result saved at sign-up waits, in that browser, for the first sign-in after the address is confirmed."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.testing import PASSWORD, mailed_link
from assessments.models import SelfCheck
from assessments.pending import SESSION_PENDING_CLAIM
from assessments.tests.test_self_check_views import walk

pytestmark = pytest.mark.django_db
NEW = "new.runner@example.org"
NEW_PASSWORD = "a-long-pass-phrase-9"


def save_and_sign_up(client):
    """Walk the self-check to self-care, press "Save and start my plan", sign up; return the result."""
    walk(client)
    check = SelfCheck.objects.get()
    claim = client.get(f"/self-check/{check.claim_token}/claim/")["Location"]
    assert claim.startswith("/accounts/login/?next=")
    form = {"name": "New Runner", "email": NEW, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = client.post(f"/accounts/signup/?next=/self-check/{check.claim_token}/claim/", form)
    assert response["Location"] == "/accounts/confirm-email/"
    return check


def sign_in(client, email, password=NEW_PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password}, follow=True)


def test_confirming_in_another_browser_then_signing_in_here_claims_the_result(client, practice):
    check = save_and_sign_up(client)
    Client().post(mailed_link(NEW, "/accounts/confirm-email/"))
    response = sign_in(client, NEW)
    assert response.redirect_chain[-1][0] == f"/plan/start/?self_check={check.pk}"
    check.refresh_from_db()
    assert check.patient.email == NEW


def test_confirming_here_after_the_pending_sign_in_expired_still_claims_at_sign_in(client, practice, settings):
    check = save_and_sign_up(client)
    settings.ACCOUNT_LOGIN_TIMEOUT = 0  # the half-finished sign-in allauth keeps has run out
    response = client.post(mailed_link(NEW, "/accounts/confirm-email/"))
    assert response["Location"] == "/accounts/login/"
    check.refresh_from_db()
    assert check.patient is None
    response = sign_in(client, NEW)
    assert response.redirect_chain[-1][0] == f"/plan/start/?self_check={check.pk}"
    check.refresh_from_db()
    assert check.patient.email == NEW


def test_signing_in_in_the_other_browser_does_not_claim_the_result(client, practice):
    check = save_and_sign_up(client)
    other_browser = Client()
    other_browser.post(mailed_link(NEW, "/accounts/confirm-email/"))
    response = sign_in(other_browser, NEW)
    assert response.redirect_chain[0][0] == "/home/"
    check.refresh_from_db()
    assert check.patient is None


def test_someone_else_signing_in_in_that_browser_is_not_sent_to_the_claim(client, practice, other_patient):
    check = save_and_sign_up(client)
    response = sign_in(client, other_patient.email, PASSWORD)
    assert response.redirect_chain[0][0] == "/home/"
    check.refresh_from_db()
    assert check.patient is None


def test_a_practice_role_signing_in_from_the_claim_link_leaves_no_pending_claim(client, practice, clinician):
    walk(client)
    check = SelfCheck.objects.get()
    client.post(
        f"/accounts/login/?next=/self-check/{check.claim_token}/claim/",
        {"login": clinician.email, "password": PASSWORD},
    )
    assert SESSION_PENDING_CLAIM not in client.session


def test_a_result_claimed_on_confirmation_is_not_claimed_again_at_the_next_sign_in(client, practice):
    check = save_and_sign_up(client)
    response = client.post(mailed_link(NEW, "/accounts/confirm-email/"), follow=True)
    assert response.redirect_chain[-1][0] == f"/plan/start/?self_check={check.pk}"
    assert client.get("/accounts/login/")["Location"] == "/home/"
    assert SESSION_PENDING_CLAIM not in client.session
