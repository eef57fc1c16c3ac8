"""Anyone signed in can end their sessions in every other browser; nobody else's, and it is audited."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/me/sign-out-everywhere/"


def browser_of(user):
    browser = Client()
    browser.force_login(user)
    return browser


def is_signed_in(browser):
    """Whether BROWSER's session still exists and names its user (an ended one is gone from the table)."""
    return "_auth_user_id" in browser.session


@pytest.mark.parametrize("who", ["patient", "clinician", "staff", "admin_user"])
def test_every_role_ends_its_other_sessions_and_keeps_this_one(client, practice, request, who):
    user = request.getfixturevalue(who)
    phone, laptop = browser_of(user), browser_of(user)
    client.force_login(user)
    response = client.post(URL, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Signed out of 2 other browsers or devices. You are still signed in here." in response.content.decode()
    assert not is_signed_in(phone)
    assert not is_signed_in(laptop)
    assert is_signed_in(client)


def test_it_never_ends_another_persons_session(client, practice, patient, other_patient, staff):
    others = [browser_of(other_patient), browser_of(staff)]
    client.force_login(patient)
    response = client.post(URL, follow=True)
    assert "Signed out of 0 other browsers or devices." in response.content.decode()
    assert all(is_signed_in(b) for b in others)


def test_a_clinician_ending_their_sessions_leaves_their_patients_signed_in(client, practice, clinician, patient):
    patients_phone = browser_of(patient)
    client.force_login(clinician)
    client.post(URL)
    assert is_signed_in(patients_phone)


def test_it_is_audited_with_the_number_of_sessions(client, practice, patient, staff):
    browser_of(patient)
    client.force_login(patient)
    client.post(URL)
    event = AuditEvent.objects.get(action="accounts.sessions.ended_elsewhere")
    assert (event.actor, event.patient, event.changes) == (patient, patient, {"sessions": 1})
    client.force_login(staff)
    client.post(URL)
    event = AuditEvent.objects.filter(action="accounts.sessions.ended_elsewhere").first()
    assert (event.actor, event.patient, event.changes) == (staff, None, {"sessions": 0})


def test_opening_the_page_ends_nothing(client, practice, patient):
    phone = browser_of(patient)
    client.force_login(patient)
    response = client.get(URL)
    assert response.status_code == 200
    assert f'action="{URL}"' in response.content.decode()
    assert is_signed_in(phone)
    assert not AuditEvent.objects.filter(action="accounts.sessions.ended_elsewhere").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, practice, patient):
    phone = browser_of(patient)
    for response in (client.get(URL), client.post(URL)):
        assert response["Location"] == f"/accounts/login/?next={URL}"
    assert is_signed_in(phone)


def test_a_post_without_the_csrf_token_is_refused(practice, patient):
    phone = browser_of(patient)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(patient)
    assert browser.post(URL).status_code == 403
    assert is_signed_in(phone)


def test_staff_without_an_authenticator_app_enrol_first(client, practice, staff_without_mfa):
    client.force_login(staff_without_mfa)
    assert client.post(URL)["Location"] == "/accounts/2fa/totp/activate/"


def test_the_button_is_on_the_patients_account_page(client, practice, patient):
    client.force_login(patient)
    page = client.get("/me/").content.decode()
    assert f'<form method="post" action="{URL}"' in page
    assert "Sign out everywhere else" in page


@pytest.mark.parametrize("who", ["clinician", "staff", "admin_user"])
def test_practice_roles_reach_it_from_the_navigation(client, practice, request, who):
    client.force_login(request.getfixturevalue(who))
    page = client.get("/", follow=True).content.decode()
    assert f'<a href="{URL}">Sign out everywhere</a>' in page


def test_its_text_is_marked_for_translation(client, practice, patient, marked_for_translation):
    opening, closing = marked_for_translation
    client.force_login(patient)
    page = client.get(URL).content.decode()
    assert f"{opening}Sign out everywhere else{closing}" in page
    assert f"{opening}Ends your sessions in every other browser and device. You stay signed in here.{closing}" in page
