"""Demo clinical record and appointments: visits, a coded diagnosis, an imaging result, an injection,
clinicians' working hours and upcoming appointments. Idempotent: running it twice changes nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.models import CareTeam, Role, User
from assessments import triage
from assessments.models import SelfCheck
from care.models import Audience, CarePlan, DiaryEntry, PlanStatus, Side, Suggestion, SuggestionKind, SuggestionStatus
from chart.codes import NSAID_CAUTIONS
from chart.models import Diagnosis, DiagnosisStatus, Imaging, Medication, Procedure, Visit
from practice.models import Appointment, AppointmentStatus, WorkingHours
from practice.queries import current_practice
from training.models import Activity, Shoe

#: Extra demo patients of clinician@example.com, each with the data that raises some roster flags.
ROSTER_PATIENTS = [
    ("ana.alvarez@example.com", "Ana Alvarez"),  # red flag: an urgent self-check yesterday
    ("ben.brooks@example.com", "Ben Brooks"),  # long-run spike, two-week ramp, shoe over its limit
    ("cara.chen@example.com", "Cara Chen"),  # worsening pain, stalled, low adherence, questionnaire overdue
]


def _next_weekday(start: datetime, days: int) -> datetime:
    day = start + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def load() -> None:
    _roster_patients()
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.com")}
    doctor = users.get("clinician@example.com")
    maya = users.get("patient@example.com")
    daniel = users.get("patient2@example.com")
    practice = current_practice()
    if doctor is None or maya is None or daniel is None or practice is None:
        return
    today = timezone.localdate()
    for email in ("clinician@example.com", "clinician2@example.com"):
        clinician = users.get(email)
        if clinician is None:
            continue
        for weekday in range(5):
            WorkingHours.objects.update_or_create(
                clinician=clinician, weekday=weekday, defaults={"starts": time(8, 30), "ends": time(16, 30)}
            )

    first, _ = Visit.objects.update_or_create(
        patient=maya,
        date=today - timedelta(days=42),
        defaults={
            "clinician": doctor,
            "side": "right",
            "squat_pain": "positive",
            "step_down_pain": "positive",
            "sitting_pain": "positive",
            "patellar_tilt": "negative",
            "patellar_grind": "positive",
            "j_sign": "negative",
            "effusion": "none",
            "flexion_deg": 140,
            "extension_deficit_deg": 0,
            "hip_abductor_strength": 4,
            "foot_posture": "over_pronation",
            "hamstring_tightness": "positive",
            "alignment": "valgus",
            "note": "Anterior knee pain on stairs and after sitting through films, worse since marathon training. "
            "No locking, no giving way. Plan: load management and hip and knee exercises.",
        },
    )
    Visit.objects.update_or_create(
        patient=maya,
        date=today - timedelta(days=7),
        defaults={
            "clinician": doctor,
            "side": "right",
            "squat_pain": "positive",
            "step_down_pain": "negative",
            "effusion": "none",
            "flexion_deg": 145,
            "hip_abductor_strength": 5,
            "note": "Stairs easier; squat still painful at depth. Injection discussed and given.",
        },
    )
    Diagnosis.objects.update_or_create(
        patient=maya,
        kind="runners_knee",
        side="right",
        defaults={
            "visit": first,
            "onset": today - timedelta(days=70),
            "status": DiagnosisStatus.ACTIVE,
            "recorded_by": doctor,
        },
    )
    Imaging.objects.update_or_create(
        patient=maya,
        modality="xray",
        side="right",
        defaults={
            "status": "completed",
            "reason": "Rule out other causes: pain persisting after 6 weeks of exercise",
            "ordered_on": today - timedelta(days=40),
            "completed_on": today - timedelta(days=35),
            "findings": "Skyline view: mild lateral patellar tilt. Joint spaces preserved, no fracture, no loose body.",
            "ordered_by": doctor,
        },
    )
    Procedure.objects.update_or_create(
        patient=maya,
        kind="injection",
        side="right",
        defaults={
            "status": "completed",
            "date": today - timedelta(days=7),
            "clinician": doctor,
            "site": "Lateral parapatellar",
            "product": "Triamcinolone acetonide 40 mg/mL",
            "outcome_note": "Tolerated well. Review pain in two weeks.",
        },
    )
    Medication.objects.update_or_create(
        patient=maya,
        drug="ibuprofen",
        defaults={
            "started_on": today - timedelta(days=42),
            "stopped_on": today - timedelta(days=28),
            # Every item of today's checklist answered; the patient is a runner, so the long-run advice was given.
            "cautions": {**dict.fromkeys((key for key, _label in NSAID_CAUTIONS), False), "long_runs": True},
            "recorded_by": doctor,
        },
    )  # fmt: skip
    Diagnosis.objects.update_or_create(
        patient=daniel,
        kind="runners_knee",
        side="left",
        defaults={"onset": today - timedelta(days=20), "status": DiagnosisStatus.ACTIVE, "recorded_by": doctor},
    )

    tz = practice.tz
    base = datetime.combine(today, time(0), tzinfo=tz)
    for patient, days, at, kind in ((maya, 9, time(10), "follow_up"), (daniel, 3, time(14, 30), "new_visit")):
        day = _next_weekday(base, days).date()
        closed = {
            c.start + timedelta(days=i) for c in practice.closures.all() for i in range((c.end - c.start).days + 1)
        }
        while day in closed or day.weekday() >= 5:
            day += timedelta(days=1)
        start = datetime.combine(day, at, tzinfo=tz)
        existing = Appointment.objects.filter(
            patient=patient, start__gt=timezone.now(), status=AppointmentStatus.BOOKED
        ).first()
        if existing is None:
            Appointment.objects.create(
                patient=patient,
                clinician=doctor,
                kind=kind,
                start=start,
                end=start + timedelta(minutes=45 if kind == "new_visit" else 20),
                booked_by=doctor,
            )


def _roster_patients() -> None:
    """Create (or refresh) the roster demo patients with the rows of the other parts that raise their flags."""
    doctor = User.objects.filter(email="clinician@example.com").first()
    if doctor is None:
        return
    people = {}
    for email, name in ROSTER_PATIENTS:
        person, created = User.objects.get_or_create(email=email, defaults={"name": name, "role": Role.PATIENT})
        if created:
            person.set_unusable_password()
            person.save(update_fields=["password"])
        CareTeam.objects.get_or_create(clinician=doctor, patient=person)
        people[email] = person
    now = timezone.now()
    today = timezone.localdate()
    ana, ben, cara = (people[email] for email, _ in ROSTER_PATIENTS)

    answers = triage.Answers(
        age=27,
        side="right",
        symptoms=frozenset({"pain_around_kneecap", "pain_squatting"}),
        red_flags=frozenset({"locked_knee"}),
        pain_nrs=5,
        duration_weeks=3,
    )
    result = triage.triage(answers)
    SelfCheck.objects.update_or_create(
        claim_token=f"demo-roster-red-flag-{ana.pk}",
        defaults={
            "patient": ana,
            "answers": answers.to_dict(),
            "outcome": result.outcome,
            "reasons": result.reasons,
            "advice": result.advice,
            "created_at": now - timedelta(days=1),
        },
    )

    worn, _ = Shoe.objects.update_or_create(
        patient=ben,
        name="Old daily trainers",
        defaults={"start_distance_m": 690000.0, "alert_distance_m": 700000.0, "is_default": True},
    )
    # Two easy weeks, then a big week ending in a long run 40% longer than any in the last month.
    runs = [(25, 6000), (23, 6000), (20, 8000), (18, 6000), (16, 6000), (11, 6000), (9, 6000), (5, 8000)]
    runs += [(3, 8000), (1, 11200)]
    for days, metres in runs:
        start = datetime.combine(today - timedelta(days=days), time(14, 0), tzinfo=timezone.get_current_timezone())
        Activity.objects.update_or_create(
            patient=ben,
            content_hash=f"demo-roster-{days}",
            defaults={"start": start, "elapsed_s": metres * 0.36, "distance_m": float(metres), "shoe": worn},
        )

    plan = CarePlan.objects.filter(patient=cara, status=PlanStatus.ACTIVE).first()
    if plan is None:
        plan = CarePlan.objects.create(
            patient=cara,
            step=2,
            started_on=today - timedelta(days=50),
            step_started_on=today - timedelta(days=30),
            goals="Climb stairs at work without pain.",
            ladder_version="demo",
        )
    for days in range(14):
        pain = 3 if days >= 7 else 6
        DiaryEntry.objects.update_or_create(
            patient=cara,
            date=today - timedelta(days=days),
            side=Side.LEFT,
            defaults={"pain_now": pain, "pain_worst": pain + 1},
        )
    Suggestion.objects.get_or_create(
        plan=plan,
        kind=SuggestionKind.NEXT_STEP,
        status=SuggestionStatus.OPEN,
        defaults={
            "target_step": 3,
            "audience": Audience.CLINICIAN,
            "reason": "Three weeks at step 2 without a meaningful change in pain or AKPS.",
        },
    )
