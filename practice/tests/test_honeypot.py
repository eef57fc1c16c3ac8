"""The honeypot belongs to practice's public forms, not to the shared field template."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from django import forms
from django.conf import settings

pytestmark = pytest.mark.django_db


def honeypots(body: str) -> list[lxml.html.HtmlElement]:
    return lxml.html.fromstring(body).xpath("//*[contains(concat(' ', @class, ' '), ' hp-field ')]")


def test_the_contact_form_has_its_honeypot_hidden_from_people(client, practice):
    body = client.get("/contact/").content.decode()
    [trap] = honeypots(body)
    assert trap.get("aria-hidden") == "true"
    [field] = trap.xpath(".//input")
    assert (field.get("name"), field.get("tabindex"), field.get("autocomplete")) == ("website", "-1", "off")
    assert trap.xpath(".//label[@for='id_website']")


def test_a_filled_honeypot_is_still_refused(client, practice):
    response = client.post("/contact/", {"name": "Bot", "email": "bot@example.org", "website": "http://spam"})
    assert response.status_code == 400
    assert "looked automated" in response.content.decode()


def test_no_other_form_has_a_honeypot(client, practice, patient, clinician):
    assert honeypots(client.get("/self-check/step/1/").content.decode()) == []
    client.force_login(patient)
    for url in ("/runs/new/", "/runs/shoes/", "/plan/start/"):
        assert honeypots(client.get(url).content.decode()) == [], url
    client.force_login(clinician)
    assert honeypots(client.get("/clinic/emergency-access/").content.decode()) == []


def test_a_field_named_website_elsewhere_is_an_ordinary_field():
    class ClinicForm(forms.Form):
        website = forms.CharField(label="Clinic website", required=False)

    html = str(ClinicForm())
    assert "hp-field" not in html and "aria-hidden" not in html and 'tabindex="-1"' not in html
    assert '<label for="id_website">Clinic website:</label>' in html


def test_the_shared_field_template_knows_nothing_of_the_honeypot():
    shared = Path(settings.BASE_DIR, "kneecap", "templates", "forms", "field.html").read_text()
    assert "website" not in shared and "hp-field" not in shared and "aria-hidden" not in shared
