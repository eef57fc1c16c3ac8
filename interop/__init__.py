"""The record in the standard form: a FHIR R4 read API at /fhir/ (docs/interoperability.md)."""
