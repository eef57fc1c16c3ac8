"""FHIR R4 (4.0.1) resources built from kneecap's records, validated with fhir.resources before they leave.

fhir.resources ships R5 and R4B models, no R4, so each resource is validated against its R4B model and
served as R4; docs/interoperability.md says what is known of the differences for the resources built here.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class

from accounts.models import User
from chart.models import Diagnosis, DiagnosisStatus
from practice.hours import Interval
from practice.models import Appointment, Practice

FHIR_VERSION = "4.0.1"
CONTENT_TYPE = "application/fhir+json"
#: What the server answers to, exactly; /fhir/metadata lists this and nothing more.
SUPPORTED: dict[str, dict[str, Any]] = {
    "Patient": {
        "interactions": ("read", "search-type"),
        "search": {
            "_id": ("token", "The patient's id"),
            "_count": ("number", "How many patients a page holds (at most 500); the next link pages on"),
        },
    },
    "Condition": {
        "interactions": ("read", "search-type"),
        "search": {
            "patient": ("reference", "The patient's id (or Patient/id)"),
            "code": ("token", "An ICD-10-CM or SNOMED CT code, with or without its system (system|code)"),
            "_count": ("number", "How many conditions a page holds (at most 500); the next link pages on"),
        },
    },
    "Appointment": {
        "interactions": ("read", "search-type"),
        "search": {
            "patient": ("reference", "The patient's id (or Patient/id)"),
            "date": ("date", "The start day, YYYY-MM-DD, with an optional prefix ge, le, gt, lt or eq; may repeat"),
            "_count": ("number", "How many appointments a page holds (at most 500); the next link pages on"),
        },
    },
    "Organization": {"interactions": ("read",), "search": {}},
    "Location": {"interactions": ("read",), "search": {}},
    "Practitioner": {
        "interactions": ("read", "search-type"),
        "search": {"_count": ("number", "How many practitioners a page holds (at most 500)")},
    },
}
MAX_COUNT = 500
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm"
SNOMED_CT = "http://snomed.info/sct"
#: SNOMED CT body structures for the knee a diagnosis is about.
KNEE_BODY_SITE = {
    "right": ("6757004", "Structure of right knee region"),
    "left": ("82169009", "Structure of left knee region"),
}


def validated(resource: dict[str, Any]) -> dict[str, Any]:
    """RESOURCE checked against its FHIR model and serialised as FHIR JSON (no nulls); ValidationError if wrong."""
    model = get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    out: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
    return out


def patient(user: User) -> dict[str, Any]:
    """The Patient resource for USER: name, email and whether the account is active."""
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": str(user.pk),
        "active": user.is_active,
        "telecom": [{"system": "email", "value": user.email, "use": "home"}],
    }
    if user.name:
        resource["name"] = [{"use": "official", "text": user.name}]
    return validated(resource)


def condition(diagnosis: Diagnosis) -> dict[str, Any]:
    """A Condition for one coded diagnosis: ICD-10-CM and SNOMED CT codings, the knee as bodySite."""
    coding = [{"system": ICD10_CM, "code": diagnosis.icd10_code, "display": diagnosis.text}]
    if diagnosis.snomed_code:
        coding.append({"system": SNOMED_CT, "code": diagnosis.snomed_code})
    clinical = "active" if diagnosis.status == DiagnosisStatus.ACTIVE else "resolved"
    resource: dict[str, Any] = {
        "resourceType": "Condition",
        "id": str(diagnosis.pk),
        "meta": {"lastUpdated": diagnosis.recorded_at.isoformat()},
        "clinicalStatus": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": clinical}]
        },
        "verificationStatus": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed"}]
        },
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/condition-category",
                        "code": "encounter-diagnosis",
                    }
                ]
            }
        ],
        "code": {"coding": coding, "text": diagnosis.text},
        "subject": {"reference": f"Patient/{diagnosis.patient_id}"},
        "recordedDate": diagnosis.recorded_at.isoformat(),
    }
    if diagnosis.side in KNEE_BODY_SITE:
        code, display = KNEE_BODY_SITE[diagnosis.side]
        resource["bodySite"] = [{"coding": [{"system": SNOMED_CT, "code": code, "display": display}]}]
    if diagnosis.onset:
        resource["onsetDateTime"] = diagnosis.onset.isoformat()
    return validated(resource)


#: kneecap's appointment statuses as FHIR's.
APPOINTMENT_STATUS = {"booked": "booked", "cancelled": "cancelled", "completed": "fulfilled", "no_show": "noshow"}


def appointment(visit: Appointment) -> dict[str, Any]:
    """An Appointment of a patient with a clinician: its type, its times and who takes part."""
    resource: dict[str, Any] = {
        "resourceType": "Appointment",
        "id": str(visit.pk),
        "status": APPOINTMENT_STATUS[visit.status],
        "appointmentType": {"text": visit.get_kind_display()},
        "start": visit.start.isoformat(),
        "end": visit.end.isoformat(),
        "created": visit.created_at.isoformat(),
        "participant": [
            {"actor": {"reference": f"Patient/{visit.patient_id}"}, "status": "accepted"},
            {"actor": {"reference": f"Practitioner/{visit.clinician_id}"}, "status": "accepted"},
        ],
    }
    return validated(resource)


def organization(practice: Practice) -> dict[str, Any]:
    """The practice as an Organization: its name, phone, email and address."""
    telecom = [{"system": "phone", "value": practice.phone, "use": "work"}]
    if practice.email:
        telecom.append({"system": "email", "value": practice.email, "use": "work"})
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": str(practice.pk),
        "active": True,
        "name": practice.name,
        "telecom": telecom,
    }
    if practice.address or practice.city:
        resource["address"] = [_address(practice)]
    return validated(resource)


def location(practice: Practice, opening: list[Interval]) -> dict[str, Any]:
    """The practice's premises as a Location, with its opening hours as hoursOfOperation."""
    resource: dict[str, Any] = {
        "resourceType": "Location",
        "id": str(practice.pk),
        "status": "active",
        "name": practice.name,
        "mode": "instance",
        "telecom": [{"system": "phone", "value": practice.phone, "use": "work"}],
        "managingOrganization": {"reference": f"Organization/{practice.pk}"},
        "hoursOfOperation": [
            {
                "daysOfWeek": [DAYS[interval.weekday]],
                "openingTime": interval.opens.isoformat(),
                "closingTime": interval.closes.isoformat(),
            }
            for interval in opening
        ],
    }
    if practice.address or practice.city:
        resource["address"] = _address(practice)
    return validated(resource)


