from __future__ import annotations

import re
from datetime import time
from typing import Any

from django import forms

from practice import hours
from practice.models import ContactReason, RequestStatus, Weekday

MAX_MESSAGE = 5000
PHONE_RE = re.compile(r"^[0-9+().\-\s]{7,40}$")


def half_hours() -> list[tuple[str, str]]:
    slots = [time(h, m) for h in range(6, 22) for m in (0, 30)]
    return [("", "Any time")] + [(t.strftime("%H:%M"), hours.format_time(t)) for t in slots]


class HoneypotField(forms.CharField):
    """A text field people never see, left for automated form fillers; out of the tab order and of autofill.

    It is hidden by its own template, not by the shared field template, so that only the forms that
    declare one have a honeypot and no other form's field is ever hidden for its name.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
        super().__init__(**kwargs)
        # A field's own template wins over the renderer's (set here: django-stubs' CharField lacks the argument).
        self.template_name = "practice/honeypot_field.html"


class HoneypotMixin(forms.Form):
    """A field people never see; automated form fillers do."""

    website = HoneypotField(required=False, label="Leave this field empty", max_length=200)
    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=16)

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get("website", "")
        if value:
            raise forms.ValidationError(
                "This form looked automated and was not sent. Please leave the last field empty, or call us."
            )
        return value


class ContactForm(HoneypotMixin):
    name = forms.CharField(max_length=120, label="Your name")
    email = forms.EmailField(required=False, label="Email")
    phone = forms.CharField(required=False, max_length=40, label="Phone")
    reason = forms.ChoiceField(choices=ContactReason.choices, label="What is it about?")
    preferred_days = forms.TypedMultipleChoiceField(
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Days that suit you",
    )
    preferred_from = forms.TimeField(required=False, label="From", widget=forms.Select(choices=half_hours()))
    preferred_to = forms.TimeField(required=False, label="Until", widget=forms.Select(choices=half_hours()))
    message = forms.CharField(
        required=False,
        label="Message",
        widget=forms.Textarea(attrs={"maxlength": MAX_MESSAGE, "rows": 6}),
        help_text=f"Up to {MAX_MESSAGE:,} characters. Please do not include anything urgent: call us instead.",
    )

    field_order = [
        "name", "email", "phone", "reason", "preferred_days", "preferred_from", "preferred_to",
        "message", "website", "submission_token",
    ]  # fmt: skip

    def __init__(self, *args: Any, opening_hours: list[hours.Interval], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opening_hours = opening_hours
        open_days = {i.weekday for i in opening_hours}
        self.fields["preferred_days"].help_text = "We are open on " + ", ".join(
            Weekday(d).label for d in sorted(open_days)
        )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Please tell us your name.")
        return name

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data.get("phone", "").strip()
        if phone and (not PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < 7):
            raise forms.ValidationError("Enter a phone number with at least 7 digits, like (555) 123-4567.")
        return phone

    def clean_message(self) -> str:
        message: str = self.cleaned_data.get("message", "")
        if len(message) > MAX_MESSAGE:
            raise forms.ValidationError(
                f"Please shorten your message to {MAX_MESSAGE:,} characters (it has {len(message):,})."
            )
        return message

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", "Give an email address or a phone number so we can reach you.")
        self._check_preferred_times(data)
        return data

    def _check_preferred_times(self, data: dict[str, Any]) -> None:
        days: list[int] = data.get("preferred_days") or []
        start: time | None = data.get("preferred_from")
        end: time | None = data.get("preferred_to")
        open_days = {i.weekday for i in self.opening_hours}
        closed = [Weekday(d).label for d in days if d not in open_days]
        if closed:
            self.add_error("preferred_days", f"We are closed on {', '.join(closed)}. Please choose an open day.")
            return
        if start and end and end <= start:
            self.add_error("preferred_to", "The end time must be after the start time.")
            return
        for day in days or sorted(open_days):
            day_hours = [i for i in self.opening_hours if i.weekday == day]
            first = min(i.opens for i in day_hours)
            last = max(i.closes for i in day_hours)
            window_start = start or first
            window_end = end or last
            if not hours.is_within_hours(day, window_start, window_end, day_hours):
                self.add_error(
                    "preferred_from" if start and start < first else "preferred_to",
                    f"We are open {hours.format_time(first)} to {hours.format_time(last)} on "
                    f"{Weekday(day).label}. Please choose times inside opening hours.",
                )
                return


class TestimonialForm(HoneypotMixin):
    name = forms.CharField(max_length=120, label="Your name", help_text="Only your initials are shown.")
    text = forms.CharField(
        max_length=2000,
        label="Your experience",
        widget=forms.Textarea(attrs={"maxlength": 2000, "rows": 6}),
        help_text="Up to 2,000 characters. Please leave out details of your health you would not want public.",
    )
    consent = forms.BooleanField(
        required=True,
        label="I agree that the practice may show these words on its website, signed with my initials.",
        error_messages={"required": "We can only publish your words with your consent: tick the box."},
    )

    field_order = ["name", "text", "consent", "website", "submission_token"]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not any(ch.isalpha() for ch in name):
            raise forms.ValidationError("Please give your name; only your initials are shown.")
        return name


class RequestStatusForm(forms.Form):
    status = forms.ChoiceField(choices=RequestStatus.choices)


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "All"), *RequestStatus.choices], required=False)
    q = forms.CharField(required=False, max_length=100, label="Search")
