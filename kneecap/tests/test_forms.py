"""The project's form renderer: one field template gives every field its label, help, errors and aria links."""

from __future__ import annotations

import lxml.html
from django import forms
from django.forms.renderers import get_default_renderer

from kneecap.forms import FormRenderer


class Sample(forms.Form):
    name = forms.CharField(label="Your name", max_length=20, help_text="As on your insurance card.")
    knee = forms.ChoiceField(
        label="Which knee?", choices=[("left", "Left"), ("right", "Right")], widget=forms.RadioSelect, help_text="One."
    )
    agree = forms.BooleanField(label="I agree", help_text="You can change your mind.")
    note = forms.CharField(label="Note", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def render(form: forms.Form) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(str(form), create_parent="form")


def ids_described(element: lxml.html.HtmlElement) -> list[str]:
    return element.get("aria-describedby", "").split()


def test_every_form_uses_the_project_renderer():
    assert isinstance(get_default_renderer(), FormRenderer)
    assert Sample().template_name == "forms/form.html"
    assert Sample()["name"].template_name == "forms/field.html"


def test_a_field_shows_its_label_help_and_required_marker():
    page = render(Sample())
    field = page.get_element_by_id("id_name")
    label = page.xpath("//label[@for='id_name']")[0]
    assert label.text_content() == "Your name:"
    assert field.get("required") is not None
    assert field.get("aria-invalid") is None
    assert ids_described(field) == ["id_name_helptext"]
    assert page.get_element_by_id("id_name_helptext").text_content() == "As on your insurance card."
    assert page.get_element_by_id("id_note").get("required") is None


def test_errors_are_shown_at_the_field_and_tied_to_it():
    form = Sample({"name": "x" * 21})
    page = render(form)
    field = page.get_element_by_id("id_name")
    assert field.get("aria-invalid") == "true"
    assert ids_described(field) == ["id_name_helptext", "id_name_error"]
    error = page.get_element_by_id("id_name_error")
    assert error.tag == "ul" and "errorlist" in error.get("class")
    assert "at most 20 characters" in error.text_content()
    wrapper = field.getparent()
    assert wrapper.get("class") == "field has-error"
    # The error comes before the input, so a screen reader meets it while reading down to the field.
    children = list(wrapper)
    assert children.index(error) < children.index(field)


def test_a_radio_group_is_a_fieldset_that_names_its_help_and_errors():
    page = render(Sample({}))
    fieldset = page.xpath("//fieldset[legend='Which knee?']")[0]
    assert ids_described(fieldset) == ["id_knee_helptext", "id_knee_error"]
    for id_ in ids_described(fieldset):
        assert page.get_element_by_id(id_) is not None
    radios = fieldset.xpath(".//input[@type='radio']")
    assert [r.get("name") for r in radios] == ["knee", "knee"]
    assert all(r.get("aria-invalid") == "true" for r in radios)


def test_a_checkbox_sits_in_its_label_with_its_help_and_errors_tied_to_it():
    html = str(Sample({}))
    assert '<div class="check-field has-error"><label><input type="checkbox" name="agree"' in html
    page = render(Sample({}))
    box = page.get_element_by_id("id_agree")
    assert box.getparent().tag == "label" and box.getparent().text_content().strip() == "I agree"
    assert box.get("aria-invalid") == "true"
    assert ids_described(box) == ["id_agree_helptext", "id_agree_error"]
    assert page.get_element_by_id("id_agree_error").text_content() == "This field is required."
    assert page.get_element_by_id("id_agree_helptext").text_content() == "You can change your mind."


def test_a_hidden_field_is_only_its_input():
    page = render(Sample(initial={"token": "abc"}))
    token = page.xpath("//input[@name='token']")[0]
    assert token.get("type") == "hidden" and token.get("value") == "abc"
    assert token.getparent().tag == "form"  # no wrapper, label or help around it


def test_one_field_renders_alone_the_same_way():
    form = Sample({"name": ""})
    group = lxml.html.fragment_fromstring(form["name"].as_field_group(), create_parent="div")
    assert group.xpath("//div[@class='field has-error']/label[@for='id_name']")
    assert group.get_element_by_id("id_name_error").text_content() == "This field is required."
    assert str(form).count('id="id_name_error"') == 1
