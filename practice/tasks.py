from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from practice.models import ContactRequest
from practice.queries import current_practice
from practice.reminders import send_confirmation, send_due_reminders


@shared_task  # type: ignore[untyped-decorator]
def notify_practice_of_request(request_id: int) -> None:
    """Email the practice that a contact request arrived."""
    request = ContactRequest.objects.filter(pk=request_id).first()
    practice = current_practice()
    recipient = settings.PRACTICE_NOTIFY_EMAIL or (practice.email if practice else "")
    if request is None or not recipient:
        return
    body = render_to_string("practice/email/new_request.txt", {"req": request, "site_url": settings.SITE_URL})
    send_mail(
        subject=f"New contact request {request.reference}: {request.get_reason_display()}",
        message=body,
        from_email=None,
        recipient_list=[recipient],
    )


@shared_task  # type: ignore[untyped-decorator]
def send_appointment_confirmation(appointment_id: int) -> bool:
    """Email the confirmation with its .ics file (once)."""
    return send_confirmation(appointment_id)


@shared_task  # type: ignore[untyped-decorator]
def send_appointment_reminders() -> int:
    """Run by Celery beat every few minutes in production; `kneecap send-reminders` does the same."""
    return send_due_reminders(timezone.now())
