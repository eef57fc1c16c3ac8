from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext

from care import ladder
from care.models import PainfulActivity, Side, TaskStatus
from care.warning_signs import FLAG_QUESTIONS, FLAGS

PAIN_ERRORS = {
    "min_value": "Pain is scored from 0 to 10.",
    "max_value": "Pain is scored from 0 to 10.",
    "invalid": "Give a whole number from 0 to 10.",
    "required": "Give a number from 0 (no pain) to 10 (worst pain imaginable).",
}


def pain_field(label: str, required: bool = False, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=10,
        help_text=help_text,
        error_messages=PAIN_ERRORS,
        widget=forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric", "class": "pain"}),
    )


class CheckInForm(forms.Form):
    date = forms.DateField(
        label="Day",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as YYYY-MM-DD.", "required": "Give the date of the check-in."},
    )
    side = forms.ChoiceField(label="Which knee?", choices=Side.choices, widget=forms.RadioSelect, initial=Side.RIGHT)
    pain_now = pain_field("Pain now", required=True, help_text="0 = no pain, 10 = worst pain imaginable.")
    pain_worst = pain_field("Worst pain today")
    pain_during_activity = pain_field("Pain during activity or exercise")
    pain_after_activity = pain_field("Pain after activity")
    morning_pain = pain_field("Pain this morning")
    morning_stiffness = pain_field("Stiffness this morning")
    painful_activities = forms.MultipleChoiceField(
        label="What hurt today?",
        choices=PainfulActivity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    swelling = forms.BooleanField(label="The knee was swollen", required=False)
    giving_way = forms.BooleanField(label="The knee gave way", required=False)
    nsaid_taken = forms.BooleanField(label="I took an anti-inflammatory painkiller (NSAID)", required=False)
    # Warning signs: the diary's own three, then the self-check's questions in its words (same level, same advice).
    locking = forms.BooleanField(label=FLAG_QUESTIONS["locking"], required=False)
    large_swelling = forms.BooleanField(label=FLAG_QUESTIONS["large_swelling"], required=False)
    repeated_giving_way = forms.BooleanField(label=FLAG_QUESTIONS["repeated_giving_way"], required=False)
    calf_swelling_or_pain = forms.BooleanField(label=FLAG_QUESTIONS["calf_swelling_or_pain"], required=False)
    chest_pain_or_breathless = forms.BooleanField(label=FLAG_QUESTIONS["chest_pain_or_breathless"], required=False)
    hot_swollen_no_fever = forms.BooleanField(label=FLAG_QUESTIONS["hot_swollen_no_fever"], required=False)
    hot_red_swollen_fever = forms.BooleanField(label=FLAG_QUESTIONS["hot_red_swollen_fever"], required=False)
    cannot_bear_weight = forms.BooleanField(label=FLAG_QUESTIONS["cannot_bear_weight"], required=False)
    cannot_straighten_or_lift_leg = forms.BooleanField(
        label=FLAG_QUESTIONS["cannot_straighten_or_lift_leg"], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def warning_signs(self) -> list[BoundField]:
        """The warning-sign questions, in the order the light lists them."""
        return [self[name] for name in FLAGS]


class TaskLogForm(forms.Form):
    task = forms.CharField(max_length=40)
    status = forms.ChoiceField(choices=TaskStatus.choices)
    reason = forms.CharField(max_length=200, required=False)


class IceForm(forms.Form):
    minutes = forms.IntegerField(
        label="Minutes",
        min_value=1,
        max_value=60,
        error_messages={
            "min_value": "An ice session lasts 1 to 60 minutes; 15 to 20 is the advice.",
            "max_value": "An ice session lasts 1 to 60 minutes; 15 to 20 is the advice.",
            "invalid": "Give the minutes as a whole number.",
            "required": "Give the minutes.",
        },
    )


def patient_step_choices() -> list[tuple[int, str]]:
    """The steps a patient may start or move to themselves, as the ladder says ("Step 1: calm it down")."""
    return [
        (s.number, gettext("Step %(number)d: %(title)s") % {"number": s.number, "title": s.title.lower()})
        for s in ladder.STEPS
        if s.number in ladder.PATIENT_STEPS
    ]


def _choose_own_step() -> str:
    """'Choose step 1 or step 2.': the patient's own steps, in the language of the request."""
    words = [gettext("step %(number)d") % {"number": n} for n in sorted(ladder.PATIENT_STEPS)]
    return gettext("Choose %(steps)s.") % {"steps": gettext(" or ").join(words)}


CHOOSE_OWN_STEP = lazy(_choose_own_step, str)()


class StartPlanForm(forms.Form):
    step = forms.TypedChoiceField(
        label="Where to start",
        coerce=int,
        choices=patient_step_choices,
        initial=min(ladder.PATIENT_STEPS),
        widget=forms.RadioSelect,
    )
    goals = forms.CharField(
        label="Your goals (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: run 5 km without pain, or climb stairs at work comfortably.",
        error_messages={
            "max_length": "Please keep your goals to %(limit_value)d characters (you wrote %(show_value)d)."
        },
    )
    self_check = forms.IntegerField(required=False, widget=forms.HiddenInput)


class StepForm(forms.Form):
    step = forms.TypedChoiceField(
        label="Move to",
        coerce=int,
        choices=patient_step_choices,
        error_messages={"invalid_choice": CHOOSE_OWN_STEP, "required": CHOOSE_OWN_STEP},
    )
    reason = forms.CharField(
        label="Why?",
        max_length=500,
        error_messages={
            "required": "Say why you are changing step.",
            "max_length": "Please keep the reason to %(limit_value)d characters (you wrote %(show_value)d).",
        },
    )


class RunSessionForm(forms.Form):
    date = forms.DateField(
        label="Day",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the date as YYYY-MM-DD.", "required": "Give the day of the session."},
    )
    level = forms.IntegerField(
        label="Level",
        min_value=1,
        max_value=8,
        error_messages={
            "required": "Give the level you did, from 1 to 8.",
            "invalid": "Give the level as a whole number from 1 to 8.",
            "min_value": "The levels go from 1 to 8.",
            "max_value": "The levels go from 1 to 8.",
        },
    )
    more_pain = forms.BooleanField(
        label="More pain than before the session (during or the next morning)", required=False
    )
    more_swelling = forms.BooleanField(label="More swelling than before the session", required=False)
    notes = forms.CharField(label="Notes", max_length=200, required=False)
