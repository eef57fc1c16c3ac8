"""The patient's shoe pages under /runs/shoes/: the list with distances, one shoe, retire, default, delete.

Every view starts with ``own_record``: a patient sees and changes only their own shoes; anyone else gets 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import Capability, own_record, requires
from accounts.audit import Actor
from training.forms import ShoeForm
from training.models import Activity, Shoe
from training.services.shoes import add_shoe, delete_shoe, make_default, shoes_with_stats, toggle_retired, update_shoe


@requires(Capability.OWN_RECORD)
def shoes(request: HttpRequest) -> HttpResponse:
    patient = own_record(request)
    form = ShoeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        shoe = add_shoe(patient, form.save(commit=False), Actor.of(request))
        messages.success(request, f"{shoe.name} added.")
        return redirect("training:shoes")
    return render(request, "training/shoes.html", {"shoes": shoes_with_stats(patient), "form": form})


@requires(Capability.OWN_RECORD)
def shoe_detail(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    stats = {s.pk: s for s in shoes_with_stats(patient)}
    shoe = stats.get(pk)
    if shoe is None:
        raise Http404("No such shoe")
    form = ShoeForm(request.POST or None, instance=shoe)
    if request.method == "POST" and form.is_valid():
        update_shoe(patient, form.save(commit=False), form.changed_data, Actor.of(request))
        messages.success(request, "Shoe saved.")
        return redirect("training:shoe", pk=pk)
    runs = Activity.objects.filter(patient=patient, shoe_id=pk)[:20]
    return render(request, "training/shoe_detail.html", {"shoe": shoe, "form": form, "runs": runs})


@require_POST
@requires(Capability.OWN_RECORD)
def shoe_retire(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    shoe = toggle_retired(patient, get_object_or_404(Shoe, pk=pk, patient=patient), Actor.of(request))
    messages.success(request, f"{shoe.name} {'retired' if shoe.retired else 'back in use'}.")
    return redirect("training:shoe", pk=pk)


@require_POST
@requires(Capability.OWN_RECORD)
def shoe_default(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    shoe = get_object_or_404(Shoe, pk=pk, patient=patient, retired=False)
    make_default(patient, shoe, Actor.of(request))
    messages.success(request, f"New runs go on {shoe.name} unless an export names another shoe.")
    return redirect("training:shoes")


@require_POST
@requires(Capability.OWN_RECORD)
def shoe_delete(request: HttpRequest, pk: int) -> HttpResponse:
    patient = own_record(request)
    shoe = get_object_or_404(Shoe, pk=pk, patient=patient)
    delete_shoe(patient, shoe, Actor.of(request))
    messages.success(request, f"{shoe.name} deleted; its runs keep their data without a shoe.")
    return redirect("training:shoes")
