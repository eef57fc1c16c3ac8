from __future__ import annotations

import pytest

from practice.models import ModerationStatus, Testimonial
from practice.services import initials_of

pytestmark = pytest.mark.django_db
URL = "/testimonials/new/"


def form(**overrides):
    data = {
        "name": "Jamie Lee Runner",
        "text": "Great care, my knee is fine now.",
        "consent": "on",
        "website": "",
        "submission_token": "token-abcdefghijklmnop",
    }
    data.update(overrides)
    return data


def test_a_submission_waits_unseen_until_staff_approve_it(client, practice, staff):
    client.post(URL, form())
    testimonial = Testimonial.objects.get(text="Great care, my knee is fine now.")
    assert testimonial.status == ModerationStatus.PENDING
    assert testimonial.initials == "J. L. R."
    assert "Great care, my knee" not in client.get("/").content.decode()
    client.force_login(staff)
    client.post(f"/staff/testimonials/{testimonial.pk}/", {"decision": "approve"})
    client.logout()
    assert "Great care, my knee" in client.get("/").content.decode()


def test_rejected_testimonials_never_show(client, practice, staff):
    client.post(URL, form(text="Please reject me."))
    testimonial = Testimonial.objects.get(text="Please reject me.")
    client.force_login(staff)
    client.post(f"/staff/testimonials/{testimonial.pk}/", {"decision": "reject"})
    testimonial.refresh_from_db()
    assert testimonial.status == ModerationStatus.REJECTED
    assert "Please reject me." not in client.get("/").content.decode()


def test_consent_is_required(client, practice):
    before = Testimonial.objects.count()
    response = client.post(URL, form(consent=""))
    assert response.status_code == 400
    assert "with your consent" in response.content.decode()
    assert Testimonial.objects.count() == before


def test_the_full_name_is_never_stored(client, practice):
    client.post(URL, form(name="Jamie Lee Runner", text="Name check"))
    assert not Testimonial.objects.filter(text__contains="Jamie").exists()
    assert Testimonial.objects.get(text="Name check").initials == "J. L. R."


def test_honeypot_and_double_submit(client, practice):
    before = Testimonial.objects.count()
    assert client.post(URL, form(website="x")).status_code == 400
    client.post(URL, form())
    client.post(URL, form())
    assert Testimonial.objects.count() == before + 1


@pytest.mark.parametrize("who", ["patient", "clinician"])
def test_only_front_desk_and_admin_moderate(client, request, who, practice):
    testimonial = Testimonial.objects.create(initials="A.", text="x", consent=True)
    client.force_login(request.getfixturevalue(who))
    assert client.get("/staff/testimonials/").status_code == 404
    assert client.post(f"/staff/testimonials/{testimonial.pk}/", {"decision": "approve"}).status_code == 404
    testimonial.refresh_from_db()
    assert testimonial.status == ModerationStatus.PENDING


def test_initials():
    assert initials_of("maria de la cruz") == "m. d. l. c."
    assert initials_of("   ") == "Anonymous"
