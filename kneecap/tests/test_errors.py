from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.urls("kneecap.tests.error_urls")
def test_a_server_error_shows_a_plain_page_not_a_traceback(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Traceback" not in html and "RuntimeError" not in html


def test_an_unknown_page_is_a_styled_404(client, practice):
    response = client.get("/definitely/not/here/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert 'href="tel:' in response.content.decode()


def test_openapi_schema_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "kneecap API"


def test_the_favicon_request_finds_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("kneecap/favicon.svg")
