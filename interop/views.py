"""The FHIR endpoints: each answers FHIR JSON, errors included, through the one access policy.

A refusal is an OperationOutcome: 401 to an anonymous caller, 403 to a practice session that has not
passed its TOTP step, and 404 for a resource the caller may not see, exactly as for one that does not
exist (another patient's record is never confirmed to exist).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from accounts.access import (
    Capability,
    LoginRequired,
    MFARequired,
    capabilities_of,
    patient_for,
    public,
    requires,
    visible_patients,
)
from accounts.audit import Actor, audit
from interop import fhir

View = Callable[..., HttpResponse]


def answer(resource: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(resource, status=status, content_type=f"{fhir.CONTENT_TYPE}; charset=utf-8")


def refusal(status: int, code: str, text: str) -> JsonResponse:
    return answer(fhir.operation_outcome(code, text), status=status)


def fhir_endpoint(*capabilities: Capability) -> Callable[[View], View]:
    """``requires(*CAPABILITIES)``, with its refusals answered as OperationOutcomes."""

    def decorate(view: View) -> View:
        gated = requires(*capabilities)(view)

        @wraps(view)
        def endpoint(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return gated(request, *args, **kwargs)
            except LoginRequired:
                return refusal(401, "login", "Sign in to read FHIR resources.")
            except MFARequired:
                return refusal(403, "security", "Finish signing in with your authenticator app code first.")
            except Http404:
                return refusal(404, "not-found", "There is no such resource.")

        endpoint.kneecap_capabilities = capabilities_of(gated)  # type: ignore[attr-defined]
        return endpoint

    return decorate


@require_GET
@public
def metadata(request: HttpRequest) -> HttpResponse:
    from importlib.metadata import version

    base = request.build_absolute_uri("/fhir/")
    return answer(fhir.capability_statement(base, version("kneecap")))


@require_GET
@fhir_endpoint(Capability.OWN_RECORD, Capability.RECORD_DEMOGRAPHICS)
def patient_read(request: HttpRequest, pk: str) -> HttpResponse:
    person = patient_for(request, pk, capability=Capability.RECORD_DEMOGRAPHICS, action="fhir.patient.read")
    return answer(fhir.patient(person))


@require_GET
@fhir_endpoint(Capability.OWN_RECORD, Capability.RECORD_DEMOGRAPHICS)
def patient_search(request: HttpRequest) -> HttpResponse:
    unknown = sorted(set(request.GET) - {*fhir.SUPPORTED["Patient"]["search"], "_offset"})
    if unknown:
        return refusal(400, "not-supported", f"Search parameter not supported: {', '.join(unknown)}.")
    try:
        count = min(int(request.GET.get("_count", fhir.MAX_COUNT)), fhir.MAX_COUNT)
        offset = int(request.GET.get("_offset", 0))
        if count < 0 or offset < 0:
            raise ValueError
    except ValueError:
        return refusal(400, "invalid", "_count and _offset must be whole numbers, 0 or more.")
    patients = visible_patients(request.user, Capability.RECORD_DEMOGRAPHICS).order_by("pk")
    if "_id" in request.GET:
        ids = [part for part in request.GET["_id"].split(",") if part.strip().isdigit()]
        patients = patients.filter(pk__in=ids)
    total = patients.count()
    page = list(patients[offset : offset + count])
    actor = Actor.of(request)
    if actor.user is not None and actor.user.works_at_practice:
        for person in page:
            audit(actor, "fhir.patient.read", patient=person, changes={"via": "search"})
    base = request.build_absolute_uri(request.path)
    query = {key: request.GET[key] for key in request.GET if key != "_offset"}
    self_url = f"{base}?{urlencode({**query, '_offset': offset})}"
    next_url = f"{base}?{urlencode({**query, '_offset': offset + count})}" if count and offset + count < total else None
    return answer(fhir.searchset([fhir.patient(p) for p in page], total, self_url, next_url))
