"""The self-check steps and the questionnaire form, in plain language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from assessments import instruments, questions, triage

YES_NO = [("no", _("No")), ("yes", _("Yes"))]


class AboutForm(forms.Form):
    title = _("About you and your knee")
    age = forms.IntegerField(
        label=_("How old are you?"),
        min_value=1,
        max_value=120,
        error_messages={
            "required": _("Please tell us your age."),
            "invalid": _("Please give your age as a whole number, for example 34."),
            "min_value": _("Please give your age in years."),
            "max_value": _("Please check your age: it should be 120 or less."),
        },
    )
    side = forms.ChoiceField(
        label=_("Which knee hurts?"),
        choices=list(questions.SIDES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose the knee that hurts.")},
    )
    pain_nrs = forms.TypedChoiceField(
        label=_("How bad has the pain been over the past day?"),
        help_text=_("0 means no pain, 10 the worst pain you can imagine."),
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        error_messages={"required": _("Please choose a number from 0 to 10.")},
    )
    duration_weeks = forms.IntegerField(
        label=_("How many weeks have you had this pain?"),
        help_text=_("Less than a week? Enter 0."),
        min_value=0,
        max_value=1040,
        error_messages={
            "required": _("Please tell us how many weeks, or 0 if less than a week."),
            "invalid": _("Please give a whole number of weeks, for example 3."),
            "min_value": _("Please give a number of weeks of 0 or more."),
            "max_value": _("Please give the number of weeks (20 years at most)."),
        },
    )


def _choices(codes: tuple[str, ...]) -> list[tuple[str, Any]]:
    return [(code, questions.RED_FLAGS[code]) for code in codes]


#: The warning signs grouped by what they are about, not by level: a person reads about their knee,
#: then their leg and breathing, then recent treatment, then everything else. Every red flag that is
#: not an injury question is in exactly one group (a test checks it).
WARNING_GROUPS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "knee_flags": (
        _("Your knee now: do any of these apply?"),
        (
            "hot_red_swollen_fever",
            "hot_swollen_no_fever",
            "cannot_bear_weight",
            "locked_knee",
            "swelling_without_injury",
        ),
    ),
    "circulation_flags": (
        _("Your leg, chest and breathing: do any of these apply?"),
        ("calf_swelling_or_pain", "chest_pain_or_breathless", "numbness_or_cold_foot", "leg_weakness_or_back_pain"),
    ),
    "treatment_flags": (
        _("Recent treatment"),
        ("recent_knee_surgery_or_injection",),
    ),
    "review_flags": (
        _("Do you have any of these?"),
        (
            "hip_groin_thigh_pain",
            "night_or_rest_pain",
            "constant_pain",
            "rapidly_worsening",
            "long_morning_stiffness",
            "multiple_joints",
            "lump",
            "unexplained_weight_loss",
            "cancer_history",
            "limp_or_fever_under_18",
        ),
    ),
}
#: Red flags asked on the injury step: they are about what an injury did to the knee.
INJURY_FLAGS: tuple[str, ...] = (
    "deformity_after_injury",
    "cannot_straighten_or_lift_leg",
    "rapid_swelling_after_injury",
    "kneecap_dislocated",
    "suspected_ligament_injury",
)


def _flags_field(label: Any, codes: tuple[str, ...]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=_choices(codes), widget=forms.CheckboxSelectMultiple, required=False
    )


class WarningSignsForm(forms.Form):
    title = _("Warning signs")
    intro = _("These signs can mean a problem that needs care quickly. Tick any that apply; it is fine to tick none.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (label, codes) in WARNING_GROUPS.items():
            self.fields[name] = _flags_field(label, codes)


class InjuryForm(forms.Form):
    title = _("Falls and injuries")
    intro = _("A fall, a blow or a twist can hurt the knee in ways that need an examination.")
    fall_or_blow = forms.ChoiceField(
        label=_("Have you ever had a hard fall onto this knee, or a direct blow to it?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please answer yes or no.")},
    )
    recent_injury = forms.ChoiceField(
        label=_("Did the pain start with a fall, a twist or a blow to the knee in the past week?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please answer yes or no.")},
    )
    injury_flags = _flags_field(_("After any injury to this knee, recent or not: do any of these apply?"), INJURY_FLAGS)
    injury_findings = forms.MultipleChoiceField(
        label=_("Only if you hurt your knee in the past week: do any of these apply?"),
        choices=[(code, capfirst(text)) for code, text in questions.OTTAWA_FINDINGS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class SymptomsForm(forms.Form):
    title = _("Your symptoms")
    symptoms = forms.MultipleChoiceField(
        label=_("Which of these do you notice?"),
        help_text=_("Tick all that apply. It is fine to tick none."),
        choices=list(questions.SYMPTOMS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class RiskFactorsForm(forms.Form):
    title = _("What may have added to it")
    risk_factors = forms.MultipleChoiceField(
        label=_("Do any of these apply to you?"),
        help_text=_("They help your clinician and your plan work on the causes."),
        choices=[(code, text) for code, text in questions.RISK_FACTORS.items() if code != "fall_or_blow"],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


STEPS: list[type[forms.Form]] = [AboutForm, WarningSignsForm, InjuryForm, SymptomsForm, RiskFactorsForm]


def answers_from_steps(steps: dict[str, dict[str, Any]]) -> triage.Answers:
    """Join the cleaned data of every step (as stored in the session) into triage answers."""
    about, signs, injury_step, symptoms, risks = (steps.get(str(i), {}) for i in range(len(STEPS)))
    flags = [
        code
        for name in (*WARNING_GROUPS, "injury_flags")
        for code in [*signs.get(name, []), *injury_step.get(name, [])]
    ]
    findings = set(injury_step.get("injury_findings", []))
    injury = triage.Injury(
        recent=injury_step.get("recent_injury") == "yes",
        **{code: code in findings for code in questions.OTTAWA_FINDINGS},
    )
    risk_factors = set(risks.get("risk_factors", []))
    if injury_step.get("fall_or_blow") == "yes":
        risk_factors.add("fall_or_blow")
    return triage.Answers(
        age=int(about["age"]),
        side=str(about["side"]),
        symptoms=frozenset(symptoms.get("symptoms", [])),
        red_flags=frozenset(flags),
        risk_factors=frozenset(risk_factors),
        injury=injury,
        pain_nrs=int(about["pain_nrs"]),
        duration_weeks=int(about["duration_weeks"]),
    )


class QuestionnaireForm(forms.Form):
    """One radio group per item; the instrument decides which items are required."""

    def __init__(self, instrument: instruments.Instrument, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        all_required = not instrument.min_items
        for number, item in enumerate(instrument.items, start=1):
            self.fields[item.code] = forms.ChoiceField(
                label=f"{number}. {item.text}",
                choices=[(o.code, o.label) for o in item.options],
                widget=forms.RadioSelect,
                required=all_required,
                error_messages={"required": "Please answer this question."},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        answers = {code: value for code, value in data.items() if value}
        try:
            self.instrument.check(answers)
        except instruments.AnswerError as exc:
            for key, message in exc.errors.items():
                self.add_error(key if key in self.fields else None, message)
        return data

    def answers(self) -> dict[str, str]:
        return {code: value for code, value in self.cleaned_data.items() if value}
