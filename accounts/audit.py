"""The audit trail's writer and who it records: an ``Actor`` is the person acting and the address they act from.

A view or API operation builds the actor once, ``Actor.of(request)``, and hands it to the services it
calls; services never see the HTTP request. The CLI, the demo and background tasks act without an
address: ``Actor.system()`` when nobody in particular acts (the nightly escalation), or
``Actor.system(user)`` for the person on whose behalf the work runs (the patient who queued an import).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest

from accounts.models import AuditEvent, User


@dataclass(frozen=True)
class Actor:
    """Who does something (None for the system or an anonymous visitor) and from which IP address."""

    user: User | None
    ip: str | None = None

    @classmethod
    def of(cls, request: HttpRequest) -> Actor:
        """The request's signed-in user (None when anonymous) and its client address."""
        user = request.user
        person = user if isinstance(user, User) and user.is_authenticated else None
        return cls(person, request.META.get("REMOTE_ADDR") or None)

    @classmethod
    def system(cls, user: User | None = None) -> Actor:
        """The CLI or a background task: no address; USER when the work is done for someone."""
        return cls(user, None)

    def person(self) -> User:
        """The signed-in person acting, for a write that names its author; the system is refused."""
        if self.user is None:
            raise PermissionDenied("Only a signed-in person can do this.")
        return self.user

    def as_user(self, user: User) -> Actor:
        """USER acting from this actor's address (the account a visitor just made by accepting an invitation)."""
        return replace(self, user=user)


def audit(
    actor: Actor,
    action: str,
    *,
    patient: User | None = None,
    obj: Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit entry for ACTOR. ACTION is dotted: ``app.object.verb``."""
    return AuditEvent.objects.create(
        actor=actor.user,
        patient=patient,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        changes=changes or {},
        ip=actor.ip,
    )
