"""Asking for a new password never tells the visitor whether the address has an account."""

from __future__ import annotations

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db
RESET = "/accounts/password/reset/"


def main_text(response, email):
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'nonce="[^"]*"', "", main).replace(email, "EMAIL")


def test_an_unknown_address_gets_the_same_page_as_a_known_one(client, practice, patient):
    known = client.post(RESET, {"email": patient.email}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/accounts/password/reset/done/", 302)]
    assert main_text(known, patient.email) == main_text(unknown, "nobody@example.org")


def test_only_a_known_address_is_mailed_a_reset_link(client, practice, patient):
    client.post(RESET, {"email": patient.email})
    client.post(RESET, {"email": "nobody@example.org"})
    to_patient = [m for m in mail.outbox if m.to == [patient.email]]
    to_nobody = [m for m in mail.outbox if m.to == ["nobody@example.org"]]
    assert len(to_patient) == len(to_nobody) == 1
    assert "/accounts/password/reset/key/" in to_patient[0].body
    assert "/accounts/password/reset/key/" not in to_nobody[0].body
