"""Appointment pages: the clinic's list, booking for a patient or from a contact request, the patient's list."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import Capability, acting_user, can_access, own_record, patient_for, requires
from accounts.audit import Actor, audit
from accounts.models import Role, User
from practice import booking, invitations
from practice.appointment_forms import AppointmentForm, RequestBookingForm, WorkingHoursForm
from practice.appointments import describe
from practice.hours import Interval
from practice.models import Appointment, AppointmentKind, AppointmentStatus, ContactRequest, Practice, WorkingHours
from practice.queries import current_practice, intervals, upcoming_for_patient


def _practice() -> Practice:
    practice = current_practice()
    if practice is None:
        raise Http404("The practice is not set up yet")
    return practice


@requires(Capability.APPOINTMENTS_MANAGE)
def clinic_appointments(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    now = timezone.now()
    items = Appointment.objects.filter(status=AppointmentStatus.BOOKED, start__gte=now).select_related(
        "patient", "clinician"
    )
    if user.role == Role.CLINICIAN:
        items = items.filter(clinician=user)
    return render(
        request,
        "practice/appointments/clinic_list.html",
        {"appointments": items[:200], "is_clinician": user.role == Role.CLINICIAN},
    )


def _book(
    actor: Actor,
    practice: Practice,
    form: AppointmentForm,
    patient: User | None,
    contact: ContactRequest | None,
) -> Appointment | None:
    if not form.is_valid():
        return None
    if isinstance(form, RequestBookingForm):
        # From a request the patient is whoever staff confirmed, never one found by email alone.
        patient = form.confirmed_patient()
    try:
        return booking.book(
            practice=practice,
            clinician=form.cleaned_data["clinician"],
            kind=form.cleaned_data["kind"],
            start=form.start(),
            actor=actor,
            patient=patient,
            name=contact.name if contact else "",
            email=contact.email if contact else "",
            phone=contact.phone if contact else "",
            note=form.cleaned_data["note"],
            contact_request=contact,
            invite=contact is not None,
            match_confirmed=contact is not None and patient is not None,
        )
    except booking.BookingError as error:
        form.add_error("time", str(error))
        return None


def _initial(
    practice: Practice, clinician: User | None, kind: str, contact: ContactRequest | None
) -> dict[str, object]:
    initial: dict[str, object] = {"kind": kind}
    if clinician is not None:
        initial["clinician"] = clinician.pk
        slot = booking.suggest_slot(practice, clinician, kind, contact)
        if slot is not None:
            local = slot.astimezone(practice.tz)
            initial.update(date=local.date(), time=local.strftime("%H:%M"))
    return initial


@requires(Capability.APPOINTMENTS_MANAGE, patient_kwarg="pk")
def book_for_patient(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    patient = patient_for(request, pk, capability=Capability.APPOINTMENTS_MANAGE, action="record.viewed")
    practice = _practice()
    clinicians = User.objects.filter(role=Role.CLINICIAN, care_of__patient=patient)
    if not clinicians.exists():
        clinicians = User.objects.filter(role=Role.CLINICIAN)
    if request.method == "POST":
        form = AppointmentForm(request.POST, tz=practice.tz, clinicians=clinicians, opening=intervals(practice))
        appointment = _book(Actor.of(request), practice, form, patient, None)
        if appointment is not None:
            messages.success(request, f"Booked: {describe(appointment.start, practice.tz)}.")
            return redirect("chart:patient", pk=patient.pk)
        status = 400
    else:
        default = clinicians.filter(pk=actor.pk).first() or clinicians.first()
        form = AppointmentForm(
            initial=_initial(practice, default, AppointmentKind.FOLLOW_UP, None),
            tz=practice.tz,
            clinicians=clinicians,
            opening=intervals(practice),
        )
        status = 200
    return render(
        request, "practice/appointments/book.html", {"form": form, "patient": patient, "who": patient.display_name},
        status=status,
    )  # fmt: skip


@requires(Capability.REQUESTS_MANAGE)
def book_from_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Click one: 'Book' on the request opens this form with the first free slot that suits. Click two: confirm.

    A patient whose account has the request's email address is shown as a possible match; the
    booking goes into their record only when staff tick that it is them. Otherwise it goes to a
    new invitation that the person accepts from the confirmation email.
    """
    actor = acting_user(request)
    contact = get_object_or_404(ContactRequest, pk=pk)
    practice = _practice()
    match = invitations.possible_match(contact)
    if match is not None and not can_access(actor, match, Capability.APPOINTMENTS_MANAGE):
        match = None  # a clinician outside the care team learns nothing of that record
    if request.method == "POST":
        form = RequestBookingForm(request.POST, tz=practice.tz, opening=intervals(practice), match=match)
        appointment = _book(Actor.of(request), practice, form, None, contact)
        if appointment is not None:
            messages.success(request, f"{contact.reference} booked: {describe(appointment.start, practice.tz)}.")
            if appointment.invitation_id:
                messages.info(request, _("The appointment waits in an invitation until the person accepts it."))
            return redirect("practice:staff_requests")
        status = 400
    else:
        clinician = User.objects.filter(role=Role.CLINICIAN, working_hours__isnull=False).distinct().first()
        form = RequestBookingForm(
            initial=_initial(practice, clinician, AppointmentKind.NEW_VISIT, contact),
            tz=practice.tz,
            opening=intervals(practice),
            match=match,
        )
        status = 200
    if match is not None:
        audit(
            Actor.of(request),
            "practice.request.match_shown",
            patient=match,
            obj=contact,
            changes={"matched_on": "email"},
        )
    # Shown above the form so a second click on "Book" does not double-book the request unnoticed.
    already = [
        describe(a.start, practice.tz)
        for a in contact.appointments.filter(status=AppointmentStatus.BOOKED, start__gte=timezone.now())
    ]
    return render(
        request,
        "practice/appointments/book.html",
        {"form": form, "contact": contact, "who": contact.name, "already": already, "match": match},
        status=status,
    )


