"""Accepting an invitation: the emailed link files the booked appointments under the person's own account."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import public
from accounts.audit import Actor
from accounts.models import Role, User
from accounts.services import set_password_link
from practice import invitations
from practice.appointments import describe
from practice.models import AppointmentStatus
from practice.queries import current_practice


@public  # the signed, one-time link is the key; the view checks who may accept
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Open to anyone with the link; the account it files into is the address's own, never the visitor's choice."""
    invitation = invitations.from_token(token)
    if invitation is None:
        return render(request, "practice/invitation_invalid.html", status=404)
    owner = invitations.account_for(invitation)
    visitor = request.user if isinstance(request.user, User) and request.user.is_authenticated else None
    problem = ""
    if owner is not None and owner.role != Role.PATIENT:
        problem = _("This email address belongs to a practice account. Please call the practice.")
    elif visitor is not None and (owner is None or visitor.pk != owner.pk):
        problem = _("You are signed in with another account. Sign out, then open the link from the email again.")
    if request.method == "POST" and not problem:
        if owner is None:
            patient = invitations.accept_with_new_account(invitation, Actor.of(request))
            # The same one-time link `kneecap add-user` prints: they choose their password now.
            return redirect(set_password_link(patient))
        if visitor is not None:
            invitations.accept(invitation, visitor, Actor.of(request))
            messages.success(request, _("The appointment is now in your account."))
            return redirect("practice:my_appointments")
    practice = current_practice()
    booked = invitation.appointments.filter(status=AppointmentStatus.BOOKED).select_related("clinician")
    rows = [(a, describe(a.start, practice.tz) if practice else a.start.isoformat()) for a in booked]
    return render(
        request,
        "practice/invitation.html",
        {"invitation": invitation, "rows": rows, "owner": owner, "visitor": visitor, "problem": problem},
        status=400 if problem and request.method == "POST" else 200,
    )
