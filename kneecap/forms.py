"""The project's form renderer (settings.FORM_RENDERER).

Every field renders through one template, forms/field.html: pages write {{ form }} or
{{ field.as_field_group }} and never repeat the label, help text and error markup themselves.
"""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Django's renderer over settings.TEMPLATES, with the project's form and field templates.

    TemplatesSetting (not the default DjangoTemplates renderer) so that a field's own template_name,
    such as practice's honeypot, is found in the apps' template folders like any page template.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
