from __future__ import annotations

from django import forms
from django.http import HttpRequest

from accounts.models import User


class AuditFilterForm(forms.Form):
    actor = forms.CharField(required=False, max_length=150, label="Who")
    patient = forms.CharField(required=False, max_length=150, label="Patient")
    action = forms.CharField(required=False, max_length=80, label="Action starts with")
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date is before the start date.")
        return data


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: the name handouts and the care team address people by."""

    name = forms.CharField(max_length=150, label="Your name", help_text="As you would like the practice to call you.")

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Please tell us your name.")
        return name

    def signup(self, request: HttpRequest, user: User) -> None:
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
