from __future__ import annotations

import pytest
from django.core import mail

from practice.models import ContactRequest, RequestStatus

pytestmark = pytest.mark.django_db
URL = "/contact/"


def form(**overrides):
    data = {
        "name": "Rita Runner",
        "email": "rita@example.org",
        "phone": "",
        "reason": "runners_knee",
        "preferred_days": ["0", "2"],
        "preferred_from": "09:00",
        "preferred_to": "11:30",
        "message": "My knee hurts going down stairs.",
        "website": "",
        "submission_token": "token-abcdefghijklmnop",
    }
    data.update(overrides)
    return data


def test_a_valid_request_is_stored_with_a_reference_and_the_practice_is_emailed(
    client, practice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form(), follow=True)
    saved = ContactRequest.objects.get()
    assert saved.status == RequestStatus.NEW
    assert saved.preferred_days == [0, 2]
    assert saved.reference in response.content.decode()
    assert len(mail.outbox) == 1
    assert saved.reference in mail.outbox[0].subject
    assert mail.outbox[0].to == ["frontdesk@example.com"]


def test_the_form_page_offers_a_fresh_token(client, practice):
    response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["form"].initial["submission_token"]) >= 16


def test_phone_alone_is_enough(client, practice):
    client.post(URL, form(email="", phone="(555) 123-4567"))
    assert ContactRequest.objects.get().phone == "(555) 123-4567"


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"email": "", "phone": ""}, "email", "Give an email address or a phone number"),
        ({"preferred_days": ["5"]}, "preferred_days", "We are closed on Saturday"),
        ({"preferred_from": "07:00"}, "preferred_from", "Please choose times inside opening hours"),
        ({"preferred_to": "18:00"}, "preferred_to", "Please choose times inside opening hours"),
        ({"preferred_days": [], "preferred_to": "20:00"}, "preferred_to", "inside opening hours"),
        ({"preferred_from": "11:00", "preferred_to": "10:00"}, "preferred_to", "must be after the start time"),
        ({"message": "x" * 5001}, "message", "Please shorten your message to 5,000 characters"),
        ({"phone": "call me", "email": ""}, "phone", "at least 7 digits"),
        ({"name": "   "}, "name", "required"),
        ({"reason": "surgery"}, "reason", "Select a valid choice"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_stored(client, practice, overrides, field, text):
    response = client.post(URL, form(**overrides))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert text.lower() in errors.lower()
    assert ContactRequest.objects.count() == 0
    assert mail.outbox == []


def test_a_double_submit_stores_one_request(client, practice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, form(), follow=True)
        second = client.post(URL, form(), follow=True)
    assert ContactRequest.objects.count() == 1
    reference = ContactRequest.objects.get().reference
    assert reference in first.content.decode() and reference in second.content.decode()
    assert len(mail.outbox) == 1


def test_the_honeypot_stops_bots_and_stores_nothing(client, practice):
    response = client.post(URL, form(website="http://spam.example"))
    assert response.status_code == 400
    assert "looked automated" in response.content.decode()
    assert ContactRequest.objects.count() == 0


def test_requests_are_rate_limited_per_ip(client, practice, settings):
    settings.CONTACT_RATE_LIMIT = "3/h"
    for n in range(3):
        client.post(URL, form(submission_token=f"token-number-{n:04d}-xxxx"))
    response = client.post(URL, form(submission_token="token-number-9999-xxxx"))
    assert response.status_code == 429
    assert "Too many forms" in response.content.decode()
    assert ContactRequest.objects.count() == 3
    other_ip = client.post(URL, form(submission_token="token-other-ip-xxxxxx"), REMOTE_ADDR="10.9.9.9")
    assert other_ip.status_code == 302


def test_script_in_any_field_is_shown_escaped_to_staff(client, practice, staff):
    payload = "<script>alert('x')</script>"
    client.post(URL, form(name=payload, message=payload))
    client.force_login(staff)
    html = client.get("/staff/requests/").content.decode()
    assert payload not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_thanks_page_without_a_request_goes_back_to_the_form(client, practice):
    assert client.get("/contact/thanks/")["Location"] == "/contact/"
