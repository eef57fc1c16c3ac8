"""A patient's runs and walks: the list, one run's edits, a run added by hand, deletion and shoes put on runs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from accounts.audit import Actor, audit
from accounts.models import User
from training.models import Activity, Shoe


def activities_of(patient: User) -> QuerySet[Activity]:
    """PATIENT's runs and walks, newest first, with their shoe (the runs page filters and pages them, the API cuts)."""
    return Activity.objects.filter(patient=patient).select_related("shoe")


def add_activity(patient: User, activity: Activity, actor: Actor) -> Activity:
    """Store a run PATIENT entered by hand (ACTIVITY, unsaved, as the form built it)."""
    with transaction.atomic():
        activity.patient = patient
        activity.save()
        audit(
            actor,
            "training.activity.created",
            patient=patient,
            obj=activity,
            changes={"source": "manual", "distance_m": activity.distance_m},
        )
    return activity


def update_activity(patient: User, activity: Activity, changes: Mapping[str, Any], actor: Actor) -> Activity:
    """Store the edits to PATIENT's ACTIVITY; CHANGES maps each changed field to its new value."""
    with transaction.atomic():
        for name, value in changes.items():
            setattr(activity, name, value)
        activity.save()
        audit(
            actor,
            "training.activity.updated",
            patient=patient,
            obj=activity,
            changes={name: str(value) for name, value in changes.items()},
        )
    return activity


def delete_activity(patient: User, activity: Activity, actor: Actor) -> None:
    with transaction.atomic():
        audit(
            actor,
            "training.activity.deleted",
            patient=patient,
            obj=activity,
            changes={"start": activity.start.isoformat(), "distance_m": activity.distance_m},
        )
        activity.delete()


def assign_shoe(patient: User, activities: QuerySet[Activity], shoe: Shoe | None, actor: Actor) -> int:
    """Put SHOE on these runs of PATIENT (None takes it off); returns how many changed."""
    with transaction.atomic():
        ids = list(activities.filter(patient=patient).values_list("pk", flat=True))
        count = Activity.objects.filter(pk__in=ids).update(shoe=shoe)
        audit(
            actor,
            "training.activity.shoe_assigned",
            patient=patient,
            obj=shoe,
            changes={"activities": ids, "shoe": shoe.pk if shoe else None},
        )
    return count


def activity_json(activity: Activity) -> dict[str, Any]:
    """One activity with the field names of the CLI and API (metres, seconds, steps per minute)."""
    return {
        "start": activity.start.isoformat(),
        "sport": activity.sport,
        "distance_m": activity.distance_m,
        "duration_s": activity.elapsed_s,
        "moving_time_s": activity.moving_time_s,
        "elevation_gain_m": activity.elevation_gain_m,
        "elevation_loss_m": activity.elevation_loss_m,
        "avg_hr": activity.avg_hr,
        "avg_cadence_spm": activity.avg_cadence_spm,
        "surface": activity.surface or None,
        "shoe": activity.shoe.name if activity.shoe else None,
        "source_format": activity.source_format,
        "source_file": activity.source_file,
    }
