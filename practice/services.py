"""The practice's workflows: contact requests and testimonials. Its reads are in practice/queries.py."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from practice.models import ContactRequest, ModerationStatus, Testimonial
from practice.tasks import notify_practice_of_request


def initials_of(name: str) -> str:
    """'Maria de la Cruz' -> 'M. d. l. C.'; the full name is never stored."""
    parts = [p for p in name.replace(".", " ").split() if p[0].isalpha()]
    return " ".join(f"{p[0]}." for p in parts)[:12] or "Anonymous"


def create_contact_request(data: dict[str, object], token: str) -> tuple[ContactRequest, bool]:
    """Store a request once per form token; a double submit returns the first one."""
    existing = ContactRequest.objects.filter(submission_token=token).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            request = ContactRequest.objects.create(submission_token=token, **data)
    except IntegrityError:
        return ContactRequest.objects.get(submission_token=token), False
    transaction.on_commit(lambda: notify_practice_of_request.delay(request.pk))
    return request, True


def moderate(testimonial: Testimonial, approve: bool, moderator: User) -> None:
    testimonial.status = ModerationStatus.APPROVED if approve else ModerationStatus.REJECTED
    testimonial.moderated_by = moderator
    testimonial.moderated_at = timezone.now()
    testimonial.save(update_fields=["status", "moderated_by", "moderated_at"])
