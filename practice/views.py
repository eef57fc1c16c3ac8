from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from accounts.access import Capability, acting_user, has_capability, public, requires
from accounts.audit import Actor, audit
from practice.forms import ContactForm, RequestFilterForm, RequestStatusForm, TestimonialForm
from practice.medicine_advice import NSAID_ADVICE
from practice.models import (
    Article,
    ContactRequest,
    ModerationStatus,
    RequestStatus,
    Testimonial,
)
from practice.queries import current_practice, intervals
from practice.services import create_contact_request, initials_of, moderate

LIMITED = "Too many forms were sent from your network in a short time. Please try again later, or call us."


def _token() -> str:
    return secrets.token_urlsafe(24)


def _rate_limited(request: HttpRequest, group: str) -> bool:
    return bool(
        is_ratelimited(request, group=group, key="ip", rate=settings.CONTACT_RATE_LIMIT, method="POST", increment=True)
    )


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "practice/home.html",
        {
            "testimonials": Testimonial.objects.filter(status=ModerationStatus.APPROVED)[:3],
            "articles": Article.objects.filter(is_published=True)[:3],
        },
    )


@public
def condition(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "practice/condition.html",
        {"articles": Article.objects.filter(is_published=True)[:6], "nsaid_advice": NSAID_ADVICE},
    )


@public
def hours_status(request: HttpRequest) -> HttpResponse:
    """The open/closed line alone, polled by htmx so an open page stays right."""
    return render(request, "practice/_hours_status.html")


@public
def articles(request: HttpRequest) -> HttpResponse:
    items = Article.objects.filter(is_published=True)
    tag = request.GET.get("tag", "").strip()
    if tag:
        items = items.filter(tags__icontains=tag)
    return render(request, "practice/articles.html", {"articles": items, "tag": tag})


@public
def article(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Article, slug=slug, is_published=True)
    related = Article.objects.filter(is_published=True).exclude(pk=item.pk)[:3]
    return render(request, "practice/article.html", {"article": item, "related": related})


@public
def contact(request: HttpRequest) -> HttpResponse:
    practice = current_practice()
    if practice is None:
        raise Http404("The practice is not set up yet")
    opening = intervals(practice)
    if request.method == "POST":
        form = ContactForm(request.POST, opening_hours=opening)
        if _rate_limited(request, "contact"):
            form.add_error(None, LIMITED)
            return render(request, "practice/contact.html", {"form": form}, status=429)
        if form.is_valid():
            data = dict(form.cleaned_data)
            token = data.pop("submission_token")
            data.pop("website", None)
            contact_request, _ = create_contact_request(data, token)
            request.session["contact_reference"] = contact_request.reference
            return redirect("practice:contact_thanks")
        return render(request, "practice/contact.html", {"form": form}, status=400)
    initial = {"submission_token": _token()}
    if request.GET.get("reason") in {"runners_knee", "other_knee", "other"}:
        initial["reason"] = request.GET["reason"]
    form = ContactForm(initial=initial, opening_hours=opening)
    return render(request, "practice/contact.html", {"form": form})


@public
def contact_thanks(request: HttpRequest) -> HttpResponse:
    reference = request.session.get("contact_reference")
    if not reference:
        return redirect("practice:contact")
    return render(request, "practice/contact_thanks.html", {"reference": reference})


@public
def testimonial_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = TestimonialForm(request.POST)
        if _rate_limited(request, "testimonial"):
            form.add_error(None, LIMITED)
            return render(request, "practice/testimonial_form.html", {"form": form}, status=429)
        if form.is_valid():
            token = form.cleaned_data["submission_token"]
            if request.session.get("testimonial_token") != token:
                Testimonial.objects.create(
                    initials=initials_of(form.cleaned_data["name"]),
                    text=form.cleaned_data["text"].strip(),
                    consent=True,
                )
                request.session["testimonial_token"] = token
            return render(request, "practice/testimonial_thanks.html")
        return render(request, "practice/testimonial_form.html", {"form": form}, status=400)
    form = TestimonialForm(initial={"submission_token": _token()})
    return render(request, "practice/testimonial_form.html", {"form": form})


# Practice desk (staff pages). Every one asks the access policy first.


@requires(Capability.DESK)
def staff_home(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    counts = ContactRequest.objects.aggregate(
        new=Count("pk", filter=Q(status=RequestStatus.NEW)),
        contacted=Count("pk", filter=Q(status=RequestStatus.CONTACTED)),
    )
    pending = Testimonial.objects.filter(status=ModerationStatus.PENDING).count()
    return render(
        request,
        "practice/staff/home.html",
        {
            "counts": counts,
            "pending_testimonials": pending,
            "can_audit": has_capability(user, Capability.AUDIT_VIEW),
            "can_handle_requests": has_capability(user, Capability.REQUESTS_MANAGE),
            "can_moderate": has_capability(user, Capability.TESTIMONIALS_MODERATE),
            "can_book": has_capability(user, Capability.APPOINTMENTS_MANAGE),
        },
    )


@requires(Capability.REQUESTS_MANAGE)
def staff_requests(request: HttpRequest) -> HttpResponse:
    acting_user(request)
    form = RequestFilterForm(request.GET or None)
    items = ContactRequest.objects.select_related("handled_by")
    if form.is_valid():
        if form.cleaned_data["status"]:
            items = items.filter(status=form.cleaned_data["status"])
        query = form.cleaned_data["q"].strip()
        if query:
            items = items.filter(
                Q(name__icontains=query)
                | Q(reference__iexact=query)
                | Q(email__icontains=query)
                | Q(phone__icontains=query)
            )
    return render(
        request,
        "practice/staff/requests.html",
        {"form": form, "requests": items[:200], "statuses": RequestStatus.choices},
    )


@require_POST
@requires(Capability.REQUESTS_MANAGE)
def staff_request_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = get_object_or_404(ContactRequest, pk=pk)
    form = RequestStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the listed statuses.")
        return redirect("practice:staff_requests")
    before = item.status
    item.status = form.cleaned_data["status"]
    item.handled_by = user
    item.save(update_fields=["status", "handled_by", "updated_at"])
    audit(Actor.of(request), "practice.request.status_changed", obj=item, changes={"status": [before, item.status]})
    if request.htmx:  # type: ignore[attr-defined]
        # The swapped row shows the new status; a flash message would only surface on the next page, out of place.
        return render(request, "practice/staff/_request_row.html", {"r": item, "statuses": RequestStatus.choices})
    messages.success(request, f"{item.reference} is now {item.get_status_display().lower()}.")
    return redirect("practice:staff_requests")


@requires(Capability.TESTIMONIALS_MODERATE)
def staff_testimonials(request: HttpRequest) -> HttpResponse:
    acting_user(request)
    return render(
        request,
        "practice/staff/testimonials.html",
        {
            "pending": Testimonial.objects.filter(status=ModerationStatus.PENDING),
            "moderated": Testimonial.objects.exclude(status=ModerationStatus.PENDING).select_related("moderated_by")[
                :50
            ],
        },
    )


@require_POST
@requires(Capability.TESTIMONIALS_MODERATE)
def staff_testimonial_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    testimonial = get_object_or_404(Testimonial, pk=pk)
    decision = request.POST.get("decision")
    if decision not in {"approve", "reject"}:
        messages.error(request, "Choose approve or reject.")
        return redirect("practice:staff_testimonials")
    moderate(testimonial, decision == "approve", user)
    audit(Actor.of(request), f"practice.testimonial.{decision}d", obj=testimonial)
    messages.success(request, f"Testimonial from {testimonial.initials} {decision}d.")
    return redirect("practice:staff_testimonials")
