"""The FHIR endpoints: each answers FHIR JSON, errors included, through the one access policy.

A refusal is an OperationOutcome: 401 to an anonymous caller, 403 to a practice session that has not
passed its TOTP step, and 404 for a resource the caller may not see, exactly as for one that does not
exist (another patient's record is never confirmed to exist).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
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
from accounts.models import Role, User
from chart.models import Diagnosis
from interop import fhir
from practice.models import Appointment
from practice.queries import current_practice, intervals

View = Callable[..., HttpResponse]


def answer(resource: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(resource, status=status, content_type=f"{fhir.CONTENT_TYPE}; charset=utf-8")


def refusal(status: int, code: str, text: str) -> JsonResponse:
    return answer(fhir.operation_outcome(code, text), status=status)


class BadSearch(ValueError):
    """A search the server cannot answer as asked: CODE is FHIR's issue type, TEXT says why in plain words."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code


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
            except BadSearch as bad:
                return refusal(400, bad.code, str(bad))

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


def _paging(request: HttpRequest, resource_type: str) -> tuple[int, int]:
    """(count, offset) of a search, after refusing parameters the resource does not support."""
    unknown = sorted(set(request.GET) - {*fhir.SUPPORTED[resource_type]["search"], "_offset"})
    if unknown:
        raise BadSearch("not-supported", f"Search parameter not supported: {', '.join(unknown)}.")
    try:
        count = min(int(request.GET.get("_count", fhir.MAX_COUNT)), fhir.MAX_COUNT)
        offset = int(request.GET.get("_offset", 0))
    except ValueError:
        raise BadSearch("invalid", "_count and _offset must be whole numbers, 0 or more.") from None
    if count < 0 or offset < 0:
        raise BadSearch("invalid", "_count and _offset must be whole numbers, 0 or more.")
    return count, offset


def _pk(value: str) -> int:
    """A resource id from the URL as a primary key; 0 (which matches nothing) when it is not a number."""
    return int(value) if value.isdigit() else 0


def _for_patient_param(request: HttpRequest, rows: QuerySet[Any]) -> QuerySet[Any]:
    """ROWS narrowed to the ``patient`` search parameter (``1`` or ``Patient/1``), when it is given."""
    if "patient" not in request.GET:
        return rows
    return rows.filter(patient_id=_pk(request.GET["patient"].removeprefix("Patient/")))


def _searchset(
    request: HttpRequest,
    resource_type: str,
    rows: QuerySet[Any],
    resource: Callable[[Any], dict[str, Any]],
    action: str = "",
    patient_of: Callable[[Any], User] | None = None,
) -> HttpResponse:
    """The requested page of ROWS as a searchset Bundle with self and next links.

    With PATIENT_OF, a practice role's read is audited under ACTION once per patient on the page.
    """
    count, offset = _paging(request, resource_type)
    total = rows.count()
    page = list(rows[offset : offset + count])
    actor = Actor.of(request)
    if patient_of is not None and actor.user is not None and actor.user.works_at_practice:
        for person in {patient_of(row).pk: patient_of(row) for row in page}.values():
            audit(actor, action, patient=person, changes={"via": "search"})
    base = request.build_absolute_uri(request.path)
    query = {key: request.GET[key] for key in request.GET if key != "_offset"}
    self_url = f"{base}?{urlencode({**query, '_offset': offset})}"
    more = count and offset + count < total
    next_url = f"{base}?{urlencode({**query, '_offset': offset + count})}" if more else None
    return answer(fhir.searchset([resource(row) for row in page], total, self_url, next_url))


@require_GET
@fhir_endpoint(Capability.OWN_RECORD, Capability.RECORD_DEMOGRAPHICS)
def patient_search(request: HttpRequest) -> HttpResponse:
    patients = visible_patients(request.user, Capability.RECORD_DEMOGRAPHICS).order_by("pk")
    if "_id" in request.GET:
        ids = [part for part in request.GET["_id"].split(",") if part.strip().isdigit()]
        patients = patients.filter(pk__in=ids)
    return _searchset(request, "Patient", patients, fhir.patient, "fhir.patient.read", lambda p: p)


@require_GET
@fhir_endpoint(Capability.OWN_RECORD, Capability.RECORD_CLINICAL)
def condition_read(request: HttpRequest, pk: str) -> HttpResponse:
    diagnosis = Diagnosis.objects.filter(pk=_pk(pk)).first()
    if diagnosis is None:
        raise Http404("No such condition")
    patient_for(request, diagnosis.patient_id, capability=Capability.RECORD_CLINICAL, action="fhir.condition.read")
    return answer(fhir.condition(diagnosis))


