"""A patient's shoes: distance, runs, pain and rotation share per pair, the over-limit reminder, and their edits."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Avg, Count, FloatField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import User
from training import load_warnings
from training.models import Activity, Shoe, Sport

ROTATION_WEEKS = 8


def shoes_with_stats(patient: User, today: date | None = None) -> list[Shoe]:
    """The patient's shoes with ``total_m``, ``run_count``, ``pain_after_avg`` and ``rotation_share`` (one query
    plus one count)."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(
        datetime.combine(today - timedelta(weeks=ROTATION_WEEKS), time.min), timezone.get_current_timezone()
    )
    shoes: list[Shoe] = list(
        Shoe.objects.filter(patient=patient).annotate(
            run_distance=Coalesce(Sum("activities__distance_m"), Value(0.0), output_field=FloatField()),
            run_count=Count("activities"),
            pain_after_avg=Avg("activities__pain_after"),
            recent_runs=Count("activities", filter=Q(activities__start__gte=cutoff)),
        )
    )
    recent_total = Activity.objects.filter(patient=patient, start__gte=cutoff, sport=Sport.RUN).count()
    for shoe in shoes:
        shoe.total_m = shoe.start_distance_m + shoe.run_distance  # type: ignore[attr-defined]
        shoe.rotation_share = (  # type: ignore[attr-defined]
            shoe.recent_runs / recent_total if recent_total else None  # type: ignore[attr-defined]
        )
        shoe.over_limit = shoe.total_m >= shoe.alert_distance_m  # type: ignore[attr-defined]
        shoe.limit_share = min(1.0, shoe.total_m / shoe.alert_distance_m)  # type: ignore[attr-defined]
    return shoes


def shoe_warnings(shoes: list[Shoe], day: date) -> list[load_warnings.LoadWarning]:
    return [
        load_warnings.LoadWarning(
            code="shoe_over_limit",
            day=day,
            message=(
                f"{shoe.name} has {shoe.total_m / 1000:,.0f} km, past the {shoe.alert_distance_m / 1000:,.0f} km "  # type: ignore[attr-defined]
                "you chose as a reminder. This is a preference, not injury evidence: replacement mileage comes "
                "from laboratory tests of the foam."
            ),
            source=load_warnings.SOURCE_SHOES,
            numbers={
                "shoe": shoe.name,
                "total_distance_m": round(shoe.total_m, 1),  # type: ignore[attr-defined]
                "alert_distance_m": shoe.alert_distance_m,
            },
        )
        for shoe in shoes
        if not shoe.retired and shoe.over_limit  # type: ignore[attr-defined]
    ]


def _make_default(patient: User, shoe: Shoe) -> None:
    # Off on every other pair first: a patient has at most one default pair.
    Shoe.objects.filter(patient=patient, is_default=True).exclude(pk=shoe.pk).update(is_default=False)
    shoe.is_default = True
    shoe.save(update_fields=["is_default"])


def add_shoe(patient: User, shoe: Shoe, actor: Actor) -> Shoe:
    """Store SHOE (unsaved, as the form built it) as PATIENT's; made the default, it takes over from the old one."""
    with transaction.atomic():
        shoe.patient = patient
        make_default = shoe.is_default
        shoe.is_default = False
        shoe.save()
        if make_default:
            _make_default(patient, shoe)
        audit(actor, "training.shoe.created", patient=patient, obj=shoe, changes={"name": shoe.name})
    return shoe


def update_shoe(patient: User, shoe: Shoe, fields: list[str], actor: Actor) -> Shoe:
    """Store the edits to PATIENT's SHOE (FIELDS: the names of the fields that changed)."""
    with transaction.atomic():
        make_default = shoe.is_default
        shoe.is_default = False if make_default else shoe.is_default
        shoe.save()
        if make_default:
            _make_default(patient, shoe)
        audit(actor, "training.shoe.updated", patient=patient, obj=shoe, changes={"fields": fields})
    return shoe


def toggle_retired(patient: User, shoe: Shoe, actor: Actor) -> Shoe:
    """Retire PATIENT's SHOE (it stops being the default), or put it back in use."""
    shoe.retired = not shoe.retired
    if shoe.retired:
        shoe.is_default = False
    with transaction.atomic():
        shoe.save(update_fields=["retired", "is_default"])
        audit(
            actor,
            "training.shoe.retired" if shoe.retired else "training.shoe.reactivated",
            patient=patient,
            obj=shoe,
            changes={"retired": shoe.retired},
        )
    return shoe


def make_default(patient: User, shoe: Shoe, actor: Actor) -> None:
    """New runs of PATIENT go on SHOE unless their export names another pair."""
    with transaction.atomic():
        _make_default(patient, shoe)
        audit(actor, "training.shoe.made_default", patient=patient, obj=shoe, changes={"is_default": True})


def delete_shoe(patient: User, shoe: Shoe, actor: Actor) -> None:
    """Delete PATIENT's SHOE; its runs keep their data without a shoe."""
    with transaction.atomic():
        audit(actor, "training.shoe.deleted", patient=patient, obj=shoe, changes={"name": shoe.name})
        shoe.delete()
