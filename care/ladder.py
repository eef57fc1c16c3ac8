"""The practice's treatment ladder as versioned data (docs/clinical-evidence.md section 1, with section 2's evidence).

Four steps, each with its daily tasks, who may start it and when to think of the next one.
Pure data and rules: no database. Services, views and the clinician chart read it from here.
Texts added since 2026.11 are marked for translation; they stay lazy until a template renders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# 2026.12: steps 3 and 4 say what the evidence says of corticosteroid injections and arthroscopy.
LADDER_VERSION = "2026.12"


class Starter(StrEnum):
    PATIENT = "patient"
    CLINICIAN = "clinician"


class TaskKind(StrEnum):
    ICE = "ice"
    EXERCISES = "exercises"
    REMINDER = "reminder"
    CHECK_IN = "check_in"


@dataclass(frozen=True)
class Task:
    code: str
    title: str
    kind: TaskKind
    detail: str
    # Only offered in the first N days of the step (None: every day).
    first_days: int | None = None


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    summary: StrOrPromise
    tasks: tuple[Task, ...]
    who_can_start: frozenset[Starter]
    think_of_next: str
    sources: tuple[str, ...]


CHECK_IN = Task(
    "check_in",
    "Pain check-in",
    TaskKind.CHECK_IN,
    "Score your pain and stiffness so you and your clinician can see the trend.",
)

STEPS: tuple[Step, ...] = (
    Step(
        1,
        "Calm it down",
        "Give the knee a few quieter days: keep moving, but leave out what flares it up.",
        (
            Task(
                "relative_rest",
                "Avoid what flares the knee",
                TaskKind.REMINDER,
                "Leave out jumping, lunges, deep squats and walking or running downhill for now. "
                "Walking on the flat is fine.",
            ),
            Task(
                "ice",
                "Ice for comfort",
                TaskKind.ICE,
                "15 to 20 minutes at a time with a cloth between the ice and your skin. "
                "It eases pain in the first days; it does not heal the knee on its own.",
                first_days=4,
            ),
            Task(
                "compression",
                "Elastic wrap",
                TaskKind.REMINDER,
                "An elastic bandage can ease swelling. Snug, not tight: loosen it if your toes tingle or go pale.",
            ),
            Task(
                "elevation",
                "Raise the leg when resting",
                TaskKind.REMINDER,
                "When you sit or lie down, rest the leg on a cushion with the knee above hip height if you can.",
            ),
            CHECK_IN,
        ),
        frozenset({Starter.PATIENT, Starter.CLINICIAN}),
        "After 3 to 4 days, or once the knee has settled, move on to step 2: exercise is the treatment with the "
        "best evidence.",
        ("Our runner's knee page: treatment, step by step", "Willy et al. 2019, JOSPT 49(9) CPG1-95"),
    ),
    Step(
        2,
        "Load and support",
        "Build strength around the hip and knee, stretch, and manage how much load the knee takes.",
        (
            Task(
                "exercises",
                "Exercise program",
                TaskKind.EXERCISES,
                "Your hip and knee exercises and stretches. Mild discomfort up to 5 out of 10 is fine.",
            ),
            Task(
                "supports",
                "Arch supports and shoes",
                TaskKind.REMINDER,
                "If your arches are flat or your feet roll in, arch supports may ease the pain in the short term. "
                "Check that your running shoes are supportive and not worn out.",
            ),
            Task(
                "load",
                "Manage load",
                TaskKind.REMINDER,
                "Keep activity at a level where pain stays at 5 out of 10 or less and settles by the next morning. "
                "Runners: shorter, quicker steps ease the load on the kneecap.",
            ),
            CHECK_IN,
        ),
        frozenset({Starter.PATIENT, Starter.CLINICIAN}),
        "If after about 3 weeks of regular exercise your scores have not improved, talk to your clinician "
        "about step 3.",
        (
            "Willy et al. 2019, JOSPT 49(9) CPG1-95",
            "Esculier et al. 2018, BJSM 52(10)",
            "Heiderscheit et al. 2011, Med Sci Sports Exerc 43(2)",
        ),
    ),
    Step(
        3,
        "Clinical treatments",
        # Heintjes 2004 (Cochrane CD003470) found no usable trial of steroid injections for this pain, and
        # neither Willy 2019 nor Gaitonde 2019 recommends them: the practice's step stays, with that said.
        _(
            "Your clinician may prescribe medicine or order imaging, alongside your exercises. The evidence "
            "does not support corticosteroid injections for runner's knee itself; your clinician may still "
            "discuss one for another problem found in the knee."
        ),
        (
            Task(
                "exercises",
                "Exercise program",
                TaskKind.EXERCISES,
                "Keep up your exercises: they remain the core of the treatment.",
            ),
            Task(
                "clinic_plan",
                "Follow your clinician's plan",
                TaskKind.REMINDER,
                "Take medicines only as your clinician prescribed. Ask before changing anything.",
            ),
            CHECK_IN,
        ),
        frozenset({Starter.CLINICIAN}),
        "If pain still limits you after clinical treatment, your clinician may discuss a surgical opinion.",
        (
            "Gaitonde et al. 2019, Am Fam Physician 99(2)",
            "Willy et al. 2019, JOSPT 49(9) CPG1-95",
            "Heintjes et al. 2004, Cochrane Database Syst Rev CD003470",
        ),
    ),
    Step(
        4,
        "Surgical opinion",
        # Kettunen 2007 (9 months) and 2012 (5 years): arthroscopy plus home exercise was no better than
        # the same exercise alone in chronic patellofemoral pain.
        _(
            "Referral to a surgeon to discuss an arthroscopy, cartilage repair or removal, or realigning the "
            "kneecap. For runner's knee itself, arthroscopy added to exercise did no better than exercise alone, "
            "so an operation is for a specific problem the surgeon finds."
        ),
        (
            Task(
                "exercises",
                "Exercise program",
                TaskKind.EXERCISES,
                "Stay strong before any operation: it helps recovery.",
            ),
            Task(
                "referral",
                "Surgical consultation",
                TaskKind.REMINDER,
                "Write down your questions for the surgeon and bring your pain diary.",
            ),
            CHECK_IN,
        ),
        frozenset({Starter.CLINICIAN}),
        "The surgeon and your clinician decide the next steps with you.",
        (
            "Our runner's knee page: treatment, step by step",
            "Gaitonde et al. 2019, Am Fam Physician 99(2)",
            "Kettunen et al. 2007, BMC Med 5:38",
            "Kettunen et al. 2012, Br J Sports Med 46(4)",
        ),
    ),
)


STEP_NUMBERS = tuple(s.number for s in STEPS)
PATIENT_STEPS = frozenset(s.number for s in STEPS if Starter.PATIENT in s.who_can_start)


def step(number: int) -> Step:
    """The step with NUMBER (1-4); ValueError otherwise."""
    for item in STEPS:
        if item.number == number:
            return item
    raise ValueError(f"There is no step {number}; the ladder has steps 1 to {len(STEPS)}.")


def tasks_for(number: int, day_in_step: int) -> list[Task]:
    """The tasks of step NUMBER on day DAY_IN_STEP (0 = the day the step started)."""
    return [t for t in step(number).tasks if t.first_days is None or day_in_step < t.first_days]


def may_change(starter: Starter, current: int | None, target: int) -> bool:
    """Whether STARTER may move a plan from step CURRENT (None: no plan yet) to TARGET.

    Clinicians of the care team may set any step. A patient may only choose
    between the steps they may start themselves, and may not leave a step a
    clinician started (3 or 4), because that was a clinical decision.
    """
    if target not in STEP_NUMBERS:
        return False
    if starter is Starter.CLINICIAN:
        return True
    return target in PATIENT_STEPS and (current is None or current in PATIENT_STEPS)
