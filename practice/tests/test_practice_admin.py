from __future__ import annotations

from datetime import date, time

import pytest
from django.forms import modelform_factory

from practice.models import Closure, OpeningHours, Practice

pytestmark = pytest.mark.django_db


def test_closing_before_opening_is_refused_in_plain_words_without_the_constraint_name(practice):
    form_class = modelform_factory(OpeningHours, fields=["weekday", "opens", "closes"])
    data = {"weekday": 2, "opens": "08:00", "closes": "07:00"}
    form = form_class(data=data, instance=OpeningHours(practice=practice))
    assert not form.is_valid()
    assert form.errors["closes"] == ["Closing time must be after opening time."]
    assert "Constraint" not in str(form.errors)
    assert OpeningHours.objects.filter(practice=practice, closes=time(7)).count() == 0


def test_a_closure_ending_before_it_starts_is_refused_in_plain_words(practice):
    form_class = modelform_factory(Closure, fields=["start", "end", "reason"])
    form = form_class(data={"start": "2026-11-26", "end": "2026-11-24"}, instance=Closure(practice=practice))
    assert not form.is_valid()
    assert form.errors["end"] == ["The last day is before the first day."]
    assert "Constraint" not in str(form.errors)
    assert not Closure.objects.filter(start=date(2026, 11, 26), end=date(2026, 11, 24)).exists()


def test_a_phone_number_without_digits_is_refused_because_every_page_dials_it(practice):
    form_class = modelform_factory(Practice, fields=["name", "phone", "timezone"])
    data = {"name": practice.name, "phone": "call us", "timezone": practice.timezone}
    form = form_class(data=data, instance=practice)
    assert not form.is_valid()
    assert "with its digits" in form.errors["phone"][0]
    good = form_class(
        data={"name": practice.name, "phone": "(888) 261-7506", "timezone": practice.timezone}, instance=practice
    )
    assert good.is_valid()


def test_two_overlapping_intervals_on_one_weekday_are_refused(practice):
    from django.forms import inlineformset_factory

    from practice.admin import OpeningHoursFormSet

    formset_class = inlineformset_factory(
        Practice, OpeningHours, formset=OpeningHoursFormSet, fields=["weekday", "opens", "closes"], extra=2
    )
    practice.hours.all().delete()
    data = {
        "hours-TOTAL_FORMS": "2", "hours-INITIAL_FORMS": "0",
        "hours-0-weekday": "0", "hours-0-opens": "07:00", "hours-0-closes": "12:00",
        "hours-1-weekday": "0", "hours-1-opens": "08:00", "hours-1-closes": "17:00",
    }  # fmt: skip
    formset = formset_class(data=data, instance=practice, prefix="hours")
    assert not formset.is_valid()
    assert "overlap other hours on Monday" in str(formset.errors)
    data["hours-1-opens"] = "13:00"
    assert formset_class(data=data, instance=practice, prefix="hours").is_valid()
