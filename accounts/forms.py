from __future__ import annotations

from django import forms


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
