"""The practice's data as the pure hours module needs it, and the request/testimonial workflows."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from practice import hours
from practice.models import ContactRequest, ModerationStatus, Practice, Testimonial


def current_practice() -> Practice | None:
    """The practice this installation serves (the first one), with its hours and closures."""
    return Practice.objects.prefetch_related("hours", "closures").order_by("pk").first()


def intervals(practice: Practice) -> list[hours.Interval]:
    return [hours.Interval(h.weekday, h.opens, h.closes) for h in practice.hours.all()]


def closed_days(practice: Practice) -> list[hours.ClosedDays]:
    return [hours.ClosedDays(c.start, c.end, c.reason) for c in practice.closures.all()]


def status(practice: Practice, now: datetime | None = None) -> hours.Status:
    return hours.status_at(now or timezone.now(), practice.tz, intervals(practice), closed_days(practice))


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
    from practice.tasks import notify_practice_of_request

    transaction.on_commit(lambda: notify_practice_of_request.delay(request.pk))
    return request, True


def moderate(testimonial: Testimonial, approve: bool, moderator: User) -> None:
    testimonial.status = ModerationStatus.APPROVED if approve else ModerationStatus.REJECTED
    testimonial.moderated_by = moderator
    testimonial.moderated_at = timezone.now()
    testimonial.save(update_fields=["status", "moderated_by", "moderated_at"])
