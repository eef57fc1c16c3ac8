"""The patient's shoe pages under /runs/shoes/: the list with distances, one shoe, retire, default, delete.

Every view starts with ``own_record``: a patient sees and changes only their own shoes; anyone else gets 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import Capability, own_record, requires
from accounts.audit import Actor, audit
from training import services
from training.forms import ShoeForm
from training.models import Activity, Shoe


@requires(Capability.OWN_RECORD)
def shoes(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    form = ShoeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            shoe = form.save(commit=False)
            shoe.patient = patient
            make_default = shoe.is_default
            shoe.is_default = False
            shoe.save()
            if make_default:
                services.make_default_shoe(patient, shoe)
            audit(Actor.of(request), "training.shoe.created", patient=patient, obj=shoe, changes={"name": shoe.name})
        messages.success(request, f"{shoe.name} added.")
        return redirect("training:shoes")
    return render(request, "training/shoes.html", {"shoes": services.shoes_with_stats(patient), "form": form})


@requires(Capability.OWN_RECORD)
def shoe_detail(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    stats = {s.pk: s for s in services.shoes_with_stats(patient)}
    shoe = stats.get(pk)
    if shoe is None:
        raise Http404("No such shoe")
    form = ShoeForm(request.POST or None, instance=shoe)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            make_default = form.cleaned_data["is_default"]
            saved = form.save(commit=False)
            saved.is_default = False if make_default else saved.is_default
            saved.save()
            if make_default:
                services.make_default_shoe(patient, saved)
            audit(
                Actor.of(request),
                "training.shoe.updated",
                patient=patient,
                obj=saved,
                changes={"fields": form.changed_data},
            )
        messages.success(request, "Shoe saved.")
        return redirect("training:shoe", pk=pk)
    runs = Activity.objects.filter(patient=patient, shoe_id=pk)[:20]
    return render(request, "training/shoe_detail.html", {"shoe": shoe, "form": form, "runs": runs})


@require_POST
@requires(Capability.OWN_RECORD)
def shoe_retire(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    shoe = get_object_or_404(Shoe, pk=pk, patient=patient)
    shoe.retired = not shoe.retired
    if shoe.retired:
        shoe.is_default = False
    with transaction.atomic():
        shoe.save(update_fields=["retired", "is_default"])
        audit(
            Actor.of(request),
            "training.shoe.retired" if shoe.retired else "training.shoe.reactivated",
            patient=patient,
            obj=shoe,
            changes={"retired": shoe.retired},
        )
    messages.success(request, f"{shoe.name} {'retired' if shoe.retired else 'back in use'}.")
    return redirect("training:shoe", pk=pk)


@require_POST
@requires(Capability.OWN_RECORD)
def shoe_default(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    shoe = get_object_or_404(Shoe, pk=pk, patient=patient, retired=False)
    with transaction.atomic():
        services.make_default_shoe(patient, shoe)
        audit(Actor.of(request), "training.shoe.made_default", patient=patient, obj=shoe, changes={"is_default": True})
    messages.success(request, f"New runs go on {shoe.name} unless an export names another shoe.")
    return redirect("training:shoes")


@require_POST
@requires(Capability.OWN_RECORD)
def shoe_delete(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    shoe = get_object_or_404(Shoe, pk=pk, patient=patient)
    with transaction.atomic():
        audit(Actor.of(request), "training.shoe.deleted", patient=patient, obj=shoe, changes={"name": shoe.name})
        shoe.delete()
    messages.success(request, f"{shoe.name} deleted; its runs keep their data without a shoe.")
    return redirect("training:shoes")
