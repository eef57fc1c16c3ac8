"""Test helpers for the FHIR API: an answer checked as FHIR JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from fhir.resources.R4B import get_fhir_model_class


def fhir_json(response: HttpResponse, status: int = 200) -> dict[str, Any]:
    """RESPONSE's body after checking its status, its FHIR content type and that it validates as its resource."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/fhir+json")
    body: dict[str, Any] = response.json()  # type: ignore[attr-defined]
    get_fhir_model_class(body["resourceType"]).model_validate(body)
    return body