@requires(Capability.APPOINTMENTS_MANAGE)
def working_hours(request: HttpRequest) -> HttpResponse:
    clinician = acting_user(request)
    if clinician.role != Role.CLINICIAN:
        raise Http404("Working hours are a clinician's own")
    practice = _practice()
    if request.method == "POST":
        form = WorkingHoursForm(request.POST)
        if form.is_valid():
            rows = [
                Interval(day, form.cleaned_data[f"start_{day}"], form.cleaned_data[f"end_{day}"])
                for day in range(7)
                if form.cleaned_data.get(f"start_{day}")
            ]
            try:
                booking.set_working_hours(practice, clinician, rows, Actor.of(request))
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Your working hours were saved.")
                return redirect("practice:clinic_appointments")
        status = 400
    else:
        initial: dict[str, object] = {}
        for row in WorkingHours.objects.filter(clinician=clinician):
            initial[f"start_{row.weekday}"] = row.starts.strftime("%H:%M")
            initial[f"end_{row.weekday}"] = row.ends.strftime("%H:%M")
        form = WorkingHoursForm(initial=initial)
        status = 200
    return render(request, "practice/appointments/working_hours.html", {"form": form}, status=status)


@requires(Capability.OWN_RECORD)
def my_appointments(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    now = timezone.now()
    rows = [(a, booking.patient_can_cancel(a, now)) for a in upcoming_for_patient(patient, now)]
    notice = booking.cancel_notice()
    return render(
        request,
        "practice/appointments/mine.html",
        {"rows": rows, "notice_hours": int(notice.total_seconds() // 3600)},
    )


@require_POST
@requires(Capability.OWN_RECORD)
def cancel_mine(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    try:
        booking.cancel_for_patient(patient, pk, Actor.of(request))
    except booking.CancelRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("practice:my_appointments")
    messages.success(request, "Your appointment was cancelled.")
    return redirect("practice:my_appointments")


@require_POST
@requires(Capability.APPOINTMENTS_MANAGE)
def clinic_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """The front desk cancels any booking; a clinician their own or their patients'."""
    actor = acting_user(request)
    appointment = get_object_or_404(Appointment, pk=pk)
    own = appointment.clinician_id == actor.pk
    of_their_patient = appointment.patient is not None and can_access(
        actor, appointment.patient, Capability.APPOINTMENTS_MANAGE
    )
    if actor.role == Role.CLINICIAN and not (own or of_their_patient):
        raise Http404("No such appointment")
    if appointment.status != AppointmentStatus.BOOKED:
        # A second click, or a page left open while someone else cancelled it.
        when = describe(appointment.start, _practice().tz)
        marked = appointment.get_status_display()
        messages.info(request, f'{appointment.who}, {when}: nothing to cancel, it is marked "{marked}".')
        return redirect("practice:clinic_appointments")
    booking.cancel(appointment, Actor.of(request))
    messages.success(request, f"Cancelled: {appointment.who}, {describe(appointment.start, _practice().tz)}.")
    return redirect("practice:clinic_appointments")