@require_GET
@fhir_endpoint(Capability.OWN_RECORD, Capability.RECORD_CLINICAL)
def condition_search(request: HttpRequest) -> HttpResponse:
    visible = visible_patients(request.user, Capability.RECORD_CLINICAL).values("pk")
    rows = Diagnosis.objects.filter(patient_id__in=visible).select_related("patient").order_by("pk")
    rows = _for_patient_param(request, rows)
    if "code" in request.GET:
        system, _, code = request.GET["code"].rpartition("|")
        by_system = {
            "": Q(icd10_code=code) | Q(snomed_code=code),
            fhir.ICD10_CM: Q(icd10_code=code),
            fhir.SNOMED_CT: Q(snomed_code=code),
        }
        rows = rows.filter(by_system[system]) if system in by_system else rows.none()
    return _searchset(request, "Condition", rows, fhir.condition, "fhir.condition.read", lambda d: d.patient)


@require_GET
@fhir_endpoint(Capability.PUBLIC)
def organization_read(request: HttpRequest, pk: str) -> HttpResponse:
    """The practice, as its public pages show it."""
    practice = current_practice()
    if practice is None or practice.pk != _pk(pk):
        raise Http404("No such organization or location")
    return answer(fhir.organization(practice))


@require_GET
@fhir_endpoint(Capability.PUBLIC)
def location_read(request: HttpRequest, pk: str) -> HttpResponse:
    """The practice's premises and opening hours, as its public pages show them."""
    practice = current_practice()
    if practice is None or practice.pk != _pk(pk):
        raise Http404("No such organization or location")
    return answer(fhir.location(practice, intervals(practice)))


def _clinicians() -> QuerySet[User]:
    return User.objects.filter(role=Role.CLINICIAN).order_by("pk")


@require_GET
@fhir_endpoint(Capability.ACCOUNT)
def practitioner_read(request: HttpRequest, pk: str) -> HttpResponse:
    clinician = _clinicians().filter(pk=_pk(pk)).first()
    if clinician is None:
        raise Http404("No such practitioner")
    return answer(fhir.practitioner(clinician))


@require_GET
@fhir_endpoint(Capability.ACCOUNT)
def practitioner_search(request: HttpRequest) -> HttpResponse:
    return _searchset(request, "Practitioner", _clinicians(), fhir.practitioner)


DATE_PREFIXES = {"ge": "gte", "le": "lte", "gt": "gt", "lt": "lt", "eq": ""}


def _date_filter(values: list[str]) -> Q:
    """FHIR date search values (``ge2026-12-01``) on an appointment's start day; BadSearch when malformed."""
    condition = Q()
    for value in values:
        prefix, day = (value[:2], value[2:]) if value[:2] in DATE_PREFIXES else ("eq", value)
        try:
            parsed = date.fromisoformat(day)
        except ValueError:
            words = f"date must be YYYY-MM-DD with an optional prefix ge, le, gt, lt or eq, not {value!r}."
            raise BadSearch("invalid", words) from None
        lookup = DATE_PREFIXES[prefix]
        condition &= Q(**{f"start__date__{lookup}" if lookup else "start__date": parsed})
    return condition


@require_GET
@fhir_endpoint(Capability.OWN_RECORD, Capability.RECORD_DEMOGRAPHICS)
def appointment_read(request: HttpRequest, pk: str) -> HttpResponse:
    visit = Appointment.objects.filter(pk=_pk(pk)).first()
    if visit is None or visit.patient_id is None:
        raise Http404("No such appointment")
    patient_for(request, visit.patient_id, capability=Capability.RECORD_DEMOGRAPHICS, action="fhir.appointment.read")
    return answer(fhir.appointment(visit))


@require_GET
@fhir_endpoint(Capability.OWN_RECORD, Capability.RECORD_DEMOGRAPHICS)
def appointment_search(request: HttpRequest) -> HttpResponse:
    dates = _date_filter(request.GET.getlist("date"))
    visible = visible_patients(request.user, Capability.RECORD_DEMOGRAPHICS).values("pk")
    rows = Appointment.objects.filter(dates, patient_id__in=visible).select_related("patient").order_by("start", "pk")
    rows = _for_patient_param(request, rows)
    return _searchset(request, "Appointment", rows, fhir.appointment, "fhir.appointment.read", lambda a: a.patient)