def _address(practice: Practice) -> dict[str, Any]:
    address: dict[str, Any] = {"use": "work"}
    if practice.address:
        address["line"] = [line.strip() for line in practice.address.splitlines() if line.strip()]
    if practice.city:
        address["city"] = practice.city
    return address


def practitioner(clinician: User) -> dict[str, Any]:
    """A clinician as a Practitioner: the name patients see."""
    resource: dict[str, Any] = {"resourceType": "Practitioner", "id": str(clinician.pk), "active": clinician.is_active}
    resource["name"] = [{"use": "official", "text": clinician.display_name}]
    return validated(resource)


def capability_statement(base_url: str, software_version: str) -> dict[str, Any]:
    """What this server supports, and only that."""
    resources = []
    for name, spec in SUPPORTED.items():
        entry: dict[str, Any] = {"type": name, "interaction": [{"code": code} for code in spec["interactions"]]}
        if spec["search"]:
            entry["searchParam"] = [
                {"name": param, "type": kind, "documentation": words} for param, (kind, words) in spec["search"].items()
            ]
        resources.append(entry)
    return validated(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": timezone.now().date().isoformat(),
            "kind": "instance",
            "software": {"name": "kneecap", "version": software_version},
            "implementation": {"description": "kneecap FHIR R4 read API", "url": base_url},
            "fhirVersion": FHIR_VERSION,
            "format": [CONTENT_TYPE, "json"],
            "rest": [
                {
                    "mode": "server",
                    "security": {
                        "description": "A signed-in session (staff and clinicians after their TOTP step); "
                        "every read goes through the practice's access policy and is audited."
                    },
                    "resource": resources,
                }
            ],
        }
    )


def operation_outcome(code: str, text: str, severity: str = "error") -> dict[str, Any]:
    """An OperationOutcome with one issue: CODE from FHIR's issue-type codes, TEXT in plain words."""
    return validated(
        {
            "resourceType": "OperationOutcome",
            "issue": [{"severity": severity, "code": code, "diagnostics": text}],
        }
    )


def searchset(entries: list[dict[str, Any]], total: int, self_url: str, next_url: str | None) -> dict[str, Any]:
    """A searchset Bundle of ENTRIES (resources) out of TOTAL matches, with its self and next links."""
    links = [{"relation": "self", "url": self_url}]
    if next_url:
        links.append({"relation": "next", "url": next_url})
    return validated(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": total,
            "link": links,
            "entry": [
                {
                    "fullUrl": f"{self_url.split('?')[0].rstrip('/')}/{e['id']}",
                    "resource": e,
                    "search": {"mode": "match"},
                }
                for e in entries
            ],
        }
    )
