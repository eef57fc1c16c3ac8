"""The self-check steps and the questionnaire form, in plain language."""

from __future__ import annotations

from typing import Any

from django import forms

from assessments import instruments, triage

YES_NO = [("no", "No"), ("yes", "Yes")]


class AboutForm(forms.Form):
    title = "About you and your knee"
    age = forms.IntegerField(
        label="How old are you?",
        min_value=1,
        max_value=120,
        error_messages={
            "required": "Please tell us your age.",
            "invalid": "Please give your age as a whole number, for example 34.",
            "min_value": "Please give your age in years.",
            "max_value": "Please check your age: it should be 120 or less.",
        },
    )
    side = forms.ChoiceField(
        label="Which knee hurts?",
        choices=list(triage.SIDES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose the knee that hurts."},
    )
    pain_nrs = forms.TypedChoiceField(
        label="How bad has the pain been over the past day?",
        help_text="0 means no pain, 10 the worst pain you can imagine.",
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        error_messages={"required": "Please choose a number from 0 to 10."},
    )
    duration_weeks = forms.IntegerField(
        label="How many weeks have you had this pain?",
        help_text="Less than a week? Enter 0.",
        min_value=0,
        max_value=1040,
        error_messages={
            "required": "Please tell us how many weeks, or 0 if less than a week.",
            "invalid": "Please give a whole number of weeks, for example 3.",
            "min_value": "Please give a number of weeks of 0 or more.",
            "max_value": "Please give the number of weeks (20 years at most).",
        },
    )


def _grouped(flags: dict[str, str]) -> list[tuple[str, str]]:
    return list(flags.items())


class WarningSignsForm(forms.Form):
    title = "Warning signs"
    emergency_flags = forms.MultipleChoiceField(
        label="Do any of these apply to you now?",
        choices=_grouped(triage.EMERGENCY_FLAGS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    urgent_flags = forms.MultipleChoiceField(
        label="Have any of these happened?",
        choices=_grouped(triage.URGENT_FLAGS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    review_flags = forms.MultipleChoiceField(
        label="Do you have any of these?",
        choices=_grouped(triage.REVIEW_FLAGS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    recent_injury = forms.ChoiceField(
        label="Did the pain start with a fall, a twist or a blow to the knee in the past week?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Please answer yes or no."},
    )
    injury_findings = forms.MultipleChoiceField(
        label="Only if you hurt your knee in the past week: do any of these apply?",
        choices=[(code, text[0].upper() + text[1:]) for code, text in triage.OTTAWA_FINDINGS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class SymptomsForm(forms.Form):
    title = "Your symptoms"
    symptoms = forms.MultipleChoiceField(
        label="Which of these do you notice?",
        help_text="Tick all that apply. It is fine to tick none.",
        choices=list(triage.SYMPTOMS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class RiskFactorsForm(forms.Form):
    title = "What may have added to it"
    risk_factors = forms.MultipleChoiceField(
        label="Do any of these apply to you?",
        help_text="These do not change how urgent your result is, but they help plan your care.",
        choices=list(triage.RISK_FACTORS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


STEPS: list[type[forms.Form]] = [AboutForm, WarningSignsForm, SymptomsForm, RiskFactorsForm]


def answers_from_steps(steps: dict[str, dict[str, Any]]) -> triage.Answers:
    """Join the cleaned data of every step (as stored in the session) into triage answers."""
    about = steps["0"]
    signs = steps["1"]
    flags = [*signs.get("emergency_flags", []), *signs.get("urgent_flags", []), *signs.get("review_flags", [])]
    findings = set(signs.get("injury_findings", []))
    injury = triage.Injury(
        recent=signs.get("recent_injury") == "yes", **{code: code in findings for code in triage.OTTAWA_FINDINGS}
    )
    return triage.Answers(
        age=int(about["age"]),
        side=str(about["side"]),
        symptoms=frozenset(steps["2"].get("symptoms", [])),
        red_flags=frozenset(flags),
        risk_factors=frozenset(steps["3"].get("risk_factors", [])),
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
