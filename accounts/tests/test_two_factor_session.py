"""Every staff door needs a session that passed TOTP itself; an enrolled authenticator is not enough."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache

from accounts.testing import PASSWORD, fresh_totp_code, sign_in_with_password_only

pytestmark = pytest.mark.django_db

STAFF_DOORS = {
    "clinician": ["/clinic/", "/clinic/patients/{pk}/", "/api/v1/clinic/roster", "/api/v1/patients/{pk}/load"],
    "staff": ["/staff/", "/staff/requests/", "/clinic/appointments/"],
    "admin_user": ["/admin/", "/staff/audit/", "/admin/accounts/user/"],
}


@pytest.mark.parametrize("who", sorted(STAFF_DOORS))
def test_a_password_only_session_reaches_no_staff_door(request, client, practice, patient, who):
    user = request.getfixturevalue(who)
    sign_in_with_password_only(client, user)
    for door in STAFF_DOORS[who]:
        response = client.get(door.format(pk=patient.pk))
        if door.startswith("/api/"):
            assert response.status_code == 403, door
            assert "authenticator app code" in response.json()["detail"]
        else:
            assert response.status_code == 302, door
            assert response["Location"].startswith("/accounts/2fa/reauthenticate/?next="), door


@pytest.mark.parametrize("who", sorted(STAFF_DOORS))
def test_after_the_totp_step_every_staff_door_opens(request, client, practice, patient, who):
    user = request.getfixturevalue(who)
    sign_in_with_password_only(client, user)
    first = STAFF_DOORS[who][0]
    step = client.get(first)["Location"]
    response = client.post(step, {"code": fresh_totp_code(user)})
    assert response.status_code == 302
    assert response["Location"] == first
    for door in STAFF_DOORS[who]:
        assert client.get(door.format(pk=patient.pk)).status_code == 200, door


def test_the_admin_login_sends_people_to_the_two_step_sign_in(client, admin_user):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Faccounts%2Fuser%2F"
    # The admin's own password form is gone: posting to it signs no one in.
    client.post("/admin/login/", {"username": admin_user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_the_admin_login_never_redirects_to_another_host(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_signing_in_to_the_admin_takes_password_then_totp_and_is_rate_limited(client, admin_user):
    response = client.post("/accounts/login/?next=/admin/", {"login": admin_user.email, "password": PASSWORD})
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": fresh_totp_code(admin_user)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    cache.clear()
    client.logout()
    for _ in range(5):
        client.post("/accounts/login/", {"login": admin_user.email, "password": "wrong-password"})
    blocked = client.post("/accounts/login/", {"login": admin_user.email, "password": PASSWORD})
    assert blocked.status_code == 429 or "Too many failed login attempts" in blocked.content.decode()


def test_enrolling_an_authenticator_counts_as_this_sessions_totp_step(client, staff_without_mfa, practice):
    client.post("/accounts/login/", {"login": staff_without_mfa.email, "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})  # allauth asks before adding a factor
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/staff/requests/").status_code == 200


@pytest.mark.parametrize("who", ["staff", "clinician", "patient"])
def test_a_signed_in_person_who_is_not_an_administrator_gets_404_from_the_admin_not_a_redirect_loop(
    request, client, who
):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 404
    assert len(response.redirect_chain) <= 2
