"""The exercise library, written by the project (docs/clinical-evidence.md sections 1 and 2).

Combined hip and knee exercise has the strongest evidence for runner's knee
(Willy et al. 2019). Stretches for the quadriceps, hamstrings and calves come
from the practice's own advice. Dosage: sets, repetitions and hold time in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

CPG = "Willy RW et al. Patellofemoral pain. JOSPT 2019;49(9):CPG1-CPG95"
LACK = "Lack S et al. Proximal muscle rehabilitation for patellofemoral pain: a systematic review. BJSM 2015;49(21)"
VANDERHEIJDEN = "van der Heijden RA et al. Exercise for treating patellofemoral pain syndrome. Cochrane 2015"
PRACTICE = "The practice's runner's knee page (prevention: stretch quadriceps, hamstrings and calves)"
BARTON = "Barton CJ et al. The 'Best Practice Guide to Conservative Management of Patellofemoral Pain'. BJSM 2015"


class Kind(StrEnum):
    STRETCH = "stretch"
    STRENGTH = "strength"


@dataclass(frozen=True)
class Exercise:
    code: str
    name: str
    kind: Kind
    targets: str
    purpose: str
    how: tuple[str, ...]
    sets: int
    reps: int
    hold_s: int
    feel: str
    stop_if: str
    sources: tuple[str, ...]

    @property
    def dosage(self) -> str:
        """Plain-words dosage, e.g. '3 sets of 10, hold 5 seconds'."""
        return dosage_text(self.sets, self.reps, self.hold_s)


def dosage_text(sets: int, reps: int, hold_s: int) -> str:
    parts = [f"{sets} set{'s' if sets != 1 else ''} of {reps}"]
    if hold_s:
        parts.append(f"hold {hold_s} seconds")
    return ", ".join(parts)


STOP = "Stop if the pain goes above 5 out of 10, if it is sharp, or if the knee swells, locks or gives way."

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "quad_stretch",
        "Standing thigh stretch",
        Kind.STRETCH,
        "quadriceps (front of thigh)",
        "Tight muscles at the front of the thigh press the kneecap harder against the thighbone.",
        (
            "Stand next to a wall or chair and hold it for balance.",
            "Bend the sore knee and take hold of that ankle behind you.",
            "Keep your knees side by side and gently tuck your bottom under.",
        ),
        1,
        3,
        30,
        "A gentle pull along the front of the thigh.",
        "Stop if you feel pain at the kneecap itself; use a strap or towel round the ankle instead of bending further.",
        (PRACTICE, CPG),
    ),
    Exercise(
        "hamstring_stretch",
        "Hamstring stretch on a step",
        Kind.STRETCH,
        "hamstrings (back of thigh)",
        "Tight hamstrings are one of the causes of runner's knee named by the practice.",
        (
            "Put your heel on a low step with the knee straight and toes pointing up.",
            "Keep your back straight and lean forward from the hips.",
        ),
        1,
        3,
        30,
        "A stretch along the back of the thigh, not behind the knee.",
        "Stop if you feel tingling or pain running down the leg.",
        (PRACTICE, CPG),
    ),
    Exercise(
        "calf_stretch",
        "Calf stretch against a wall",
        Kind.STRETCH,
        "calf muscles",
        "Stiff calves change the way the foot lands and can add load at the knee.",
        (
            "Face a wall with your hands on it, sore leg behind.",
            "Keep the back heel on the floor and the back knee straight.",
            "Bend the front knee until you feel the stretch in the back calf.",
        ),
        1,
        3,
        30,
        "A stretch in the calf of the back leg.",
        "Stop if you feel pain in the Achilles tendon or the heel.",
        (PRACTICE, CPG),
    ),
    Exercise(
        "soleus_stretch",
        "Bent-knee calf stretch",
        Kind.STRETCH,
        "deep calf muscle (soleus)",
        "Stretches the lower calf muscle that the straight-knee stretch misses.",
        (
            "Stand as for the wall calf stretch.",
            "Bend the back knee a little while keeping the heel down.",
        ),
        1,
        3,
        30,
        "A stretch low in the calf, above the heel.",
        "Stop if you feel pain in the Achilles tendon.",
        (PRACTICE,),
    ),
    Exercise(
        "quad_set",
        "Thigh tightening",
        Kind.STRENGTH,
        "quadriceps",
        "Wakes up the thigh muscle without bending the knee: useful while the knee is sore.",
        (
            "Sit with the leg straight out and a rolled towel under the knee.",
            "Press the back of the knee into the towel by tightening the front of the thigh.",
        ),
        3,
        10,
        5,
        "The front of the thigh working hard; the kneecap may move up a little.",
        STOP,
        (CPG, VANDERHEIJDEN),
    ),
    Exercise(
        "straight_leg_raise",
        "Straight leg raise",
        Kind.STRENGTH,
        "quadriceps and hip flexors",
        "Strengthens the thigh while the knee stays straight, so the kneecap is under little pressure.",
        (
            "Lie on your back with the other knee bent and that foot flat.",
            "Tighten the thigh of the straight leg and lift it to the height of the other knee.",
            "Lower it slowly.",
        ),
        3,
        10,
        3,
        "The front of the thigh and hip working.",
        STOP,
        (CPG, VANDERHEIJDEN),
    ),
    Exercise(
        "wall_sit",
        "Wall sit",
        Kind.STRENGTH,
        "quadriceps",
        "Builds thigh strength in a bent-knee position you control.",
        (
            "Stand with your back against a wall, feet a step away from it, hip-width apart.",
            "Slide down until your knees are bent to a comfortable angle, no deeper than a right angle.",
            "Keep the knees over the toes, not drifting inward.",
        ),
        3,
        5,
        20,
        "The thighs working and getting tired.",
        STOP + " Slide less far down if the kneecap hurts.",
        (CPG, BARTON),
    ),
    Exercise(
        "step_down",
        "Step-down",
        Kind.STRENGTH,
        "quadriceps and hip muscles",
        "Trains control of the knee when going down, the movement that often hurts most.",
        (
            "Stand sideways on a low step on the sore leg.",
            "Slowly lower the other heel to touch the floor, keeping the knee over the middle of the foot.",
            "Push back up through the standing leg.",
        ),
        3,
        10,
        0,
        "The thigh and the side of the hip working.",
        STOP + " Use a lower step if the knee drifts inward.",
        (CPG, BARTON),
    ),
    Exercise(
        "clamshell",
        "Clamshell",
        Kind.STRENGTH,
        "hip external rotators and abductors",
        "Strong hip muscles stop the knee from falling inward, which eases the kneecap.",
        (
            "Lie on your side with hips and knees bent and your heels together.",
            "Keep the heels touching and lift the top knee, without rolling the hips back.",
            "Lower it slowly.",
        ),
        3,
        15,
        2,
        "The side and back of the hip working.",
        STOP,
        (LACK, CPG),
    ),
    Exercise(
        "side_lying_leg_raise",
        "Side-lying leg raise",
        Kind.STRENGTH,
        "hip abductors",
        "Strengthens the muscles on the side of the hip that keep the knee in line.",
        (
            "Lie on your side with the bottom knee bent and the top leg straight.",
            "Turn the toes slightly down and lift the top leg a little behind the line of your body.",
            "Lower it slowly.",
        ),
        3,
        12,
        2,
        "The side of the hip working, not the front of the thigh.",
        STOP,
        (LACK, CPG),
    ),
    Exercise(
        "bridge",
        "Bridge",
        Kind.STRENGTH,
        "gluteal muscles and hamstrings",
        "Strong buttock muscles share the work of the knee in running and on stairs.",
        (
            "Lie on your back with knees bent and feet flat, hip-width apart.",
            "Squeeze your buttocks and lift your hips until your body is in a line from shoulders to knees.",
            "Lower slowly.",
        ),
        3,
        12,
        3,
        "The buttocks and the back of the thighs working.",
        STOP + " Stop too if your lower back hurts.",
        (LACK, BARTON),
    ),
    Exercise(
        "calf_raise",
        "Calf raise",
        Kind.STRENGTH,
        "calf muscles",
        "Strong calves absorb more of each landing when you walk and run.",
        (
            "Stand on both feet, holding a wall or chair for balance.",
            "Rise up onto your toes, then lower slowly.",
            "When it is easy, do it on one leg.",
        ),
        3,
        15,
        0,
        "The calves working and getting tired.",
        STOP,
        (CPG,),
    ),
    Exercise(
        "side_plank",
        "Side plank",
        Kind.STRENGTH,
        "hip abductors and trunk",
        "Works the side of the hip and the trunk together, to keep the pelvis level when you run.",
        (
            "Lie on your side propped on your elbow, knees bent.",
            "Lift your hips so your body is in a straight line from head to knees.",
            "When that is easy, straighten the legs.",
        ),
        3,
        3,
        20,
        "The side of the trunk and hip working.",
        STOP + " Stop too if your shoulder hurts.",
        (LACK, BARTON),
    ),
    Exercise(
        "hip_external_rotation",
        "Standing hip turn with a band",
        Kind.STRENGTH,
        "hip external rotators",
        "Trains the hip to turn the thigh outward, so the knee does not roll inward.",
        (
            "Stand on the sore leg with an elastic band around both knees, holding a wall for balance.",
            "Turn your body away from the standing leg using the hip, keeping the knee over the foot.",
            "Come back slowly.",
        ),
        3,
        12,
        2,
        "The back and side of the standing hip working.",
        STOP,
        (LACK, CPG),
    ),
    Exercise(
        "mini_squat",
        "Mini squat",
        Kind.STRENGTH,
        "quadriceps and gluteal muscles",
        "Gets the knee used to bending under load again, within a pain-free range.",
        (
            "Stand with feet hip-width apart, holding a chair if needed.",
            "Push your hips back and bend the knees a little, as if starting to sit down.",
            "Keep the knees over the toes and stand back up.",
        ),
        3,
        10,
        0,
        "The thighs and buttocks working.",
        STOP + " Bend less if the kneecap hurts.",
        (CPG, VANDERHEIJDEN),
    ),
)

BY_CODE = {e.code: e for e in EXERCISES}

# The program a patient gets when step 2 starts; clinicians tailor it from there.
DEFAULT_PROGRAM = (
    "quad_stretch",
    "hamstring_stretch",
    "calf_stretch",
    "straight_leg_raise",
    "wall_sit",
    "clamshell",
    "side_lying_leg_raise",
    "bridge",
    "calf_raise",
)


def exercise(code: str) -> Exercise:
    """The exercise CODE; KeyError with the known codes otherwise."""
    try:
        return BY_CODE[code]
    except KeyError:
        raise KeyError(f"Unknown exercise {code!r}") from None
