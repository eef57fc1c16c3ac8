"""The patient's training profile: the usual surface and the cadence target, set by the patient or their clinician.

The target is 5 to 10% above the runner's own preferred cadence (training.cadence). The preferred cadence
is recorded as the baseline when a target is first set and kept while there is one, so a target changed
from 5 to 7% is still measured from the runner's own step rate, not from one already raised; clearing the
target clears the baseline.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.audit import Actor, audit
from accounts.models import User
from training.models import TrainingProfile
from training.services.report import build_report


def profile_for(patient: User) -> TrainingProfile:
    profile, _ = TrainingProfile.objects.get_or_create(patient=patient)
    return profile


def _apply_target(patient: User, profile: TrainingProfile, target_pct: float | None, actor: Actor, today: date) -> None:
    if target_pct is None:
        profile.cadence_target_pct = profile.cadence_baseline_spm = profile.cadence_target_set_on = None
        profile.cadence_target_set_by = None
        return
    if profile.cadence_baseline_spm is None:
        profile.cadence_baseline_spm = build_report(patient, today).cadence.preferred_spm
    profile.cadence_target_pct = target_pct
    profile.cadence_target_set_on = today
    profile.cadence_target_set_by = actor.user


def set_cadence_target(patient: User, target_pct: float | None, actor: Actor) -> TrainingProfile:
    """Set PATIENT's cadence target (None clears it), audited as ``training.cadence_target.set``."""
    profile = profile_for(patient)
    with transaction.atomic():
        _apply_target(patient, profile, target_pct, actor, timezone.localdate())
        profile.save()
        audit(actor, "training.cadence_target.set", patient=patient, obj=profile, changes={"target_pct": target_pct})
    return profile


def save_preferences(
    patient: User, profile: TrainingProfile, changed: Collection[str], actor: Actor
) -> TrainingProfile:
    """Store PATIENT's PROFILE as the preferences form left it; CHANGED names the fields that changed.

    A new cadence target is set as ``set_cadence_target`` sets it and audited the same way; the other
    preferences (and a save that changes nothing) are audited as ``training.profile.updated``.
    """
    with transaction.atomic():
        if "cadence_target_pct" in changed:
            _apply_target(patient, profile, profile.cadence_target_pct, actor, timezone.localdate())
        profile.save()
        others = {name: str(getattr(profile, name)) for name in changed if name != "cadence_target_pct"}
        if others or "cadence_target_pct" not in changed:
            audit(actor, "training.profile.updated", patient=patient, obj=profile, changes=others)
        if "cadence_target_pct" in changed:
            audit(
                actor,
                "training.cadence_target.set",
                patient=patient,
                obj=profile,
                changes={"target_pct": profile.cadence_target_pct},
            )
    return profile
